// Deterministic identifiers: the same script on the same tenant yields the same GUIDs,
// so CI runs and golden outputs are reproducible.

import { createHash } from 'node:crypto';

/** A name-based (version 5 style) GUID from a namespace and a name. */
export function deterministicGuid(namespace: string, name: string): string {
  const h = createHash('sha1').update(namespace).update('\0').update(name).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20, 32)}`;
}
