// Import-Csv and ConvertFrom-Csv: pwsh's own lenient reader (ImportCsvHelper in CsvCommands.cs).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { convertFromCsvCmdlet, importCsvCmdlet } from '../../src/cmdlets/utility/csv.js';
import { PSObject, type PSValue } from '../../src/shell/values.js';
import { failure, runCmdlet } from '../helpers/context.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exosh-csv-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function importText(text: string | Buffer, params: Record<string, PSValue> = {}) {
  fs.writeFileSync(path.join(dir, 'in.csv'), text);
  return runCmdlet(importCsvCmdlet, { Path: ['in.csv'], ...params }, undefined, dir);
}

const entries = (out: PSValue[]) => out.map((o) => (o as PSObject).entries());

describe('Import-Csv', () => {
  it('reads quoted fields with embedded quotes, delimiters and newlines', () => {
    const run = importText('"A","B","C"\n"say ""hi""","x,y","line1\r\nline2"\n');
    expect(entries(run.output)).toEqual([
      [
        ['A', 'say "hi"'],
        ['B', 'x,y'],
        ['C', 'line1\r\nline2'],
      ],
    ]);
  });

  it('gives an empty string for a present empty field and $null for a missing one', () => {
    const run = importText('A,B,C\n1,,\n2\n');
    expect(entries(run.output)).toEqual([
      [
        ['A', '1'],
        ['B', ''],
        ['C', ''],
      ],
      [
        ['A', '2'],
        ['B', null],
        ['C', null],
      ],
    ]);
  });

  it('skips blank lines and drops values beyond the header', () => {
    const run = importText('A,B\n\n1,2,3\r\n\r\n4,5');
    expect(entries(run.output)).toEqual([
      [
        ['A', '1'],
        ['B', '2'],
      ],
      [
        ['A', '4'],
        ['B', '5'],
      ],
    ]);
  });

  it('ignores leading blanks, and blanks after a closing quote', () => {
    const run = importText('A,B\n  x,  "y"  \n');
    expect(entries(run.output)).toEqual([
      [
        ['A', 'x'],
        ['B', 'y'],
      ],
    ]);
  });

  it('keeps text after a closing quote and a stray quote inside a field, as pwsh does', () => {
    const run = importText('A,B,C\n"foo bar" ab,foo "ba,r"\n');
    expect(entries(run.output)).toEqual([
      [
        ['A', 'foo bar ab'],
        ['B', 'foo "ba'],
        ['C', 'r"'],
      ],
    ]);
  });

  it('skips a #TYPE line and uses it as the type name, with the CSV: alias', () => {
    const run = importText('#TYPE My.Type\n"A"\n"1"\n');
    const o = run.output[0] as PSObject;
    expect(o.typeNames).toEqual(['My.Type', 'CSV:My.Type']);
    expect(o.entries()).toEqual([['A', '1']]);
  });

  it('skips other # lines before the header and reads a W3C #Fields: header', () => {
    expect(entries(importText('# comment\n#another\nA\n1\n').output)).toEqual([[['A', '1']]]);
    expect(entries(importText('#Software: x\n#Fields: date,time\n2023,10:00\n').output)).toEqual([
      [
        ['date', '2023'],
        ['time', '10:00'],
      ],
    ]);
  });

  it('-Header makes the first line data', () => {
    const run = importText('"first"\n"second"\n', { Header: ['P1'] });
    expect(entries(run.output)).toEqual([[['P1', 'first']], [['P1', 'second']]]);
  });

  it('-Delimiter reads another separator', () => {
    expect(entries(importText('A;B\n"x;1";2\n', { Delimiter: ';' }).output)).toEqual([
      [
        ['A', 'x;1'],
        ['B', '2'],
      ],
    ]);
  });

  it('names unnamed columns H1, H2... and warns once', () => {
    // Trailing empty header names are trimmed (no warning); inner ones get H names.
    const run = importText('A,,\n1,2,3\n4,5,6\n');
    expect(entries(run.output)).toEqual([[['A', '1']], [['A', '4']]]);
    expect(run.warnings).toEqual([]);
    const run2 = importText(',B,\n1,2\n3,4\n');
    expect(entries(run2.output)).toEqual([
      [
        ['H1', '1'],
        ['B', '2'],
      ],
      [
        ['H1', '3'],
        ['B', '4'],
      ],
    ]);
    expect(run2.warnings).toEqual(['One or more headers were not specified. Default names starting with "H" have been used in place of any missing headers.']);
  });

  it('fails on a duplicate header name', () => {
    const err = failure(() => importText('A,a\n1,2\n'));
    expect(err.message).toBe('The member "a" is already present.');
    expect(err.errorId).toBe('AlreadyPresentPSMemberInfoInternalCollectionAdd,Microsoft.PowerShell.Commands.ImportCsvCommand');
  });

  it('reads nothing from an empty file or a header-only file', () => {
    expect(importText('').output).toEqual([]);
    expect(importText('"A","B"\n').output).toEqual([]);
  });

  it('honours a byte-order mark', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('A\nZoë\n', 'utf16le')]);
    expect(entries(importText(utf16).output)).toEqual([[['A', 'Zoë']]]);
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('A\nx\n')]);
    expect(entries(importText(utf8).output)).toEqual([[['A', 'x']]]);
  });

  it("reports a missing file with .NET's text, the full path and a terminating error", () => {
    const err = failure(() => runCmdlet(importCsvCmdlet, { Path: ['nope.csv'] }, undefined, dir));
    expect(err.message).toBe(`Could not find file '${path.join(dir, 'nope.csv')}'.`);
    expect(err.errorId).toBe('FileOpenFailure,Microsoft.PowerShell.Commands.ImportCsvCommand');
    expect(err.category).toBe('ObjectNotFound');
    expect(err.command).toBe('Import-Csv');
    const err2 = failure(() => runCmdlet(importCsvCmdlet, { Path: ['nodir/x.csv'] }, undefined, dir));
    expect(err2.message).toBe(`Could not find a part of the path '${path.join(dir, 'nodir/x.csv')}'.`);
  });

  it('reads several paths, piped path strings, and a single-match wildcard', () => {
    fs.writeFileSync(path.join(dir, 'a.csv'), 'N\n1\n');
    fs.writeFileSync(path.join(dir, 'b.csv'), 'N\n2\n');
    expect(entries(runCmdlet(importCsvCmdlet, { Path: ['a.csv', 'b.csv'] }, undefined, dir).output)).toEqual([[['N', '1']], [['N', '2']]]);
    expect(entries(runCmdlet(importCsvCmdlet, {}, ['b.csv', 'a.csv'], dir).output)).toEqual([[['N', '2']], [['N', '1']]]);
    expect(entries(runCmdlet(importCsvCmdlet, { Path: ['a*.csv'] }, undefined, dir).output)).toEqual([[['N', '1']]]);
    expect(failure(() => runCmdlet(importCsvCmdlet, { Path: ['*.csv'] }, undefined, dir)).message).toBe(
      'Cannot perform operation because the path resolved to more than one file. This command cannot operate on multiple files.',
    );
  });
});

describe('ConvertFrom-Csv', () => {
  it('takes the header from the first string and reads later strings with it', () => {
    const run = runCmdlet(convertFromCsvCmdlet, {}, ['Name,Count', 'a,1', '"b, c",2']);
    expect(entries(run.output)).toEqual([
      [
        ['Name', 'a'],
        ['Count', '1'],
      ],
      [
        ['Name', 'b, c'],
        ['Count', '2'],
      ],
    ]);
  });

  it('reads one multi-line string (e.g. Get-Content -Raw)', () => {
    const run = runCmdlet(convertFromCsvCmdlet, { InputObject: ['#TYPE T\nA,B\n1,2\n3,4\n'] });
    expect(entries(run.output)).toEqual([
      [
        ['A', '1'],
        ['B', '2'],
      ],
      [
        ['A', '3'],
        ['B', '4'],
      ],
    ]);
    expect((run.output[0] as PSObject).typeNames).toEqual(['T', 'CSV:T']);
  });

  it('-Header and -Delimiter', () => {
    const run = runCmdlet(convertFromCsvCmdlet, { Header: ['X', 'Y'], Delimiter: '|' }, ['1|2', '3']);
    expect(entries(run.output)).toEqual([
      [
        ['X', '1'],
        ['Y', '2'],
      ],
      [
        ['X', '3'],
        ['Y', null],
      ],
    ]);
  });
});
