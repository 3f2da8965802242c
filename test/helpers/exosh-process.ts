// The built CLI (`node bin/exosh`) run as a separate process, the way the end-to-end tests need
// it: stdin closed, and HOME / XDG_DATA_HOME private to a test directory so no real store is read.

import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect } from 'vitest';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'bin', 'exosh');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The caller's environment without EXOSH_* and COLUMNS, with HOME and XDG_DATA_HOME under `dir`, no colour and 120 columns. */
export function isolatedEnv(dir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('EXOSH_') && k !== 'COLUMNS') env[k] = v;
  return { ...env, HOME: join(dir, 'home'), XDG_DATA_HOME: join(dir, 'xdg'), NO_COLOR: '1', COLUMNS: '120', ...extra };
}

/** Runs `node bin/exosh ARGS` in `dir` with stdin closed and the isolated environment. */
export function exosh(dir: string, args: string[], extra?: Record<string, string>): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, input: '', encoding: 'utf8', env: isolatedEnv(dir, extra), timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Creates one tenant with `exosh init` before the file's tests (removed after them) and returns
 * `fresh`, which gives each case a directory of its own with a copy of that tenant as t.json:
 * a new store per test without paying for `init` each time.
 */
export function caseStores(prefix: string, initArgs: (template: string) => string[]): () => { dir: string; store: string } {
  let root: string;
  let template: string;
  let n = 0;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), prefix));
    template = join(root, 'template.json');
    expect(exosh(root, initArgs(template)).code).toBe(0);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  return () => {
    const dir = join(root, `case${++n}`);
    mkdirSync(dir);
    const store = join(dir, 't.json');
    copyFileSync(template, store);
    return { dir, store };
  };
}
