import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathCmdlets } from '../../src/cmdlets/utility/path.js';
import { progressCmdlets } from '../../src/cmdlets/utility/progress.js';
import { writeCmdlets } from '../../src/cmdlets/utility/write.js';
import { makeShell } from '../helpers/shell.js';

const cmdlets = [...pathCmdlets, ...progressCmdlets, ...writeCmdlets];

describe('Test-Path, Join-Path, Split-Path, Remove-Item', () => {
  it('test, join, split and remove files as export scripts do', () => {
    const dir = mkdtempSync(join(tmpdir(), 'exosh-path-')).replace(/\\/g, '/');
    writeFileSync(join(dir, 'old.csv'), 'x');
    const { run } = makeShell({ cmdlets });
    const r = run(
      `$f = Join-Path '${dir}' 'old.csv'; Test-Path $f; Test-Path $f -PathType Container; Test-Path '${dir}' -PathType Container; Split-Path $f -Leaf; (Split-Path $f) -eq '${dir}'; if (Test-Path $f) { Remove-Item $f }; Test-Path $f`,
    );
    expect(r.errors).toEqual([]);
    expect(r.output).toEqual([true, false, true, 'old.csv', true, false]);
    expect(existsSync(join(dir, 'old.csv'))).toBe(false);
    const missing = run(`Remove-Item '${dir}/nope.csv'`);
    expect(missing.errors).toEqual([`Remove-Item: Cannot find path '${dir}/nope.csv' because it does not exist.`]);
  });
});

describe('New-Object and Write-Progress', () => {
  it('New-Object PSObject -Property builds an object; other types are refused clearly', () => {
    const { run } = makeShell({ cmdlets });
    const r = run("$o = New-Object PSObject -Property @{ Name = 'a'; Count = 2 }; $o.Name; $o.Count; New-Object System.Collections.ArrayList");
    expect(r.output).toEqual(['a', 2]);
    expect(r.errors).toEqual(['New-Object: Cannot find type [System.Collections.ArrayList]: exosh creates only PSObject (use [pscustomobject]@{...} or @() for collections).']);
  });

  it('Write-Progress writes no output; with -Verbose the record shows as verbose text', () => {
    const { run } = makeShell({ cmdlets });
    const quiet = run("Write-Progress -Activity 'Export' -Status 'Rows' -PercentComplete 50; 'done'");
    expect(quiet.output).toEqual(['done']);
    expect(quiet.verbose).toEqual([]);
    const loud = run("Write-Progress -Activity 'Export' -PercentComplete 50 -Verbose");
    expect(loud.verbose).toEqual(['Progress: Export - 50%']);
  });
});
