// The architecture, as a test: data flows one way, cli → shell → cmdlets → tenant, with
// src/lib beneath all of them. The shell knows nothing of Exchange, the tenant nothing of the
// shell, and no file in src/ takes part in an import cycle.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

interface Import {
  from: string;
  to: string;
  typeOnly: boolean;
}

/** Every relative import and re-export of every file, resolved to a path under src/. */
function imports(): Import[] {
  const out: Import[] = [];
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm)) {
      const target = resolve(dirname(file), m[3]).replace(/\.js$/, '.ts');
      out.push({ from: relative(SRC, file), to: relative(SRC, target), typeOnly: !!m[2] });
    }
  }
  return out;
}

const layerOf = (path: string) => path.split('/')[0];

/** Which layers each layer may import (besides itself). */
const ALLOWED: Record<string, string[]> = {
  lib: [],
  tenant: ['lib'],
  shell: ['lib'],
  cmdlets: ['lib', 'shell', 'tenant'],
  cli: ['lib', 'shell', 'tenant', 'cmdlets'],
};

describe('the layers', () => {
  const all = imports();

  it('finds the imports it checks', () => {
    expect(all.length).toBeGreaterThan(200);
    expect(new Set(all.map((i) => layerOf(i.from)))).toEqual(new Set(Object.keys(ALLOWED)));
  });

  it('every import runs the right way (type-only imports included)', () => {
    const wrong = all.filter((i) => layerOf(i.from) !== layerOf(i.to) && !ALLOWED[layerOf(i.from)]?.includes(layerOf(i.to))).map((i) => `${i.from} → ${i.to}`);
    expect(wrong).toEqual([]);
  });

  it('no file takes part in an import cycle (type-only imports aside)', () => {
    const graph = new Map<string, string[]>();
    for (const i of all) if (!i.typeOnly) graph.set(i.from, [...(graph.get(i.from) ?? []), i.to]);
    const state = new Map<string, 'open' | 'done'>();
    const cycles: string[] = [];
    const visit = (node: string, path: string[]) => {
      if (state.get(node) === 'done') return;
      if (state.get(node) === 'open') {
        cycles.push([...path.slice(path.indexOf(node)), node].join(' → '));
        return;
      }
      state.set(node, 'open');
      for (const next of graph.get(node) ?? []) visit(next, [...path, node]);
      state.set(node, 'done');
    };
    for (const node of graph.keys()) visit(node, []);
    expect(cycles).toEqual([]);
  });
});
