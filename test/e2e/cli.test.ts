// End-to-end tests of the `exosh` command line: each test runs `node bin/exosh` the way a
// user does (stdin closed, a private HOME, a pinned clock) and checks exit codes, the bytes
// on stdout and stderr, output modes, piping between processes, and the interactive shell.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, type Run } from '../helpers/exosh-process.js';

const NOW = '2023-08-15T12:00:00Z';

let tmp: string;
let work: string;

function baseEnv(): Record<string, string> {
  // Built from scratch: nothing of the caller's environment (NO_COLOR, EXOSH_*, COLUMNS) leaks in.
  return {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: join(tmp, 'home'),
    XDG_DATA_HOME: join(tmp, 'data'),
    XDG_STATE_HOME: join(tmp, 'state'),
    EXOSH_HISTORY: join(tmp, 'history'),
    LANG: 'C.UTF-8',
  };
}

/** Runs `node bin/exosh ARGS` with stdin set to `input` (closed when given as ''). */
function exosh(args: string[], options: { input?: string; env?: Record<string, string | undefined>; now?: boolean } = {}): Run {
  const env: Record<string, string> = baseEnv();
  if (options.now !== false) env.EXOSH_NOW = NOW;
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: work, env, input: options.input ?? '', encoding: 'utf8', timeout: 15_000 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const NOT_RECOGNIZED = (name: string) =>
  `${name}: The term '${name}' is not recognized as a name of a cmdlet, function, script file, or executable program.\n` +
  'Check the spelling of the name, or if a path was included, verify that the path is correct and try again.\n';

// A pseudo-terminal for the REPL tests, when util-linux `script` is installed.
const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Runs exosh under a pseudo-terminal: `script -qfec "node bin/exosh ARGS" /dev/null`. */
function exoshTty(args: string[], input: string, env: Record<string, string> = {}): Run {
  const command = [process.execPath, BIN, ...args].map(shellQuote).join(' ');
  const r = spawnSync('script', ['-qfec', command, '/dev/null'], {
    cwd: work,
    env: { ...baseEnv(), EXOSH_NOW: NOW, TERM: 'xterm-256color', ...env },
    input,
    encoding: 'utf8',
    timeout: 15_000,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ESC = '\x1b';

beforeAll(() => {
  if (!existsSync(join(ROOT, 'dist'))) throw new Error('exosh is not built: run `npm run build` before these tests');
  tmp = mkdtempSync(join(tmpdir(), 'exosh-e2e-'));
  work = join(tmp, 'work');
  mkdirSync(work, { recursive: true });
  mkdirSync(join(tmp, 'home'), { recursive: true });
});

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('exit codes and error text', () => {
  it('exits 0 and prints the value of a successful command', () => {
    const r = exosh(['-c', '1+1']);
    expect(r).toEqual({ code: 0, stdout: '2\n', stderr: '' });
  });

  it('exits 1 when any error was written, reports each in the concise form, and goes on with the next statement', () => {
    const r = exosh(['-c', 'Get-Foo; "after unknown"; Select-Object -Bogus 1; "after bad parameter"; Write-Error "it failed"; "after Write-Error"']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('after unknown\nafter bad parameter\nafter Write-Error\n');
    expect(r.stderr).toBe(NOT_RECOGNIZED('Get-Foo') + "Select-Object: A parameter cannot be found that matches parameter name 'Bogus'.\n" + 'Write-Error: it failed\n');
  });

  it('exits 1 on throw, which ends the script', () => {
    const r = exosh(['-c', '"before"; throw "boom"; "never"']);
    expect(r).toEqual({ code: 1, stdout: 'before\n', stderr: 'Exception: boom\n' });
  });

  it('exits 0 when every error was caught or silenced', () => {
    const r = exosh(['-c', 'try { throw "boom" } catch { "caught: $_" } finally { "finally" }; Write-Error quiet -ErrorAction SilentlyContinue; Write-Error hidden 2>$null']);
    expect(r).toEqual({ code: 0, stdout: 'caught: boom\nfinally\n', stderr: '' });
  });

  it('exits N from `exit N`, after the output written before it', () => {
    const r = exosh(['-c', '"a"; exit 7; "b"']);
    expect(r).toEqual({ code: 7, stdout: 'a\n', stderr: '' });
    expect(exosh(['-c', 'Get-Foo; exit 0']).code).toBe(0);
  });

  it('runs nothing when the text does not parse, and reports line and column', () => {
    const r = exosh(['-c', '"first"\n$x = (1 +']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("ParserError: line 2, column 10: You must provide a value expression following the '+' operator.\n");
  });

  it('exits 2 for its own usage errors, with nothing on stdout', () => {
    const cases: [string[], RegExp][] = [
      [['--bogus', '-c', '1'], /unknown option '--bogus'/],
      [['--output', 'xml', '-c', '1'], /argument 'xml' is invalid\. Allowed choices are table, list, json, jsonl, csv\./],
      [['--now', 'garbage', '-c', '1'], /^exosh: invalid --now value 'garbage'/],
      [['missing-script.ps1'], /^exosh: the script file 'missing-script\.ps1' does not exist\nTry 'exosh --help' for more information\.\n$/],
    ];
    for (const [args, message] of cases) {
      const r = exosh(args);
      expect({ args, code: r.code, stdout: r.stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(r.stderr).toMatch(message);
    }
  });

  it("reports arguments that do not bind to a script's param() as an error of the script (exit 1, no stack trace)", () => {
    writeFileSync(join(work, 'typed.ps1'), 'param([int]$Days)\n"days: $Days"\n');
    const r = exosh(['typed.ps1', 'soon']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Cannot convert value "soon" to type "System.Int32".');
    expect(r.stderr).not.toContain('internal error');
  });
});

describe('streams', () => {
  it('keeps pipeline output on stdout; errors, warnings and verbose text on stderr', () => {
    const r = exosh([
      '-c',
      'Write-Warning "careful"; "out"; Write-Verbose "detail" -Verbose; Write-Verbose "hidden"; Write-Host "host text"; Write-Error "bad"; Write-Warning "quiet" -WarningAction SilentlyContinue',
    ]);
    expect(r.stdout).toBe('out\nhost text\n');
    expect(r.stderr).toBe('WARNING: careful\nVERBOSE: detail\nWrite-Error: bad\n');
    expect(r.code).toBe(1);
  });

  it('runs several statements given to -c, separated by ; and newlines', () => {
    const r = exosh(['-c', '$a = 2; $b = $a * 3\n"$a x 3 = $b"\nfunction Double($n) { $n * 2 }; Double $b']);
    expect(r).toEqual({ code: 0, stdout: '2 x 3 = 6\n12\n', stderr: '' });
  });
});

describe('scripts', () => {
  it('binds positional script arguments to param(), applies defaults, and leaves the rest in $args', () => {
    writeFileSync(join(work, 'report.ps1'), 'param([string]$Name, [int]$Days = 7)\n"Name=$Name Days=$Days ($($Days.GetType().Name))"\n"args: $($args -join \',\') ($($args.Count))"\n');
    expect(exosh(['report.ps1', 'Alice']).stdout).toBe('Name=Alice Days=7 (Int32)\nargs:  (0)\n');
    expect(exosh(['report.ps1', 'Alice', '3', 'x', 'y']).stdout).toBe('Name=Alice Days=3 (Int32)\nargs: x,y (2)\n');
  });

  // Known bug (reported): arguments after the script name are always bound by position, so
  // `exosh ./report.ps1 -Days 7` (the example in `exosh --help`) binds '-Days' to $Name.
  it('binds named script arguments (-Name Bob -Days 2) like pwsh -File does', () => {
    writeFileSync(join(work, 'named.ps1'), 'param([string]$Name, [int]$Days = 7)\n"Name=$Name Days=$Days"\n');
    expect(exosh(['named.ps1', '-Days', '2', '-Name', 'Bob']).stdout).toBe('Name=Bob Days=2\n');
  });

  it('gives a script without param() all its arguments in $args', () => {
    writeFileSync(join(work, 'plain.ps1'), '"count: $($args.Count)"\nforeach ($a in $args) { "[$a]" }\n');
    const r = exosh(['plain.ps1', 'one', 'two words', '-x']);
    expect(r).toEqual({ code: 0, stdout: 'count: 3\n[one]\n[two words]\n[-x]\n', stderr: '' });
  });

  it('runs a script piped on stdin when there is no -c and no script file', () => {
    const r = exosh([], { input: '$total = 0\nforeach ($i in 1..4) { $total += $i }\n"total: $total"\nGet-Nothing\n' });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('total: 10\n');
    expect(r.stderr).toBe(NOT_RECOGNIZED('Get-Nothing'));
  });
});

describe('--output modes', () => {
  const OBJECTS = '[pscustomobject]@{Name="a@contoso.com"; Count=1}, [pscustomobject]@{Name="b@contoso.com"; Count=22}';

  it('renders the default view like pwsh', () => {
    expect(exosh(['-c', OBJECTS]).stdout).toBe('\nName          Count\n----          -----\na@contoso.com     1\nb@contoso.com    22\n\n');
  });

  it('json: one indented array of everything the script wrote', () => {
    expect(exosh(['--output', 'json', '-c', OBJECTS]).stdout).toBe('[\n  {\n    "Name": "a@contoso.com",\n    "Count": 1\n  },\n  {\n    "Name": "b@contoso.com",\n    "Count": 22\n  }\n]\n');
  });

  it('jsonl: one compact object a line', () => {
    expect(exosh(['--output', 'jsonl', '-c', OBJECTS]).stdout).toBe('{"Name":"a@contoso.com","Count":1}\n{"Name":"b@contoso.com","Count":22}\n');
  });

  it('csv: a header and quoted fields, no type line', () => {
    expect(exosh(['--output', 'csv', '-c', OBJECTS]).stdout).toBe('"Name","Count"\n"a@contoso.com","1"\n"b@contoso.com","22"\n');
  });

  it('table and list', () => {
    expect(exosh(['--output', 'table', '-c', OBJECTS]).stdout).toBe('\nName          Count\n----          -----\na@contoso.com     1\nb@contoso.com    22\n\n');
    expect(exosh(['--output', 'list', '-c', OBJECTS]).stdout).toBe('\nName  : a@contoso.com\nCount : 1\n\nName  : b@contoso.com\nCount : 22\n\n');
  });

  it('json output keeps stdout for data: errors and Write-Host text go to stderr, the exit code stays', () => {
    const r = exosh(['-c', 'Write-Host working; 1; Get-Foo; 2', '--output', 'json']);
    expect(r).toEqual({ code: 1, stdout: '[\n  1,\n  2\n]\n', stderr: 'working\n' + NOT_RECOGNIZED('Get-Foo') });
  });
});

describe('objects piped between exosh processes', () => {
  it('feeds jsonl from one exosh to the leading command of another', () => {
    const first = exosh(['-c', '1..3 | ForEach-Object { [pscustomobject]@{A=$_; B="row$_"; C=$_ * 10; When=(Get-Date).AddDays(-$_)} }', '--output', 'jsonl']);
    expect(first.code).toBe(0);
    expect(first.stdout.split('\n')[0]).toBe('{"A":1,"B":"row1","C":10,"When":"2023-08-14T12:00:00Z"}');

    const second = exosh(['-c', 'Select-Object A,B'], { input: first.stdout });
    expect(second).toEqual({ code: 0, stdout: '\nA B\n- -\n1 row1\n2 row2\n3 row3\n\n', stderr: '' });

    const third = exosh(['--output', 'csv', '-c', '$input | Where-Object C -gt 10 | Select-Object B, @{n="Day";e={$_.When.Day}}'], { input: first.stdout });
    expect(third).toEqual({ code: 0, stdout: '"B","Day"\n"row2","13"\n"row3","12"\n', stderr: '' });
  });

  it('accepts a JSON array, and plain text lines as strings; feeds a function too', () => {
    expect(exosh(['-c', 'Measure-Object -Property N -Sum | ForEach-Object Sum'], { input: '[{"N":1},{"N":2},{"N":4}]' }).stdout).toBe('7\n');
    // function definitions before the first pipeline do not stop the feeding
    expect(exosh(['-c', 'function Up { process { $_.ToUpper() } }; Up; $input.Count'], { input: 'alpha\nbeta\n' }).stdout).toBe('ALPHA\nBETA\n2\n');
  });
});

describe('help and version', () => {
  it('--help describes the options; --version prints the version', () => {
    const help = exosh(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: exosh \[options\] \[command\] \[script\] \[args\.\.\.\]/);
    for (const option of ['--store <path>', '--as <upn>', '--now <datetime>', '--output <mode>', '--no-color', '-c, --command <text>', 'help [cmdlet]', 'init [options] <path>']) {
      expect(help.stdout).toContain(option);
    }
    const version = exosh(['--version']);
    expect(version).toEqual({ code: 0, stdout: `${JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version}\n`, stderr: '' });
  });

  it('`exosh help Select-Object` prints what Get-Help prints', () => {
    const a = exosh(['help', 'Select-Object']);
    const b = exosh(['-c', 'Get-Help Select-Object']);
    expect(a.code).toBe(0);
    expect(a.stdout).toContain('NAME\n    Select-Object\n');
    expect(a.stdout).toBe(b.stdout);
  });
});

describe('colour', () => {
  const SCRIPT = 'Write-Host "red" -ForegroundColor Red; Write-Warning "w"; Get-Foo; [pscustomobject]@{A=1}';

  it('never writes escape codes when stdout is a pipe (even with FORCE_COLOR)', () => {
    const r = exosh(['-c', SCRIPT], { env: { FORCE_COLOR: '3' } });
    expect(r.stdout + r.stderr).not.toContain(ESC);
    expect(r.stdout).toContain('red\n');
    expect(r.stderr).toContain('WARNING: w\n');
  });

  it.runIf(hasScript)('colours a terminal, unless NO_COLOR or --no-color', () => {
    const coloured = exoshTty(['-c', SCRIPT], '');
    expect(coloured.stdout).toContain(`${ESC}[`);
    for (const [args, env] of [
      [['-c', SCRIPT], { NO_COLOR: '1' }],
      [['--no-color', '-c', SCRIPT], {}],
    ] as [string[], Record<string, string>][]) {
      const r = exoshTty(args, '', env);
      expect(r.stdout).toContain('red');
      expect(r.stdout).not.toContain(ESC);
    }
  });
});

describe('workflows from the product documentation', () => {
  const TRACE = [
    '$results = @(',
    '  [pscustomobject]@{senderaddress="ann@contoso.com"; recipientaddress="bob@fabrikam.com"; Subject="Q3 numbers"; Status="Delivered"}',
    '  [pscustomobject]@{senderaddress="cy@contoso.com"; recipientaddress="dee@fabrikam.com"; Subject="Offsite"; Status="Failed"}',
    ')',
  ].join('\n');

  it('collects foreach output in a variable and appends it with Export-Csv -Append -NoTypeInformation (header once)', () => {
    const script = [
      TRACE,
      '$report = foreach ($result in $results) {',
      "  $result | select Subject, @{n='SenderAddress';e={$result.senderaddress}}, @{n='RecipientAddress';e={$result.recipientaddress}}, Status",
      '}',
      '$report | Export-Csv x.csv -Append -NoTypeInformation',
      '$report.Count',
    ].join('\n');
    writeFileSync(join(work, 'export.ps1'), script);
    expect(exosh(['export.ps1'])).toEqual({ code: 0, stdout: '2\n', stderr: '' });
    expect(exosh(['export.ps1'])).toEqual({ code: 0, stdout: '2\n', stderr: '' });
    const rows = '"Q3 numbers","ann@contoso.com","bob@fabrikam.com","Delivered"\n"Offsite","cy@contoso.com","dee@fabrikam.com","Failed"\n';
    expect(readFileSync(join(work, 'x.csv'), 'utf8')).toBe('"Subject","SenderAddress","RecipientAddress","Status"\n' + rows + rows);
  });

  it('filters with Where-Object Status -eq Failed and shows the result with fl', () => {
    const r = exosh([
      '-c',
      [
        TRACE,
        '$results | Where-Object Status -eq Failed | fl',
        "'--'",
        "foreach ($result in $results) { $result | select @{n='SenderAddress';e={$result.senderaddress}}, @{n='Failed';e={$result.Status -eq 'Failed'}} | fl }",
      ].join('\n'),
    ]);
    expect(r).toEqual({
      code: 0,
      stdout:
        '\nsenderaddress    : cy@contoso.com\nrecipientaddress : dee@fabrikam.com\nSubject          : Offsite\nStatus           : Failed\n\n' +
        '--\n' +
        // each `| fl` is its own format group: a blank line before and after it, as in pwsh
        '\nSenderAddress : ann@contoso.com\nFailed        : False\n\n\nSenderAddress : cy@contoso.com\nFailed        : True\n\n',
      stderr: '',
    });
  });

  it('passes -StartDate (Get-Date).AddDays(-7) to a function and a cmdlet, relative to --now', () => {
    const script = [
      'function Get-Window { param([datetime]$StartDate, [datetime]$EndDate = (Get-Date)) [pscustomobject]@{ StartDate = $StartDate; EndDate = $EndDate } }',
      'Get-Window -StartDate (Get-Date).AddDays(-7)',
      'Write-Output -InputObject (Get-Date).AddDays(-7)',
      '(Write-Output -InputObject (Get-Date).AddDays(-7)).ToString()',
      // string expansion uses the invariant culture, as in pwsh
      '"$((Get-Date).AddDays(-7))"',
    ].join('\n');
    const r = exosh(['--now', NOW, '-c', script], { now: false });
    expect(r).toEqual({
      code: 0,
      stdout:
        '\nStartDate            EndDate\n---------            -------\n8/8/2023 12:00:00 PM 8/15/2023 12:00:00 PM\n\n' +
        '\nTuesday, August 8, 2023 12:00:00 PM\n\n' +
        '8/8/2023 12:00:00 PM\n08/08/2023 12:00:00\n',
      stderr: '',
    });
  });
});

describe('the interactive shell', () => {
  it('completes command names, aliases and parameter names; knows when a line is unfinished', async () => {
    const { complete, needsMoreInput } = await import('../../src/cli/repl.js');
    const { Session } = await import('../../src/shell/session.js');
    const { allCmdlets } = await import('../../src/cmdlets/index.js');
    const host = { writeOutput() {}, writeError() {}, writeWarning() {}, writeVerbose() {}, writeHost() {}, width: 120 };
    const session = new Session({ host });
    session.register(allCmdlets());

    expect(complete(session, 'Select-O')).toEqual([['Select-Object'], 'Select-O']);
    expect(complete(session, 'Get-Da')).toEqual([['Get-Date'], 'Get-Da']);
    expect(complete(session, 'sel')[0]).toContain('select');
    expect(complete(session, '$x | Where-Object Status -eq Failed | Sort-Object -Desc')).toEqual([['-Descending'], '-Desc']);
    expect(complete(session, 'Select-Object -First 1 -Exp')).toEqual([['-ExpandProperty'], '-Exp']);
    expect(complete(session, 'select -Excl')).toEqual([['-ExcludeProperty'], '-Excl']);
    expect(complete(session, 'Get-Nothing -A')).toEqual([[], '-A']);

    for (const text of ['if ($true) {', 'function f {\n  "x"', '$s = @"', '$s = @"\nline one\n', '"abc\ndef', 'Get-Date |', '1 +', '@{ a = 1', 'Get-Date `']) {
      expect({ text, more: needsMoreInput(text, session) }).toEqual({ text, more: true });
    }
    for (const text of ['1 + 1', '$s = @"\nx\n"@', 'if ($true) { 1 }', '1 +; 2', '(1 + 2', '} oops', '1 # a comment |', 'Get-Date | | Get-Date']) {
      // a complete statement, or a mistake that more lines cannot repair (the REPL reports it)
      const expected = text === '(1 + 2';
      expect({ text, more: needsMoreInput(text, session) }).toEqual({ text, more: expected });
    }
  });

  it.runIf(hasScript)('prompts with the tenant name, prints results, keeps history, and exits with exit N', () => {
    const store = join(tmp, 'repl-store.json');
    expect(exosh(['init', store, '--domain', 'fabrikam.com']).code).toBe(0);
    const r = exoshTty(['--store', store], '1+1\n$s = @"\nmulti\nline\n"@\n$s.Length\nexit 3\n');
    expect(r.code).toBe(3);
    const screen = r.stdout.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').replace(/\r/g, '');
    expect(screen).toContain('PS fabrikam.onmicrosoft.com> ');
    expect(screen).toMatch(/^2$/m);
    expect(screen).toContain('>> ');
    expect(screen).toMatch(/^10$/m);
    const history = readFileSync(join(tmp, 'history'), 'utf8');
    expect(history).toContain('1+1\n');
    expect(history).toContain('exit 3\n');
  });
});
