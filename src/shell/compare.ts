// PowerShell's comparison semantics, shared by the language operators (-eq, -lt, -like, -match,
// -contains, -in ...), Where-Object, Sort-Object, Group-Object and Select-Object -Unique.
//
// Modelled on pwsh 7's sources: PSBinaryOperationBinder (the operators), LanguagePrimitives.
// Compare/TryCompare (Sort-Object's ObjectCommandComparer) and ParserOps (-like, -match, -contains).
// The rule everywhere: the RIGHT operand is converted to the type of the LEFT one.

import { PSError } from './errors.js';
import { formatDateWith, operandToString, parseDate, parseTimeSpan, toBool, toStr, typeNameOf } from './convert.js';
import { dotNetRegex, likeMatch, regexMatch, wildcardRegExp } from './regex.js';

export { operandToString } from './convert.js';
export { dotNetRegex, likeMatch, matchesTable, regexMatch, wildcardRegExp } from './regex.js';
import { Hashtable, PSValue, TimeSpan } from './values.js';

export type ComparisonOperator = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le' | 'like' | 'notlike' | 'match' | 'notmatch' | 'contains' | 'notcontains' | 'in' | 'notin';

type Value = PSValue | undefined;

// .NET (on ICU) compares strings with culture rules; ICU's en-US collation is the same engine.
// IgnoreCase is secondary strength (accents still count); case-sensitive puts lower case first.
// Created on first use: an Intl.Collator costs several milliseconds at start-up.
let collatorCI: Intl.Collator | undefined;
let collatorCS: Intl.Collator | undefined;
const COLLATOR_CI = { compare: (a: string, b: string) => (collatorCI ??= new Intl.Collator('en-US', { sensitivity: 'accent' })).compare(a, b) };
const COLLATOR_CS = { compare: (a: string, b: string) => (collatorCS ??= new Intl.Collator('en-US', { sensitivity: 'variant', caseFirst: 'lower' })).compare(a, b) };

/** Culture-aware string comparison: -1, 0 or 1. */
export function compareStrings(a: string, b: string, caseSensitive = false): number {
  if (a === b) return 0;
  const r = (caseSensitive ? COLLATOR_CS : COLLATOR_CI).compare(a, b);
  return r < 0 ? -1 : r > 0 ? 1 : 0;
}

/** String equality as -eq/-ceq do it: culture ignore-case, or ordinal when case-sensitive. */
function stringsEqual(a: string, b: string, caseSensitive: boolean): boolean {
  return caseSensitive ? a === b : a === b || COLLATOR_CI.compare(a, b) === 0;
}

const isNull = (v: Value): v is null | undefined => v === null || v === undefined;

const MULTIPLIERS: Record<string, number> = { kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4, pb: 1024 ** 5 };

/**
 * Parser.ScanNumber: how a string operand becomes a number next to a numeric left operand.
 * Blank is 0 (pwsh's backward-compatible rule); otherwise a PowerShell number literal
 * (`42`, `-1.5e3`, `0x1F`, `0b101`, `10kb`, `5L`). Null when it is not a number.
 */
export function scanNumber(text: string): number | null {
  const s = text.trim();
  if (s === '') return 0;
  const m = /^([+-]?)(?:0x([0-9a-f]+)|0b([01]+)|((?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?))(?:ul|lu|uy|us|u|l|d|n|y|s)?(kb|mb|gb|tb|pb)?$/i.exec(s);
  if (!m) return null;
  const [, sign, hex, bin, dec, mult] = m;
  let n = hex !== undefined ? parseInt(hex, 16) : bin !== undefined ? parseInt(bin, 2) : Number(dec);
  if (mult) n *= MULTIPLIERS[mult.toLowerCase()];
  return sign === '-' ? -n : n;
}

/** DateTime(long ticks) / TimeSpan(long ticks): .NET ticks are 100 ns from 0001-01-01. */
const TICKS_AT_EPOCH = 621_355_968_000_000_000;

/**
 * Converts `right` to the type of a non-null scalar `left`, or undefined when PowerShell's
 * conversion would fail (`1 -eq 'abc'`). Objects without a conversion (PSObject, hashtable,
 * script block) return undefined: they only compare by reference.
 */
function convertToTypeOf(left: PSValue, right: PSValue): PSValue | undefined {
  if (typeof left === 'string') return typeof right === 'string' ? right : operandToString(right);
  // A one-element array converts like its element, as elsewhere in this shell's conversions.
  const r = Array.isArray(right) && right.length === 1 ? right[0] : right;
  if (typeof left === 'number') {
    if (typeof r === 'number') return r;
    if (typeof r === 'boolean') return r ? 1 : 0;
    if (typeof r === 'string') return scanNumber(r) ?? undefined;
    return undefined;
  }
  if (typeof left === 'boolean') return toBool(right);
  if (left instanceof Date) {
    if (r instanceof Date) return r;
    if (typeof r === 'string') return parseDate(r) ?? undefined;
    if (typeof r === 'number' && Number.isInteger(r)) return new Date((r - TICKS_AT_EPOCH) / 10_000);
    return undefined;
  }
  if (left instanceof TimeSpan) {
    if (r instanceof TimeSpan) return r;
    if (typeof r === 'string') return parseTimeSpan(r) ?? undefined;
    if (typeof r === 'number' && Number.isInteger(r)) return new TimeSpan(r / 10_000);
    return undefined;
  }
  return undefined;
}

function numericCompare(a: number, b: number): number {
  // .NET's Double.CompareTo orders NaN below everything and equal to itself.
  if (isNaN(a) || isNaN(b)) return isNaN(a) ? (isNaN(b) ? 0 : -1) : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function comparisonFailure(left: PSValue, right: PSValue): PSError {
  const target = typeNameOf(left);
  const inner =
    typeof right === 'string'
      ? `Cannot convert value "${right}" to type "${target}". Error: "The input string '${right}' was not in a correct format."`
      : `Cannot convert the "${operandToString(right)}" value of type "${typeNameOf(right)}" to type "${target}".`;
  return new PSError(`Could not compare "${operandToString(left)}" to "${operandToString(right)}". Error: "${inner}"`, {
    category: 'InvalidOperation',
    errorId: 'ComparisonFailure',
    exception: 'RuntimeException',
    target: left,
  });
}

function notComparable(left: PSValue): PSError {
  return new PSError(`Cannot compare "${operandToString(left)}" because it is not IComparable.`, {
    category: 'InvalidOperation',
    errorId: 'NotIcomparable',
    exception: 'RuntimeException',
    target: left,
  });
}

/** Orders two non-null values, right converted to left's type; undefined when they cannot be ordered. */
function tryCompareNonNull(a: PSValue, b: PSValue, caseSensitive: boolean): number | undefined {
  if (a === null || b === null) return undefined;
  if (typeof a === 'string') return compareStrings(a, typeof b === 'string' ? b : operandToString(b), caseSensitive);
  const c = convertToTypeOf(a, b);
  if (typeof a === 'number') return typeof c === 'number' ? numericCompare(a, c) : undefined;
  if (typeof a === 'boolean') return (a ? 1 : 0) - (c ? 1 : 0);
  if (a instanceof Date) return c instanceof Date ? numericCompare(a.getTime(), c.getTime()) : undefined;
  if (a instanceof TimeSpan) return c instanceof TimeSpan ? numericCompare(a.ms, c.ms) : undefined;
  // Not IComparable: only the very same object orders (as equal).
  return a === b ? 0 : undefined;
}

function compareNonNull(a: PSValue, b: PSValue, caseSensitive: boolean): number {
  const r = tryCompareNonNull(a, b, caseSensitive);
  if (r !== undefined) return r;
  const convertible = typeof a === 'number' || typeof a === 'boolean' || a instanceof Date || a instanceof TimeSpan;
  throw convertible ? comparisonFailure(a, b ?? null) : notComparable(a);
}

/**
 * LanguagePrimitives.CompareObjectToNull: null sorts below zero and positive numbers, above
 * negative numbers, and below anything that is not a number.
 */
function compareToNull(value: PSValue, valueIsRight: boolean): number {
  const i = valueIsRight ? -1 : 1;
  return typeof value === 'number' && value < 0 ? -i : i;
}

/**
 * LanguagePrimitives.Compare: -1, 0 or 1, converting `b` to `a`'s type. Numbers compare with
 * numeric strings numerically (`10` vs `'9'`), strings compare with anything as strings
 * (`'10'` vs `9`), dates with date strings as dates. Throws PSError when the values cannot
 * be ordered (`5` vs `'abc'`, two custom objects).
 */
export function compareValues(a: Value, b: Value, caseSensitive = false): number {
  if (isNull(a)) return isNull(b) ? 0 : compareToNull(b, true);
  if (isNull(b)) return compareToNull(a, false);
  return compareNonNull(a, b, caseSensitive);
}

/** LanguagePrimitives.TryCompare: like compareValues, undefined instead of an error. */
export function tryCompareValues(a: Value, b: Value, caseSensitive = false): number | undefined {
  if (isNull(a)) return isNull(b) ? 0 : compareToNull(b, true);
  if (isNull(b)) return compareToNull(a, false);
  return tryCompareNonNull(a, b, caseSensitive);
}

/**
 * Sort-Object's ordering (ObjectCommandComparer): compareValues, falling back to comparing the
 * display strings when the values cannot be ordered; never throws. Case-insensitive by default.
 */
export function sortCompare(a: Value, b: Value, caseSensitive = false): number {
  if (isNull(a) && isNull(b)) return 0;
  const r = tryCompareValues(a, b, caseSensitive);
  if (r !== undefined) return r;
  return compareStrings(toStr(a ?? null), toStr(b ?? null), caseSensitive);
}

/**
 * `-eq` between two scalars (PSBinaryOperationBinder): null equals only null; otherwise the
 * right side is converted to the left side's type and a failed conversion is simply "not equal".
 * `'1' -eq 1`, `1 -eq '1.0'`, `$true -eq 'false'` (any non-empty string is true) are all true.
 */
export function valuesEqual(a: Value, b: Value, caseSensitive = false): boolean {
  if (isNull(a)) return isNull(b);
  if (isNull(b)) return false;
  if (typeof a === 'string') return stringsEqual(a, typeof b === 'string' ? b : operandToString(b), caseSensitive);
  if (a === b) return true;
  const c = convertToTypeOf(a, b);
  if (c === undefined) return false;
  if (typeof a === 'number') return typeof c === 'number' && a === c;
  if (typeof a === 'boolean') return a === c;
  if (a instanceof Date) return c instanceof Date && a.getTime() === c.getTime();
  if (a instanceof TimeSpan) return c instanceof TimeSpan && a.ms === c.ms;
  return false;
}

/**
 * The ordering operators on two scalars, with the binder's null rules: a null next to a number
 * acts like a value just below 0 (`$null -lt 0` and `$null -ge -1` are true, `0 -le $null` is
 * false); next to anything else it is the smallest value (`$null -lt 'a'`).
 */
function orderTest(op: 'gt' | 'ge' | 'lt' | 'le', a: Value, b: Value, caseSensitive: boolean): boolean {
  if (isNull(a) || isNull(b)) {
    if (typeof a === 'number') return op === 'gt' || op === 'ge' ? a >= 0 : a < 0;
    if (typeof b === 'number') return op === 'gt' || op === 'ge' ? b < 0 : b >= 0;
    switch (op) {
      case 'lt':
        return !isNull(b);
      case 'le':
        return isNull(a);
      case 'gt':
        return !isNull(a);
      case 'ge':
        return isNull(b);
    }
  }
  const r = compareNonNull(a, b, caseSensitive);
  switch (op) {
    case 'lt':
      return r < 0;
    case 'le':
      return r <= 0;
    case 'gt':
      return r > 0;
    case 'ge':
      return r >= 0;
  }
}

/** Whether `collection` holds an element equal to `value` (-contains; a scalar is a one-item collection). */
export function containsValue(collection: Value, value: Value, caseSensitive = false): boolean {
  if (Array.isArray(collection)) return collection.some((item) => valuesEqual(item, value, caseSensitive));
  return valuesEqual(collection, value, caseSensitive);
}

/** The per-element test of an operator, with the right operand prepared once. */
function scalarTest(op: ComparisonOperator, right: Value, caseSensitive: boolean): (left: Value) => boolean {
  switch (op) {
    case 'eq':
      return (l) => valuesEqual(l, right, caseSensitive);
    case 'ne':
      return (l) => !valuesEqual(l, right, caseSensitive);
    case 'gt':
    case 'ge':
    case 'lt':
    case 'le':
      return (l) => orderTest(op, l, right, caseSensitive);
    case 'like':
    case 'notlike': {
      const re = wildcardRegExp(operandToString(right), caseSensitive);
      return (l) => re.test(operandToString(l)) !== (op === 'notlike');
    }
    case 'match':
    case 'notmatch': {
      const re = dotNetRegex(operandToString(right), caseSensitive);
      return (l) => re.test(operandToString(l)) !== (op === 'notmatch');
    }
    default:
      return () => false;
  }
}

/**
 * A comparison operator as pwsh evaluates it. With a collection on the left, -eq -ne -gt -ge
 * -lt -le -like -notlike -match -notmatch filter it, returning the matching elements (always an
 * array); with a scalar they return a boolean. -contains/-notcontains test whether the left
 * collection holds the right value, -in/-notin whether the right collection holds the left value.
 * `$Matches` is the caller's business: see regexMatch/matchesTable.
 */
export function applyComparison(op: ComparisonOperator, left: Value, right: Value, caseSensitive = false): PSValue {
  switch (op) {
    case 'contains':
      return containsValue(left, right, caseSensitive);
    case 'notcontains':
      return !containsValue(left, right, caseSensitive);
    case 'in':
      return containsValue(right, left, caseSensitive);
    case 'notin':
      return !containsValue(right, left, caseSensitive);
  }
  const test = scalarTest(op, right, caseSensitive);
  if (Array.isArray(left)) return left.filter((item) => test(item));
  return test(left);
}
