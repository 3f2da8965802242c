// The store's guarantees against the real CLI, as an attacker, a busy CI farm or a full disk
// would test them: no exit-0 update is ever lost, no planted link is followed, modes and
// owners are kept, signals stop a script at once without committing the running statement,
// and every broken store or failed write is a clear error that leaves the file as it was.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BIN, caseStores, exosh, isolatedEnv, type Run } from '../helpers/exosh-process.js';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const NOW = '2023-08-15T00:00:00Z';
const fresh = caseStores('exosh-e2e-safety-', (template) => ['--now', NOW, 'init', template, '--domain', 'contoso.com']);
const json = (p: string) => JSON.parse(readFileSync(p, 'utf8'));
const isRoot = process.getuid?.() === 0;

interface Child {
  done: Promise<Run & { signal: NodeJS.Signals | null }>;
  /** Resolves when stdout contains the text. */
  printed(text: string): Promise<void>;
  kill(signal: NodeJS.Signals): void;
}

/** Children still running when a test ends (a failed one) are killed, so none outlives the suite. */
const running = new Set<ChildProcess>();
afterEach(() => {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
});

function exoshAsync(dir: string, args: string[], extra: Record<string, string> = {}): Child {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: isolatedEnv(dir, extra), stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.on('close', () => running.delete(child));
  let stdout = '';
  let stderr = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout.on('data', (b) => {
    stdout += b;
    for (const w of waiters.splice(0)) stdout.includes(w.text) ? w.resolve() : waiters.push(w);
  });
  child.stderr.on('data', (b) => {
    stderr += b;
  });
  const done = new Promise<Run & { signal: NodeJS.Signals | null }>((res) => child.on('close', (code, signal) => res({ code, signal, stdout, stderr })));
  return {
    done,
    printed: (text) => new Promise((resolve) => (stdout.includes(text) ? resolve() : waiters.push({ text, resolve }))),
    kill: (signal) => child.kill(signal),
  };
}

describe('no exit-0 update is lost', () => {
  it('writers whose statements outlive the stale time all keep their updates', async () => {
    const { dir, store } = fresh();
    expect(exosh(dir, ['--store', store, '-c', `Set-TenantClock -Now '${NOW}'`]).code).toBe(0);
    // Each statement changes the clock and then keeps the lock far longer than the stale time.
    const statement = '& { Set-TenantClock -Advance 1m; $i = 0; while ($i -lt 60000) { $i++ } }';
    const env = { EXOSH_LOCK_STALE_MS: '100', EXOSH_LOCK_WAIT_MS: '60000' };
    const runs = await Promise.all(Array.from({ length: 6 }, () => exoshAsync(dir, ['--store', store, '-c', statement], env).done));
    const succeeded = runs.filter((r) => r.code === 0).length;
    expect(runs.map((r) => r.stderr).join('')).toBe('');
    expect(succeeded).toBe(6);
    expect(json(store).clock.pinned).toBe(`2023-08-15T00:0${succeeded}:00Z`);
  });

  it("a statement that holds the lock past the default stale time keeps it, and the waiter's update follows", async () => {
    // exosh 0.1 lost one of these two updates: the waiter took the "stale" lock over after
    // 20 s, committed, and the first process then wrote its older snapshot over it.
    const { dir, store } = fresh();
    expect(exosh(dir, ['--store', store, '-c', `Set-TenantClock -Now '${NOW}'`]).code).toBe(0);
    const holder = exoshAsync(dir, ['--store', store, '-c', "& { Set-TenantClock -Advance 1m; Write-Host 'holding'; Start-Sleep -Seconds 22 }"]);
    await holder.printed('holding');
    const waiter = exoshAsync(dir, ['--store', store, '-c', 'Set-TenantClock -Advance 1h']);
    const [h, w] = await Promise.all([holder.done, waiter.done]);
    expect([h.code, h.stderr, w.code, w.stderr]).toEqual([0, '', 0, '']);
    expect(json(store).clock.pinned).toBe('2023-08-15T01:01:00Z');
  });

  it('Start-Sleep inside a statement holds no lock when nothing was changed, and reads again after', async () => {
    const { dir, store } = fresh();
    const sleeper = exoshAsync(dir, ['--store', store, '-c', '& { $a = @(Get-Mailbox).Count; Write-Host \'read\'; Start-Sleep -Seconds 4; $b = @(Get-Mailbox).Count; "$a then $b" }']);
    await sleeper.printed('read');
    const writer = exosh(dir, ['--store', store, '-c', "New-Mailbox -Name 'Added While Sleeping' | Out-Null"], { EXOSH_LOCK_WAIT_MS: '3000' });
    expect(writer.stderr).toBe('');
    expect(writer.code).toBe(0);
    const r = await sleeper.done;
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('1 then 2');
  });
});

describe('signals stop a running script', () => {
  it.each([['SIGTERM'], ['SIGINT'], ['SIGHUP']] as const)('%s ends the script at once; the running statement is not committed, earlier ones are', async (signal) => {
    const { dir, store } = fresh();
    const child = exoshAsync(dir, ['--store', store, '-c', `Set-TenantClock -Now '${NOW}'; & { Set-TenantClock -Advance 1h; Write-Host 'running'; while ($true) { } }`]);
    await child.printed('running');
    const killedAt = Date.now();
    child.kill(signal);
    const r = await child.done;
    expect(r.signal).toBe(signal);
    expect(Date.now() - killedAt).toBeLessThan(5_000); // generous: the point is "not after the loop"
    expect(json(store).clock.pinned).toBe(NOW);
    // the lock the killed process left names a dead owner: the next process takes it at once
    const next = exosh(dir, ['--store', store, '-c', 'Set-TenantClock -Advance 1m'], { EXOSH_LOCK_WAIT_MS: '3000' });
    expect(next.stderr).toBe('');
    expect(next.code).toBe(0);
    expect(json(store).clock.pinned).toBe('2023-08-15T00:01:00Z');
  });

  it('a catastrophic regex is stopped by SIGTERM too', async () => {
    const { dir, store } = fresh();
    const child = exoshAsync(dir, ['--store', store, '-c', "Get-Mailbox | Out-Null; Write-Host 'matching'; ('a' * 40 + '!') -match '^(a+)+$'"]);
    await child.printed('matching');
    child.kill('SIGTERM');
    const r = await child.done;
    expect(r.signal).toBe('SIGTERM');
  });
});

describe('files are written safely', () => {
  it('a symlink planted at the old temporary name is not followed', () => {
    const { dir, store } = fresh();
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious\n');
    symlinkSync(victim, join(dir, '.t.json.tmp'));
    const r = exosh(dir, ['--store', store, '-c', `Set-TenantClock -Now '${NOW}'`]);
    expect(r.stderr).toBe('');
    expect(readFileSync(victim, 'utf8')).toBe('precious\n');
    expect(lstatSync(join(dir, '.t.json.tmp')).isSymbolicLink()).toBe(true);
    expect(json(store).clock.pinned).toBe(NOW);
    expect(readdirSync(dir).sort()).toEqual(['.t.json.tmp', 't.json', 'victim.txt']); // no temp file, no lock left
  });

  it('a private store stays private (mode kept)', () => {
    const { dir, store } = fresh();
    chmodSync(store, 0o600);
    expect(exosh(dir, ['--store', store, '-c', `Set-TenantClock -Now '${NOW}'`]).code).toBe(0);
    expect(statSync(store).mode & 0o777).toBe(0o600);
    expect(json(store).clock.pinned).toBe(NOW);
  });

  it.runIf(isRoot)('root writing a store keeps its owner', () => {
    const { dir, store } = fresh();
    chownSync(store, 65534, 65534);
    expect(exosh(dir, ['--store', store, '-c', `Set-TenantClock -Now '${NOW}'`]).code).toBe(0);
    expect([statSync(store).uid, statSync(store).gid]).toEqual([65534, 65534]);
  });

  it('a read-only store is read but never written', () => {
    const { dir, store } = fresh();
    chmodSync(store, 0o444);
    const before = readFileSync(store);
    const read = exosh(dir, ['--store', store, '-c', '(Get-OrganizationConfig).Name']);
    expect(read.code).toBe(0);
    const r = exosh(dir, ['--store', store, '-c', `Set-TenantClock -Now '${NOW}'; 'after'`]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is read-only (mode 0444); the change was not saved');
    expect(r.stdout).not.toContain('after'); // a failed commit ends the script
    expect(readFileSync(store).equals(before)).toBe(true);
    expect(statSync(store).mode & 0o777).toBe(0o444);
  });

  it('a symlinked store is written at its target, and both names share one lock', async () => {
    const { dir, store } = fresh();
    mkdirSync(join(dir, 'links'));
    const link = join(dir, 'links', 'alias.json');
    symlinkSync(store, link);
    expect(exosh(dir, ['--store', link, '-c', `Set-TenantClock -Now '${NOW}'`]).code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(json(store).clock.pinned).toBe(NOW);
    const holder = exoshAsync(dir, ['--store', link, '-c', "& { Set-TenantClock -Advance 1m; Write-Host 'holding'; Start-Sleep -Seconds 2 }"]);
    await holder.printed('holding');
    expect(existsSync(`${realpathSync(store)}.lock`)).toBe(true);
    expect(existsSync(`${link}.lock`)).toBe(false);
    const other = exosh(dir, ['--store', store, '-c', 'Set-TenantClock -Advance 1m']);
    expect(other.code).toBe(0);
    expect((await holder.done).code).toBe(0);
    expect(json(store).clock.pinned).toBe('2023-08-15T00:02:00Z');
  });
});

describe('broken stores and failed writes are clear errors', () => {
  const refused = (dir: string, store: string, message: string | RegExp) => {
    const before = existsSync(store) && statSync(store).isFile() ? readFileSync(store) : undefined;
    const r = exosh(dir, ['--store', store, '-c', 'Get-Mailbox | Out-Null']);
    expect(r.stderr).not.toContain('internal error');
    expect(r.stderr).toMatch(message);
    expect(r.code).toBe(1);
    if (before) expect(readFileSync(store).equals(before)).toBe(true);
  };

  it('a directory at the store path', () => {
    const { dir } = fresh();
    mkdirSync(join(dir, 'd.json'));
    refused(dir, join(dir, 'd.json'), 'it is a directory, not a file');
  });

  it.runIf(isRoot)('a store the user may not read', () => {
    const { dir, store } = fresh();
    chmodSync(store, 0o600);
    chmodSync(dirname(dir), 0o755); // the user can reach the folder but not read the file
    chmodSync(dir, 0o777);
    const r = spawnSync(process.execPath, [BIN, '--store', store, '-c', 'Get-Mailbox | Out-Null'], { cwd: dir, env: isolatedEnv(dir), encoding: 'utf8', uid: 65534, gid: 65534, input: '' });
    expect(r.stderr).toContain('permission denied');
    expect(r.stderr).not.toContain('internal error');
    expect(r.status).toBe(1);
  });

  it('invalid UTF-8 is refused, not rewritten with U+FFFD', () => {
    const { dir, store } = fresh();
    const text = readFileSync(store, 'utf8').replace('"Administrator"', '"Admin\u0001istrator"');
    const bytes = Buffer.from(text, 'utf8');
    bytes[bytes.indexOf(1)] = 0xff;
    writeFileSync(store, bytes);
    refused(dir, store, /is corrupt: it is not valid UTF-8 \(byte \d+, line \d+\)/);
    const write = exosh(dir, ['--store', store, '-c', `Set-TenantClock -Now '${NOW}'`]);
    expect(write.code).toBe(1);
    expect(readFileSync(store).equals(bytes)).toBe(true);
  });

  it('a UTF-8 byte-order mark is accepted', () => {
    const { dir, store } = fresh();
    writeFileSync(store, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(store)]));
    const r = exosh(dir, ['--store', store, '-c', '@(Get-Mailbox).Count']);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('1');
  });

  it('a string schemaVersion is a wrong type, not a missing field', () => {
    const { dir, store } = fresh();
    writeFileSync(store, readFileSync(store, 'utf8').replace('"schemaVersion": 1', '"schemaVersion": "1"'));
    refused(dir, store, '$.schemaVersion must be a whole number (found "1")');
  });

  it('deeply nested broken JSON names a real position, never NaN', () => {
    const { dir, store } = fresh();
    writeFileSync(store, '{"schemaVersion": 1, "x": ' + '['.repeat(20_000) + '1,}');
    refused(dir, store, /is corrupt: it is not valid JSON at line 1, column \d+ \(position \d+\)/);
    expect(exosh(dir, ['--store', store, '-c', 'Get-Mailbox']).stderr).not.toContain('NaN');
  });

  it('a write that hits the file-size limit fails cleanly: no output, exit 1, store and folder as they were', () => {
    const { dir, store } = fresh();
    const before = readFileSync(store);
    const blocks = Math.floor(before.length / 1024); // the limit sits below the store's own size
    const script = `New-Mailbox -Name 'Too Big'; 'after'`;
    const r = spawnSync('bash', ['-c', `ulimit -f ${blocks}; exec "$0" "$@"`, process.execPath, BIN, '--store', store, '-c', script], { cwd: dir, env: isolatedEnv(dir), encoding: 'utf8', input: '' });
    expect(r.stderr).toContain('Could not save the tenant store');
    expect(r.stderr).toContain('file-size limit');
    expect(r.stderr).not.toContain('internal error');
    expect(r.stdout).toBe(''); // the mailbox it would have printed did not come to be
    expect(r.status).toBe(1);
    expect(readFileSync(store).equals(before)).toBe(true);
    expect(readdirSync(dir)).toEqual(['t.json']);
  });
});

describe('transactions of several statements', () => {
  it('exosh --transaction saves a whole script, or nothing when any statement wrote an error', () => {
    const { dir, store } = fresh();
    writeFileSync(join(dir, 'two.ps1'), "Set-TenantClock -Now '2023-08-15T00:00:00Z'\nNew-Mailbox -Name 'One' | Out-Null\nNew-Mailbox -Name 'Two' | Out-Null\n");
    writeFileSync(join(dir, 'fails.ps1'), "New-Mailbox -Name 'Three' | Out-Null\nSet-TenantClock -Advance 1h\nWrite-Error 'late failure'\n'ran to the end'\n");
    const before = readFileSync(store);
    const bad = exosh(dir, ['--store', store, '--transaction', 'fails.ps1']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('ran to the end');
    expect(readFileSync(store).equals(before)).toBe(true);
    // without --transaction the statements before the error are kept
    const ok = exosh(dir, ['--store', store, '--transaction', 'two.ps1']);
    expect([ok.code, ok.stderr]).toEqual([0, '']);
    const names = json(store).mailboxes.map((m: { name: string }) => m.name);
    expect(names).toEqual(expect.arrayContaining(['One', 'Two']));
    expect(exosh(dir, ['--store', store, 'fails.ps1']).code).toBe(1);
    expect(json(store).mailboxes.map((m: { name: string }) => m.name)).toContain('Three');
  });

  it('Use-TenantTransaction holds what it read through a Start-Sleep: nobody writes in between', async () => {
    const { dir, store } = fresh();
    const block = exoshAsync(dir, [
      '--store',
      store,
      '-c',
      'Use-TenantTransaction { $n = @(Get-Mailbox).Count; Write-Host \'read\'; Start-Sleep -Seconds 4; New-Mailbox -Name "Number $($n + 1)" | Out-Null }',
    ]);
    await block.printed('read');
    const other = exosh(dir, ['--store', store, '-c', "New-Mailbox -Name 'Interloper' | Out-Null"], { EXOSH_LOCK_WAIT_MS: '1000' });
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('is locked by another exosh process');
    expect((await block.done).code).toBe(0);
    expect(json(store).mailboxes.map((m: { name: string }) => m.name)).toContain('Number 2');
  });

  it('Use-TenantTransaction keeps all of a block or none of it', () => {
    const { dir, store } = fresh();
    const r = exosh(dir, [
      '--store',
      store,
      '-c',
      "Use-TenantTransaction { New-Mailbox -Name 'A' | Out-Null; Write-Error 'no' }; Use-TenantTransaction { New-Mailbox -Name 'B' | Out-Null; New-Mailbox -Name 'C' | Out-Null }",
    ]);
    expect(r.code).toBe(1);
    const names = json(store).mailboxes.map((m: { name: string }) => m.name);
    expect(names).not.toContain('A');
    expect(names).toEqual(expect.arrayContaining(['B', 'C']));
  });
});
