// Writes the cmdlet reference, docs/cmdlets/<Name>.md and docs/cmdlets/README.md, from the
// cmdlet declarations (src/cmdlets/docs.ts renders them; Get-Help reads the same fields).
// The renderer is TypeScript: it is bundled into a temporary module and run, so no build is
// needed first. test/shell/cmdlet-docs.test.ts fails when the committed pages are stale.
//
//   npm run docs
import { build } from 'esbuild';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const OUT = 'docs/cmdlets';
const banner = { js: "import { createRequire as __exoshRequire } from 'node:module'; const require = __exoshRequire(import.meta.url);" };

const dir = mkdtempSync(join('node_modules', '.exosh-docs-'));
try {
  const module = join(dir, 'docs.mjs');
  await build({ entryPoints: ['src/cmdlets/docs.ts'], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: module, logLevel: 'warning', banner });
  const { cmdletDocs } = await import(pathToFileURL(module).href);
  const pages = cmdletDocs();
  mkdirSync(OUT, { recursive: true });
  let written = 0,
    removed = 0;
  for (const [name, text] of pages) {
    const path = join(OUT, name);
    let old = null;
    try {
      old = readFileSync(path, 'utf8');
    } catch {
      /* new page */
    }
    if (old !== text) {
      writeFileSync(path, text);
      written++;
    }
  }
  for (const name of readdirSync(OUT)) {
    if (name.endsWith('.md') && !pages.has(name)) {
      unlinkSync(join(OUT, name));
      removed++;
    }
  }
  console.log(`${OUT}: ${pages.size} pages, ${written} written, ${removed} removed`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
