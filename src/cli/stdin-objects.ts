// Objects piped into `exosh -c`: a JSON array, JSON lines, or (failing both) lines of text.

import { PSObject, type PSValue } from '../shell/values.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** Converts parsed JSON to shell values; ISO 8601 strings become dates, as ConvertFrom-Json does. */
export function fromJson(v: unknown): PSValue {
  if (v === null || typeof v === 'number' || typeof v === 'boolean') return v as PSValue;
  if (typeof v === 'string') return ISO_DATE.test(v) ? new Date(v) : v;
  if (Array.isArray(v)) return v.map(fromJson);
  const obj = new PSObject();
  for (const [k, x] of Object.entries(v as object)) obj.set(k, fromJson(x));
  return obj;
}

/** The pipeline input carried by stdin text, or undefined when there is none. */
export function parseJsonInput(text: string): PSValue[] | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  try {
    const v = JSON.parse(trimmed);
    return Array.isArray(v) ? v.map(fromJson) : [fromJson(v)];
  } catch {
    // not one JSON document: try JSON lines
  }
  const lines = trimmed.split(/\r?\n/).filter((l) => l.trim() !== '');
  try {
    return lines.map((l) => fromJson(JSON.parse(l)));
  } catch {
    return lines;
  }
}
