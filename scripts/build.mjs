// Bundles the CLI into one ES module (dist/exosh.mjs). One file loads several times faster
// than the ~60 modules tsc would emit, which is what keeps `exosh -c '1'` close to `node -e 0`.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/main.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: 'dist/exosh.mjs',
  sourcemap: 'linked',
  logLevel: 'warning',
  // CommonJS dependencies bundled into an ES module still call require() for Node built-ins.
  banner: { js: "import { createRequire as __exoshRequire } from 'node:module'; const require = __exoshRequire(import.meta.url);" },
});
