// Shared helpers for the benchmarks: timing child processes and printing a result table.
import { spawnSync } from 'node:child_process';

export function timeCommand(cmd, args, options = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30, ...options });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Runs two commands alternately `runs` times and returns their median times. */
export function compare(a, b, runs) {
  const ta = [],
    tb = [];
  for (let i = 0; i < runs; i++) {
    ta.push(timeCommand(...a).ms);
    tb.push(timeCommand(...b).ms);
  }
  return { a: median(ta), b: median(tb) };
}

export function printTable(rows) {
  const cols = Object.keys(rows[0]);
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (vals) =>
    vals
      .map((v, i) => String(v).padEnd(width[i]))
      .join('  ')
      .trimEnd();
  console.log(line(cols));
  console.log(line(width.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(cols.map((c) => r[c])));
}
