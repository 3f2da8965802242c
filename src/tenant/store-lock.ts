// The store's lock: a file `<store>.lock` that names its owner (host, pid, the process's start
// time, a random token). It is created whole with link(2), which fails if the name exists, so
// exactly one process holds it and nobody ever sees a half-written owner.
//
// A waiter takes a lock over at once when its owner is a process of this machine that no
// longer runs (killed: exosh installs no signal handlers, so a killed process leaves its lock),
// and otherwise only when the lock has not been refreshed for the stale time (an owner on
// another machine sharing the file system) or is dated in the future beyond it. An owner that
// runs is never taken over on its own machine, however long its statement takes.
//
// Whoever holds the lock still checks, before it writes, that the lock is its own (the token)
// and that the store file is the one it read; so even a wrong takeover costs an error, never
// an update.

import { linkSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, rmdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { processIsAlive, processStartTime } from '../lib/processes.js';
import { StoreError } from './errors.js';

export interface LockOwner {
  host: string;
  pid: number;
  /** The owner process's start time (see processStartTime); absent where unknown. */
  started?: string;
  token: string;
  acquired: string;
}

export interface LockTiming {
  /** How long to wait for another process's lock before giving up. */
  waitMs: number;
  /** A lock not refreshed for this long, whose owner cannot be checked, is abandoned. */
  staleMs: number;
  /** Called while waiting, between tries (e.g. to notice Ctrl-C); may throw to stop waiting. */
  onWait?: () => void;
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

let selfStarted: string | undefined | null = null;
function ownStartTime(): string | undefined {
  if (selfStarted === null) selfStarted = processStartTime(process.pid);
  return selfStarted;
}

function readOwner(lockPath: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(lockPath, 'utf8')) as LockOwner;
    return typeof owner?.token === 'string' && typeof owner.pid === 'number' && typeof owner.host === 'string' ? owner : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the owner is known to be gone: a process of this machine that no longer runs. */
function ownerIsDead(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return false;
  if (!processIsAlive(owner.pid)) return true;
  // the pid runs, but a recycled pid names another process
  if (owner.started === undefined) return false;
  const started = processStartTime(owner.pid);
  return started !== undefined && started !== owner.started;
}

export class StoreLock {
  private owner?: LockOwner;
  private lastRefresh = 0;

  constructor(
    readonly storePath: string,
    readonly lockPath: string,
    private readonly timing: LockTiming,
  ) {}

  get held(): boolean {
    return this.owner !== undefined;
  }

  acquire(): void {
    const deadline = Date.now() + this.timing.waitMs;
    for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
      if (this.tryCreate()) return;
      const verdict = this.inspect();
      if (verdict === 'abandoned') continue;
      if (Date.now() > deadline) {
        const holder = readOwner(this.lockPath);
        const who = holder ? ` (process ${holder.pid} on ${holder.host}, since ${holder.acquired})` : '';
        throw new StoreError(
          `The tenant store '${this.storePath}' is locked by another exosh process${who}; gave up after ${Math.round(this.timing.waitMs / 1000)} seconds.`,
          'ResourceUnavailable',
          'StoreLocked',
        );
      }
      this.timing.onWait?.();
      sleep(delay + Math.floor(Math.random() * delay));
    }
  }

  /** Creates the lock file whole, or returns false when it exists. */
  private tryCreate(): boolean {
    const owner: LockOwner = {
      host: hostname(),
      pid: process.pid,
      started: ownStartTime(),
      token: randomBytes(12).toString('hex'),
      acquired: new Date().toISOString(),
    };
    const temp = `${this.lockPath}.${owner.token}`;
    try {
      writeFileSync(temp, JSON.stringify(owner) + '\n', { flag: 'wx', mode: 0o644 });
    } catch (e) {
      throw this.cannotLock(e);
    }
    try {
      linkSync(temp, this.lockPath);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw this.cannotLock(e);
    } finally {
      try {
        unlinkSync(temp);
      } catch {
        /* gone */
      }
    }
    this.owner = owner;
    this.lastRefresh = Date.now();
    return true;
  }

  private cannotLock(e: unknown): StoreError {
    return new StoreError(`Cannot lock the tenant store '${this.storePath}': ${(e as Error).message}`, 'ResourceUnavailable', 'StoreLockFailed');
  }

  /** Looks at a lock that exists: removes it when it is abandoned. */
  private inspect(): 'held' | 'abandoned' {
    let mtimeMs: number;
    let isDirectory: boolean;
    try {
      const st = statSync(this.lockPath);
      mtimeMs = st.mtimeMs;
      isDirectory = st.isDirectory();
    } catch {
      return 'abandoned'; // released meanwhile: try again at once
    }
    const stale = Math.abs(Date.now() - mtimeMs) > this.timing.staleMs;
    if (isDirectory) {
      // the directory lock of exosh 0.1 (proper-lockfile), left by a killed process
      if (!stale) return 'held';
      try {
        rmdirSync(this.lockPath);
      } catch {
        /* taken meanwhile */
      }
      return 'abandoned';
    }
    const holder = readOwner(this.lockPath);
    // an unreadable owner is a lock being written or a foreign file: only age can tell
    const abandoned = holder ? ownerIsDead(holder) || (holder.host !== hostname() && stale) : stale;
    if (!abandoned) return 'held';
    this.remove(holder);
    return 'abandoned';
  }

  /**
   * Removes the lock if it is still the one judged abandoned. It is first renamed to a name of
   * our own, which only one waiter can do; a lock that turns out to be another (taken between
   * the look and the rename) is put back.
   */
  private remove(judged: LockOwner | undefined): void {
    const aside = `${this.lockPath}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
    try {
      renameSync(this.lockPath, aside);
    } catch {
      return; // someone else moved it first
    }
    const moved = readOwner(aside);
    if (judged && moved?.token !== judged.token) {
      try {
        linkSync(aside, this.lockPath);
      } catch {
        /* a newer lock exists: that one stands */
      }
    }
    try {
      unlinkSync(aside);
    } catch {
      /* gone */
    }
  }

  /** True while the lock file is still the one this process created. */
  stillOwned(): boolean {
    return !!this.owner && readOwner(this.lockPath)?.token === this.owner.token;
  }

  /** Touches the lock so that waiters on other machines see it is alive; cheap to call often. */
  refresh(): void {
    if (!this.owner) return;
    const now = Date.now();
    if (now - this.lastRefresh < this.timing.staleMs / 4) return;
    this.lastRefresh = now;
    try {
      utimesSync(this.lockPath, now / 1000, now / 1000);
    } catch {
      // gone or taken over: the commit check will refuse to write
    }
  }

  /** Removes the lock only if it is still ours. */
  release(): void {
    if (!this.owner) return;
    const ours = this.stillOwned();
    this.owner = undefined;
    if (ours) {
      try {
        unlinkSync(this.lockPath);
      } catch {
        /* gone */
      }
    }
  }
}
