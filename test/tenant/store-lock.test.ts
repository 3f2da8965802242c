// The store lock and the commit checks, in-process: who may take a lock over, that a lock is
// only ever removed by its owner, and that a commit never replaces a commit it did not see.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { processStartTime } from '../../src/lib/processes.js';
import { StoreError } from '../../src/tenant/errors.js';
import { emptyTenant } from '../../src/tenant/tenant.js';
import { TenantStore } from '../../src/tenant/store.js';
import { StoreLock } from '../../src/tenant/store-lock.js';

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'exosh-lock-'));
  path = join(dir, 't.json');
  TenantStore.create(path, emptyTenant('contoso.com', new Date('2023-08-15T00:00:00Z')));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const lockPath = () => `${path}.lock`;
const quick = { waitMs: 300, staleMs: 1_000 };
const newLock = () => new StoreLock(path, lockPath(), quick);

function plantLock(owner: Record<string, unknown>, ageSeconds = 0): void {
  writeFileSync(lockPath(), JSON.stringify({ token: 'planted', acquired: '2023-01-01T00:00:00Z', ...owner }));
  const t = Date.now() / 1000 - ageSeconds;
  utimesSync(lockPath(), t, t);
}

function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

function errorOf(run: () => unknown): StoreError {
  try {
    run();
  } catch (e) {
    if (e instanceof StoreError) return e;
    throw e;
  }
  throw new Error('expected a StoreError');
}

describe('taking a lock over', () => {
  it('records its owner: host, pid, process start time and a token', () => {
    const lock = newLock();
    lock.acquire();
    const owner = JSON.parse(readFileSync(lockPath(), 'utf8'));
    expect(owner).toMatchObject({ host: hostname(), pid: process.pid });
    expect(owner.token).toMatch(/^[0-9a-f]{24}$/);
    if (processStartTime(process.pid) !== undefined) expect(owner.started).toBe(processStartTime(process.pid));
    lock.release();
    expect(existsSync(lockPath())).toBe(false);
  });

  it('a lock whose owner process is gone is taken over at once, however fresh', () => {
    plantLock({ host: hostname(), pid: deadPid() });
    const lock = newLock();
    lock.acquire();
    expect(lock.stillOwned()).toBe(true);
  });

  it('a recycled pid (same pid, another start time) does not keep the lock', () => {
    plantLock({ host: hostname(), pid: process.pid, started: '1' });
    if (processStartTime(process.pid) === undefined) return; // no /proc: only liveness can be checked
    const lock = newLock();
    lock.acquire();
    expect(lock.stillOwned()).toBe(true);
  });

  it('a live owner on this machine is never taken over, even when its lock is old', () => {
    plantLock({ host: hostname(), pid: process.pid, started: processStartTime(process.pid) }, 3_600);
    expect(errorOf(() => newLock().acquire()).message).toMatch(/is locked by another exosh process \(process \d+ on .*\); gave up after 0 seconds/);
    expect(JSON.parse(readFileSync(lockPath(), 'utf8')).token).toBe('planted');
  });

  it('an owner on another machine keeps a fresh lock and loses a stale one', () => {
    plantLock({ host: 'elsewhere.example', pid: 1 });
    expect(errorOf(() => newLock().acquire()).errorId).toBe('StoreLocked');
    plantLock({ host: 'elsewhere.example', pid: 1 }, 5);
    const lock = newLock();
    lock.acquire();
    expect(lock.stillOwned()).toBe(true);
  });

  it('a lock dated in the future beyond the stale time does not block forever', () => {
    plantLock({ host: 'elsewhere.example', pid: 1 }, -3_600);
    const lock = newLock();
    lock.acquire();
    expect(lock.stillOwned()).toBe(true);
  });

  it('an unreadable lock file counts by its age only', () => {
    writeFileSync(lockPath(), 'not json');
    expect(errorOf(() => newLock().acquire()).errorId).toBe('StoreLocked');
    const old = Date.now() / 1000 - 5;
    utimesSync(lockPath(), old, old);
    newLock().acquire();
  });

  it('waiting calls back between tries, and the callback may stop the wait', () => {
    plantLock({ host: hostname(), pid: process.pid, started: processStartTime(process.pid) });
    let calls = 0;
    const lock = new StoreLock(path, lockPath(), {
      ...quick,
      waitMs: 10_000,
      onWait: () => {
        if (++calls === 3) throw new Error('stopped');
      },
    });
    expect(() => lock.acquire()).toThrow('stopped');
    expect(calls).toBe(3);
  });
});

describe('releasing and refreshing', () => {
  it('release removes only a lock this process still owns', () => {
    const lock = newLock();
    lock.acquire();
    plantLock({ host: 'elsewhere.example', pid: 1 }); // taken over meanwhile
    expect(lock.stillOwned()).toBe(false);
    lock.release();
    expect(JSON.parse(readFileSync(lockPath(), 'utf8')).token).toBe('planted');
  });

  it('refresh touches the lock so that other machines see it is alive', () => {
    const lock = new StoreLock(path, lockPath(), { waitMs: 300, staleMs: 4 });
    lock.acquire();
    const old = Date.now() / 1000 - 60;
    utimesSync(lockPath(), old, old);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
    lock.refresh();
    expect(Date.now() - statSync(lockPath()).mtimeMs).toBeLessThan(10_000);
  });
});

describe('a commit never replaces a commit it did not see', () => {
  it('refuses when the lock was taken over during the statement, and writes nothing', () => {
    const store = new TenantStore(path, { lock: quick });
    store.data().organization.name = 'changed';
    store.touch();
    rmSync(lockPath());
    plantLock({ host: 'elsewhere.example', pid: 1 });
    const before = readFileSync(path, 'utf8');
    const e = errorOf(() => store.commit());
    expect(e.errorId).toBe('StoreLockLost');
    expect(e.message).toContain('lost its lock');
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(JSON.parse(readFileSync(lockPath(), 'utf8')).token).toBe('planted'); // not ours to remove
  });

  it('refuses when the file changed since the statement read it (another writer, an editor)', () => {
    const store = new TenantStore(path, { lock: quick });
    store.data().organization.name = 'mine';
    store.touch();
    const theirs = readFileSync(path, 'utf8').replace('"schemaVersion"', '"note": "theirs",\n  "schemaVersion"');
    writeFileSync(path, theirs);
    const e = errorOf(() => store.commit());
    expect(e.errorId).toBe('StoreChanged');
    expect(readFileSync(path, 'utf8')).toBe(theirs);
    expect(existsSync(lockPath())).toBe(false);
  });

  it("a later unit of work reads the other writer's file, not its own stale copy", () => {
    const store = new TenantStore(path, { lock: quick });
    store.data();
    store.commit();
    const other = new TenantStore(path, { lock: quick });
    other.data().organization.name = 'other';
    other.touch();
    other.commit();
    expect(store.data().organization.name).toBe('other');
    store.rollback();
  });
});

describe('waiting inside a statement', () => {
  it('suspend lets go of an unchanged store, and the next access reads again', () => {
    const store = new TenantStore(path, { lock: quick });
    store.data();
    store.suspend();
    expect(existsSync(lockPath())).toBe(false);
    const other = new TenantStore(path, { lock: quick });
    other.data().organization.name = 'while you slept';
    other.touch();
    other.commit();
    expect(store.data().organization.name).toBe('while you slept');
    store.rollback();
  });

  it('suspend keeps the lock while changes are pending', () => {
    const store = new TenantStore(path, { lock: quick });
    store.data().organization.name = 'pending';
    store.touch();
    store.suspend();
    expect(existsSync(lockPath())).toBe(true);
    store.commit();
    expect(JSON.parse(readFileSync(path, 'utf8')).organization.name).toBe('pending');
  });
});
