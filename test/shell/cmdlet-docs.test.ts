// docs/cmdlets/ is generated from the cmdlet declarations (`npm run docs`, src/cmdlets/docs.ts).
// This test renders the pages in memory and fails when the committed ones are stale, and checks
// that Get-Help prints one syntax line per parameter set, as pwsh's SYNTAX section does.

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cmdletDocs, cmdletPage } from '../../src/cmdlets/docs.js';
import { allCmdlets } from '../../src/cmdlets/index.js';
import { helpText, syntaxLines } from '../../src/cmdlets/utility/help.js';

const DIR = new URL('../../docs/cmdlets/', import.meta.url);
const find = (name: string) => allCmdlets().find((c) => c.name === name)!;

describe('docs/cmdlets', () => {
  const pages = cmdletDocs();

  it('has one page per registered cmdlet and an index linking every page', () => {
    expect(pages.size).toBe(allCmdlets().length + 1);
    const index = pages.get('README.md')!;
    for (const c of allCmdlets()) expect(index).toContain(`[${c.name}](${c.name}.md)`);
  });

  it('is what `npm run docs` generates from the declarations (run it after changing a cmdlet)', () => {
    const committed = readdirSync(DIR)
      .filter((n) => n.endsWith('.md'))
      .sort();
    expect(committed, 'docs/cmdlets/ holds other pages than the cmdlets: run npm run docs').toEqual([...pages.keys()].sort());
    const stale = [...pages].filter(([name, text]) => readFileSync(new URL(name, DIR), 'utf8') !== text).map(([name]) => name);
    expect(stale, 'these pages are stale: run npm run docs').toEqual([]);
  });

  it('a page gives the synopsis, syntax, description, each parameter with its facts, and the examples', () => {
    const page = cmdletPage(find('Get-MessageTraceDetailV2'));
    expect(page).toContain('# Get-MessageTraceDetailV2');
    expect(page).toContain('## Synopsis');
    expect(page).toContain('```powershell\nGet-MessageTraceDetailV2 ');
    expect(page).toContain('## Description');
    expect(page).toMatch(
      /### -MessageTraceId\n\nThe message trace ID of the message\.\n\n\| \| \|\n\|---\|---\|\n\| Type \| Guid \|\n\| Position \| 4 \|\n\| Mandatory \| True \|\n\| Pipeline input \| True \(ByPropertyName\) \|/,
    );
    expect(page).toContain('### Example 1');
    const csv = cmdletPage(find('Import-Csv'));
    expect(csv).toContain('| Aliases | PSPath, LP |');
    expect(csv).toContain('Parameter set DelimiterPath');
  });
});

describe('Get-Help SYNTAX', () => {
  it('prints one line per parameter set, the default set first, each with only its parameters', () => {
    const clock = find('Set-TenantClock');
    expect(syntaxLines(clock)).toEqual([
      'Set-TenantClock [[-Now] <DateTime>] [-WhatIf] [-Confirm] [<CommonParameters>]',
      'Set-TenantClock [-Advance <TimeSpan>] [-WhatIf] [-Confirm] [<CommonParameters>]',
      'Set-TenantClock [-Real] [-WhatIf] [-Confirm] [<CommonParameters>]',
    ]);
    const text = helpText(clock, 'default');
    expect(text).toContain(
      'SYNTAX\n    Set-TenantClock [[-Now] <DateTime>] [-WhatIf] [-Confirm] [<CommonParameters>]\n\n    Set-TenantClock [-Advance <TimeSpan>] [-WhatIf] [-Confirm] [<CommonParameters>]\n\n    Set-TenantClock [-Real] [-WhatIf] [-Confirm] [<CommonParameters>]\n\n',
    );
  });

  it('keeps parameters that belong to every set in each line, and one line for a cmdlet without sets', () => {
    const lines = syntaxLines(find('Import-Csv'));
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(line).toContain('[-Header <String[]>]');
    expect(lines.filter((l) => l.includes('-UseCulture'))).toHaveLength(2);
    expect(syntaxLines(find('Get-TenantClock'))).toEqual(['Get-TenantClock [<CommonParameters>]']);
  });
});
