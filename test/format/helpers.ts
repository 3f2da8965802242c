// Small builders for the formatting golden tests.
import { Hashtable, PSObject, ScriptBlockValue, type PSValue } from '../../src/shell/values.js';

/** The text of these lines, each ending in `\n`, so trailing blanks stay visible in a test. */
export const lines = (...ls: string[]): string => ls.map((l) => l + '\n').join('');

export const obj = (record: Record<string, PSValue>, typeName?: string): PSObject => PSObject.from(record, typeName);

export const utc = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): Date => new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms));

/** `@{k=v; ...}` with keys in order. */
export function table(entries: [PSValue, PSValue][], ordered = false): Hashtable {
  const h = new Hashtable(ordered);
  for (const [k, v] of entries) h.set(k, v);
  return h;
}

/** A script block computing `fn($_)`. */
export const block = (text: string, fn: (o: PSValue) => PSValue): ScriptBlockValue => new ScriptBlockValue(text, (dollarUnder) => [fn(dollarUnder ?? null)]);
