// Help comes from the declarations (CONTRIBUTING.md: every parameter has help text and every
// cmdlet an example), so Get-Help, `exosh help` and docs/cmdlets/ are complete only if the
// declarations are. This test fails when a registered cmdlet falls short.

import { describe, expect, it } from 'vitest';
import { allCmdlets } from '../../src/cmdlets/index.js';
import { COMMON_NAMES } from '../../src/shell/binder.js';
import { parseScript } from '../../src/shell/parser.js';

const cmdlets = allCmdlets();

describe('help from the declarations', () => {
  it('finds the cmdlets it checks', () => {
    expect(cmdlets.length).toBeGreaterThan(90);
  });

  it('every parameter (common parameters aside) has help text', () => {
    const missing = cmdlets.flatMap((c) => c.parameters.filter((p) => !COMMON_NAMES.has(p.name) && !(p.help ?? '').trim()).map((p) => `${c.name} -${p.name}`));
    expect(missing).toEqual([]);
  });

  it('every cmdlet has a synopsis and at least one example with code and remarks', () => {
    const missing = cmdlets.filter((c) => !c.synopsis.trim() || !c.examples?.length || c.examples.some((e) => !e.code.trim() || !e.remarks.trim())).map((c) => c.name);
    expect(missing).toEqual([]);
  });

  it('every example parses, and the cmdlet it documents appears in it (by name or alias)', () => {
    const bad: string[] = [];
    for (const c of cmdlets) {
      for (const e of c.examples ?? []) {
        try {
          parseScript(e.code);
        } catch (err) {
          bad.push(`${c.name}: ${e.code}: ${String(err)}`);
          continue;
        }
        const names = [c.name, ...(c.aliases ?? [])].map((n) => n.toLowerCase());
        const words = e.code.toLowerCase().split(/[\s|;(){}]+/);
        if (!names.some((n) => words.includes(n))) bad.push(`${c.name}: ${e.code}: does not use the cmdlet`);
      }
    }
    expect(bad).toEqual([]);
  });
});
