// Lock chaos: writers killed with SIGKILL at random moments.
//
// Lock stress: 50 writers at once on a ~200 MB store, a mix of short statements and long ones
// that hold the lock past the stale time, with a short stale time to exercise take-over. Every
// writer that exits 0 must find its update in the final store: the figure to report is
// "lost exit-0 updates", and it must be 0.
//
//   npm run bench -- lockStress
//   BENCH_STRESS_MAILBOXES=500000 BENCH_STRESS_WRITERS=50 (defaults)
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeMailboxStore } from './lib.mjs';

function run(exosh, args, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [exosh, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b) => {
      stderr += b;
    });
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

/** A tenant of `mailboxes` extra mailboxes at `store`, pinned at 2023-08-15; returns its size. */
const makeStore = (exosh, store, mailboxes) => makeMailboxStore(exosh, store, mailboxes, { pinned: '2023-08-15T00:00:00Z' });

export function suites(rows, { exosh }) {
  return {
    /** Writers killed with SIGKILL at random moments: no corrupt store, no lost exit-0 update, no wait for the next one. */
    async lockChaos() {
      const dir = mkdtempSync(join(tmpdir(), 'exosh-bench-chaos-'));
      try {
        const store = join(dir, 'chaos.json');
        const size = makeStore(exosh, store, Number(process.env.BENCH_CHAOS_MAILBOXES ?? 20_000));
        const writers = Number(process.env.BENCH_CHAOS_WRITERS ?? 240);
        let killed = 0;
        const results = [];
        // in waves of 12, so that kills land in every phase: waiting, reading, writing, renaming
        for (let wave = 0; wave < writers; wave += 12) {
          const batch = Array.from({ length: Math.min(12, writers - wave) }, (_, k) => {
            const i = wave + k;
            const child = spawn(process.execPath, [exosh, '--store', store, '-c', `New-Mailbox -Name 'Chaos ${i}' | Out-Null`], { stdio: ['ignore', 'ignore', 'pipe'] });
            let stderr = '';
            child.stderr.on('data', (b) => {
              stderr += b;
            });
            if (Math.random() < 0.5)
              setTimeout(() => {
                if (child.exitCode === null) {
                  child.kill('SIGKILL');
                  killed++;
                }
              }, Math.random() * 1500);
            return new Promise((resolve) => child.on('close', (code, signal) => resolve({ i, code, signal, stderr })));
          });
          results.push(...(await Promise.all(batch)));
        }
        const check = spawnSync(process.execPath, [exosh, '--store', store, '-c', '(Get-Mailbox -ResultSize Unlimited | Measure-Object).Count'], { encoding: 'utf8' });
        const corrupt = check.status !== 0;
        const names = corrupt ? new Set() : new Set(JSON.parse(readFileSync(store, 'utf8')).mailboxes.map((m) => m.name));
        const lost = results.filter((r) => r.code === 0 && !names.has(`Chaos ${r.i}`)).length;
        const failed = results.filter((r) => r.code !== 0 && r.signal !== 'SIGKILL');
        for (const r of failed) process.stderr.write(`bench: a writer failed (exit ${r.code}): ${r.stderr.trim().slice(0, 300)}\n`);
        // a lock left by the last kill must not make the next writer wait
        const t0 = Date.now();
        const next = spawnSync(process.execPath, [exosh, '--store', store, '-c', "New-Mailbox -Name 'After The Chaos' | Out-Null"], { encoding: 'utf8' });
        const nextMs = Date.now() - t0;
        rows.push({
          benchmark: `lock chaos: ${writers} writers on ${(size / 1e6).toFixed(0)} MB, ${killed} killed with SIGKILL at random`,
          exosh: `${corrupt ? 'CORRUPT store' : 'store valid'}, ${failed.length} failed, next write ${nextMs} ms (exit ${next.status})`,
          baseline: '',
          ratio: `${lost} lost`,
          aim: '0 lost, valid store',
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },

    async lockStress() {
      const dir = mkdtempSync(join(tmpdir(), 'exosh-bench-stress-'));
      try {
        const store = join(dir, 'big.json');
        const size = makeStore(exosh, store, Number(process.env.BENCH_STRESS_MAILBOXES ?? 500_000));

        const writers = Number(process.env.BENCH_STRESS_WRITERS ?? 50);
        const isLong = (i) => i % 5 === 0;
        // Long statements change the clock, then hold the lock 3 s: 15x the stale time below.
        const script = (i) => (isLong(i) ? `& { Set-TenantClock -Advance 1m; Start-Sleep -Seconds 3 }; New-Mailbox -Name 'Stress ${i}' | Out-Null` : `New-Mailbox -Name 'Stress ${i}' | Out-Null`);
        const env = { EXOSH_LOCK_STALE_MS: '200', EXOSH_LOCK_WAIT_MS: String(60 * 60 * 1000), EXOSH_NOW: '' };
        const t0 = Date.now();
        const results = await Promise.all(Array.from({ length: writers }, (_, i) => run(exosh, ['--store', store, '-c', script(i)], env)));
        const seconds = (Date.now() - t0) / 1000;

        const final = JSON.parse(readFileSync(store, 'utf8'));
        const names = new Set(final.mailboxes.map((m) => m.name));
        const ok = results.map((r, i) => ({ ...r, i })).filter((r) => r.code === 0);
        const lostMailboxes = ok.filter((r) => !names.has(`Stress ${r.i}`)).length;
        const expectedMinutes = ok.filter((r) => isLong(r.i)).length;
        const minutes = (Date.parse(final.clock.pinned) - Date.parse('2023-08-15T00:00:00Z')) / 60_000;
        const lostClock = Math.max(0, expectedMinutes - minutes);
        const failed = results.length - ok.length;
        for (const r of results) if (r.code !== 0) process.stderr.write(`bench: a writer failed (exit ${r.code ?? r.signal}): ${r.stderr.trim().slice(0, 300)}\n`);
        rows.push({
          benchmark: `lock stress: ${writers} writers (${writers / 5} long) on ${(size / 1e6).toFixed(0)} MB, stale time 200 ms`,
          exosh: `${ok.length} exit 0, ${failed} failed, ${seconds.toFixed(0)} s`,
          baseline: '',
          ratio: `${lostMailboxes + lostClock} lost`,
          aim: '0 lost exit-0 updates',
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
