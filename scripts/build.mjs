// Bundles the CLI into one ES module (dist/exosh.mjs). One file loads several times faster
// than the ~60 modules tsc would emit, which is what keeps `exosh -c '1'` close to `node -e 0`.
//
// First it compiles the store's schema (src/tenant/schema/definition.ts) into a standalone
// validator, src/tenant/schema/validate.cjs, so that exosh validates stores with code compiled
// at build time and loads neither TypeBox nor ajv at run time. That module stays out of the
// bundle (copied to dist/schema/): it is loaded only when a store is opened.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

// CommonJS dependencies bundled into an ES module still call require() for Node built-ins.
const banner = { js: "import { createRequire as __exoshRequire } from 'node:module'; const require = __exoshRequire(import.meta.url);" };

async function compileSchema() {
  // The compiler is TypeScript: bundle it (with TypeBox and ajv) into a temporary module to run it.
  const dir = mkdtempSync(join('node_modules', '.exosh-schema-'));
  try {
    const compiler = join(dir, 'compile.mjs');
    await build({ entryPoints: ['src/tenant/schema/compile.ts'], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: compiler, logLevel: 'warning', banner });
    const { validatorModule } = await import(pathToFileURL(compiler).href);
    const text = validatorModule();
    const out = 'src/tenant/schema/validate.cjs';
    let old = null;
    try {
      old = readFileSync(out, 'utf8');
    } catch {
      /* first build */
    }
    if (old !== text) writeFileSync(out, text);
    // schema.ts requires './schema/validate.cjs' next to itself, which in the bundle is dist/.
    mkdirSync('dist/schema', { recursive: true });
    copyFileSync(out, 'dist/schema/validate.cjs');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await compileSchema();

await build({
  entryPoints: ['src/cli/main.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: 'dist/exosh.mjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  banner,
});
