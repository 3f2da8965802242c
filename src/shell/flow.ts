// Values and errors that steer the flow of a run, shared by the evaluator, the pipeline and
// the session without making them import one another.

import { PSError } from './errors.js';
import type { PSValue } from './values.js';

export type Emit = (value: PSValue) => void;

/** Marks errors that end the whole script (throw, -ErrorAction Stop) rather than one statement. */
export function scriptTerminating(e: PSError): PSError {
  (e as PSError & { scriptTerminating?: boolean }).scriptTerminating = true;
  return e;
}

export function isScriptTerminating(e: unknown): boolean {
  return e instanceof PSError && (e as PSError & { scriptTerminating?: boolean }).scriptTerminating === true;
}

/** Unrolls a value the way the pipeline does: arrays one level, everything else as one item. */
export function enumerate(v: PSValue | undefined): PSValue[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}

/** Collected pipeline output as a single value: nothing is $null, one item is itself. */
export function collapse(items: PSValue[]): PSValue {
  return items.length === 0 ? null : items.length === 1 ? items[0] : items;
}

export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && e.message.includes('call stack');
}

/** pwsh's ScriptCallDepthException: it ends the script. */
export function callDepthOverflow(): PSError {
  return scriptTerminating(new PSError('The script failed due to call depth overflow.', { category: 'InvalidOperation', errorId: 'CallDepthOverflow', exception: 'ScriptCallDepthException' }));
}
