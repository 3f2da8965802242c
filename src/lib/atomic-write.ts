// Replacing a file whole: the new content goes to a temporary file of our own in the same
// directory and is renamed over the target, so readers see the old file or the new one,
// never a mixture, and a crash leaves the old file intact.
//
// The temporary file is created with O_EXCL | O_NOFOLLOW under a name nobody can predict:
// a symlink or file planted at a fixed name (`.t.json.tmp`) could otherwise make us write
// wherever it points. Its data and the directory entry are fsynced, so after a power failure
// the target is either the old or the new file.

import { closeSync, constants, existsSync, fchmodSync, fchownSync, fsyncSync, linkSync, openSync, readdirSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { processIsAlive } from './processes.js';

export interface AtomicWriteOptions {
  /** Permission bits for the new file (the old file's when replacing one). */
  mode?: number;
  /** Owner to give the new file; tried, and left to the writer where the OS refuses. */
  uid?: number;
  gid?: number;
}

/** Why a write failed, for callers that explain it in their own words. */
export class AtomicWriteError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly stage: 'create' | 'write' | 'rename',
  ) {
    super(message);
    this.name = 'AtomicWriteError';
  }
}

const TEMP_SUFFIX = '.tmp';

/** `.<name>.<pid>.<random>.tmp` beside the target: the pid lets a later writer clean up after a killed one. */
function tempNameFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}${TEMP_SUFFIX}`);
}

function writeAllSync(fd: number, data: Buffer): void {
  let off = 0;
  while (off < data.length) off += writeSync(fd, data, off, data.length - off);
}

function fsyncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, constants.O_RDONLY | constants.O_DIRECTORY);
    fsyncSync(fd);
  } catch {
    // some file systems cannot fsync a directory; the rename itself is still atomic
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Writes `data` to `path` atomically (see the top of this file). */
export function writeFileAtomic(path: string, data: string | Buffer, options: AtomicWriteOptions = {}): void {
  const temp = writeTemp(path, data, options);
  try {
    renameSync(temp, path);
  } catch (e) {
    try {
      unlinkSync(temp);
    } catch {
      /* already gone */
    }
    const err = e as NodeJS.ErrnoException;
    throw new AtomicWriteError(err.message, err.code, 'rename');
  }
  fsyncDirectory(dirname(path));
}

/**
 * Creates `path` with `data`, whole, only if nothing exists at that name: the content is
 * written to a temporary file and hard-linked into place (link fails if the name exists), so
 * two processes creating the same file at once make it once, and nobody reads half of it.
 * Returns false when the file already existed.
 */
export function createFileExclusive(path: string, data: string | Buffer, options: AtomicWriteOptions = {}): boolean {
  const temp = writeTemp(path, data, options);
  try {
    linkSync(temp, path);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EEXIST') return false;
    // a file system without hard links: the existence check and the rename are two steps there
    if (err.code !== 'EPERM' && err.code !== 'ENOTSUP' && err.code !== 'EOPNOTSUPP') throw new AtomicWriteError(err.message, err.code, 'rename');
    if (existsSync(path)) return false;
    renameSync(temp, path);
  } finally {
    try {
      unlinkSync(temp);
    } catch {
      /* renamed or already gone */
    }
  }
  fsyncDirectory(dirname(path));
  return true;
}

/** The content in a new temporary file beside `path`, flushed to disk; returns its name. */
function writeTemp(path: string, data: string | Buffer, options: AtomicWriteOptions): string {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const mode = options.mode ?? 0o644;
  const temp = tempNameFor(path);
  let fd: number;
  try {
    fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new AtomicWriteError(err.message, err.code, 'create');
  }
  try {
    try {
      // set after creation: open's mode is masked by the umask, a replaced file's is not
      fchmodSync(fd, mode);
      if (options.uid !== undefined && options.gid !== undefined) {
        try {
          fchownSync(fd, options.uid, options.gid);
        } catch {
          // only root may give a file away; an ordinary writer's copy stays its own
        }
      }
      writeAllSync(fd, bytes);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    try {
      unlinkSync(temp);
    } catch {
      /* already gone */
    }
    const err = e as NodeJS.ErrnoException;
    throw new AtomicWriteError(err.message, err.code, 'write');
  }
  return temp;
}

/**
 * Removes temporary files that writers of `path` left when they were killed mid-write:
 * those whose process no longer runs and that are older than `minAgeMs`.
 */
export function removeAbandonedTemps(path: string, minAgeMs: number): void {
  const dir = dirname(path);
  const prefix = `.${basename(path)}.`;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  const now = Date.now();
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(TEMP_SUFFIX)) continue;
    const pid = Number(name.slice(prefix.length).split('.')[0]);
    if (!Number.isInteger(pid) || pid <= 0 || processIsAlive(pid)) continue;
    const full = join(dir, name);
    try {
      const st = statSync(full);
      if (st.isFile() && now - st.mtimeMs > minAgeMs) unlinkSync(full);
    } catch {
      // another writer cleaned it up first
    }
  }
}
