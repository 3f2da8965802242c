// The file writers (Export-Csv, Out-File, Set-Content, Add-Content) hold one open file for the
// whole run; dispose closes it even when the command's end never runs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportCsvCmdlet } from '../../src/cmdlets/utility/csv.js';
import { addContentCmdlet, outFileCmdlet, setContentCmdlet } from '../../src/cmdlets/utility/file.js';
import { foreachCmdlets } from '../../src/cmdlets/utility/foreach.js';
import { selectCmdlets } from '../../src/cmdlets/utility/select.js';
import { PSObject } from '../../src/shell/values.js';
import { fakeContext } from '../helpers/context.js';
import { runShell } from '../helpers/shell.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exosh-dispose-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const cmdlets = [setContentCmdlet, addContentCmdlet, outFileCmdlet, exportCsvCmdlet, ...selectCmdlets];
const quoted = (p: string) => `'${p.replace(/'/g, "''")}'`;

/** Open descriptors of this process that point at `file` (Linux: /proc/self/fd). */
function openDescriptors(file: string): number {
  let n = 0;
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    try {
      if (fs.readlinkSync(`/proc/self/fd/${fd}`) === file) n++;
    } catch {
      // the descriptor readdir itself used is gone by now
    }
  }
  return n;
}

describe('file writers and dispose', () => {
  it('Export-Csv writes every row through one descriptor, closed at the end', () => {
    const file = path.join(dir, 'out.csv');
    const { ctx } = fakeContext('Export-Csv', ['Path'], dir);
    const params = { Path: 'out.csv' };
    const state = exportCsvCmdlet.begin!(ctx, params);
    expect(openDescriptors(file)).toBe(1);
    for (let i = 0; i < 3; i++) exportCsvCmdlet.process!(ctx, params, PSObject.from({ A: i }), state);
    expect(openDescriptors(file)).toBe(1);
    expect(fs.readFileSync(file, 'utf8')).toBe('"A"\n"0"\n"1"\n"2"\n');
    exportCsvCmdlet.end!(ctx, params, state);
    exportCsvCmdlet.dispose!(state);
    expect(openDescriptors(file)).toBe(0);
  });

  it('Set-Content stopped by Select-Object -First closes its file and puts the read-only bit back', () => {
    const file = path.join(dir, 'ro.txt');
    fs.writeFileSync(file, 'old');
    fs.chmodSync(file, 0o444);
    const r = runShell(`'a', 'b', 'c' | Set-Content -Path ${quoted(file)} -Force -PassThru | Select-Object -First 1`, { cmdlets });
    expect(r.errors).toEqual([]);
    expect(r.output).toEqual(['a']);
    expect(fs.readFileSync(file, 'utf8')).toBe('a\n');
    expect(fs.statSync(file).mode & 0o777).toBe(0o444);
    expect(openDescriptors(file)).toBe(0);
  });

  it('Add-Content whose pipeline fails in a later command leaves no descriptor open', () => {
    const txt = path.join(dir, 'b.txt');
    const r = runShell(`1, 2 | Add-Content -Path ${quoted(txt)} -PassThru | ForEach-Object { if ($_ -eq 2) { throw 'stop' } }`, { cmdlets: [...cmdlets, ...foreachCmdlets] });
    expect(r.errors.join('\n')).toContain('stop');
    expect(fs.readFileSync(txt, 'utf8')).toBe('1\n2\n');
    expect(openDescriptors(txt)).toBe(0);
  });
});
