// Tenant time. Everything in the tenant reads the time from here: an explicit --now, else
// the store's pinned clock, else the real clock. Future effects (settings taking effect,
// retries, reports) are computed from it, so moving the clock makes them happen.

import type { TenantData } from './schema.js';

export type ClockSource = 'Option' | 'Store' | 'System';

export interface ClockReading {
  now: Date;
  source: ClockSource;
}

export function readClock(data: TenantData | undefined, override: Date | undefined): ClockReading {
  if (override) return { now: new Date(override.getTime()), source: 'Option' };
  if (data?.clock.pinned) return { now: new Date(data.clock.pinned), source: 'Store' };
  return { now: new Date(), source: 'System' };
}

export function pinClock(data: TenantData, at: Date): void {
  data.clock.pinned = at.toISOString().replace('.000Z', 'Z');
}

export function unpinClock(data: TenantData): void {
  data.clock.pinned = null;
}

/** ISO 8601 text as the store keeps it (whole seconds without a fraction). */
export function isoText(d: Date): string {
  return d.toISOString().replace('.000Z', 'Z');
}
