// Output memory: `exosh --output MODE` writing 2,000,000 objects under a 64 MB heap limit, far
// below what the objects take together, and its peak RSS as a ratio to the same pipeline sent to
// Out-Null (the same objects made, nothing written). Output that streams fits in the limit and
// costs about as much memory as no output at all, whatever the number of objects.
//
// Two forms: the same statement with a `Write-Host` every 10,000 objects, which makes the
// evaluator hand over the statement's output gathered so far (this measures the --output
// writers), and the plain statement, whose output the evaluator gathers until the statement
// ends (this measures the whole path).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const HEAP_LIMIT_MB = 64;

/** Preloaded into exosh: writes the process's peak RSS (KB) to $BENCH_RSS_FILE when it exits. */
const PEAK_RSS_HOOK =
  'data:text/javascript,' + encodeURIComponent("import { writeFileSync } from 'node:fs'; process.on('exit', () => writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));");

export function suites(rows, { exosh }) {
  return {
    outputMemory() {
      const dir = mkdtempSync(join(tmpdir(), 'exosh-bench-output-'));
      try {
        const n = Number(process.env.BENCH_OUTPUT_OBJECTS ?? 2_000_000);
        const rssFile = join(dir, 'rss');
        /** Peak RSS in MB, or undefined when the run ran out of heap. */
        const peakMb = (args) => {
          rmSync(rssFile, { force: true });
          const r = spawnSync(process.execPath, [`--max-old-space-size=${HEAP_LIMIT_MB}`, '--import', PEAK_RSS_HOOK, exosh, ...args], {
            stdio: ['ignore', 'ignore', 'pipe'],
            env: { ...process.env, BENCH_RSS_FILE: rssFile, NO_COLOR: '1' },
            encoding: 'utf8',
          });
          if (/heap out of memory/i.test(r.stderr)) return undefined;
          if (r.status !== 0) throw new Error(`exosh ${args.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr}`);
          return Number(readFileSync(rssFile, 'utf8')) / 1024;
        };
        const make = `1..${n} | ForEach-Object { [pscustomobject]@{N=$_; Name="user$_@contoso.com"}`;
        const baseline = peakMb(['-c', `${make} } | Out-Null`]);
        if (baseline === undefined) throw new Error(`the baseline does not fit in a ${HEAP_LIMIT_MB} MB heap`);
        const count = n.toLocaleString('en-US');
        const row = (benchmark, mb) =>
          rows.push({
            benchmark: `${benchmark} (heap limit ${HEAP_LIMIT_MB} MB), peak RSS vs | Out-Null`,
            exosh: mb === undefined ? 'out of memory' : `${mb.toFixed(0)} MB`,
            baseline: `${baseline.toFixed(0)} MB`,
            ratio: mb === undefined ? '-' : (mb / baseline).toFixed(2) + 'x',
            aim: '<= 1.5x',
          });
        for (const mode of ['jsonl', 'csv', 'json']) {
          row(`--output ${mode}: ${count} objects, handed over every 10,000`, peakMb(['--output', mode, '-c', `${make}; if ($_ % 10000 -eq 0) { Write-Host '' -NoNewline } }`]));
        }
        row(`--output jsonl: ${count} objects in one statement`, peakMb(['--output', 'jsonl', '-c', `${make} }`]));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
