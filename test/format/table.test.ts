import { describe, expect, it } from 'vitest';
import { resolveProperties } from '../../src/shell/properties.js';
import { fitColumnWidths, formatTable, wrapLines } from '../../src/shell/format/table.js';
import { renderForHost } from '../../src/shell/format/out-default.js';
import { block, lines, obj, table } from './helpers.js';

const host = (width = 120) => ({ views: new Map(), width, color: false });

describe('formatTable: pwsh 7 table layout', () => {
  it('sizes columns from the content, one blank between, dashes as long as the label, numbers right-aligned', () => {
    const out = formatTable([obj({ Name: 'alice', Count: 3 }), obj({ Name: 'bob', Count: 12 })], { width: 120 });
    expect(out).toBe(lines('', 'Name  Count', '----  -----', 'alice     3', 'bob      12', ''));
  });

  it('reproduces the table pwsh printed in PowerShell issue #15181 (missing values, right-aligned headers)', () => {
    const rows = [obj({ a: 650, b: 660, c: 670 }), obj({ a: 65, b: 66 }), obj({ a: 6500, c: 6700 })];
    // the empty last cell of a right-aligned column is padded, as TableWriter.GenerateRowField does
    expect(renderForHost(rows, host())).toBe(lines('', '   a   b    c', '   -   -    -', ' 650 660  670', '  65  66     ', '6500     6700', ''));
  });

  it('prints fractional numbers with two decimals in a table without a view (pwsh 7.3+, issue #19463)', () => {
    expect(formatTable([obj({ x: 1.5, y: 1.456789 })], { width: 120 })).toBe(lines('', '   x    y', '   -    -', '1.50 1.46', ''));
  });

  it('shrinks the last column to the console width and ends cut values with …', () => {
    const out = formatTable([obj({ Id: 1, Subject: 'Quarterly results are attached for review' })], { width: 30 });
    expect(out).toBe(lines('', 'Id Subject', '-- -------', ' 1 Quarterly results are att…', ''));
    for (const l of out.split('\n')) expect(l.length).toBeLessThanOrEqual(29);
  });

  it('hides columns that cannot fit and, like pwsh, pads the dashes of the column before them', () => {
    const out = formatTable([obj({ Name: 'mailbox-one', Note: 'hello world', Size: 1234 })], { width: 20 });
    expect(out).toBe(lines('', 'Name        Note', '----        ----   ', 'mailbox-one hello …', ''));
  });

  it('honours calculated columns: Width, Alignment and script-block expressions', () => {
    const data = [obj({ Name: 'alice', Count: 3 })];
    const widthFirst = resolveProperties(
      [
        table([
          ['Name', 'Name'],
          ['Expression', 'Name'],
          ['Width', 10],
        ]),
        'Count',
      ],
      data[0],
      'Format-Table',
    );
    // a declared first width turns content sizing off; the other column gets the rest of the 39 cells
    expect(formatTable(data, { width: 40, columns: widthFirst })).toBe(
      lines('', 'Name'.padEnd(10) + ' ' + 'Count'.padStart(28), '----'.padEnd(10) + ' ' + '-----'.padStart(28), 'alice'.padEnd(10) + ' ' + '3'.padStart(28), ''),
    );
    const upper = table([
      ['Name', 'Upper'],
      ['Expression', block('$_.Name.ToUpper()', (o) => String((o as ReturnType<typeof obj>).get('Name')).toUpperCase())],
      ['Alignment', 'Right'],
    ]);
    const people = [obj({ Name: 'alice' }), obj({ Name: 'bob' })];
    const cols = resolveProperties(['Name', upper], people[0], 'Format-Table');
    expect(formatTable(people, { width: 120, columns: cols })).toBe(lines('', 'Name  Upper', '----  -----', 'alice ALICE', 'bob     BOB', ''));
  });

  it('wraps a header that is wider than its declared column, as pwsh 7.4 does', () => {
    const out = formatTable([obj({ Recipient: 'amy@contoso.com', Status: 'Delivered' })], {
      width: 40,
      columns: [{ label: 'Recipient', width: 5 }, { label: 'Status' }],
    });
    expect(out).toBe(lines('', 'Recip Status', 'ient', '----- ------', 'amy@… Delivered', ''));
  });

  it('with -Wrap continues long values on the next lines instead of cutting them', () => {
    const out = formatTable([obj({ Id: 1, Subject: 'Quarterly results are attached for review' })], { width: 30, wrap: true });
    expect(out).toBe(lines('', 'Id Subject', '-- -------', ' 1 Quarterly results are', '   attached for review', ''));
  });

  it('with -HideTableHeaders keeps only the rows between the blank lines', () => {
    const out = formatTable([obj({ Name: 'alice', Count: 3 }), obj({ Name: 'bob', Count: 12 })], { width: 120, hideHeaders: true });
    expect(out).toBe(lines('', 'alice     3', 'bob      12', ''));
  });

  it('styles header cells with $PSStyle.Formatting.TableHeader (ESC[32;1m) only when colour is on', () => {
    const out = formatTable([obj({ a: 1, bb: 'hello' })], { width: 120, color: true });
    expect(out).toBe(lines('', '\x1b[32;1ma\x1b[0m\x1b[32;1m bb\x1b[0m', '\x1b[32;1m-\x1b[0m \x1b[32;1m--\x1b[0m', '1 hello', ''));
    expect(formatTable([obj({ a: 1, bb: 'hello' })], { width: 120 })).not.toContain('\x1b');
  });

  it('counts East Asian wide characters as two cells', () => {
    expect(formatTable([obj({ Name: '日本語', N: 1 })], { width: 120 })).toBe(lines('', 'Name   N', '----   -', '日本語 1', ''));
  });

  it('shows collections in braces, cut after four items, and cuts a multi-line value at its first line', () => {
    const out = formatTable([obj({ Tags: [1, 2, 3, 4, 5], Body: 'line one\nline two' })], { width: 120 });
    expect(out).toBe(lines('', 'Tags          Body', '----          ----', '{1, 2, 3, 4…} line one…', ''));
  });

  it('prints nothing for no objects', () => {
    expect(formatTable([], { width: 120 })).toBe('');
  });
});

describe('layout helpers ported from pwsh', () => {
  it('word-wraps like StringManipulationHelper, keeping the blank after each word', () => {
    expect(wrapLines('The quick brown fox jumps', 10, 10)).toEqual(['The quick ', 'brown fox ', 'jumps']);
    expect(wrapLines('Recipient', 5, 5)).toEqual(['Recip', 'ient']);
    expect(wrapLines('short', 10, 10)).toEqual(['short']);
  });

  it('shares spare room among unsized columns and trims from the right (ColumnWidthManager)', () => {
    expect(fitColumnWidths([0, 0, 0], 20)).toEqual([6, 6, 6]);
    expect(fitColumnWidths([10, 0], 30)).toEqual([10, 19]);
    expect(fitColumnWidths([20, 20, 5], 30)).toEqual([20, 9, -1]);
    expect(fitColumnWidths([3, 4], 30)).toEqual([3, 4]);
  });
});
