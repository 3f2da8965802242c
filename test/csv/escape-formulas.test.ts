// CSV injection and -Append: Export-Csv and ConvertTo-Csv write formula-like values as pwsh does
// (unchanged) unless -EscapeFormulas or EXOSH_CSV_ESCAPE_FORMULAS=1 asks for OWASP's leading
// quote; -Append to a file whose last line has no line break doesn't glue the rows onto it.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { convertToCsvCmdlet, exportCsvCmdlet, importCsvCmdlet } from '../../src/cmdlets/utility/csv.js';
import { toCsvLines } from '../../src/shell/format/csv.js';
import { PSObject, type PSValue } from '../../src/shell/values.js';
import { runCmdlet } from '../helpers/context.js';

let dir: string;
let savedEnv: string | undefined;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exosh-csv-formulas-'));
  savedEnv = process.env.EXOSH_CSV_ESCAPE_FORMULAS;
  delete process.env.EXOSH_CSV_ESCAPE_FORMULAS;
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  if (savedEnv === undefined) delete process.env.EXOSH_CSV_ESCAPE_FORMULAS;
  else process.env.EXOSH_CSV_ESCAPE_FORMULAS = savedEnv;
});

/** Subjects an external sender could choose, one per formula-starting character, and a harmless one. */
function hostile(): PSObject[] {
  return [
    PSObject.from({ Subject: '=HYPERLINK("https://evil.example","Open")', Size: -5 }),
    PSObject.from({ Subject: '+1+1', Size: 1.5 }),
    PSObject.from({ Subject: "-2+3+cmd|' /C calc'!A0", Size: 0 }),
    PSObject.from({ Subject: '@SUM(1,1)', Size: 2 }),
    PSObject.from({ Subject: '\t=1', Size: 3 }),
    PSObject.from({ Subject: '\r=1', Size: 4 }),
    PSObject.from({ Subject: 'Invoice = paid', Size: null }),
  ];
}

function exportTo(file: string, input: PSValue[], params: Record<string, PSValue> = {}) {
  return runCmdlet(exportCsvCmdlet, { Path: file, ...params }, input, dir);
}

const read = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');

describe('formula-like values', () => {
  it('are written unchanged by default, as pwsh writes them', () => {
    exportTo('out.csv', hostile());
    expect(read('out.csv')).toBe(
      [
        '"Subject","Size"',
        '"=HYPERLINK(""https://evil.example"",""Open"")","-5"',
        '"+1+1","1.5"',
        '"-2+3+cmd|\' /C calc\'!A0","0"',
        '"@SUM(1,1)","2"',
        '"\t=1","3"',
        '"\r=1","4"',
        '"Invoice = paid",',
        '',
      ].join('\n'),
    );
  });

  it("get a leading ' with -EscapeFormulas; numbers and other text are left alone", () => {
    exportTo('out.csv', hostile(), { EscapeFormulas: true });
    expect(read('out.csv')).toBe(
      [
        '"Subject","Size"',
        '"\'=HYPERLINK(""https://evil.example"",""Open"")","-5"',
        '"\'+1+1","1.5"',
        '"\'-2+3+cmd|\' /C calc\'!A0","0"',
        '"\'@SUM(1,1)","2"',
        '"\'\t=1","3"',
        '"\'\r=1","4"',
        '"Invoice = paid",',
        '',
      ].join('\n'),
    );
  });

  it('are escaped in header names too, and with any quoting', () => {
    const obj = PSObject.from({ '=Name': '=x', Plain: '-y' });
    exportTo('never.csv', [obj], { EscapeFormulas: true, UseQuotes: 'Never' });
    expect(read('never.csv')).toBe("'=Name,Plain\n'=x,'-y\n");
    exportTo('fields.csv', [obj], { EscapeFormulas: true, QuoteFields: ['Plain'] });
    expect(read('fields.csv')).toBe('\'=Name,"Plain"\n\'=x,"\'-y"\n');
  });

  it('EXOSH_CSV_ESCAPE_FORMULAS=1 makes escaping the default; -EscapeFormulas:$false turns it off', () => {
    process.env.EXOSH_CSV_ESCAPE_FORMULAS = '1';
    exportTo('env.csv', [PSObject.from({ Subject: '@x' })]);
    expect(read('env.csv')).toBe('"Subject"\n"\'@x"\n');
    exportTo('off.csv', [PSObject.from({ Subject: '@x' })], { EscapeFormulas: false });
    expect(read('off.csv')).toBe('"Subject"\n"@x"\n');
    expect(toCsvLines([PSObject.from({ Subject: '=1' })], { includeHeader: true })).toEqual(['"Subject"', '"\'=1"']);
    process.env.EXOSH_CSV_ESCAPE_FORMULAS = '0';
    exportTo('zero.csv', [PSObject.from({ Subject: '@x' })]);
    expect(read('zero.csv')).toBe('"Subject"\n"@x"\n');
  });

  it('ConvertTo-Csv takes -EscapeFormulas too', () => {
    const input = [PSObject.from({ Subject: '=1+2', Size: -1 })];
    expect(runCmdlet(convertToCsvCmdlet, {}, input).output).toEqual(['"Subject","Size"', '"=1+2","-1"']);
    expect(runCmdlet(convertToCsvCmdlet, { EscapeFormulas: true }, input).output).toEqual(['"Subject","Size"', '"\'=1+2","-1"']);
  });
});

describe('-Append to a file whose last line has no line break', () => {
  it('starts a new line instead of gluing the row onto the last one', () => {
    fs.writeFileSync(path.join(dir, 'a.csv'), '"Name","Count"\n"ann","1"');
    exportTo('a.csv', [PSObject.from({ Name: 'bob', Count: 2 }), PSObject.from({ Name: 'cy', Count: 3 })], { Append: true });
    expect(read('a.csv')).toBe('"Name","Count"\n"ann","1"\n"bob","2"\n"cy","3"\n');
    const rows = runCmdlet(importCsvCmdlet, { Path: 'a.csv' }, undefined, dir).output as PSObject[];
    expect(rows.map((r) => [r.get('Name'), r.get('Count')])).toEqual([
      ['ann', '1'],
      ['bob', '2'],
      ['cy', '3'],
    ]);
  });

  it('a header alone without a line break keeps naming the columns', () => {
    fs.writeFileSync(path.join(dir, 'h.csv'), '"Name","Count"');
    exportTo('h.csv', [PSObject.from({ Name: 'bob', Count: 2 })], { Append: true });
    expect(read('h.csv')).toBe('"Name","Count"\n"bob","2"\n');
  });

  it('adds nothing to a file that ends with a line break (LF or CRLF), or when no row is appended', () => {
    fs.writeFileSync(path.join(dir, 'lf.csv'), '"Name"\n"ann"\n');
    exportTo('lf.csv', [PSObject.from({ Name: 'bob' })], { Append: true });
    expect(read('lf.csv')).toBe('"Name"\n"ann"\n"bob"\n');
    fs.writeFileSync(path.join(dir, 'crlf.csv'), '"Name"\r\n"ann"\r\n');
    exportTo('crlf.csv', [PSObject.from({ Name: 'bob' })], { Append: true });
    expect(read('crlf.csv')).toBe('"Name"\r\n"ann"\r\n"bob"\n');
    fs.writeFileSync(path.join(dir, 'none.csv'), '"Name"\n"ann"');
    exportTo('none.csv', [], { Append: true });
    expect(read('none.csv')).toBe('"Name"\n"ann"');
  });
});
