// End-to-end: JSON piped into `exosh -c` is read by the same reader as ConvertFrom-Json, so a
// zone-less ISO date becomes a DateTime and an impossible date (2023-02-30) stays a string.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, isolatedEnv } from '../helpers/exosh-process.js';

let dir: string;

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist'))) throw new Error('exosh is not built: run `npm run build` before these tests');
  dir = mkdtempSync(join(tmpdir(), 'exosh-stdin-json-'));
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const SHOW = '$input | ForEach-Object { "{0} {1}" -f $_.d.GetType().Name, $_.d }';

function pipe(input: string, script: string) {
  const r = spawnSync(process.execPath, [BIN, '-c', script], { cwd: dir, input, encoding: 'utf8', env: isolatedEnv(dir), timeout: 60_000 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('stdin JSON: one date rule with ConvertFrom-Json', () => {
  it('a zone-less date becomes a DateTime; 2023-02-30 stays a string (array and JSON lines)', () => {
    const expected = 'DateTime 8/14/2023 10:00:00 AM\nString 2023-02-30T00:00:00Z\n';
    const array = pipe('[{"d":"2023-08-14T10:00:00"},{"d":"2023-02-30T00:00:00Z"}]', SHOW);
    expect(array).toEqual({ code: 0, stdout: expected, stderr: '' });
    const lines = pipe('{"d":"2023-08-14T10:00:00"}\n{"d":"2023-02-30T00:00:00Z"}\n', SHOW);
    expect(lines).toEqual({ code: 0, stdout: expected, stderr: '' });
  });

  it('gives what ConvertFrom-Json gives for the same text', () => {
    const json = '[{"d":"2023-08-14T10:00:00"},{"d":"2023-02-30T00:00:00Z"}]';
    const viaCmdlet = pipe('', `'${json}' | ConvertFrom-Json | ForEach-Object { "{0} {1}" -f $_.d.GetType().Name, $_.d }`);
    expect(viaCmdlet.stdout).toBe(pipe(json, SHOW).stdout);
  });
});
