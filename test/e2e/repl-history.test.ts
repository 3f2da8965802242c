// The REPL history file: only its owner may read it (0600, in a 0700 directory exosh creates),
// an older file readable by others is fixed, and lines that look like secrets are never written
// to it, as PSReadLine's default AddToHistoryHandler does.

import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isSensitiveHistoryLine, loadHistory, saveHistory } from '../../src/cli/repl.js';
import { BIN, ROOT, isolatedEnv } from '../helpers/exosh-process.js';

let dir: string;
const savedHistoryVariable = process.env.EXOSH_HISTORY;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'exosh-history-'));
});

afterEach(() => {
  if (savedHistoryVariable === undefined) delete process.env.EXOSH_HISTORY;
  else process.env.EXOSH_HISTORY = savedHistoryVariable;
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('which lines are kept out of the history file', () => {
  it("skips, in any case, lines with password, asplaintext, token, apikey or secret (PSReadLine's pattern)", () => {
    for (const line of [
      "$password = 'P@ssw0rd'",
      'ConvertTo-SecureString hunter2 -AsPlainText -Force',
      'Connect-ExchangeOnline -AccessToken eyJ0eXAi',
      '$apiKey = "abc"',
      "$env:CLIENT_SECRET = 'x'",
      'Set-Thing -PASSWORD x',
    ]) {
      expect({ line, skipped: isSensitiveHistoryLine(line) }).toEqual({ line, skipped: true });
    }
    for (const line of ['Get-MessageTrace -SenderAddress user@contoso.com', 'Set-OrganizationConfig -RecallReadMessagesEnabled $false', '$pass = 1', 'Get-Mailbox | fl *Key*']) {
      expect({ line, skipped: isSensitiveHistoryLine(line) }).toEqual({ line, skipped: false });
    }
  });
});

describe('the history file mode', () => {
  it('creates the file 0600 and its missing directories 0700, and writes no secret', () => {
    const path = join(dir, 'a', 'state', 'history');
    process.env.EXOSH_HISTORY = path;
    saveHistory('Get-Date');
    saveHistory("$token = 'abc'");
    saveHistory('1 +\n2');
    expect(modeOf(path)).toBe(0o600);
    expect(modeOf(join(dir, 'a', 'state'))).toBe(0o700);
    expect(modeOf(join(dir, 'a'))).toBe(0o700);
    expect(readFileSync(path, 'utf8')).toBe('Get-Date\n1 + 2\n');
    expect(loadHistory()).toEqual(['1 + 2', 'Get-Date']);
  });

  it('fixes a file others could read, when the shell starts and when it writes', () => {
    const path = join(dir, 'b-history');
    process.env.EXOSH_HISTORY = path;
    writeFileSync(path, 'Get-Date\n');
    chmodSync(path, 0o644);
    expect(loadHistory()).toEqual(['Get-Date']);
    expect(modeOf(path)).toBe(0o600);
    chmodSync(path, 0o664);
    saveHistory('Get-Mailbox');
    expect(modeOf(path)).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toBe('Get-Date\nGet-Mailbox\n');
  });

  it('leaves the mode of a directory it did not create alone', () => {
    const shared = join(dir, 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o755);
    process.env.EXOSH_HISTORY = join(shared, 'history');
    saveHistory('Get-Date');
    expect(modeOf(shared)).toBe(0o755);
    expect(modeOf(join(shared, 'history'))).toBe(0o600);
  });
});

// A pseudo-terminal for the REPL, when util-linux `script` is installed.
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

describe('the interactive shell', () => {
  it.runIf(hasScript)('writes its history owner-only, without the secret lines', () => {
    if (!existsSync(join(ROOT, 'dist'))) throw new Error('exosh is not built: run `npm run build` before these tests');
    const store = join(dir, 't.json');
    expect(spawnSync(process.execPath, [BIN, 'init', store], { cwd: dir, input: '', env: isolatedEnv(dir) }).status).toBe(0);
    const history = join(dir, 'repl', 'state', 'history');
    const command = [process.execPath, BIN, '--store', store].map((s) => `'${s}'`).join(' ');
    const r = spawnSync('script', ['-qfec', command, '/dev/null'], {
      cwd: dir,
      input: "1+1\n$secret = 'hunter2'\nexit 4\n",
      encoding: 'utf8',
      env: isolatedEnv(dir, { EXOSH_HISTORY: history, TERM: 'xterm-256color' }),
      timeout: 30_000,
    });
    expect(r.status).toBe(4);
    expect(readFileSync(history, 'utf8')).toBe('1+1\nexit 4\n');
    expect(modeOf(history)).toBe(0o600);
    expect(modeOf(join(dir, 'repl'))).toBe(0o700);
  });
});
