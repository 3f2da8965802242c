import { describe, expect, it } from 'vitest';
import { addMonths, getDateCmdlet, newTimeSpanCmdlet, startSleepCmdlet, uformatDate } from '../../src/cmdlets/utility/date.js';
import { PSValue, TimeSpan } from '../../src/shell/values.js';
import { runCmdlet } from '../helpers/context.js';

// fakeContext's clock: 2023-08-15 12:00:00 UTC (a Tuesday)
const NOW = new Date(Date.UTC(2023, 7, 15, 12, 0, 0));
const run = (params: Record<string, PSValue | undefined>) => runCmdlet(getDateCmdlet, params).output[0];
const iso = (v: PSValue) => (v as Date).toISOString();

describe('Get-Date', () => {
  it('returns the host clock', () => {
    expect(run({})).toEqual(NOW);
  });
  it('uses -Date and replaces components', () => {
    expect(iso(run({ Date: new Date(Date.UTC(2020, 0, 31, 8, 30)), Year: 2021, Hour: 5 }))).toBe('2021-01-31T05:30:00.000Z');
    expect(iso(run({ Month: 2, Day: 1, Minute: 7, Second: 9, Millisecond: 250 }))).toBe('2023-02-01T12:07:09.250Z');
  });
  it('clamps the day when changing month, and rolls over an impossible -Day (as pwsh)', () => {
    expect(iso(run({ Date: new Date(Date.UTC(2023, 0, 31)), Month: 2 }))).toBe('2023-02-28T00:00:00.000Z');
    expect(iso(run({ Date: new Date(Date.UTC(2023, 1, 5)), Day: 31 }))).toBe('2023-03-03T00:00:00.000Z');
  });
  it('-Format with .NET formats and the FileDate names', () => {
    expect(run({ Format: 'yyyy-MM-dd HH:mm' })).toBe('2023-08-15 12:00');
    expect(run({ Format: 'FileDate' })).toBe('20230815');
    expect(run({ Format: 'FileDateTimeUniversal' })).toBe('20230815T1200000000Z');
    expect(run({ Format: 'o' })).toBe('2023-08-15T12:00:00.0000000Z');
  });
  it('-UFormat', () => {
    expect(run({ UFormat: '%Y-%m-%d %H:%M:%S' })).toBe('2023-08-15 12:00:00');
    expect(run({ UFormat: '+%A %a %B %b %j %u %w %V %s %Z %%' })).toBe('Tuesday Tue August Aug 227 2 2 33 1692100800 +00 %');
    expect(uformatDate(new Date(Date.UTC(2021, 0, 1, 15, 4, 5)), '%D %r %e %k %l %G %g %C %F %T')).toBe('01/01/21 03:04:05 PM  1 15  3 2020 20 20 2021-01-01 15:04:05');
  });
  it('-UnixTimeSeconds', () => {
    expect(iso(run({ UnixTimeSeconds: 0 }))).toBe('1970-01-01T00:00:00.000Z');
  });
  it('addMonths keeps two-digit years', () => {
    const d = new Date(0);
    d.setUTCFullYear(99, 0, 31);
    expect(addMonths(d, 1).getUTCFullYear()).toBe(99);
    expect(addMonths(d, 1).getUTCDate()).toBe(28);
    expect(addMonths(new Date(Date.UTC(2023, 11, 15)), 1).toISOString()).toBe('2024-01-15T00:00:00.000Z');
    expect(addMonths(new Date(Date.UTC(2023, 0, 15)), -1).toISOString()).toBe('2022-12-15T00:00:00.000Z');
  });
});

describe('New-TimeSpan', () => {
  it('from parts', () => {
    const t = runCmdlet(newTimeSpanCmdlet, { Hours: 1, Minutes: 30 }).output[0] as TimeSpan;
    expect(t.ms).toBe(5_400_000);
    expect((runCmdlet(newTimeSpanCmdlet, { Days: 1, Milliseconds: 5 }).output[0] as TimeSpan).toString()).toBe('1.00:00:00.0050000');
  });
  it('between -Start and -End, each defaulting to now', () => {
    const start = new Date(Date.UTC(2023, 7, 14, 12, 0, 0));
    expect((runCmdlet(newTimeSpanCmdlet, { Start: start }).output[0] as TimeSpan).totalDays).toBe(1);
    expect((runCmdlet(newTimeSpanCmdlet, { End: start }).output[0] as TimeSpan).totalDays).toBe(-1);
    expect((runCmdlet(newTimeSpanCmdlet, { Start: start, End: new Date(Date.UTC(2023, 7, 14, 12, 0, 30)) }).output[0] as TimeSpan).ms).toBe(30_000);
  });
});

describe('Start-Sleep', () => {
  it('waits about as long as asked, no longer', () => {
    const t0 = Date.now();
    runCmdlet(startSleepCmdlet, { Milliseconds: 30 });
    const elapsed = Date.now() - t0;
    expect(elapsed).toBeGreaterThanOrEqual(25);
    expect(elapsed).toBeLessThan(1000);
  });
  it('accepts seconds and a duration', () => {
    const t0 = Date.now();
    runCmdlet(startSleepCmdlet, { Seconds: 0.02 });
    runCmdlet(startSleepCmdlet, { Duration: new TimeSpan(20) });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(35);
  });
});
