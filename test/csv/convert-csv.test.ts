// ConvertTo-Csv and toCsvLines (the conversion behind `--output csv`), with csv-stringify and
// csv-parse as independent oracles for the RFC 4180-compatible modes.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { convertFromCsvCmdlet, convertToCsvCmdlet } from '../../src/cmdlets/utility/csv.js';
import { toCsvLines } from '../../src/shell/format/csv.js';
import { PSObject, type PSValue } from '../../src/shell/values.js';
import { failure, runCmdlet } from '../helpers/context.js';

const hello = () => PSObject.from({ FirstColumn: 'Hello', SecondColumn: 'World' });

describe("ConvertTo-Csv (cases from pwsh's own ConvertTo-Csv.Tests.ps1)", () => {
  it('quotes every field and writes no #TYPE line by default', () => {
    expect(runCmdlet(convertToCsvCmdlet, {}, [PSObject.from({ First: 1, Second: 2 })]).output).toEqual(['"First","Second"', '"1","2"']);
  });

  it('-IncludeTypeInformation puts #TYPE first', () => {
    expect(runCmdlet(convertToCsvCmdlet, { IncludeTypeInformation: true }, [hello()]).output).toEqual([
      '#TYPE System.Management.Automation.PSCustomObject',
      '"FirstColumn","SecondColumn"',
      '"Hello","World"',
    ]);
  });

  it('-QuoteFields quotes only the listed columns, case-insensitively', () => {
    expect(runCmdlet(convertToCsvCmdlet, { QuoteFields: ['FiRstCoLumn'], Delimiter: ',' }, [hello()]).output).toEqual(['"FirstColumn",SecondColumn', '"Hello",World']);
  });

  it('-UseQuotes Never and AsNeeded (quotes where the delimiter occurs)', () => {
    expect(runCmdlet(convertToCsvCmdlet, { UseQuotes: 'Never' }, [hello()]).output).toEqual(['FirstColumn,SecondColumn', 'Hello,World']);
    expect(runCmdlet(convertToCsvCmdlet, { UseQuotes: 'AsNeeded', Delimiter: 'r' }, [hello()]).output).toEqual(['"FirstColumn"rSecondColumn', 'Hellor"World"']);
  });

  it('-NoHeader', () => {
    expect(runCmdlet(convertToCsvCmdlet, { NoHeader: true }, [hello(), hello()]).output).toEqual(['"Hello","World"', '"Hello","World"']);
  });

  it('drops empty lines (unlike Export-Csv)', () => {
    expect(runCmdlet(convertToCsvCmdlet, {}, [PSObject.from({ a: null })]).output).toEqual(['"a"']);
    expect(runCmdlet(convertToCsvCmdlet, {}, [5, 6]).output).toEqual([]);
  });

  it('rejects -UseQuotes with -QuoteFields', () => {
    const err = failure(() => runCmdlet(convertToCsvCmdlet, { UseQuotes: 'Always', QuoteFields: ['TestFieldName'] }, [hello()]));
    expect(err.errorId).toBe('CannotSpecifyQuoteFieldsAndUseQuotes,Microsoft.PowerShell.Commands.ConvertToCsvCommand');
    expect(err.command).toBe('ConvertTo-Csv');
  });

  it('binds -InputObject when nothing is piped', () => {
    expect(runCmdlet(convertToCsvCmdlet, { InputObject: hello() }).output).toEqual(['"FirstColumn","SecondColumn"', '"Hello","World"']);
  });
});

describe('toCsvLines', () => {
  it('maps objects to a given column order, without the header when asked', () => {
    const objs = [PSObject.from({ B: 'b1', A: 'a1' }), null, PSObject.from({ A: 'a2', C: 'c2' })];
    expect(toCsvLines(objs, { header: ['A', 'B'], includeHeader: true })).toEqual(['"A","B"', '"a1","b1"', '"a2",']);
    expect(toCsvLines(objs, { header: ['A', 'B'], includeHeader: false, useQuotes: 'AsNeeded', delimiter: ';' })).toEqual(['a1;b1', 'a2;']);
  });

  it('takes the columns from the first object by default', () => {
    expect(toCsvLines([PSObject.from({ X: 1, Y: true }), PSObject.from({ Y: false })], { includeHeader: true })).toEqual(['"X","Y"', '"1","True"', ',"False"']);
  });

  it('returns nothing for no objects', () => {
    expect(toCsvLines([], { includeHeader: true })).toEqual([]);
  });
});

// Records of 2-4 string-or-null fields, over characters that stress quoting.
const field = fc.option(fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', ';', '"', '\n', '\r', '\t', 'é', '#'), maxLength: 6 }), { nil: null });
const table = fc.integer({ min: 2, max: 4 }).chain((width) => fc.array(fc.array(field, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 5 }));

function toObjects(rows: (string | null)[][]): PSObject[] {
  return rows.map(
    (r) =>
      new PSObject(
        undefined,
        r.map((v, i): [string, PSValue] => [`c${i}`, v]),
      ),
  );
}

describe('agreement with csv-stringify and csv-parse', () => {
  it('-UseQuotes Always writes what csv-stringify writes with quoted fields', () => {
    fc.assert(
      fc.property(table, (rows) => {
        const header = rows[0].map((_, i) => `c${i}`);
        const ours = toCsvLines(toObjects(rows), { includeHeader: true }).join('\n');
        expect(ours).toBe(stringify([header, ...rows], { quoted: true, quoted_string: true, eof: false }));
      }),
    );
  });

  it('-UseQuotes AsNeeded quotes exactly where csv-stringify does (delimiter, quote, \\n)', () => {
    fc.assert(
      fc.property(table, (rows) => {
        const header = rows[0].map((_, i) => `c${i}`);
        const ours = toCsvLines(toObjects(rows), { includeHeader: true, useQuotes: 'AsNeeded', delimiter: ';' }).join('\n');
        expect(ours).toBe(stringify([header, ...rows], { delimiter: ';', quote_record_delimiter: false, eof: false }));
      }),
    );
  });

  it("ConvertFrom-Csv reads back what ConvertTo-Csv wrote, as csv-parse does ($null becomes '')", () => {
    fc.assert(
      fc.property(table, (rows) => {
        const text = toCsvLines(toObjects(rows), { includeHeader: true }).join('\n') + '\n';
        const back = runCmdlet(convertFromCsvCmdlet, {}, [text]).output.map((o) => (o as PSObject).entries().map(([, v]) => v));
        const expected = rows.map((r) => r.map((v) => v ?? ''));
        expect(back).toEqual(expected);
        expect(parse(text, { from_line: 2 })).toEqual(expected);
      }),
    );
  });
});
