// Export-Csv: the exact bytes pwsh 7 writes (golden files written by hand from CsvCommands.cs),
// -Append's header reconciliation, and the file-opening errors.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportCsvCmdlet, importCsvCmdlet } from '../../src/cmdlets/utility/csv.js';
import { Hashtable, PSObject, TimeSpan, type PSValue } from '../../src/shell/values.js';
import { failure, fakeContext, runCmdlet } from '../helpers/context.js';

const golden = (name: string) => fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'golden', name));

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exosh-csv-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function rows(): PSObject[] {
  return [
    PSObject.from({ Name: 'Alice', Count: 3, Enabled: true, When: new Date(Date.UTC(2023, 7, 14, 21, 51, 20)), Note: null }),
    PSObject.from({ Name: 'Bob "B"', Count: 1.5, Enabled: false, When: null, Note: 'a,b\nc' }),
  ];
}

function exportTo(file: string, input: PSValue[], params: Record<string, PSValue> = {}) {
  return runCmdlet(exportCsvCmdlet, { Path: file, ...params }, input, dir);
}

function read(file: string): string {
  return fs.readFileSync(path.join(dir, file), 'utf8');
}

describe('Export-Csv bytes', () => {
  const cases: [string, Record<string, PSValue>][] = [
    ['default.csv', {}],
    ['asneeded.csv', { UseQuotes: 'AsNeeded' }],
    ['never.csv', { UseQuotes: 'Never' }],
    ['quotefields.csv', { QuoteFields: ['name', 'NOTE'] }],
    ['semicolon.csv', { Delimiter: ';' }],
    ['typeinfo.csv', { IncludeTypeInformation: true }],
  ];
  for (const [file, params] of cases) {
    it(`matches golden/${file}`, () => {
      exportTo('out.csv', rows(), params);
      expect(fs.readFileSync(path.join(dir, 'out.csv'))).toEqual(golden(file));
    });
  }

  it('quotes as needed for the delimiter in use, not for a comma', () => {
    exportTo('out.csv', [PSObject.from({ A: 'a,b', B: 'x;y', C: '' })], { Delimiter: ';', UseQuotes: 'AsNeeded' });
    expect(fs.readFileSync(path.join(dir, 'out.csv'))).toEqual(golden('semicolon-asneeded.csv'));
  });

  it('writes collections as their type name and custom objects as @{...}', () => {
    const table = new Hashtable();
    table.set('k', 1);
    const obj = PSObject.from({ List: [1, 2], Obj: PSObject.from({ a: 1, b: [1], c: null }), Table: table, Span: TimeSpan.fromParts(0, 1, 30, 0), Empty: '' });
    exportTo('out.csv', [obj]);
    expect(fs.readFileSync(path.join(dir, 'out.csv'))).toEqual(golden('nested.csv'));
  });

  it("writes a string's Length, with #TYPE System.String", () => {
    exportTo('out.csv', ['test', 'object'], { IncludeTypeInformation: true });
    expect(fs.readFileSync(path.join(dir, 'out.csv'))).toEqual(golden('strings.csv'));
  });

  it("uses a hashtable's keys as the header and writes $null as an empty field", () => {
    const h = new Hashtable(true);
    h.set('first', 'value1');
    h.set('second', null);
    h.set('third', 'value3');
    exportTo('out.csv', [h]);
    expect(read('out.csv')).toBe('"first","second","third"\n"value1",,"value3"\n');
  });

  it('fixes the columns from the first object: later extra properties are dropped, missing ones empty', () => {
    exportTo('out.csv', [PSObject.from({ A: 1, B: 2 }), PSObject.from({ B: 3, C: 4 })]);
    expect(read('out.csv')).toBe('"A","B"\n"1","2"\n,"3"\n');
  });

  it("writes doubles as .NET's ToString() does: shortest round-trip digits, E notation when tiny", () => {
    exportTo('out.csv', [PSObject.from({ X: 0.1 + 0.2, Y: 1e-7, Z: -2.5, W: 0.0001 })]);
    expect(read('out.csv')).toBe('"X","Y","Z","W"\n"0.30000000000000004","1E-07","-2.5","0.0001"\n');
  });

  it('skips $null input objects', () => {
    exportTo('out.csv', [null, PSObject.from({ A: 1 }), null]);
    expect(read('out.csv')).toBe('"A"\n"1"\n');
  });

  it('writes the array itself for -InputObject $array, as .NET reflects Object[]', () => {
    runCmdlet(exportCsvCmdlet, { Path: 'out.csv', InputObject: ['a', 'b'], IncludeTypeInformation: true }, undefined, dir);
    expect(read('out.csv')).toBe(
      '#TYPE System.Object[]\n"Length","LongLength","Rank","SyncRoot","IsReadOnly","IsFixedSize","IsSynchronized","Count"\n"2","2","1","System.Object[]","False","True","False","2"\n',
    );
  });

  it('-NoHeader writes only the rows; -NoTypeInformation is accepted', () => {
    exportTo('out.csv', [PSObject.from({ P1: 'first' })], { NoHeader: true, NoTypeInformation: true });
    expect(read('out.csv')).toBe('"first"\n');
  });

  it('-NoTypeInformation:$false alone brings the #TYPE line back, as in pwsh', () => {
    exportTo('out.csv', [PSObject.from({ P1: 'first' })], { NoTypeInformation: false });
    expect(read('out.csv')).toBe('#TYPE System.Management.Automation.PSCustomObject\n"P1"\n"first"\n');
  });

  it('drops the CSV: prefix Import-Csv puts on type names', () => {
    const o = PSObject.from({ first: 1 });
    o.typeNames = ['CSV:TheType'];
    exportTo('out.csv', [o], { IncludeTypeInformation: true });
    expect(read('out.csv').split('\n')[0]).toBe('#TYPE TheType');
  });

  it('writes UTF-8 without a BOM by default and with one for -Encoding utf8BOM', () => {
    exportTo('a.csv', [PSObject.from({ Name: 'Zoë' })]);
    exportTo('b.csv', [PSObject.from({ Name: 'Zoë' })], { Encoding: 'utf8BOM' });
    exportTo('c.csv', [PSObject.from({ Name: 'Zoë' })], { Encoding: 'unicode' });
    expect(fs.readFileSync(path.join(dir, 'a.csv'))).toEqual(Buffer.from('"Name"\n"Zoë"\n', 'utf8'));
    expect(fs.readFileSync(path.join(dir, 'b.csv'))).toEqual(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('"Name"\n"Zoë"\n', 'utf8')]));
    expect(fs.readFileSync(path.join(dir, 'c.csv'))).toEqual(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('"Name"\n"Zoë"\n', 'utf16le')]));
  });

  it('creates (and truncates) the file even when no object arrives', () => {
    fs.writeFileSync(path.join(dir, 'out.csv'), 'old');
    exportTo('out.csv', []);
    expect(read('out.csv')).toBe('');
  });

  it('creates the file in begin and writes each row as it arrives, not at the end', () => {
    const { ctx } = fakeContext('Export-Csv', ['Path'], dir);
    const params = { Path: 'out.csv' };
    const seen: string[] = [];
    const state = exportCsvCmdlet.begin!(ctx, params);
    seen.push(read('out.csv'));
    exportCsvCmdlet.process!(ctx, params, PSObject.from({ A: 1 }), state);
    seen.push(read('out.csv'));
    exportCsvCmdlet.process!(ctx, params, PSObject.from({ A: 2 }), state);
    seen.push(read('out.csv'));
    exportCsvCmdlet.end!(ctx, params, state);
    exportCsvCmdlet.dispose?.(state);
    expect(seen).toEqual(['', '"A"\n"1"\n', '"A"\n"1"\n"2"\n']);
  });

  it("resolves a relative path against the session's working directory", () => {
    fs.mkdirSync(path.join(dir, 'sub'));
    exportTo('sub/out.csv', [PSObject.from({ A: 1 })]);
    expect(read('sub/out.csv')).toBe('"A"\n"1"\n');
  });
});

describe('Export-Csv -Append', () => {
  it('appends twice without a second header', () => {
    exportTo('out.csv', [PSObject.from({ P1: 'first' })]);
    exportTo('out.csv', [PSObject.from({ P1: 'second' })], { Append: true });
    exportTo('out.csv', [PSObject.from({ P1: 'third' })], { Append: true });
    expect(read('out.csv')).toBe('"P1"\n"first"\n"second"\n"third"\n');
  });

  it("maps each object to the file's column order", () => {
    fs.writeFileSync(path.join(dir, 'out.csv'), '"A","B","C"\n"1","2","3"\n');
    exportTo('out.csv', [PSObject.from({ C: 'c', A: 'a', B: 'b' })], { Append: true });
    expect(read('out.csv')).toBe('"A","B","C"\n"1","2","3"\n"a","b","c"\n');
  });

  it('fails when the file has a column the object lacks, and leaves the file alone', () => {
    exportTo('out.csv', [PSObject.from({ P1: 'first' })]);
    const err = failure(() => exportTo('out.csv', [PSObject.from({ P2: 'second' })], { Append: true }));
    expect(err.message).toBe(
      'Cannot append CSV content to the following file: out.csv. The appended object does not have a property that corresponds to the following column: P1. To continue with mismatched properties, add the -Force parameter, and then retry the command.',
    );
    expect(err.errorId).toBe('CannotAppendCsvWithMismatchedPropertyNames,Microsoft.PowerShell.Commands.ExportCsvCommand');
    expect(err.category).toBe('InvalidData');
    expect(read('out.csv')).toBe('"P1"\n"first"\n');
  });

  it('with -Force writes missing columns empty and drops extra properties', () => {
    exportTo('out.csv', [PSObject.from({ first: 1, second: 2 })]);
    exportTo('out.csv', [PSObject.from({ first: 11, third: 13 })], { Append: true, Force: true });
    expect(read('out.csv')).toBe('"first","second"\n"1","2"\n"11",\n');
  });

  it('drops an extra property without -Force (only a missing column is an error)', () => {
    exportTo('out.csv', [PSObject.from({ A: 1 })]);
    exportTo('out.csv', [PSObject.from({ A: 2, Extra: 'x' })], { Append: true });
    expect(read('out.csv')).toBe('"A"\n"1"\n"2"\n');
  });

  it('matches file columns case-insensitively', () => {
    fs.writeFileSync(path.join(dir, 'out.csv'), 'name,count\n');
    exportTo('out.csv', [PSObject.from({ Count: 2, NAME: 'x' })], { Append: true });
    expect(read('out.csv')).toBe('name,count\n"x","2"\n');
  });

  it('reads the header after a #TYPE line and writes no second #TYPE', () => {
    fs.writeFileSync(path.join(dir, 'out.csv'), '#TYPE Foo\n"A","B"\n');
    exportTo('out.csv', [PSObject.from({ B: 2, A: 1 })], { Append: true, IncludeTypeInformation: true });
    expect(read('out.csv')).toBe('#TYPE Foo\n"A","B"\n"1","2"\n');
  });

  it('writes the header when the file is missing or empty', () => {
    exportTo('new.csv', [PSObject.from({ A: 1 })], { Append: true });
    fs.writeFileSync(path.join(dir, 'empty.csv'), '');
    exportTo('empty.csv', [PSObject.from({ A: 1 })], { Append: true });
    expect(read('new.csv')).toBe('"A"\n"1"\n');
    expect(read('empty.csv')).toBe('"A"\n"1"\n');
  });

  it("keeps the existing file's encoding (a UTF-16 BOM wins)", () => {
    fs.writeFileSync(path.join(dir, 'out.csv'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('"A"\n"1"\n', 'utf16le')]));
    exportTo('out.csv', [PSObject.from({ A: 2 })], { Append: true });
    expect(fs.readFileSync(path.join(dir, 'out.csv'))).toEqual(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('"A"\n"1"\n"2"\n', 'utf16le')]));
  });

  it('rejects -Append with -NoHeader', () => {
    const err = failure(() => exportTo('out.csv', [PSObject.from({ A: 1 })], { Append: true, NoHeader: true }));
    expect(err.message).toBe('You must specify either the -Append or -NoHeader parameters, but not both.');
    expect(fs.existsSync(path.join(dir, 'out.csv'))).toBe(false);
  });
});

describe('Export-Csv errors', () => {
  it("reports a missing directory with .NET's text and the full path", () => {
    const err = failure(() => exportTo('nope/out.csv', [PSObject.from({ A: 1 })]));
    expect(err.message).toBe(`Could not find a part of the path '${path.join(dir, 'nope/out.csv')}'.`);
    expect(err.errorId).toBe('FileOpenFailure,Microsoft.PowerShell.Commands.ExportCsvCommand');
    expect(err.command).toBe('Export-Csv');
  });

  it('-NoClobber refuses an existing file', () => {
    exportTo('out.csv', [PSObject.from({ P1: 'first' })]);
    const err = failure(() => exportTo('out.csv', [PSObject.from({ P2: 'second' })], { NoClobber: true }));
    expect(err.message).toBe('File out.csv already exists and NoClobber was specified.');
    expect(err.errorId).toBe('NoClobber,Microsoft.PowerShell.Commands.ExportCsvCommand');
    expect(err.category).toBe('ResourceExists');
    expect(read('out.csv')).toBe('"P1"\n"first"\n');
  });

  it('-Append with -NoClobber appends to the existing file', () => {
    exportTo('out.csv', [PSObject.from({ P1: 'first' })]);
    exportTo('out.csv', [PSObject.from({ P1: 'again' })], { NoClobber: true, Append: true });
    expect(read('out.csv')).toBe('"P1"\n"first"\n"again"\n');
  });

  it('needs exactly one of -Path and -LiteralPath', () => {
    expect(failure(() => runCmdlet(exportCsvCmdlet, {}, [PSObject.from({ A: 1 })], dir)).errorId).toBe('CannotSpecifyPathAndLiteralPath,Microsoft.PowerShell.Commands.ExportCsvCommand');
    expect(failure(() => runCmdlet(exportCsvCmdlet, { Path: 'a.csv', LiteralPath: 'b.csv' }, [], dir)).message).toBe('You must specify either the -Path or -LiteralPath parameters, but not both.');
  });

  it('rejects -QuoteFields with -UseQuotes, and -IncludeTypeInformation with -NoTypeInformation', () => {
    expect(failure(() => exportTo('out.csv', [], { QuoteFields: ['A'], UseQuotes: 'Always' })).message).toBe('You must specify either the -UseQuotes or -QuoteFields parameters, but not both.');
    expect(failure(() => exportTo('out.csv', [], { IncludeTypeInformation: true, NoTypeInformation: true })).errorId).toBe(
      'CannotSpecifyIncludeTypeInformationAndNoTypeInformation,Microsoft.PowerShell.Commands.ExportCsvCommand',
    );
  });

  it('-LiteralPath takes wildcard characters literally', () => {
    runCmdlet(exportCsvCmdlet, { LiteralPath: 'a[1].csv' }, [PSObject.from({ A: 1 })], dir);
    expect(read('a[1].csv')).toBe('"A"\n"1"\n');
  });

  it('a read-only file is refused without -Force, as the operating system decides (root may write it)', () => {
    exportTo('ro.csv', [PSObject.from({ A: 1 })]);
    fs.chmodSync(path.join(dir, 'ro.csv'), 0o444);
    if (process.getuid?.() === 0) {
      // pwsh opens the file and lets the OS decide, and root may write a read-only file.
      exportTo('ro.csv', [PSObject.from({ A: 2 })]);
      expect(read('ro.csv')).toBe('"A"\n"2"\n');
      return;
    }
    const err = failure(() => exportTo('ro.csv', [PSObject.from({ A: 2 })]));
    expect(err.message).toBe(`Access to the path '${path.join(dir, 'ro.csv')}' is denied.`);
    expect(read('ro.csv')).toBe('"A"\n"1"\n');
  });

  it('-Force writes a read-only file and puts the read-only bit back', () => {
    exportTo('ro.csv', [PSObject.from({ A: 1 })]);
    fs.chmodSync(path.join(dir, 'ro.csv'), 0o444);
    exportTo('ro.csv', [PSObject.from({ A: 3 })], { Force: true });
    expect(read('ro.csv')).toBe('"A"\n"3"\n');
    expect(fs.statSync(path.join(dir, 'ro.csv')).mode & 0o777).toBe(0o444);
  });

  it('reports a directory as access denied', () => {
    fs.mkdirSync(path.join(dir, 'folder'));
    expect(failure(() => exportTo('folder', [PSObject.from({ A: 1 })])).message).toBe(`Access to the path '${path.join(dir, 'folder')}' is denied.`);
  });

  it('round-trips through Import-Csv with values as strings', () => {
    exportTo('out.csv', rows());
    const back = runCmdlet(importCsvCmdlet, { Path: ['out.csv'] }, undefined, dir).output as PSObject[];
    expect(back.map((o) => o.entries())).toEqual([
      [
        ['Name', 'Alice'],
        ['Count', '3'],
        ['Enabled', 'True'],
        ['When', '8/14/2023 9:51:20 PM'],
        ['Note', ''],
      ],
      [
        ['Name', 'Bob "B"'],
        ['Count', '1.5'],
        ['Enabled', 'False'],
        ['When', ''],
        ['Note', 'a,b\nc'],
      ],
    ]);
  });
});
