// The tenant store through the real CLI: one transaction per statement, atomic writes,
// concurrent processes, corrupt and foreign stores, migration, the default per-user store,
// and stale locks.

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { BIN, caseStores, exosh, isolatedEnv, ROOT, type Run } from '../helpers/exosh-process.js';

// Each spawn costs ~100 ms on an idle machine, far more on a busy one.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const SAMPLE = join(ROOT, 'samples', 'contoso.json');
const NOW = '2023-08-15T00:00:00Z';

function exoshAsync(dir: string, args: string[]): { done: Promise<Run>; exited: () => boolean } {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: isolatedEnv(dir), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let exited = false;
  child.stdout.on('data', (b) => {
    stdout += b;
  });
  child.stderr.on('data', (b) => {
    stderr += b;
  });
  const done = new Promise<Run>((res) =>
    child.on('close', (code) => {
      exited = true;
      res({ code, stdout, stderr });
    }),
  );
  return { done, exited: () => exited };
}

/** A directory of its own with a copy of the new tenant as t.json. */
const fresh = caseStores('exosh-e2e-store-', (template) => ['--now', NOW, 'init', template, '--domain', 'contoso.com']);

const json = (p: string) => JSON.parse(readFileSync(p, 'utf8'));
const NOT_RECOGNIZED = "The term 'Get-Foo' is not recognized as a name of a cmdlet";

describe('one transaction per statement', () => {
  it('a statement that fails after an earlier one keeps the earlier change only', () => {
    const { dir, store } = fresh();
    const r = exosh(dir, ['--store', store, '-c', 'Set-OrganizationConfig -RecallReadMessagesEnabled $false; Get-Foo']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(NOT_RECOGNIZED);
    expect(json(store).organization.settings.RecallReadMessagesEnabled).toBe(false);
    const r2 = exosh(dir, ['--store', store, '-c', "Set-OrganizationConfig -MessageRecallEnabled $false; throw 'x'"]);
    expect(r2.code).toBe(1);
    expect(r2.stderr).toContain('x');
    expect(json(store).organization.settings.MessageRecallEnabled).toBe(false);
  });

  it.each([
    ['a script block that changes then writes an error', "& { Set-OrganizationConfig -RecallReadMessagesEnabled $false; Write-Error 'boom' }", 'boom'],
    ['a loop that changes then fails', 'foreach ($i in 1..3) { Set-TenantClock -Advance 1h; if ($i -eq 2) { Get-Foo } }', NOT_RECOGNIZED],
    ['a script block that changes then throws', "& { Set-OrganizationConfig -MessageRecallEnabled $false; Set-TenantClock -Now '2030-01-01T00:00:00Z'; throw 'late' }", 'late'],
    ['a pipeline that changes for each input and fails on the last', '1, 2 | ForEach-Object { Set-TenantClock -Advance 1h; if ($_ -eq 2) { Write-Error "fail $_" } }', 'fail 2'],
  ])('%s leaves the file byte-for-byte as it was', (_name, script, message) => {
    const { dir, store } = fresh();
    const before = readFileSync(store);
    const r = exosh(dir, ['--store', store, '-c', script]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(message);
    expect(readFileSync(store).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(['t.json']); // no temporary file, no lock left behind
  });

  it('an error that is caught or silenced does not roll back; exit keeps the statement', () => {
    const { dir, store } = fresh();
    const r = exosh(dir, [
      '--store',
      store,
      '-c',
      [
        `Set-TenantClock -Now '${NOW}'`,
        "try { Set-TenantClock -Advance 1h; throw 'x' } catch { 'caught' }",
        "& { Set-TenantClock -Advance 1h; Write-Error 'quiet' -ErrorAction SilentlyContinue }",
        'Set-TenantClock -Advance 1h; exit 3',
        'Set-TenantClock -Advance 1h',
      ].join('\n'),
    ]);
    expect(r).toEqual({ code: 3, stdout: 'caught\n', stderr: '' });
    expect(json(store).clock.pinned).toBe('2023-08-15T03:00:00Z');
  });

  it('a successful change is written by rename, leaving only the store file', () => {
    const { dir, store } = fresh();
    const inode = statSync(store).ino;
    const r = exosh(dir, ['--store', store, '-c', 'Set-OrganizationConfig -RecallReadMessagesEnabled $false']);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(json(store).organization.settings.RecallReadMessagesEnabled).toBe(false);
    expect(statSync(store).ino).not.toBe(inode); // a new file renamed into place, not rewritten in place
    expect(readdirSync(dir)).toEqual(['t.json']);
  });

  it('a command that only reads does not rewrite the file', () => {
    const { dir, store } = fresh();
    const old = new Date(Date.now() - 3600_000);
    utimesSync(store, old, old);
    const before = statSync(store);
    const r = exosh(dir, ['--store', store, '-c', 'Get-OrganizationConfig | Out-Null; Get-TenantClock | Out-Null']);
    expect(r.code).toBe(0);
    expect(statSync(store).mtimeMs).toBe(before.mtimeMs);
    expect(statSync(store).ino).toBe(before.ino);
  });
});

describe('concurrent processes', () => {
  it('20 processes changing the store at once leave all 20 changes', async () => {
    const { dir, store } = fresh();
    // One batch of processes, each with two transactions: one on the clock and, once New-Mailbox
    // exists (another engineer's cmdlet), one that creates a mailbox.
    const probe = exosh(dir, ['--store', store, '-c', `Set-TenantClock -Now '${NOW}'; [bool](Get-Command New-Mailbox -ErrorAction SilentlyContinue)`]);
    expect(probe.code).toBe(0);
    const withMailboxes = probe.stdout.trim() === 'True';
    const before = json(store).mailboxes.length;
    const script = (i: number) => `Set-TenantClock -Advance 1m${withMailboxes ? `; New-Mailbox -Name 'Concurrent ${i}' | Out-Null` : ''}`;
    const runs = await Promise.all(Array.from({ length: 20 }, (_, i) => exoshAsync(dir, ['--store', store, '-c', script(i + 1)]).done));
    expect(runs.map((r) => [r.code, r.stderr])).toEqual(Array.from({ length: 20 }, () => [0, '']));
    const data = json(store);
    expect(data.clock.pinned).toBe('2023-08-15T00:20:00Z');
    if (withMailboxes) {
      const names = data.mailboxes.map((m: { name: string }) => m.name);
      expect(names).toHaveLength(before + 20);
      for (let i = 1; i <= 20; i++) expect(names).toContain(`Concurrent ${i}`);
    } else {
      console.warn('New-Mailbox does not exist yet: only the clock was changed concurrently');
    }
    expect(readdirSync(dir)).toEqual(['t.json']);
  }, 60_000);
});

describe('broken stores are refused and left untouched', () => {
  function refused(dir: string, store: string, text: string | Buffer): Run {
    writeFileSync(store, text);
    const r = exosh(dir, ['--store', store, '-c', 'Set-OrganizationConfig -MessageRecallEnabled $false']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(readFileSync(store).equals(Buffer.from(text))).toBe(true);
    expect(readdirSync(dir)).toEqual(['t.json']);
    return r;
  }

  it('a truncated store: the file and where it ends', () => {
    const { dir, store } = fresh();
    const cut = readFileSync(store, 'utf8').slice(0, 300);
    const lines = cut.split('\n');
    const r = refused(dir, store, cut);
    expect(r.stderr).toContain(
      `The tenant store '${store}' is corrupt: it is not valid JSON: it ends early at line ${lines.length}, column ${lines[lines.length - 1].length + 1} (position 300), so it looks truncated.`,
    );
    expect(r.stderr).toContain("restore it from a backup or create a new one with 'exosh init'");
  });

  it('bad JSON: the file, line and column', () => {
    const { dir, store } = fresh();
    const text = readFileSync(store, 'utf8').replace('"alias": "admin",', '"alias": "admin",,');
    const pos = text.indexOf(',,') + 1;
    const before = text.slice(0, pos);
    const r = refused(dir, store, text);
    expect(r.stderr).toContain(`The tenant store '${store}' is corrupt: it is not valid JSON at line ${before.split('\n').length}, column ${pos - before.lastIndexOf('\n')} (position ${pos})`);
  });

  it('valid JSON with a wrong field type: the field path', () => {
    const { dir, store } = fresh();
    const data = json(store);
    data.mailboxes[0].alias = 5;
    const r = refused(dir, store, JSON.stringify(data, null, 2));
    expect(r.stderr).toContain(`The tenant store '${store}' is not valid: $.mailboxes[0].alias must be a string.`);
  });

  it('a store of a newer schema version', () => {
    const { dir, store } = fresh();
    const data = json(store);
    data.schemaVersion = 99;
    const r = refused(dir, store, JSON.stringify(data, null, 2));
    expect(r.stderr).toContain(`The tenant store '${store}' has schema version 99, newer than this exosh understands`);
  });
});

describe('migration', () => {
  it('a schema version 0 store is backed up to <path>.v0.bak, then migrated', () => {
    const { dir, store } = fresh();
    const current = json(store);
    const old = structuredClone(current);
    old.schemaVersion = 0;
    delete old.contacts;
    delete old.inboxRules;
    delete old.mail;
    const text = JSON.stringify(old, null, 2);
    writeFileSync(store, text);
    const r = exosh(dir, ['--store', store, '-c', 'Get-OrganizationConfig | Select-Object -ExpandProperty Name']);
    expect(r).toEqual({ code: 0, stdout: 'contoso.onmicrosoft.com\n', stderr: '' });
    expect(readFileSync(`${store}.v0.bak`, 'utf8')).toBe(text);
    expect(json(store)).toEqual(current);
    expect(readdirSync(dir).sort()).toEqual(['t.json', 't.json.v0.bak']);
  });
});

describe('where the store is', () => {
  it('a missing --store file is an error with the exosh init hint', () => {
    const { dir } = fresh();
    const missing = join(dir, 'nope.json');
    const r = exosh(dir, ['--store', 'nope.json', '-c', 'Get-OrganizationConfig']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`The tenant store '${missing}' does not exist. Create it with: exosh init ${missing} [--sample contoso] [--domain fabrikam.com]`);
    expect(existsSync(missing)).toBe(false);
    expect(existsSync(join(dir, 'xdg'))).toBe(false); // no default store was made instead
  });

  it('EXOSH_STORE names the store too', () => {
    const { dir, store } = fresh();
    const r = exosh(dir, ['-c', 'Set-OrganizationConfig -MessageRecallEnabled $false'], { EXOSH_STORE: store });
    expect(r.code).toBe(0);
    expect(json(store).organization.settings.MessageRecallEnabled).toBe(false);
    expect(existsSync(join(dir, 'xdg'))).toBe(false);
  });

  it('commands that do not need the tenant never create or read a store', () => {
    const { dir } = fresh();
    const r = exosh(dir, ['-c', '1 + 1']);
    expect(r).toEqual({ code: 0, stdout: '2\n', stderr: '' });
    expect(existsSync(join(dir, 'xdg'))).toBe(false);
    expect(existsSync(join(dir, 'home'))).toBe(false);
  });

  // Needs the bundled sample (samples/contoso.json); without it exosh reports that it is missing.
  it('the per-user default store is created from the contoso sample on first use, with a one-line notice', () => {
    const { dir } = fresh();
    const path = join(dir, 'xdg', 'exosh', 'tenant.json');
    const r = exosh(dir, ['-c', 'Get-OrganizationConfig | Select-Object -ExpandProperty Name']);
    expect(r.stderr).toBe(`exosh: created the default tenant store ${path} from the contoso sample (use --store or EXOSH_STORE for another).\n`);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${json(SAMPLE).organization.name}\n`);
    expect(json(path)).toEqual(json(SAMPLE));
    expect(readdirSync(join(dir, 'xdg', 'exosh'))).toEqual(['tenant.json']);
    const again = exosh(dir, ['-c', 'Get-OrganizationConfig | Select-Object -ExpandProperty Name']);
    expect(again).toEqual({ code: 0, stdout: r.stdout, stderr: '' });
  });

  it('without XDG_DATA_HOME the default store is under ~/.local/share', () => {
    const { dir } = fresh();
    const path = join(dir, 'home', '.local', 'share', 'exosh', 'tenant.json');
    const r = exosh(dir, ['-c', 'Get-TenantClock | Out-Null'], { XDG_DATA_HOME: '' });
    expect(r.stderr).toBe(`exosh: created the default tenant store ${path} from the contoso sample (use --store or EXOSH_STORE for another).\n`);
    expect(r.code).toBe(0);
    expect(existsSync(path)).toBe(true);
  });
});

describe('locks', () => {
  it('a stale lock left by a killed process is taken over', () => {
    const { dir, store } = fresh();
    mkdirSync(`${store}.lock`);
    const old = new Date(Date.now() - 120_000);
    utimesSync(`${store}.lock`, old, old);
    const r = exosh(dir, ['--store', store, '-c', `Set-TenantClock -Now '${NOW}'`]);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(json(store).clock.pinned).toBe(NOW);
    expect(readdirSync(dir)).toEqual(['t.json']);
  });

  it('a live lock makes another process wait, then it proceeds', async () => {
    const { dir, store } = fresh();
    const before = readFileSync(store);
    mkdirSync(`${store}.lock`);
    const child = exoshAsync(dir, ['--store', store, '-c', `Set-TenantClock -Now '${NOW}'`]);
    await new Promise((res) => setTimeout(res, 1000));
    expect(child.exited()).toBe(false);
    expect(readFileSync(store).equals(before)).toBe(true);
    rmSync(`${store}.lock`, { recursive: true });
    const r = await child.done;
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(json(store).clock.pinned).toBe(NOW);
  }, 30_000);
});
