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

function run(exosh, args, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [exosh, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (b) => { stderr += b; });
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

export function suites(rows, { exosh }) {
  return {
    async lockStress() {
      const dir = mkdtempSync(join(tmpdir(), 'exosh-bench-stress-'));
      try {
        const store = join(dir, 'big.json');
        const init = spawnSync(process.execPath, [exosh, '--now', '2023-08-15T00:00:00Z', 'init', store, '--domain', 'contoso.com'], { encoding: 'utf8' });
        if (init.status !== 0) throw new Error(init.stderr);
        const data = JSON.parse(readFileSync(store, 'utf8'));
        const mailboxes = Number(process.env.BENCH_STRESS_MAILBOXES ?? 500_000);
        for (let i = 0; i < mailboxes; i++) {
          const a = `user${i}@contoso.com`;
          data.mailboxes.push({ guid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, name: `User ${i}`, alias: `user${i}`, displayName: `User ${i}`, userPrincipalName: a, primarySmtpAddress: a, emailAddresses: [`SMTP:${a}`], type: 'UserMailbox', litigationHoldEnabled: false, forwardingSmtpAddress: null, deliverToMailboxAndForward: false, whenCreated: '2023-08-15T00:00:00Z' });
        }
        data.clock = { pinned: '2023-08-15T00:00:00Z' };
        writeFileSync(store, JSON.stringify(data) + '\n');
        const size = statSync(store).size;

        const writers = Number(process.env.BENCH_STRESS_WRITERS ?? 50);
        const isLong = (i) => i % 5 === 0;
        // Long statements change the clock, then hold the lock 3 s: 15x the stale time below.
        const script = (i) => isLong(i)
          ? `& { Set-TenantClock -Advance 1m; Start-Sleep -Seconds 3 }; New-Mailbox -Name 'Stress ${i}' | Out-Null`
          : `New-Mailbox -Name 'Stress ${i}' | Out-Null`;
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
