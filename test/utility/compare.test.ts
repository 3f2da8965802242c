import { describe, expect, it } from 'vitest';
import {
  applyComparison,
  compareStrings,
  compareValues,
  containsValue,
  dotNetRegex,
  likeMatch,
  matchesTable,
  operandToString,
  regexMatch,
  scanNumber,
  sortCompare,
  tryCompareValues,
  valuesEqual,
} from '../../src/shell/compare.js';
import { PSError } from '../../src/shell/errors.js';
import { Hashtable, PSObject, TimeSpan } from '../../src/shell/values.js';

const d = (s: string) => new Date(s);

describe('scanNumber (Parser.ScanNumber)', () => {
  it('reads PowerShell number literals', () => {
    expect(scanNumber('42')).toBe(42);
    expect(scanNumber(' -1.5e3 ')).toBe(-1500);
    expect(scanNumber('0x1F')).toBe(31);
    expect(scanNumber('0b101')).toBe(5);
    expect(scanNumber('10kb')).toBe(10240);
    expect(scanNumber('5L')).toBe(5);
    expect(scanNumber('.5')).toBe(0.5);
  });
  it('treats blank as 0 and rejects non-numbers', () => {
    expect(scanNumber('   ')).toBe(0);
    expect(scanNumber('abc')).toBeNull();
    expect(scanNumber('1 2')).toBeNull();
    expect(scanNumber('1,000')).toBeNull();
  });
});

describe('valuesEqual (-eq between scalars)', () => {
  it('compares strings case-insensitively, or exactly when case-sensitive', () => {
    expect(valuesEqual('Failed', 'FAILED')).toBe(true);
    expect(valuesEqual('Failed', 'FAILED', true)).toBe(false);
    expect(valuesEqual('Failed', 'Failed', true)).toBe(true);
    expect(valuesEqual('a', 'b')).toBe(false);
  });
  it('converts the right operand to the left operand type', () => {
    expect(valuesEqual(1, '1')).toBe(true);
    expect(valuesEqual(1, '1.0')).toBe(true);
    expect(valuesEqual(5, '5.5')).toBe(false);
    expect(valuesEqual('1', 1)).toBe(true);
    expect(valuesEqual('1.0', 1)).toBe(false);
    expect(valuesEqual(16, '0x10')).toBe(true);
    expect(valuesEqual(0, '')).toBe(true);
  });
  it('does not error when the conversion fails', () => {
    expect(valuesEqual(1, 'abc')).toBe(false);
    expect(valuesEqual(1, new Date(0))).toBe(false);
  });
  it('converts to bool with PowerShell truthiness when the left side is a bool', () => {
    expect(valuesEqual(true, 'false')).toBe(true);
    expect(valuesEqual(false, '')).toBe(true);
    expect(valuesEqual(true, 0)).toBe(false);
    expect(valuesEqual(true, 2)).toBe(true);
    expect(valuesEqual(1, true)).toBe(true);
    expect(valuesEqual(2, true)).toBe(false);
    expect(valuesEqual('True', true)).toBe(true);
  });
  it('has the null rules', () => {
    expect(valuesEqual(null, null)).toBe(true);
    expect(valuesEqual(null, 0)).toBe(false);
    expect(valuesEqual(0, null)).toBe(false);
    expect(valuesEqual('', null)).toBe(false);
    expect(valuesEqual(null, '')).toBe(false);
    expect(valuesEqual(undefined, null)).toBe(true);
  });
  it('compares dates with dates and date strings', () => {
    const x = d('2023-08-14T00:00:00Z');
    expect(valuesEqual(x, new Date(x.getTime()))).toBe(true);
    expect(valuesEqual(x, '8/14/2023')).toBe(true);
    expect(valuesEqual(x, '2023-08-14')).toBe(true);
    expect(valuesEqual(x, '8/15/2023')).toBe(false);
    expect(valuesEqual(x, 'not a date')).toBe(false);
  });
  it('compares time spans', () => {
    expect(valuesEqual(new TimeSpan(3_600_000), '01:00:00')).toBe(true);
    expect(valuesEqual(new TimeSpan(3_600_000), new TimeSpan(60_000))).toBe(false);
  });
  it('converts a date on the right to invariant text for a string on the left', () => {
    const x = d('2023-08-14T21:51:20Z');
    expect(valuesEqual('08/14/2023 21:51:20', x)).toBe(true);
    expect(valuesEqual('8/14/2023 9:51:20 PM', x)).toBe(false);
  });
  it('joins an array on the right with spaces for a string on the left', () => {
    expect(valuesEqual('a b', ['a', 'b'])).toBe(true);
    expect(valuesEqual(1, [1, 2])).toBe(false);
  });
  it('compares objects by reference', () => {
    const o = PSObject.from({ a: 1 });
    expect(valuesEqual(o, o)).toBe(true);
    expect(valuesEqual(o, PSObject.from({ a: 1 }))).toBe(false);
    const h = new Hashtable();
    expect(valuesEqual(h, h)).toBe(true);
    expect(valuesEqual(h, 'System.Collections.Hashtable')).toBe(false);
  });
});

describe('compareValues (LanguagePrimitives.Compare)', () => {
  it('compares numbers with numeric strings numerically', () => {
    expect(compareValues(10, '9')).toBe(1);
    expect(compareValues(9, '10')).toBe(-1);
    expect(compareValues(2, 2.0)).toBe(0);
  });
  it('compares strings with anything as strings', () => {
    expect(compareValues('10', 9)).toBe(-1);
    expect(compareValues('b', 'A')).toBe(1);
    expect(compareValues('a', 'A')).toBe(0);
    expect(compareValues('a', 'A', true)).toBe(-1);
  });
  it('compares dates with dates and date strings', () => {
    const x = d('2023-08-14T12:00:00Z');
    expect(compareValues(x, '8/14/2023')).toBe(1);
    expect(compareValues(x, d('2023-08-15T00:00:00Z'))).toBe(-1);
  });
  it('orders null below non-negative numbers and strings, above negative numbers', () => {
    expect(compareValues(null, null)).toBe(0);
    expect(compareValues(null, 5)).toBe(-1);
    expect(compareValues(null, 0)).toBe(-1);
    expect(compareValues(null, -5)).toBe(1);
    expect(compareValues(null, 'a')).toBe(-1);
    expect(compareValues('a', null)).toBe(1);
    expect(compareValues(-1, null)).toBe(-1);
    expect(compareValues(3, null)).toBe(1);
  });
  it('throws a PowerShell error when the values cannot be ordered', () => {
    expect(() => compareValues(5, 'abc')).toThrow(PSError);
    expect(() => compareValues(5, 'abc')).toThrow(/Could not compare "5" to "abc"/);
    expect(() => compareValues(PSObject.from({ a: 1 }), PSObject.from({ a: 1 }))).toThrow(/not IComparable/);
    expect(tryCompareValues(5, 'abc')).toBeUndefined();
  });
  it('compares booleans', () => {
    expect(compareValues(false, true)).toBe(-1);
    expect(compareValues(true, 0)).toBe(1);
  });
});

describe('sortCompare (Sort-Object)', () => {
  it('falls back to string comparison for values that cannot be ordered', () => {
    expect(sortCompare(5, 'abc')).toBe(-1);
    expect(sortCompare(PSObject.from({ a: 2 }), PSObject.from({ a: 1 }))).toBe(1);
  });
  it('puts nulls before strings and positive numbers', () => {
    expect(sortCompare(null, 'a')).toBe(-1);
    expect(sortCompare(null, 1)).toBe(-1);
    expect(sortCompare(undefined, null)).toBe(0);
  });
  it('uses culture order for strings', () => {
    expect(compareStrings('apple', 'Banana')).toBe(-1);
    expect(compareStrings('a', 'A', true)).toBe(-1);
    expect(compareStrings('é', 'e')).not.toBe(0);
  });
});

describe('applyComparison with scalars', () => {
  it('-eq / -ne / -ceq / -cne', () => {
    expect(applyComparison('eq', 'abc', 'ABC', false)).toBe(true);
    expect(applyComparison('eq', 'abc', 'ABC', true)).toBe(false);
    expect(applyComparison('ne', 'abc', 'ABC', false)).toBe(false);
    expect(applyComparison('ne', 'abc', 'ABC', true)).toBe(true);
  });
  it('-gt -ge -lt -le', () => {
    expect(applyComparison('gt', 10, '9', false)).toBe(true);
    expect(applyComparison('gt', '10', 9, false)).toBe(false);
    expect(applyComparison('ge', 5, 5, false)).toBe(true);
    expect(applyComparison('lt', 'a', 'B', false)).toBe(true);
    expect(applyComparison('lt', 'B', 'a', true)).toBe(false);
    expect(applyComparison('le', 'a', 'A', false)).toBe(true);
    expect(applyComparison('le', 'A', 'a', true)).toBe(false);
  });
  it('null with the ordering operators follows the binder rules', () => {
    expect(applyComparison('lt', null, 1)).toBe(true);
    expect(applyComparison('lt', null, 0)).toBe(true);
    expect(applyComparison('lt', null, -1)).toBe(false);
    expect(applyComparison('gt', null, -1)).toBe(true);
    expect(applyComparison('ge', null, -1)).toBe(true);
    expect(applyComparison('le', 0, null)).toBe(false);
    expect(applyComparison('gt', 0, null)).toBe(true);
    expect(applyComparison('lt', -5, null)).toBe(true);
    expect(applyComparison('lt', null, 'a')).toBe(true);
    expect(applyComparison('gt', 'a', null)).toBe(true);
    expect(applyComparison('lt', null, null)).toBe(false);
    expect(applyComparison('le', null, null)).toBe(true);
    expect(applyComparison('ge', null, null)).toBe(true);
    expect(applyComparison('gt', null, null)).toBe(false);
  });
  it('throws for an ordering between a number and a non-number', () => {
    expect(() => applyComparison('gt', 5, 'abc')).toThrow(/Could not compare/);
    expect(applyComparison('eq', 5, 'abc')).toBe(false);
    expect(applyComparison('ne', 5, 'abc')).toBe(true);
  });
  it('-like / -notlike / -clike with wildcards', () => {
    expect(applyComparison('like', 'Invoice 42', 'invoice*')).toBe(true);
    expect(applyComparison('like', 'Invoice 42', 'invoice*', true)).toBe(false);
    expect(applyComparison('like', 'abc', 'a?c')).toBe(true);
    expect(applyComparison('like', 'abc', 'a[a-c]c')).toBe(true);
    expect(applyComparison('like', 'adc', 'a[a-c]c')).toBe(false);
    expect(applyComparison('like', 'a*c', 'a`*c')).toBe(true);
    expect(applyComparison('like', 'abc', 'a`*c')).toBe(false);
    expect(applyComparison('notlike', 'abc', 'x*')).toBe(true);
    expect(applyComparison('like', null, '')).toBe(true);
    expect(applyComparison('like', 42, '4*')).toBe(true);
  });
  it('-like reads a date in invariant form', () => {
    expect(likeMatch(d('2023-08-14T21:51:20Z'), '08/14/2023*')).toBe(true);
    expect(likeMatch(d('2023-08-14T21:51:20Z'), '8/14/2023*')).toBe(false);
  });
  it('-match / -notmatch / -cmatch', () => {
    expect(applyComparison('match', 'Recall ID 123', '\\d+')).toBe(true);
    expect(applyComparison('match', 'ABC', 'abc')).toBe(true);
    expect(applyComparison('match', 'ABC', 'abc', true)).toBe(false);
    expect(applyComparison('notmatch', 'ABC', 'x')).toBe(true);
    expect(applyComparison('match', null, '^$')).toBe(true);
  });
  it('-contains / -notcontains / -in / -notin', () => {
    expect(applyComparison('contains', ['a', 'B'], 'b')).toBe(true);
    expect(applyComparison('contains', ['a', 'B'], 'b', true)).toBe(false);
    expect(applyComparison('notcontains', ['a', 'B'], 'c')).toBe(true);
    expect(applyComparison('contains', 'abc', 'b')).toBe(false);
    expect(applyComparison('contains', 'abc', 'ABC')).toBe(true);
    expect(applyComparison('in', 'b', ['a', 'B'])).toBe(true);
    expect(applyComparison('in', 'b', ['a', 'B'], true)).toBe(false);
    expect(applyComparison('notin', 'c', ['a', 'b'])).toBe(true);
    expect(applyComparison('in', '1', [1, 2])).toBe(true);
    expect(applyComparison('in', 1, ['1.0'])).toBe(false);
    expect(applyComparison('contains', [1, 2], '2')).toBe(true);
    expect(applyComparison('contains', [null, 1], null)).toBe(true);
  });
  it('-contains does not look into a hashtable', () => {
    const h = new Hashtable();
    h.set('a', 1);
    expect(containsValue(h, 'a')).toBe(false);
  });
});

describe('applyComparison with a collection on the left', () => {
  it('filters with -eq/-ne and returns an array even for one or no match', () => {
    expect(applyComparison('eq', [1, 2, 3, 2], 2)).toEqual([2, 2]);
    expect(applyComparison('eq', ['a', 'b'], 'B')).toEqual(['b']);
    expect(applyComparison('eq', ['a', 'b'], 'B', true)).toEqual([]);
    expect(applyComparison('ne', [1, 2, 3], 2)).toEqual([1, 3]);
    expect(applyComparison('eq', [1, null, 2], null)).toEqual([null]);
  });
  it('filters with the ordering operators', () => {
    expect(applyComparison('gt', [1, 5, 10], '4')).toEqual([5, 10]);
    expect(applyComparison('le', ['a', 'B', 'c'], 'b')).toEqual(['a', 'B']);
  });
  it('filters with -like and -match', () => {
    expect(applyComparison('like', ['apple', 'banana', 'avocado'], 'a*')).toEqual(['apple', 'avocado']);
    expect(applyComparison('notlike', ['apple', 'banana'], 'a*')).toEqual(['banana']);
    expect(applyComparison('match', ['a1', 'b', 'c22'], '\\d')).toEqual(['a1', 'c22']);
    expect(applyComparison('notmatch', ['a1', 'b'], '\\d')).toEqual(['b']);
  });
  it('keeps -contains a membership test', () => {
    expect(applyComparison('contains', [1, 2], 3)).toBe(false);
  });
});

describe('.NET regular expressions', () => {
  it('honours inline options', () => {
    expect(regexMatch('ABC', '(?i)abc', true)).not.toBeNull();
    expect(regexMatch('a\nb', '(?s)a.b')).not.toBeNull();
    expect(regexMatch('a\nb', 'a.b')).toBeNull();
    expect(regexMatch('x\ny', '(?m)^y$')).not.toBeNull();
    expect(regexMatch('x\ny', '^y$')).toBeNull();
    expect(regexMatch('a b', '(?x) a \\s b # comment')).not.toBeNull();
  });
  it('lets . match \\r, and $ match before a final newline', () => {
    expect(regexMatch('a\rb', 'a.b')).not.toBeNull();
    expect(regexMatch('abc\n', 'abc$')).not.toBeNull();
    expect(regexMatch('abc\nx', 'abc$')).toBeNull();
    expect(regexMatch('abc\n', 'abc\\z')).toBeNull();
    expect(regexMatch('abc\n', 'abc\\Z')).not.toBeNull();
    expect(regexMatch('abc', '\\Aab')).not.toBeNull();
  });
  it('supports named groups in both .NET spellings', () => {
    const m = regexMatch('user@contoso.com', "(?<user>[^@]+)@(?'domain'.+)");
    expect(m?.groups?.user).toBe('user');
    expect(m?.groups?.domain).toBe('contoso.com');
  });
  it('builds $Matches with .NET group numbering', () => {
    const pattern = '(?<name>\\w+)=(\\d+)';
    const m = regexMatch('size=42', pattern)!;
    const t = matchesTable(m, pattern);
    expect(t.get(0)).toBe('size=42');
    expect(t.get(1)).toBe('42');
    expect(t.get('name')).toBe('size');
    expect(t.has(2)).toBe(false);
  });
  it('leaves out groups that did not take part', () => {
    const pattern = '(a)|(b)';
    const t = matchesTable(regexMatch('b', pattern)!, pattern);
    expect(t.has(1)).toBe(false);
    expect(t.get(2)).toBe('b');
  });
  it('treats ] first in a class as a literal', () => {
    expect(regexMatch(']', '[]a]')).not.toBeNull();
  });
  it('reports an invalid pattern as PowerShell does', () => {
    expect(() => dotNetRegex('[')).toThrow('The regular expression pattern [ is not valid.');
    expect(() => applyComparison('match', 'x', '(')).toThrow(PSError);
  });
});

describe('operandToString', () => {
  it('uses invariant date text and $OFS joining', () => {
    expect(operandToString(d('2023-08-14T09:05:00Z'))).toBe('08/14/2023 09:05:00');
    expect(operandToString([1, 'a', null])).toBe('1 a ');
    expect(operandToString(null)).toBe('');
  });
});
