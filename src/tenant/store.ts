// The tenant store: one JSON file (lowdb over store-file.ts), read under the store's lock
// (store-lock.ts), validated on load, migrated from older schemas after a backup, written
// atomically with its mode and owner kept, and never overwritten when it is corrupt.
//
// Each unit of work (one shell statement, or a whole script with --transaction) is a
// transaction: the first access takes the lock and reads the file; commit writes only if
// something changed, and only if the lock is still this process's and the file is still the
// one it read; rollback drops the changes. The file on disk changes whole or not at all, and
// no commit ever replaces a commit it did not see.

import { constants, copyFileSync, existsSync, mkdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LowSync, type SyncAdapter } from 'lowdb';
import { createFileExclusive, removeAbandonedTemps } from '../lib/atomic-write.js';
import { StoreError } from './errors.js';
import { type TenantData } from './schema.js';
import { identityOf, parseStore, readStoreText, sameFile, serialize, writeStoreText, type FileIdentity } from './store-file.js';
import { StoreLock, type LockTiming } from './store-lock.js';

export { serialize } from './store-file.js';
export { jsonErrorOffset } from './json-errors.js';

/** How long a writer waits for another process's lock before giving up. */
export const LOCK_WAIT_MS = 30_000;
/** A lock on another machine not refreshed for this long is taken over (see store-lock.ts). */
export const LOCK_STALE_MS = 20_000;

export interface StoreOptions {
  lock?: Partial<LockTiming>;
}

/** Writes made by this process, per store file: a store object sharing the file sees them. */
const writesInProcess = new Map<string, number>();

/** lowdb's view of the file: reading records what was read, writing goes through the atomic writer. */
class TenantFileAdapter implements SyncAdapter<TenantData | null> {
  /** The file as read: its text (to skip writing an unchanged tenant) and identity. */
  lastRead?: { text: string; identity: FileIdentity };
  pendingText?: string;
  written?: FileIdentity;

  constructor(private readonly store: TenantStore) {}

  read(): TenantData | null {
    const file = this.store.filePath();
    const { text, identity } = readStoreText(file);
    this.lastRead = { text, identity };
    return parseStore(this.store.path, text, (from) => this.store.beforeMigrate(from));
  }

  write(data: TenantData | null): void {
    if (!data) return;
    this.written = writeStoreText(this.store.filePath(), this.pendingText ?? serialize(data));
  }
}

export class TenantStore {
  /** The store as named (absolute): what messages show. */
  readonly path: string;
  private readonly adapter: TenantFileAdapter;
  private readonly db: LowSync<TenantData | null>;
  private readonly lockTiming: LockTiming;
  private lock?: StoreLock;
  private resolvedPath?: string;
  private loaded?: TenantData;
  /** What this unit of work read: commit writes only over that same file. */
  private readIdentity?: FileIdentity;
  private snapshot?: string;
  private dirty = false;
  /**
   * The data as last committed or read, kept for the next unit of work: when the file is still
   * the one this process saw (no other process changed it), it is not read and parsed again,
   * and the indexes built on it stay valid. A rollback drops it, since the failed work may have
   * changed it.
   */
  private warm?: { data: TenantData; snapshot: string; file: FileIdentity; writes: number };
  /** Side files (e.g. historical search reports) written only once this unit of work commits. */
  private afterCommitActions: (() => void)[] = [];

  constructor(path: string, options: StoreOptions = {}) {
    this.path = resolve(path);
    this.lockTiming = { waitMs: LOCK_WAIT_MS, staleMs: LOCK_STALE_MS, ...options.lock };
    this.adapter = new TenantFileAdapter(this);
    this.db = new LowSync<TenantData | null>(this.adapter, null);
  }

  /** Called while waiting for the lock (e.g. to stop on Ctrl-C); may throw. */
  set onLockWait(callback: (() => void) | undefined) {
    this.lockTiming.onWait = callback;
  }

  /**
   * The file the store really is: a symlinked store is read, locked and written at its target,
   * so the link stays a link and two names for one store share one lock.
   */
  filePath(): string {
    if (!this.resolvedPath) {
      try {
        this.resolvedPath = realpathSync(this.path);
      } catch {
        return this.path; // does not exist (yet)
      }
    }
    return this.resolvedPath;
  }

  /** Backs up the file before a migration rewrites it (an existing backup is kept: the oldest wins). */
  beforeMigrate(from: number): void {
    const backup = `${this.filePath()}.v${from}.bak`;
    if (!existsSync(backup)) {
      try {
        copyFileSync(this.filePath(), backup, constants.COPYFILE_EXCL);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw new StoreError(`Cannot back up the tenant store '${this.path}' before migrating it: ${(e as Error).message}. It was left untouched.`, 'WriteError', 'StoreBackupFailed');
        }
      }
    }
    this.dirty = true; // the migrated layout is written back at the next commit
  }

  exists(): boolean {
    return existsSync(this.path);
  }

  /** The tenant data for this unit of work: locks and reads the file on first use. */
  data(): TenantData {
    if (this.loaded) return this.loaded;
    if (!existsSync(this.path)) {
      throw new StoreError(`The tenant store '${this.path}' does not exist. Create it with: exosh init ${this.path} [--sample contoso] [--domain fabrikam.com]`, 'ObjectNotFound', 'StoreNotFound');
    }
    this.acquireLock();
    const file = identityOf(this.filePath());
    if (this.warm && sameFile(this.warm.file, file) && this.warm.writes === (writesInProcess.get(this.filePath()) ?? 0)) {
      this.loaded = this.warm.data;
      this.snapshot = this.warm.snapshot;
      this.readIdentity = this.warm.file;
      this.db.data = this.loaded;
      return this.loaded;
    }
    this.warm = undefined;
    try {
      this.db.read();
    } catch (e) {
      this.reset();
      throw e;
    }
    const read = this.adapter.lastRead!;
    this.snapshot = read.text;
    this.readIdentity = read.identity;
    if (!this.db.data) {
      this.reset();
      throw new StoreError(`The tenant store '${this.path}' is empty.`, 'InvalidData', 'CorruptStore');
    }
    if (!this.dirty) this.warm = { data: this.db.data, snapshot: read.text, file: read.identity, writes: writesInProcess.get(this.filePath()) ?? 0 };
    this.loaded = this.db.data;
    return this.loaded;
  }

  /**
   * The tenant as the file holds it now, read without the lock and never written: for looks
   * that must not wait behind another process's statement (the REPL's prompt). Writes are
   * atomic renames, so an unlocked read still sees a whole file.
   */
  peek(): TenantData {
    const file = identityOf(this.filePath());
    if (this.warm && sameFile(this.warm.file, file)) return this.warm.data;
    const { text } = readStoreText(this.filePath());
    return parseStore(this.path, text, () => {});
  }

  private acquireLock(): void {
    const file = this.filePath();
    if (!this.lock || this.lock.storePath !== file) this.lock = new StoreLock(file, `${file}.lock`, this.lockTiming);
    if (!this.lock.held) this.lock.acquire();
  }

  /** Runs `action` after this unit of work commits (never if it rolls back). */
  afterCommit(action: () => void): void {
    this.afterCommitActions.push(action);
  }

  /** Marks the data as changed so that commit writes it. */
  touch(): void {
    this.dirty = true;
  }

  get isLoaded(): boolean {
    return this.loaded !== undefined;
  }

  /** True when this unit of work has changes (or side files) that its commit would save. */
  hasPendingChanges(): boolean {
    return this.dirty || this.afterCommitActions.length > 0;
  }

  /** Keeps the lock alive during a long unit of work; cheap enough to call for every item. */
  keepAlive(): void {
    this.lock?.refresh();
  }

  /**
   * A wait (Start-Sleep) begins inside the unit of work. If nothing was changed yet, the lock
   * is released so that the wait holds up nobody; the next access locks and reads again, and
   * sees what others committed meanwhile. With changes pending the lock is kept.
   */
  suspend(): void {
    if (!this.loaded || this.dirty || this.afterCommitActions.length > 0) return;
    this.loaded = undefined;
    this.snapshot = undefined;
    this.readIdentity = undefined;
    this.db.data = null;
    this.lock?.release();
  }

  commit(): void {
    try {
      if (this.loaded && this.dirty) {
        const text = serialize(this.loaded);
        let file = this.readIdentity;
        if (text !== this.snapshot) {
          this.checkStillOurs();
          this.adapter.pendingText = text;
          this.db.write();
          const written = this.adapter.written;
          writesInProcess.set(this.filePath(), (writesInProcess.get(this.filePath()) ?? 0) + 1);
          file = written;
          removeAbandonedTemps(this.filePath(), this.lockTiming.staleMs);
        }
        this.warm = file ? { data: this.loaded, snapshot: text, file, writes: writesInProcess.get(this.filePath()) ?? 0 } : undefined;
      }
    } catch (e) {
      this.warm = undefined;
      this.afterCommitActions = [];
      throw e;
    } finally {
      this.reset();
    }
    const actions = this.afterCommitActions;
    this.afterCommitActions = [];
    for (const action of actions) action();
  }

  /**
   * Before writing: the lock must still be ours and the file the one this unit of work read.
   * Either failing means another process may have committed meanwhile; writing would lose
   * its update, so this one is refused instead.
   */
  private checkStillOurs(): void {
    if (!this.lock?.stillOwned()) {
      throw new StoreError(
        `The tenant store '${this.path}' was not saved: this process lost its lock on the store while the statement ran (another process took it over). Nothing was written; run the statement again.`,
        'ResourceUnavailable',
        'StoreLockLost',
      );
    }
    if (!sameFile(identityOf(this.filePath()), this.readIdentity)) {
      throw new StoreError(
        `The tenant store '${this.path}' was not saved: the file changed since this statement read it (another process or an editor wrote it). Nothing was written; run the statement again.`,
        'ResourceUnavailable',
        'StoreChanged',
      );
    }
  }

  rollback(): void {
    this.warm = undefined;
    this.afterCommitActions = [];
    this.reset();
  }

  private reset(): void {
    this.loaded = undefined;
    this.snapshot = undefined;
    this.readIdentity = undefined;
    this.db.data = null;
    this.dirty = false;
    this.adapter.pendingText = undefined;
    this.adapter.written = undefined;
    this.lock?.release();
  }

  /** Writes a brand-new store (exosh init); refuses to replace an existing file. */
  static create(path: string, data: TenantData): void {
    const full = resolve(path);
    const exists = () => new StoreError(`The file '${full}' already exists; exosh init does not overwrite a store.`, 'ResourceExists', 'StoreExists');
    if (existsSync(full)) throw exists();
    mkdirSync(dirname(full), { recursive: true });
    if (!createFileExclusive(full, serialize(data))) throw exists();
  }

  /** Size in bytes of the store file (for benchmarks and status). */
  size(): number {
    return statSync(this.path).size;
  }
}
