// Input that used to end exosh with "internal error: RangeError" and exit code 70 (issue 8) is
// reported as a PowerShell error with exit code 1, by the built CLI.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exosh } from '../helpers/exosh-process.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'exosh-limits-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('limits of the language', () => {
  it('refuses 400 nested parentheses with a parse error', () => {
    const r = exosh(dir, ['-c', '('.repeat(400) + '1' + ')'.repeat(400)]);
    expect(r).toEqual({ code: 1, stdout: '', stderr: 'ParserError: line 1, column 129: Processing was stopped because the script is too complex.\n' });
  });

  it('stops runaway recursion and a result too deep to display with the call depth error', () => {
    for (const script of ["function f { f }; f; 'after'", '$o = 1; for ($i = 0; $i -lt 20000; $i++) { $o = [pscustomobject]@{ a = $o } }; $o']) {
      const r = exosh(dir, ['-c', script]);
      expect({ script, ...r }).toEqual({ script, code: 1, stdout: '', stderr: 'InvalidOperation: The script failed due to call depth overflow.\n' });
    }
  });

  it('streams a CSV file of several read chunks through Import-Csv and Get-Content', () => {
    const rows = 60_000; // about 3 MB: three chunks, and records cut between them
    writeFileSync(join(dir, 'big.csv'), '"N","Text"\r\n' + Array.from({ length: rows }, (_, i) => `"${i}","line ""${i}""\r\nand é ✓ 😀"\r\n`).join(''));
    const r = exosh(dir, ['-c', '(Import-Csv big.csv | Measure-Object).Count; (Import-Csv big.csv | Select-Object -Last 1).Text; (Get-Content big.csv | Measure-Object).Count']);
    expect(r).toEqual({ code: 0, stdout: `${rows}\nline "${rows - 1}"\r\nand é ✓ 😀\n${2 * rows + 1}\n`, stderr: '' });
  });
});
