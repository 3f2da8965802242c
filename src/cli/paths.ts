// Where the installed package lives (for the bundled samples), whether exosh runs from the
// bundle in dist/ or from the TypeScript sources under test.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'exosh') return (root = dir);
    const parent = dirname(dir);
    if (parent === dir) throw new Error('exosh: cannot find its package directory');
    dir = parent;
  }
}
