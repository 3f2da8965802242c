// Message trace benchmarks on a generated store of about 100,000 trace rows:
// (a) Get-MessageTrace -SenderAddress X -StartDate -EndDate | Export-Csv, as a ratio to node
//     reading and parsing the store; (b) the same filter with jq on the same file;
// (c) the sender/recipient join of detail rows to CSV (Get-MessageTraceDetailJoined), rows/s.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { compare, median, timeCommand } from './lib.mjs';

export function suites(rows, { exosh, root }) {
  return {
    trace() {
      const dir = mkdtempSync(join(tmpdir(), 'exosh-bench-trace-'));
      try {
        const store = join(dir, 'trace.json');
        const messages = Number(process.env.BENCH_TRACE_MESSAGES ?? 25_000);
        const gen = spawnSync(process.execPath, [join(root, 'scripts', 'generate.mjs'), '--messages', String(messages), '--recipients', '4', '--out', store, '--seed', 'bench'], { encoding: 'utf8' });
        if (gen.status !== 0) throw new Error(gen.stderr);
        const data = JSON.parse(readFileSync(store, 'utf8'));
        const traces = data.mail.traces;
        const now = data.clock.pinned;
        const counts = new Map();
        for (const t of traces) counts.set(t.senderAddress, (counts.get(t.senderAddress) ?? 0) + 1);
        const [sender, senderRows] = [...counts].filter(([a]) => a.endsWith('@contoso.com')).sort((a, b) => b[1] - a[1])[0];
        const end = new Date(now);
        const start = new Date(end.getTime() - 7 * 86_400_000);
        const iso = (d) => d.toISOString().replace('.000Z', 'Z');
        const size = statSync(store).size;
        const csv = join(dir, 'out.csv');
        const runs = Number(process.env.BENCH_RUNS ?? 5);

        const query = `Get-MessageTrace -SenderAddress ${sender} -StartDate ${iso(start)} -EndDate ${iso(end)} -PageSize 5000 | Export-Csv ${csv} -NoTypeInformation`;
        const a = compare([process.execPath, [exosh, '--store', store, '-c', query]], [process.execPath, ['-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(store)},'utf8'))`]], runs);
        const exported = readFileSync(csv, 'utf8').trim().split('\n').length - 1;
        rows.push({
          benchmark: `(a) Get-MessageTrace -SenderAddress | Export-Csv on ${traces.length.toLocaleString('en-US')} rows (${(size / 1e6).toFixed(0)} MB), ${exported} rows out, vs node read+parse`,
          exosh: `${a.a.toFixed(0)} ms`,
          baseline: `${a.b.toFixed(0)} ms`,
          ratio: (a.a / a.b).toFixed(2) + 'x',
          aim: '<= 1.5x',
        });

        const jq = spawnSync('jq', ['--version'], { encoding: 'utf8' });
        if (jq.status === 0) {
          const filter = `.mail.traces[] | select(.senderAddress == "${sender}" and .received >= "${iso(start)}" and .received <= "${iso(end)}") | [.received, .senderAddress, .recipientAddress, .subject, .status, .toIP, .fromIP, .size, .messageTraceId] | @csv`;
          const tj = [],
            te = [];
          for (let i = 0; i < runs; i++) {
            tj.push(timeCommand('jq', ['-r', filter, store]).ms);
            te.push(timeCommand(process.execPath, [exosh, '--store', store, '-c', query]).ms);
          }
          const j = median(tj),
            e = median(te);
          rows.push({
            benchmark: '(b) the same filter with jq -r ... | @csv on the same file',
            exosh: `${e.toFixed(0)} ms`,
            baseline: `jq ${j.toFixed(0)} ms`,
            ratio: (e / j).toFixed(2) + 'x',
            aim: 'exosh faster (< 1x)',
          });
        } else {
          rows.push({ benchmark: '(b) the same filter with jq', exosh: '-', baseline: 'jq not installed', ratio: '-', aim: 'exosh faster' });
        }

        const joinQuery = `Get-MessageTraceDetailJoined -StartDate ${iso(new Date(end.getTime() - 10 * 86_400_000 + 60_000))} -EndDate ${iso(end)} | Select-Object -First 10000 | Export-Csv ${csv} -NoTypeInformation`;
        const tJoin = median(Array.from({ length: Math.max(1, Math.floor(runs / 2)) }, () => timeCommand(process.execPath, [exosh, '--store', store, '-c', joinQuery]).ms));
        const joined = readFileSync(csv, 'utf8').trim().split('\n').length - 1;
        rows.push({
          benchmark: `(c) detail join (SenderAddress, RecipientAddress) of ${joined.toLocaleString('en-US')} detail rows to CSV`,
          exosh: `${tJoin.toFixed(0)} ms`,
          baseline: `${senderRows} rows of sender`,
          ratio: `${Math.round(joined / (tJoin / 1000)).toLocaleString('en-US')} rows/s`,
          aim: 'rows/s',
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
