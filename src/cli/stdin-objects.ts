// Objects piped into `exosh -c`: a JSON array, JSON lines, or (failing both) lines of text.
// JSON is read by the shell's one reader, the one ConvertFrom-Json uses, so a value piped in
// becomes what ConvertFrom-Json would make of it (ISO 8601 dates become DateTimes).

import { convertFromJson, JsonSyntaxError } from '../shell/json-values.js';
import type { PSValue } from '../shell/values.js';

const OPTIONS = { mergeKeys: true };

function readJson(text: string): PSValue {
  return convertFromJson(text, OPTIONS);
}

/** The pipeline input carried by stdin text, or undefined when there is none. */
export function parseJsonInput(text: string): PSValue[] | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  try {
    const v = readJson(trimmed);
    return Array.isArray(v) ? v : [v];
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    // not one JSON document: try JSON lines
  }
  const lines = trimmed.split(/\r?\n/).filter((l) => l.trim() !== '');
  try {
    return lines.map(readJson);
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    return lines;
  }
}
