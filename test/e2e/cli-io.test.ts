// End-to-end tests of exosh's standard input and output as processes see them: piped input that
// arrives late is still read, stdin is read only when the command uses it (so a `while read`
// loop keeps its lines), --output writes large results without crashing and streams as objects
// arrive, and `--as ''` is a usage error.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandUsesInput } from '../../src/cli/main.js';
import { allCmdlets } from '../../src/cmdlets/index.js';
import { Session } from '../../src/shell/session.js';
import { BIN, ROOT, isolatedEnv, type Run } from '../helpers/exosh-process.js';

let dir: string;
let store: string;

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist'))) throw new Error('exosh is not built: run `npm run build` before these tests');
  dir = mkdtempSync(join(tmpdir(), 'exosh-cli-io-'));
  store = join(dir, 't.json');
  expect(spawnSync(process.execPath, [BIN, 'init', store], { cwd: dir, input: '', env: isolatedEnv(dir) }).status).toBe(0);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs a sh command line in which `exosh` is `node bin/exosh`, with the isolated environment; stdin closed. */
function sh(script: string, extra: Record<string, string> = {}): Run {
  const exosh = `'${process.execPath}' '${BIN}'`;
  const r = spawnSync('sh', ['-c', `exosh() { ${exosh} "$@"; }\n${script}`], {
    cwd: dir,
    input: '',
    encoding: 'utf8',
    env: isolatedEnv(dir, { EXOSH_NOW: '2023-08-15T12:00:00Z', EXOSH_STORE: store, ...extra }),
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('stdin: piped input is read to its end, however late it comes', () => {
  // `sleep 1` makes the producer slower than exosh's start: its stdin is empty when exosh first looks
  it('objects for -c from a slow producer', () => {
    const r = sh(`(sleep 1; printf '%s\\n' '{"Name":"a"}' '{"Name":"b"}') | exosh -c 'Select-Object -ExpandProperty Name'`);
    expect(r).toEqual({ code: 0, stdout: 'a\nb\n', stderr: '' });
  });

  it('objects from a slow exosh to another', () => {
    const r = sh(`(sleep 1; exosh --output jsonl -c '1..3 | ForEach-Object { [pscustomobject]@{N=$_} }') | exosh -c 'Measure-Object -Property N -Sum | ForEach-Object Sum'`);
    expect(r).toEqual({ code: 0, stdout: '6\n', stderr: '' });
  });

  it("a script piped from a slow process runs, and its exit code is exosh's", () => {
    expect(sh(`(sleep 1; printf '"ran"\\nexit 3\\n') | exosh`)).toEqual({ code: 3, stdout: 'ran\n', stderr: '' });
    const failed = sh(`(sleep 1; echo 'Get-Nothing; "after"') | exosh`);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe('after\n');
    expect(failed.stderr).toMatch(/^Get-Nothing: The term 'Get-Nothing' is not recognized/);
  });
});

describe('stdin: -c reads it only when the command uses pipeline input', () => {
  it('leaves a while-read loop its lines, from a file and from a pipe', () => {
    writeFileSync(join(dir, 'lines.txt'), 'one\ntwo\nthree\n');
    const expected = { code: 0, stdout: 'one\ntwo\nthree\ndone\n', stderr: '' };
    expect(sh(`while read l; do exosh -c "Write-Output $l"; done < lines.txt; echo done`)).toEqual(expected);
    expect(sh(`cat lines.txt | while read l; do exosh -c "Write-Host $l"; done; echo done`)).toEqual(expected);
  });

  it('reads it for $input even when the leading command takes none', () => {
    expect(sh(`printf 'x\\ny\\n' | exosh -c '$n = 1; $input.Count + $n'`)).toEqual({ code: 0, stdout: '3\n', stderr: '' });
  });

  it('decides from the leading command and the parameters its arguments bind', () => {
    const session = new Session({ host: { writeOutput() {}, writeError() {}, writeWarning() {}, writeVerbose() {}, writeHost() {}, width: 120 } });
    session.register(allCmdlets());
    const uses = (text: string) => commandUsesInput(session, text);
    // the leading command has a pipeline parameter its arguments leave free
    for (const text of [
      'Select-Object Name',
      'Where-Object Status -eq Failed | Select-Object Name',
      'ForEach-Object { $_ }',
      'Write-Output',
      'Get-Mailbox',
      'function Up { process { $_ } }; Up',
      'Invoke-Something x',
      '& $cmd',
      '$input | Measure-Object',
      'Get-Date; $input.Count',
      'Set-Mailbox @splat',
    ]) {
      expect({ text, uses: uses(text) }).toEqual({ text, uses: true });
    }
    // the arguments bind every pipeline parameter, or the statement is no command, or the text does not parse
    for (const text of [
      'Write-Output hello',
      'Set-TenantClock -Advance 1h',
      'Write-Output -InputObject hello',
      'Write-Host $l',
      'Get-Mailbox admin',
      '1 + 1',
      '$x = 5',
      '"$inputs"',
      'Select-Object Name -InputObject $x',
      'Write-Output (',
    ]) {
      expect({ text, uses: uses(text) }).toEqual({ text, uses: false });
    }
  });
});

describe('--output: large results and streaming', () => {
  // more objects than one push(...values) can take (it overflowed between 100k and 130k)
  const MANY = "@([pscustomobject]@{N=1; Name='a'}) * 150000";

  it.each([
    ['jsonl', 150_000, '{"N":1,"Name":"a"}', '{"N":1,"Name":"a"}'],
    ['json', 2 + 150_000 * 4, '[', ']'],
    ['csv', 1 + 150_000, '"N","Name"', '"1","a"'],
    ['table', 3 + 150_000 + 1, '', ''],
    ['list', 150_000 * 3 + 1, '', ''],
  ])('%s writes 150,000 objects', (mode, lines, first, last) => {
    const r = sh(`exosh --output ${mode} -c "${MANY}"`);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    const all = r.stdout.split('\n');
    expect(all.pop()).toBe('');
    expect({ lines: all.length, first: all[0], last: all[all.length - 1] }).toEqual({ lines, first, last });
  });

  it("jsonl, csv and json write each statement's objects before what comes next (stdout and stderr in one pipe)", () => {
    const script = '[pscustomobject]@{N=1}; Write-Error boom; [pscustomobject]@{N=2}';
    expect(sh(`exosh --output jsonl -c '${script}' 2>&1`).stdout).toBe('{"N":1}\nWrite-Error: boom\n{"N":2}\n');
    expect(sh(`exosh --output csv -c '${script}' 2>&1`).stdout).toBe('"N"\n"1"\nWrite-Error: boom\n"2"\n');
    // the array is open before the error; an item is written once it is known whether a comma follows
    expect(sh(`exosh --output json -c '${script}' 2>&1`).stdout).toBe('[\nWrite-Error: boom\n  {\n    "N": 1\n  },\n  {\n    "N": 2\n  }\n]\n');
    // the bytes on stdout alone are those of the whole result written at once
    expect(sh(`exosh --output json -c '${script}' 2>/dev/null`).stdout).toBe('[\n  {\n    "N": 1\n  },\n  {\n    "N": 2\n  }\n]\n');
  });

  it("csv keeps the first object's columns for all the statements", () => {
    const r = sh(`exosh --output csv -c '[pscustomobject]@{"a,""b"=1; c=$null}; [pscustomobject]@{c=3; d=4; "a,""b"=2}'`);
    expect(r).toEqual({ code: 0, stdout: '"a,""b","c"\n"1",\n"2","3"\n', stderr: '' });
  });
});

describe('--as and EXOSH_USER', () => {
  it("--as '' is a usage error, not the default administrator", () => {
    const r = sh(`exosh --as '' -c 'Get-OrganizationConfig | ForEach-Object Name'`);
    expect(r).toEqual({ code: 2, stdout: '', stderr: "exosh: --as needs a user: the UserPrincipalName (or another identity) of a mailbox of the tenant\nTry 'exosh --help' for more information.\n" });
    expect(sh(`exosh --as ' ' -c '1'`).code).toBe(2);
  });

  it('an empty EXOSH_USER counts as unset: the default administrator', () => {
    expect(sh(`exosh -c 'Get-OrganizationConfig | ForEach-Object Name'`, { EXOSH_USER: '' })).toEqual({ code: 0, stdout: 'contoso.onmicrosoft.com\n', stderr: '' });
  });
});
