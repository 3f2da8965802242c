// A value as the list of values it stands for, the way PowerShell enumerates an argument:
// $null (or nothing) is no values, an array is its items, anything else is one value.

import type { PSValue } from './values.js';

/** `$null` or nothing → `[]`, an array → itself (not copied), any other value → `[value]`. */
export function toList(v: PSValue | undefined): PSValue[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}
