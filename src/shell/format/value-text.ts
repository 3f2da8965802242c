// How one value reads inside a table cell or after a list label: PowerShell's
// PSObjectHelper.SmartToString / FormatField (FormatAndOutput/common/Utilities/MshObjectUtil.cs).

import { formatDate, formatNumber, toStr } from '../convert.js';
import { FormattedText, Hashtable, PSObject, PSValue, ScriptBlockValue, TimeSpan } from '../values.js';

/** $FormatEnumerationLimit: collections show this many items, then `…`. */
export const FORMAT_ENUMERATION_LIMIT = 4;

/** U+2026, what pwsh appends to truncated text and long collections. */
export const ELLIPSIS = '\u2026';

export interface CellOptions {
  /**
   * True for a table built from properties (no view): pwsh 7.3+ then prints non-integral
   * numbers with the culture's NumberDecimalDigits, i.e. `1.456789` as `1.46` (PR #17650).
   */
  table?: boolean;
}

/** The display text of a value in a table cell or a list entry. */
export function formatCell(value: PSValue | undefined, opts: CellOptions = {}): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (opts.table && !Number.isInteger(value) && Number.isFinite(value)) return value.toFixed(2);
    return formatNumber(value);
  }
  if (Array.isArray(value)) return braceList(value.map(itemName));
  // A hashtable enumerates its DictionaryEntry items, whose display name is the key.
  if (value instanceof Hashtable) return braceList(value.keys().map((k) => toStr(k)));
  return scalarText(value);
}

/** `{a, b, c, d…}`: collections in braces, cut after $FormatEnumerationLimit items. */
function braceList(names: string[]): string {
  const shown = names.slice(0, FORMAT_ENUMERATION_LIMIT).join(', ');
  return '{' + shown + (names.length > FORMAT_ENUMERATION_LIMIT ? ELLIPSIS : '') + '}';
}

/** GetObjectName: how one element of a collection reads inside the braces. */
function itemName(item: PSValue): string {
  // pwsh writes an enumerated null as the PowerShell literal.
  if (item === null) return '$null';
  return scalarText(item);
}

/** Object.ToString() as pwsh shows it for non-collection values. */
export function scalarText(value: PSValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return formatNumber(value);
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value instanceof Date) return formatDate(value);
  if (value instanceof TimeSpan) return value.toString();
  if (value instanceof ScriptBlockValue) return value.text;
  if (value instanceof FormattedText) return value.text;
  if (value instanceof PSObject) return toStr(value);
  return toStr(value);
}

/**
 * pwsh's default column alignment (TableViewGenerator.ComputeDefaultAlignment): decided by the
 * first object's value; numbers and booleans (DefaultScalarTypes other than String) go right.
 */
export function defaultAlignment(value: PSValue | undefined): 'left' | 'right' {
  return typeof value === 'number' || typeof value === 'boolean' ? 'right' : 'left';
}
