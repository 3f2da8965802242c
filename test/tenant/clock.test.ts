// Tenant time: --now / EXOSH_NOW, else the store's pinned clock, else the real clock.

import { describe, expect, it } from 'vitest';
import { isoText, pinClock, readClock, unpinClock } from '../../src/tenant/clock.js';
import { emptyTenant } from '../../src/tenant/tenant.js';

const data = () => emptyTenant('contoso.com', new Date('2023-08-15T00:00:00Z'));

describe('readClock', () => {
  it('an override wins over the pinned clock', () => {
    const d = data();
    pinClock(d, new Date('2023-08-15T09:00:00Z'));
    const override = new Date('2024-01-01T00:00:00Z');
    const r = readClock(d, override);
    expect(r).toEqual({ now: new Date('2024-01-01T00:00:00Z'), source: 'Option' });
    r.now.setUTCFullYear(2000);
    expect(override.getUTCFullYear()).toBe(2024); // a copy, not the caller's Date
  });

  it('the pinned store clock comes next', () => {
    const d = data();
    pinClock(d, new Date('2023-08-15T09:00:00Z'));
    expect(readClock(d, undefined)).toEqual({ now: new Date('2023-08-15T09:00:00Z'), source: 'Store' });
  });

  it('otherwise the real clock', () => {
    const before = Date.now();
    const r = readClock(data(), undefined);
    expect(r.source).toBe('System');
    expect(r.now.getTime()).toBeGreaterThanOrEqual(before);
    expect(r.now.getTime()).toBeLessThanOrEqual(Date.now());
    expect(readClock(undefined, undefined).source).toBe('System');
  });
});

describe('pinClock / unpinClock / isoText', () => {
  it('stores whole seconds without a fraction, and keeps milliseconds when there are some', () => {
    const d = data();
    pinClock(d, new Date('2023-08-15T09:00:00.000Z'));
    expect(d.clock.pinned).toBe('2023-08-15T09:00:00Z');
    pinClock(d, new Date('2023-08-15T09:00:00.250Z'));
    expect(d.clock.pinned).toBe('2023-08-15T09:00:00.250Z');
    unpinClock(d);
    expect(d.clock.pinned).toBeNull();
    expect(isoText(new Date(Date.UTC(2023, 7, 15, 23, 59, 59)))).toBe('2023-08-15T23:59:59Z');
  });
});
