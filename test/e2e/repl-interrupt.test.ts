// Ctrl-C in the REPL stops the running statement (rolled back) and returns to the prompt with
// the session intact, whether the statement is looping, sleeping or waiting for the lock. Runs
// exosh under a pseudo-terminal (util-linux `script`), typing as a person would.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BIN, caseStores, isolatedEnv } from '../helpers/exosh-process.js';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
const NOW = '2023-08-15T00:00:00Z';
const fresh = caseStores('exosh-e2e-repl-int-', (template) => ['--now', NOW, 'init', template, '--domain', 'contoso.com']);
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

const children = new Set<ChildProcess>();
afterEach(() => {
  for (const c of children) c.kill('SIGKILL');
  children.clear();
});

/** A REPL on a pseudo-terminal: type() sends keys, screen() is everything it printed so far. */
function repl(dir: string, store: string, extra: Record<string, string> = {}) {
  const command = [process.execPath, BIN, '--store', store].map(quote).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: dir, env: { ...isolatedEnv(dir, extra), TERM: 'dumb' }, stdio: ['pipe', 'pipe', 'pipe'] });
  children.add(child);
  let screen = '';
  child.stdout.on('data', (b) => {
    screen += b;
  });
  child.stderr.on('data', (b) => {
    screen += b;
  });
  const exited = new Promise<number | null>((res) =>
    child.on('close', (code) => {
      children.delete(child);
      res(code);
    }),
  );
  const waitFor = async (text: string, from = 0) => {
    for (let i = 0; i < 400 && !screen.slice(from).includes(text); i++) await new Promise((r) => setTimeout(r, 50));
    if (!screen.slice(from).includes(text)) throw new Error(`the REPL never printed ${JSON.stringify(text)}; screen:\n${screen}`);
  };
  return { type: (keys: string) => child.stdin.write(keys), screen: () => screen, waitFor, exited };
}

describe.runIf(hasScript)('Ctrl-C in the REPL', () => {
  it('stops a running loop, rolls its statement back, and keeps the session', async () => {
    const { dir, store } = fresh();
    const r = repl(dir, store);
    await r.waitFor('> ');
    r.type("$kept = 'still here'\r");
    r.type("& { Set-TenantClock -Now '2030-01-01T00:00:00Z'; Write-Host 'looping'; while ($true) { } }\r");
    await r.waitFor('looping');
    const mark = r.screen().length;
    r.type('\x03');
    await r.waitFor('^C', mark);
    r.type('"after: $kept"\r');
    await r.waitFor('after: still here', mark);
    r.type('exit 4\r');
    expect(await r.exited).toBe(4);
    expect(JSON.parse(readFileSync(store, 'utf8')).clock.pinned).toBeNull();
  });

  it("stops Start-Sleep and a wait for another process's lock", async () => {
    const { dir, store } = fresh();
    const r = repl(dir, store, { EXOSH_LOCK_WAIT_MS: '120000' });
    await r.waitFor('> ');
    r.type("Write-Host 'sleeping'; Start-Sleep -Seconds 100\r");
    await r.waitFor('sleeping');
    let mark = r.screen().length;
    r.type('\x03');
    await r.waitFor('^C', mark);
    // a lock held by a live process on this machine: the REPL would wait for it
    writeFileSync(`${store}.lock`, JSON.stringify({ host: hostname(), pid: process.pid, token: 'test-runner', acquired: new Date().toISOString() }));
    r.type("Write-Host 'waiting'; Get-Mailbox\r");
    await r.waitFor('waiting');
    mark = r.screen().length;
    r.type('\x03');
    await r.waitFor('^C', mark);
    r.type("'back'\r");
    await r.waitFor('back', mark);
    r.type('exit\r');
    expect(await r.exited).toBe(0);
  });
});
