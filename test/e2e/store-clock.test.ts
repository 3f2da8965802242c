// Tenant time through the CLI: --now / EXOSH_NOW, Set-TenantClock / Get-TenantClock, Get-Date.

import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { caseStores, exosh, type Run } from '../helpers/exosh-process.js';

// Each spawn costs ~100 ms on an idle machine, far more on a busy one.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const NOW = '2023-08-15T00:00:00Z';

const newCase = caseStores('exosh-e2e-clock-', (template) => ['--now', NOW, 'init', template]);

function fresh(): { dir: string; store: string; run: (script: string, extra?: Record<string, string>, args?: string[]) => Run } {
  const { dir, store } = newCase();
  return { dir, store, run: (script, extra, args = []) => exosh(dir, [...args, '--store', store, '-c', script], extra) };
}

const pinned = (store: string) => JSON.parse(readFileSync(store, 'utf8')).clock.pinned;
const SHOW = "$c = Get-TenantClock; '{0} {1} {2}' -f $c.Source, $c.Now.ToString('o'), $(if ($c.Pinned) { $c.Pinned.ToString('o') } else { '-' })";

describe('where tenant time comes from', () => {
  it('an unpinned store: the real clock (System)', () => {
    const { run } = fresh();
    const before = Date.now();
    const r = run("$c = Get-TenantClock; $c.Source; $c.Now.ToString('o'); $null -eq $c.Pinned");
    expect(r.code).toBe(0);
    const [source, now, unpinned] = r.stdout.trim().split('\n');
    expect(source).toBe('System');
    expect(Date.parse(now)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(now)).toBeLessThanOrEqual(Date.now() + 1000);
    expect(unpinned).toBe('True');
  });

  it('--now and EXOSH_NOW override the store (Option); --now wins over EXOSH_NOW', () => {
    const { store, run } = fresh();
    expect(run("Set-TenantClock -Now '2023-08-15T09:00:00Z'").code).toBe(0);
    expect(run(SHOW, {}, ['--now', '2024-01-02T03:04:05Z']).stdout).toBe('Option 2024-01-02T03:04:05.0000000Z 2023-08-15T09:00:00.0000000Z\n');
    expect(run(SHOW, { EXOSH_NOW: '2024-01-02T03:04:05Z' }).stdout).toBe('Option 2024-01-02T03:04:05.0000000Z 2023-08-15T09:00:00.0000000Z\n');
    expect(run(SHOW, { EXOSH_NOW: '2025-01-01T00:00:00Z' }, ['--now', '2024-01-02T03:04:05Z']).stdout).toBe('Option 2024-01-02T03:04:05.0000000Z 2023-08-15T09:00:00.0000000Z\n');
    expect(run(SHOW).stdout).toBe('Store 2023-08-15T09:00:00.0000000Z 2023-08-15T09:00:00.0000000Z\n');
    expect(pinned(store)).toBe('2023-08-15T09:00:00Z');
  });

  it('Get-Date honours --now and the pinned store clock', () => {
    const { run } = fresh();
    expect(run("(Get-Date).ToUniversalTime().ToString('o')", {}, ['--now', '2024-01-02T03:04:05Z']).stdout).toBe('2024-01-02T03:04:05.0000000Z\n');
    expect(run("Set-TenantClock -Now '2023-08-15T09:30:00Z'; (Get-Date).ToUniversalTime().ToString('o')").stdout).toBe('2023-08-15T09:30:00.0000000Z\n');
    expect(run("(Get-Date).ToUniversalTime().ToString('o')").stdout).toBe('2023-08-15T09:30:00.0000000Z\n');
  });

  it('an invalid --now or EXOSH_NOW is a usage error (exit 2), store untouched', () => {
    const { store, run } = fresh();
    const before = readFileSync(store);
    for (const r of [run('Set-TenantClock -Advance 1h', {}, ['--now', 'not-a-date']), run('Set-TenantClock -Advance 1h', { EXOSH_NOW: 'not-a-date' })]) {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`exosh: invalid --now value 'not-a-date': use a date such as 2023-08-15T12:00:00Z or "8/15/2023 12:00:00 PM"\nTry 'exosh --help' for more information.\n`);
    }
    expect(readFileSync(store).equals(before)).toBe(true);
  });
});

describe('Set-TenantClock', () => {
  it('-Now pins; -Advance takes 01:00:00, 1h, 30m and 2d; -Real unpins', () => {
    const { store, run } = fresh();
    const r = run(
      [
        "Set-TenantClock -Now '2023-08-15T09:00:00Z'",
        SHOW,
        'Set-TenantClock -Advance 01:00:00',
        SHOW,
        'Set-TenantClock -Advance 1h',
        SHOW,
        'Set-TenantClock -Advance 30m',
        SHOW,
        "Set-TenantClock -Advance '2d'",
        SHOW, // quoted: a bare 2d is the decimal literal 2 in PowerShell
        'Set-TenantClock -Advance 1.02:03:04',
        SHOW,
      ].join('\n'),
    );
    expect(r.stderr).toBe('');
    expect(r.stdout.trim().split('\n')).toEqual([
      'Store 2023-08-15T09:00:00.0000000Z 2023-08-15T09:00:00.0000000Z',
      'Store 2023-08-15T10:00:00.0000000Z 2023-08-15T10:00:00.0000000Z',
      'Store 2023-08-15T11:00:00.0000000Z 2023-08-15T11:00:00.0000000Z',
      'Store 2023-08-15T11:30:00.0000000Z 2023-08-15T11:30:00.0000000Z',
      'Store 2023-08-17T11:30:00.0000000Z 2023-08-17T11:30:00.0000000Z',
      'Store 2023-08-18T13:33:04.0000000Z 2023-08-18T13:33:04.0000000Z',
    ]);
    expect(pinned(store)).toBe('2023-08-18T13:33:04Z');
    const real = run(`Set-TenantClock -Real; ${SHOW}`);
    expect(real.code).toBe(0);
    expect(real.stdout).toMatch(/^System \d{4}-\d\d-\d\dT[\d:.]+Z -\n$/);
    expect(pinned(store)).toBeNull();
  });

  it('the pinned clock persists between runs', () => {
    const { store, run } = fresh();
    run("Set-TenantClock -Now '2023-08-15T09:00:00Z'");
    run('Set-TenantClock -Advance 45m');
    expect(run(SHOW).stdout).toBe('Store 2023-08-15T09:45:00.0000000Z 2023-08-15T09:45:00.0000000Z\n');
    expect(pinned(store)).toBe('2023-08-15T09:45:00Z');
  });

  it('a bad -Advance value is a PowerShell conversion error and leaves the store as it was', () => {
    const { store, run } = fresh();
    run("Set-TenantClock -Now '2023-08-15T09:00:00Z'");
    const before = readFileSync(store);
    const r = run("Set-TenantClock -Advance 'soon'");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Set-TenantClock: Cannot bind parameter \'Advance\'. Cannot convert value "soon" to type "System.TimeSpan".');
    expect(readFileSync(store).equals(before)).toBe(true);
  });

  it('-Advance never moves the clock back; -Now may', () => {
    const { store, run } = fresh();
    run("Set-TenantClock -Now '2023-08-15T09:00:00Z'");
    const before = readFileSync(store);
    const back = run('Set-TenantClock -Advance -01:00:00');
    expect(back.code).toBe(1);
    expect(back.stderr).toContain('The tenant clock only moves forward with -Advance; use -Now to set an earlier time.');
    expect(readFileSync(store).equals(before)).toBe(true);
    expect(run("Set-TenantClock -Now '2023-08-14T09:00:00Z'").code).toBe(0);
    expect(pinned(store)).toBe('2023-08-14T09:00:00Z');
  });

  it('-WhatIf changes nothing; no action is an error', () => {
    const { store, run } = fresh();
    const before = readFileSync(store);
    const w = run("Set-TenantClock -Now '2023-08-15T09:00:00Z' -WhatIf");
    expect(w).toEqual({ code: 0, stdout: 'What if: Performing the operation "Set tenant clock to 2023-08-15T09:00:00Z" on target "contoso.onmicrosoft.com".\n', stderr: '' });
    const none = run('Set-TenantClock');
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('Specify -Now, -Advance or -Real.');
    expect(readFileSync(store).equals(before)).toBe(true);
  });

  it('with --now in force the store clock still changes, with a warning', () => {
    const { store, run } = fresh();
    const r = run("Set-TenantClock -Now '2023-08-15T09:00:00Z'", {}, ['--now', '2024-01-01T00:00:00Z']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('WARNING: The store clock was changed, but --now / EXOSH_NOW overrides it for this run.\n');
    expect(pinned(store)).toBe('2023-08-15T09:00:00Z');
  });
});
