// Store benchmark: open a tenant of 100,000 mailboxes and run Get-Mailbox -Identity, as a
// ratio to a node process that only reads and parses the same file.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { compare, makeMailboxStore } from './lib.mjs';

export function suites(rows, { exosh }) {
  return {
    store() {
      const dir = mkdtempSync(join(tmpdir(), 'exosh-bench-store-'));
      try {
        const store = join(dir, 'big.json');
        const N = Number(process.env.BENCH_MAILBOXES ?? 100_000);
        const size = makeMailboxStore(exosh, store, N, { pretty: true });
        const target = `user${Math.floor(N * 0.73)}@contoso.com`;
        const runs = Number(process.env.BENCH_RUNS ?? 7);
        const r = compare(
          [process.execPath, [exosh, '--store', store, '-c', `Get-Mailbox -Identity ${target} | Out-Null`]],
          [process.execPath, ['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(store)},'utf8'))`]],
          runs,
        );
        rows.push({
          benchmark: `Get-Mailbox -Identity on ${N.toLocaleString('en-US')} mailboxes (${(size / 1e6).toFixed(1)} MB) vs node read+parse`,
          exosh: `${r.a.toFixed(0)} ms`,
          baseline: `${r.b.toFixed(0)} ms`,
          ratio: (r.a / r.b).toFixed(2) + 'x',
          aim: '<= 1.5x',
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
