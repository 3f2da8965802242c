// The tenant store: one JSON file (lowdb), read under an exclusive lock, written atomically
// (temporary file, then rename), validated on load, migrated from older schemas after a
// backup, and never overwritten when it is corrupt.
//
// Each unit of work (one shell statement) is a transaction: the first access takes the lock
// and reads the file; commit writes only if something changed; rollback drops the changes.
// The file on disk therefore changes whole or not at all.

import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import lockfile from 'proper-lockfile';
import { LowSync } from 'lowdb';
import { DataFileSync } from 'lowdb/node';
import { StoreError } from './errors.js';
import { MIGRATIONS, SCHEMA_VERSION, TenantData, validateTenant } from './schema.js';

/** How long a writer waits for another process's lock before giving up. */
const LOCK_WAIT_MS = 30_000;
/** A lock not refreshed for this long belongs to a dead process and is taken over. */
const LOCK_STALE_MS = 20_000;

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/**
 * Where JSON.parse gave up. V8 names the position for some errors only ("Unexpected end of
 * JSON input" and "Unexpected token 'x', ...text... is not valid JSON" carry none), so the
 * offset is found with a small scanner that stops at the first character JSON does not allow.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const ws = () => { while (i < text.length && ' \t\n\r'.includes(text[i])) i++; };
  const fail = (): never => { throw i; };
  const literal = (word: string) => { for (const c of word) { if (text[i] !== c) fail(); i++; } };
  const string = () => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) fail();
      const c = text[i];
      if (c === '"') { i++; return; }
      if (c < ' ') fail();
      if (c === '\\') {
        i++;
        if (text[i] === 'u') { i++; for (let k = 0; k < 4; k++, i++) if (!/[0-9a-fA-F]/.test(text[i] ?? '')) fail(); continue; }
        if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
  };
  const isDigit = () => i < text.length && text[i] >= '0' && text[i] <= '9';
  const digits = () => { if (!isDigit()) fail(); while (isDigit()) i++; };
  const number = () => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else digits();
    if (text[i] === '.') { i++; digits(); }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      digits();
    }
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++; ws();
      if (text[i] === '}') { i++; return; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string(); ws();
        if (text[i] !== ':') fail();
        i++; value(); ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return; }
        fail();
      }
    }
    if (c === '[') {
      i++; ws();
      if (text[i] === ']') { i++; return; }
      for (;;) {
        value(); ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return; }
        fail();
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    fail();
  };
  try {
    value(); ws();
    return i < text.length ? i : -1;
  } catch (at) {
    return Math.min(at as number, text.length);
  }
}

function describeJsonError(text: string, e: Error): string {
  const m = /position (\d+)/.exec(e.message);
  const at = m ? Number(m[1]) : jsonErrorOffset(text);
  const what = e.message
    .replace(/ in JSON at position \d+.*$/s, '')
    .replace(/^(Unexpected token .*?), (?:"|\.\.\.).* is not valid JSON$/s, '$1');
  if (at < 0) return `it is not valid JSON (${what})`;
  if (at >= text.length && text.length > 0) return `it is not valid JSON: it ends early at line ${text.split('\n').length}, column ${text.length - text.lastIndexOf('\n')} (position ${at}), so it looks truncated`;
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = at - before.lastIndexOf('\n');
  return `it is not valid JSON at line ${line}, column ${column} (position ${at}): ${what}`;
}

/** Stores up to this size are written indented, for people to read and diff; larger ones compact. */
const PRETTY_LIMIT = 1_000_000;

export function serialize(data: TenantData): string {
  const compact = JSON.stringify(data);
  return (compact.length > PRETTY_LIMIT ? compact : JSON.stringify(data, null, 2)) + '\n';
}

/** What the file looked like when this process last read or wrote it. */
interface FileIdentity {
  mtimeMs: number;
  size: number;
  ino: number;
}

function identityOf(path: string): FileIdentity | undefined {
  try {
    const st = statSync(path);
    return { mtimeMs: st.mtimeMs, size: st.size, ino: st.ino };
  } catch {
    return undefined;
  }
}

/** Writes made by this process, per store path: a store object sharing the file sees them. */
const writesInProcess = new Map<string, number>();

function sameFile(a: FileIdentity | undefined, b: FileIdentity | undefined): boolean {
  return !!a && !!b && a.mtimeMs === b.mtimeMs && a.size === b.size && a.ino === b.ino;
}

export class TenantStore {
  readonly path: string;
  private readonly db: LowSync<TenantData | null>;
  private release?: () => void;
  private snapshot?: string;
  private loaded?: TenantData;
  private dirty = false;
  /** Text computed by commit, handed to the adapter so the data is serialized once. */
  private pendingText?: string;
  /**
   * The data as last committed, kept for the next unit of work: when the file is still the one
   * this process wrote (no other process changed it), it is not read and parsed again, and the
   * indexes built on it stay valid. A rollback drops it, since the failed work may have changed it.
   */
  private warm?: { data: TenantData; snapshot: string; file: FileIdentity; writes: number };
  /** Side files (e.g. historical search reports) written only once this unit of work commits. */
  private afterCommitActions: (() => void)[] = [];

  constructor(path: string) {
    this.path = resolve(path);
    this.db = new LowSync<TenantData | null>(new DataFileSync<TenantData | null>(this.path, {
      parse: (text) => this.parse(text),
      stringify: (data) => this.pendingText ?? serialize(data as TenantData),
    }), null);
  }

  private parse(text: string): TenantData {
    this.snapshot = text;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (e) {
      throw new StoreError(`The tenant store '${this.path}' is corrupt: ${describeJsonError(text, e as Error)}. It was left untouched; restore it from a backup or create a new one with 'exosh init'.`, 'InvalidData', 'CorruptStore');
    }
    const version = typeof raw === 'object' && raw !== null ? (raw as { schemaVersion?: unknown }).schemaVersion : undefined;
    if (typeof version !== 'number') {
      throw new StoreError(`The tenant store '${this.path}' is not valid: $.schemaVersion is missing.`, 'InvalidData', 'InvalidStore');
    }
    if (version > SCHEMA_VERSION) {
      throw new StoreError(`The tenant store '${this.path}' has schema version ${version}, newer than this exosh understands (${SCHEMA_VERSION}). Upgrade exosh to use it.`, 'InvalidData', 'NewerStoreSchema');
    }
    if (version < SCHEMA_VERSION) this.migrate(raw as Record<string, unknown>, version);
    validateTenant(raw, this.path);
    return raw;
  }

  private migrate(data: Record<string, unknown>, from: number): void {
    const backup = `${this.path}.v${from}.bak`;
    if (!existsSync(backup)) copyFileSync(this.path, backup);
    for (let v = from; v < SCHEMA_VERSION; v++) {
      const step = MIGRATIONS[v];
      if (!step) throw new StoreError(`The tenant store '${this.path}' has schema version ${from}, which cannot be migrated.`, 'InvalidData', 'UnmigratableStore');
      step(data);
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
    this.lock();
    const file = identityOf(this.path);
    if (this.warm && sameFile(this.warm.file, file) && this.warm.writes === (writesInProcess.get(this.path) ?? 0)) {
      this.loaded = this.warm.data;
      this.snapshot = this.warm.snapshot;
      this.db.data = this.loaded;
      return this.loaded;
    }
    this.warm = undefined;
    try {
      this.db.read();
    } catch (e) {
      this.unlock();
      throw e;
    }
    if (this.db.data && this.snapshot !== undefined && file && !this.dirty) {
      this.warm = { data: this.db.data, snapshot: this.snapshot, file, writes: writesInProcess.get(this.path) ?? 0 };
    }
    if (!this.db.data) {
      this.unlock();
      throw new StoreError(`The tenant store '${this.path}' is empty.`, 'InvalidData', 'CorruptStore');
    }
    this.loaded = this.db.data;
    return this.loaded;
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

  commit(): void {
    try {
      if (this.loaded && this.dirty) {
        const text = serialize(this.loaded);
        if (text !== this.snapshot) {
          this.pendingText = text;
          this.db.write();
          writesInProcess.set(this.path, (writesInProcess.get(this.path) ?? 0) + 1);
        }
        const file = identityOf(this.path);
        this.warm = file ? { data: this.loaded, snapshot: text, file, writes: writesInProcess.get(this.path) ?? 0 } : undefined;
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

  rollback(): void {
    this.warm = undefined;
    this.afterCommitActions = [];
    this.reset();
  }

  private reset(): void {
    this.loaded = undefined;
    this.snapshot = undefined;
    this.db.data = null;
    this.dirty = false;
    this.pendingText = undefined;
    this.unlock();
  }

  private lock(): void {
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
      try {
        this.release = lockfile.lockSync(this.path, { stale: LOCK_STALE_MS, realpath: false });
        return;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ELOCKED') {
          throw new StoreError(`Cannot lock the tenant store '${this.path}': ${(e as Error).message}`, 'ResourceUnavailable', 'StoreLockFailed');
        }
        if (Date.now() > deadline) {
          throw new StoreError(`The tenant store '${this.path}' is locked by another exosh process; gave up after ${LOCK_WAIT_MS / 1000} seconds.`, 'ResourceUnavailable', 'StoreLocked');
        }
        sleep(delay + Math.floor(Math.random() * delay));
      }
    }
  }

  private unlock(): void {
    const release = this.release;
    this.release = undefined;
    if (release) {
      try {
        release();
      } catch {
        // a lock taken over as stale is not ours to release
      }
    }
  }

  /** Writes a brand-new store (exosh init); refuses to replace an existing file. */
  static create(path: string, data: TenantData): void {
    const full = resolve(path);
    if (existsSync(full)) throw new StoreError(`The file '${full}' already exists; exosh init does not overwrite a store.`, 'ResourceExists', 'StoreExists');
    mkdirSync(dirname(full), { recursive: true });
    const adapter = new DataFileSync<TenantData>(full, { parse: JSON.parse, stringify: serialize as (d: TenantData) => string });
    adapter.write(data);
  }

  /** Size in bytes of the store file (for benchmarks and status). */
  size(): number {
    return statSync(this.path).size;
  }
}
