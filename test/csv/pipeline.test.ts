// The CSV and file cmdlets run through a real session: parameter binding, pipeline input,
// aliases, -WhatIf and the rendered error text.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { convertFromCsvCmdlet, convertToCsvCmdlet, exportCsvCmdlet, importCsvCmdlet } from '../../src/cmdlets/utility/csv.js';
import { addContentCmdlet, getContentCmdlet, outFileCmdlet, setContentCmdlet } from '../../src/cmdlets/utility/file.js';
import { PSObject } from '../../src/shell/values.js';
import { makeShell } from '../helpers/shell.js';

const cmdlets = [exportCsvCmdlet, importCsvCmdlet, convertToCsvCmdlet, convertFromCsvCmdlet, outFileCmdlet, setContentCmdlet, addContentCmdlet, getContentCmdlet];

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exosh-pipe-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('through the shell', () => {
  it('exports piped objects, appends without a header, and reads them back', () => {
    const { run } = makeShell({ cmdlets });
    const f = path.join(dir, 'out.csv');
    expect(run(`[pscustomobject]@{A=1;B='x'}, [pscustomobject]@{A=2;B=$null} | Export-Csv '${f}'`).errors).toEqual([]);
    expect(run(`[pscustomobject]@{B='z';A=3} | epcsv -Path '${f}' -Append`).errors).toEqual([]);
    expect(fs.readFileSync(f, 'utf8')).toBe('"A","B"\n"1","x"\n"2",\n"3","z"\n');
    const back = run(`'${f}' | Import-Csv`);
    expect(back.output.map((o) => (o as PSObject).entries())).toEqual([
      [
        ['A', '1'],
        ['B', 'x'],
      ],
      [
        ['A', '2'],
        ['B', ''],
      ],
      [
        ['A', '3'],
        ['B', 'z'],
      ],
    ]);
  });

  it('renders the -Append mismatch as pwsh does', () => {
    const { run } = makeShell({ cmdlets });
    const f = path.join(dir, 'out.csv');
    run(`[pscustomobject]@{A=1} | Export-Csv '${f}'`);
    expect(run(`[pscustomobject]@{C=1} | Export-Csv '${f}' -Append`).errors).toEqual([
      `Export-Csv: Cannot append CSV content to the following file: ${f}. The appended object does not have a property that corresponds to the following column: A. To continue with mismatched properties, add the -Force parameter, and then retry the command.`,
    ]);
  });

  it('-WhatIf writes nothing', () => {
    const { run } = makeShell({ cmdlets });
    const f = path.join(dir, 'w.csv');
    const r = run(`[pscustomobject]@{A=1} | Export-Csv '${f}' -WhatIf`);
    expect(r.hostText).toEqual([`What if: Performing the operation "Export-Csv" on target "${f}".`]);
    expect(fs.existsSync(f)).toBe(false);
  });

  it('ConvertTo-Csv | ConvertFrom-Csv, and Out-File | Get-Content', () => {
    const { run } = makeShell({ cmdlets });
    expect(run(`[pscustomobject]@{A='x,y'} | ConvertTo-Csv -UseQuotes AsNeeded`).output).toEqual(['A', '"x,y"']);
    expect(run(`'a,b','1,2' | ConvertFrom-Csv`).output.map((o) => (o as PSObject).entries())).toEqual([
      [
        ['a', '1'],
        ['b', '2'],
      ],
    ]);
    const f = path.join(dir, 'o.txt');
    expect(run(`'x','y' | Out-File '${f}'; Add-Content '${f}' 'z'; Get-Content '${f}'`).output).toEqual(['x', 'y', 'z']);
  });

  it('a missing file is a terminating Import-Csv error with the full path', () => {
    const { run } = makeShell({ cmdlets });
    const f = path.join(dir, 'nope.csv');
    expect(run(`Import-Csv '${f}'`).errors).toEqual([`Import-Csv: Could not find file '${f}'.`]);
  });
});
