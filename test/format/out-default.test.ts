import { describe, expect, it } from 'vitest';
import type { ViewDefinition } from '../../src/shell/cmdlet.js';
import { renderForHost } from '../../src/shell/format/out-default.js';
import { FormattedText, TimeSpan } from '../../src/shell/values.js';
import { lines, obj, table, utc } from './helpers.js';

const TRACE = 'Exosh.MessageTrace';
const views = new Map<string, ViewDefinition>([
  [TRACE.toLowerCase(), { typeName: TRACE, kind: 'table', columns: [{ label: 'Received', width: 22 }, { label: 'Sender', property: 'SenderAddress', width: 20 }, 'Status'] }],
  ['exosh.recallpolicy', { typeName: 'Exosh.RecallPolicy', kind: 'list', columns: ['Identity', { label: 'On', property: 'Enabled' }] }],
]);
const opts = { views, width: 120, color: false };
const trace = (sender: string, status: string) => obj({ Received: utc(2023, 8, 14, 21, 51, 20), SenderAddress: sender, Status: status, MessageId: '<x@y>' }, TRACE);

describe('renderForHost: what Out-Default prints', () => {
  it('uses a registered table view (looked up case-insensitively): its labels, widths and properties', () => {
    const out = renderForHost([trace('amy@contoso.com', 'Delivered'), trace('bob@contoso.com', 'Failed')], opts);
    expect(out).toBe(
      lines(
        '',
        'Received'.padEnd(22) + ' ' + 'Sender'.padEnd(20) + ' Status',
        '--------'.padEnd(22) + ' ' + '------'.padEnd(20) + ' ------',
        '8/14/2023 9:51:20 PM'.padEnd(22) + ' ' + 'amy@contoso.com'.padEnd(20) + ' Delivered',
        '8/14/2023 9:51:20 PM'.padEnd(22) + ' ' + 'bob@contoso.com'.padEnd(20) + ' Failed',
        '',
      ),
    );
  });

  it('uses a registered list view', () => {
    const out = renderForHost([obj({ Identity: 'Default', Enabled: true, Extra: 1 }, 'Exosh.RecallPolicy')], opts);
    expect(out).toBe(lines('', 'Identity : Default', 'On       : True', ''));
  });

  it('shows 4 properties or fewer as a table and 5 or more as a list', () => {
    expect(renderForHost([obj({ a: 'w', b: 'x', c: 'y', d: 'z' })], opts)).toBe(lines('', 'a b c d', '- - - -', 'w x y z', ''));
    expect(renderForHost([obj({ a: 'v', b: 'w', c: 'x', d: 'y', Event: 'Drop' })], opts)).toBe(lines('', 'a     : v', 'b     : w', 'c     : x', 'd     : y', 'Event : Drop', ''));
  });

  it("keeps the first object's columns when the shape changes, as pwsh does (issues #4552, #19140)", () => {
    expect(renderForHost([obj({ a: 1, b: 2 }), obj({ c: 3 })], opts)).toBe(lines('', 'a b', '- -', '1 2', '   ', ''));
    // a list document shows each later object with its own properties
    const five = obj({ a: 1, b: 2, c: 3, d: 4, e: 5 });
    expect(renderForHost([five, obj({ Name: 'x' })], opts)).toBe(lines('', 'a : 1', 'b : 2', 'c : 3', 'd : 4', 'e : 5', '', 'Name : x', ''));
  });

  it('prints strings between the rows of a table, and scalars one per line', () => {
    expect(renderForHost([obj({ Name: 'a', N: 1 }), 'hello', obj({ Name: 'b', N: 2 })], opts)).toBe(lines('', 'Name N', '---- -', 'a    1', 'hello', 'b    2', ''));
    expect(renderForHost(['x', 42, 1.5, true, false], opts)).toBe(lines('x', '42', '1.5', 'True', 'False'));
  });

  it('prints a DateTime as its DateTime property between blank lines', () => {
    expect(renderForHost([utc(2023, 8, 14, 21, 51, 20), utc(2024, 2, 29, 9, 5, 0)], opts)).toBe(lines('', 'Monday, August 14, 2023 9:51:20 PM', 'Thursday, February 29, 2024 9:05:00 AM', ''));
  });

  it("prints a hashtable as pwsh's Name/Value table (Name is 30 wide)", () => {
    const h = table([
      ['Enabled', true],
      ['Recipients', ['a@x.com', 'b@x.com']],
    ]);
    expect(renderForHost([h], opts)).toBe(
      lines('', 'Name                           Value', '----                           -----', 'Enabled                        True', 'Recipients                     {a@x.com, b@x.com}', ''),
    );
  });

  it('prints a TimeSpan with its list view', () => {
    expect(renderForHost([TimeSpan.fromParts(0, 1, 30, 0)], opts)).toBe(
      lines(
        '',
        'Days              : 0',
        'Hours             : 1',
        'Minutes           : 30',
        'Seconds           : 0',
        'Milliseconds      : 0',
        'Ticks             : 54000000000',
        'TotalDays         : 0.0625',
        'TotalHours        : 1.5',
        'TotalMinutes      : 90',
        'TotalSeconds      : 5400',
        'TotalMilliseconds : 5400000',
        '',
      ),
    );
  });

  it("prints an object of another type than the view's as an out-of-band list", () => {
    const out = renderForHost([trace('amy@contoso.com', 'Delivered'), obj({ Foo: 'bar' })], opts);
    expect(out).toBe(
      lines(
        '',
        'Received'.padEnd(22) + ' ' + 'Sender'.padEnd(20) + ' Status',
        '--------'.padEnd(22) + ' ' + '------'.padEnd(20) + ' ------',
        '8/14/2023 9:51:20 PM'.padEnd(22) + ' ' + 'amy@contoso.com'.padEnd(20) + ' Delivered',
        '',
        'Foo : bar',
        '',
        '',
      ),
    );
  });

  it('passes formatted text through, closing the current table', () => {
    const out = renderForHost([obj({ a: 'x' }), new FormattedText(lines('', 'from ft', '')), obj({ a: 'y' })], opts);
    expect(out).toBe(lines('', 'a', '-', 'x', '') + lines('', 'from ft', '') + lines('', 'a', '-', 'y', ''));
  });

  it('enumerates arrays, skips $null, and prints nothing for empty input', () => {
    expect(renderForHost([[obj({ a: 'x' }), [obj({ a: 'y' })]], null], opts)).toBe(lines('', 'a', '-', 'x', 'y', ''));
    expect(renderForHost([], opts)).toBe('');
    expect(renderForHost([null, []], opts)).toBe('');
  });

  it('colours list labels and table headers only when asked', () => {
    const five = obj({ a: 1, b: 2, c: 3, d: 4, e: 5 });
    expect(renderForHost([five], { ...opts, color: true })).toContain('\x1b[32;1ma : \x1b[0m1\n');
    expect(renderForHost([five], opts)).not.toContain('\x1b');
  });
});
