// Builds a sample tenant from its script: `npm run sample` writes samples/contoso.json.
// buildSample() is also used by the test that checks the committed JSON still agrees.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const exosh = join(root, 'bin', 'exosh');

function run(args) {
  const r = spawnSync(process.execPath, [exosh, ...args], { encoding: 'utf8', input: '', env: { ...process.env, NO_COLOR: '1' } });
  if (r.status !== 0) throw new Error(`exosh ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return r;
}

/** Builds the sample into a temporary file and returns its text. */
export function buildSample(name = 'contoso') {
  const dir = mkdtempSync(join(tmpdir(), 'exosh-sample-'));
  try {
    const store = join(dir, `${name}.json`);
    run(['--now', '2023-08-01T09:00:00Z', 'init', store, '--domain', `${name}.com`]);
    run(['--store', store, join(root, 'samples', `${name}.ps1`)]);
    return readFileSync(store, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const name = process.argv[2] ?? 'contoso';
  const text = buildSample(name);
  const target = join(root, 'samples', `${name}.json`);
  writeFileSync(`${target}.tmp`, text);
  renameSync(`${target}.tmp`, target);
  console.log(`wrote samples/${name}.json`);
}
