// The store file on disk: reading it whole with the identity of what was read, decoding and
// checking it (UTF-8, JSON, schema), and replacing it atomically with its mode and owner kept.
// Every way it can fail is a StoreError that names the file and leaves it untouched.

import { accessSync, closeSync, constants, fstatSync, openSync, readSync, statSync, type BigIntStats } from 'node:fs';
import { constants as bufferConstants, isUtf8 } from 'node:buffer';
import { AtomicWriteError, writeFileAtomic } from '../lib/atomic-write.js';
import { StoreError } from './errors.js';
import { describeJsonError } from './json-errors.js';
import { MIGRATIONS, SCHEMA_VERSION, type TenantData, validateTenant } from './schema.js';

/** Which file a read saw: a rename, a rewrite or a touch between read and write changes it. */
export interface FileIdentity {
  dev: bigint;
  ino: bigint;
  size: bigint;
  mtimeNs: bigint;
  ctimeNs: bigint;
}

function identityFrom(st: BigIntStats): FileIdentity {
  return { dev: st.dev, ino: st.ino, size: st.size, mtimeNs: st.mtimeNs, ctimeNs: st.ctimeNs };
}

export function identityOf(path: string): FileIdentity | undefined {
  try {
    return identityFrom(statSync(path, { bigint: true }));
  } catch {
    return undefined;
  }
}

export function sameFile(a: FileIdentity | undefined, b: FileIdentity | undefined): boolean {
  return !!a && !!b && a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;
}

/**
 * The largest store the JSON backend can hold: V8's longest string. A file this size cannot
 * be read as text at all, so it is refused with a clear message instead of a crash.
 */
export const MAX_STORE_BYTES = bufferConstants.MAX_STRING_LENGTH;

function fsReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory, not a file';
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'the disk quota is exceeded';
    case 'EFBIG':
      return 'the file would exceed the file-size limit';
    case 'EROFS':
      return 'the file system is read-only';
    case 'EIO':
      return 'an input/output error occurred';
    default:
      return err.code ? `${err.message}` : String(e);
  }
}

export interface ReadResult {
  text: string;
  identity: FileIdentity;
}

/** Reads the whole file and the identity of exactly what was read. */
export function readStoreText(path: string): ReadResult {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new StoreError(`Cannot read the tenant store '${path}': ${fsReason(e)}.`, 'ReadError', 'StoreUnreadable');
  }
  try {
    const st = fstatSync(fd, { bigint: true });
    if (st.isDirectory()) throw new StoreError(`Cannot read the tenant store '${path}': it is a directory, not a file.`, 'ReadError', 'StoreUnreadable');
    if (st.size > BigInt(MAX_STORE_BYTES)) {
      throw new StoreError(`The tenant store '${path}' is ${st.size} bytes, more than a JSON store can hold (${MAX_STORE_BYTES} bytes). It was left untouched.`, 'LimitsExceeded', 'StoreTooLarge');
    }
    const bytes = Buffer.allocUnsafe(Number(st.size));
    let off = 0;
    try {
      while (off < bytes.length) {
        const n = readSync(fd, bytes, off, bytes.length - off, off);
        if (n === 0) break;
        off += n;
      }
    } catch (e) {
      throw new StoreError(`Cannot read the tenant store '${path}': ${fsReason(e)}.`, 'ReadError', 'StoreUnreadable');
    }
    return { text: decodeStore(path, bytes.subarray(0, off)), identity: identityFrom(st) };
  } finally {
    closeSync(fd);
  }
}

/** UTF-8 text of the file; a byte-order mark is accepted and dropped, invalid UTF-8 refused. */
function decodeStore(path: string, bytes: Buffer): string {
  if (!isUtf8(bytes)) {
    const at = firstInvalidUtf8(bytes);
    throw new StoreError(
      `The tenant store '${path}' is corrupt: it is not valid UTF-8 (byte ${at}, line ${lineAt(bytes, at)}). It was left untouched; fix it in an editor or restore it from a backup.`,
      'InvalidData',
      'CorruptStore',
    );
  }
  const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return bytes.toString('utf8', hasBom ? 3 : 0);
}

function lineAt(bytes: Buffer, offset: number): number {
  let line = 1;
  for (let at = bytes.indexOf(10); at >= 0 && at < offset; at = bytes.indexOf(10, at + 1)) line++;
  return line;
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Buffer): number {
  // only run after isUtf8 said no: find the first sequence that does not decode on its own
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0 || i + len > bytes.length) return i;
    if (len > 1) {
      try {
        decoder.decode(bytes.subarray(i, i + len));
      } catch {
        return i;
      }
    }
    i += len;
  }
  return bytes.length;
}

/** Parses, migrates (after a backup, see store.ts) and validates the store's text. */
export function parseStore(path: string, text: string, beforeMigrate: (from: number) => void): TenantData {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new StoreError(
      `The tenant store '${path}' is corrupt: ${describeJsonError(text, e as Error)}. It was left untouched; restore it from a backup or create a new one with 'exosh init'.`,
      'InvalidData',
      'CorruptStore',
    );
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    const found = raw === null ? 'null' : Array.isArray(raw) ? 'an array' : `a ${typeof raw}`;
    throw new StoreError(`The tenant store '${path}' is not valid: $.schemaVersion is missing (the top level is ${found}, not a JSON object).`, 'InvalidData', 'InvalidStore');
  }
  const version = (raw as { schemaVersion?: unknown }).schemaVersion;
  if (version === undefined) {
    throw new StoreError(`The tenant store '${path}' is not valid: $.schemaVersion is missing.`, 'InvalidData', 'InvalidStore');
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    throw new StoreError(`The tenant store '${path}' is not valid: $.schemaVersion must be a whole number (found ${JSON.stringify(version)}).`, 'InvalidData', 'InvalidStore');
  }
  if (version > SCHEMA_VERSION) {
    throw new StoreError(
      `The tenant store '${path}' has schema version ${version}, newer than this exosh understands (${SCHEMA_VERSION}). Upgrade exosh to use it.`,
      'InvalidData',
      'NewerStoreSchema',
    );
  }
  if (version < SCHEMA_VERSION) {
    beforeMigrate(version);
    for (let v = version; v < SCHEMA_VERSION; v++) {
      const step = MIGRATIONS[v];
      if (!step) throw new StoreError(`The tenant store '${path}' has schema version ${version}, which cannot be migrated.`, 'InvalidData', 'UnmigratableStore');
      step(raw as Record<string, unknown>);
    }
  }
  validateTenant(raw, path);
  return raw;
}

/** Stores up to this size are written indented, for people to read and diff; larger ones compact. */
const PRETTY_LIMIT = 1_000_000;

export function serialize(data: TenantData): string {
  const compact = JSON.stringify(data);
  return (compact.length > PRETTY_LIMIT ? compact : JSON.stringify(data, null, 2)) + '\n';
}

/** Refuses to write a store the user made read-only, or one this user may not write. */
function checkWritable(path: string, st: BigIntStats): void {
  if ((Number(st.mode) & 0o222) === 0) {
    throw new StoreError(
      `The tenant store '${path}' is read-only (mode ${(Number(st.mode) & 0o777).toString(8).padStart(4, '0')}); the change was not saved. Make it writable (chmod u+w) to change the tenant.`,
      'PermissionDenied',
      'StoreReadOnly',
    );
  }
  try {
    accessSync(path, constants.W_OK);
  } catch {
    throw new StoreError(`The tenant store '${path}' is not writable by this user; the change was not saved.`, 'PermissionDenied', 'StoreReadOnly');
  }
}

/**
 * Replaces the store file with `text`, keeping the file's mode and (where the OS allows)
 * its owner. Returns the identity of the new file.
 */
export function writeStoreText(path: string, text: string): FileIdentity | undefined {
  let st: BigIntStats | undefined;
  try {
    st = statSync(path, { bigint: true });
  } catch {
    st = undefined; // a new store
  }
  if (st) checkWritable(path, st);
  if (Buffer.byteLength(text, 'utf8') > MAX_STORE_BYTES) {
    throw new StoreError(`The change would make the tenant store '${path}' larger than a JSON store can hold (${MAX_STORE_BYTES} bytes); it was not saved.`, 'LimitsExceeded', 'StoreTooLarge');
  }
  try {
    writeFileAtomic(path, text, st ? { mode: Number(st.mode) & 0o7777, uid: Number(st.uid), gid: Number(st.gid) } : { mode: 0o644 });
  } catch (e) {
    const reason = e instanceof AtomicWriteError ? fsReason({ code: e.code, message: e.message }) : fsReason(e);
    throw new StoreError(`Could not save the tenant store '${path}': ${reason}. The store was left as it was; the statement's changes were not saved.`, 'WriteError', 'StoreWriteFailed');
  }
  return identityOf(path);
}
