// `npm run bench`: performance figures, measured on this machine in one run.
// Each figure is a ratio to a baseline run in the same process so that machines compare.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compare, printTable } from './lib.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const exosh = join(root, 'bin', 'exosh');
const rows = [];

function coldStart() {
  const runs = Number(process.env.BENCH_RUNS ?? 15);
  const r = compare([process.execPath, [exosh, '-c', '1']], [process.execPath, ['-e', '0']], runs);
  rows.push({ benchmark: "cold start: exosh -c '1' vs node -e 0", exosh: `${r.a.toFixed(0)} ms`, baseline: `${r.b.toFixed(0)} ms`, ratio: (r.a / r.b).toFixed(2) + 'x', aim: '<= 2.5x' });
}

const suites = { coldStart };
for (const file of ['store.mjs', 'mail.mjs', 'trace.mjs', 'output.mjs', 'lock-stress.mjs']) {
  const path = join(root, 'bench', file);
  if (existsSync(path)) Object.assign(suites, await import(path).then((m) => m.suites(rows, { exosh, root })));
}
const only = process.argv.slice(2);
for (const [name, run] of Object.entries(suites)) {
  if (only.length && !only.includes(name)) continue;
  process.stderr.write(`bench: ${name}...\n`);
  await run();
}
printTable(rows);
