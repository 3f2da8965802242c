import { describe, expect, it } from 'vitest';
import { defineCmdlet, type CmdletDefinition } from '../../src/shell/cmdlet.js';
import { PSObject } from '../../src/shell/values.js';
import { evalOk, makeShell, runShell } from '../helpers/shell.js';
import { objectCmdlets } from '../../src/cmdlets/utility/objects.js';
import { writeCmdlets } from '../../src/cmdlets/utility/write.js';

/** Test cmdlets that log their begin/process/end calls into a shared array. */
function tracingCmdlets(log: string[]): CmdletDefinition[] {
  return [
    defineCmdlet({
      name: 'Trace-A',
      synopsis: 'emits 1..3',
      parameters: [],
      begin: () => {
        log.push('A.begin');
      },
      process: (ctx) => {
        for (const n of [1, 2, 3]) {
          log.push(`A.process ${n}`);
          ctx.write(n);
        }
      },
      end: () => {
        log.push('A.end');
      },
    }),
    defineCmdlet({
      name: 'Trace-B',
      synopsis: 'passes input on',
      parameters: [{ name: 'InputObject', type: 'object', fromPipeline: true }],
      begin: () => {
        log.push('B.begin');
      },
      process: (ctx, p) => {
        log.push(`B.process ${p.InputObject}`);
        ctx.write(p.InputObject ?? null);
      },
      end: () => {
        log.push('B.end');
      },
    }),
  ];
}

const failing = defineCmdlet({
  name: 'Test-Fail',
  synopsis: 'writes a warning, a non-terminating error, then an object',
  parameters: [{ name: 'Message', type: 'string', position: 0 }],
  process: (ctx, p) => {
    ctx.writeWarning(`careful: ${p.Message}`);
    ctx.writeError(String(p.Message));
    ctx.write('after');
  },
});

const emitting = defineCmdlet({
  name: 'Emit-Items',
  synopsis: 'writes 1..Count',
  parameters: [{ name: 'Count', type: 'int', position: 0 }],
  process: (ctx, p) => {
    for (let i = 1; i <= ((p.Count as number | undefined) ?? 3); i++) ctx.write(i);
  },
});

const outNull = defineCmdlet({
  name: 'Out-Null',
  synopsis: 'discards input',
  parameters: [{ name: 'InputObject', type: 'object', fromPipeline: true }],
});

const cmdlets = [failing, emitting, outNull];

describe('scoping', () => {
  it('keeps function locals from leaking to the caller', () => {
    expect(evalOk('$x = 1; function f { $x = 2; $y = 3; $x }; f; $x; $null -eq $y')).toEqual([2, 1, true]);
  });

  it("lets functions read the caller's variables", () => {
    expect(evalOk('$outer = 5; function f { $outer * 2 }; f')).toEqual([10]);
  });

  it('writes script-scope variables with $script:', () => {
    expect(evalOk('$script:count = 1; function bump { $script:count = $script:count + 1 }; bump; bump; $count')).toEqual([3]);
  });

  it('writes global variables with $global:', () => {
    const s = makeShell();
    s.run('function g { $global:shared = "set" }; g');
    expect(s.session.global.get('shared')).toBe('set');
  });

  it('gives parameters their default values', () => {
    expect(evalOk('function p { param([int]$n = 4, $m) $n * 2; $null -eq $m }; p; p -n 5')).toEqual([8, true, 10, true]);
  });

  it('keeps variables between runs of one session', () => {
    const s = makeShell();
    s.run('$kept = 42');
    expect(s.run('$kept').output).toEqual([42]);
  });
});

describe('statement output', () => {
  it('captures foreach statement output in a variable', () => {
    expect(evalOk('$d = foreach ($i in 1..3) { $i * 2 }; $d.Count; $d[2]')).toEqual([3, 6]);
  });

  it('captures if and switch output in a variable', () => {
    expect(evalOk("$v = if ($true) { 'yes' } else { 'no' }; $v")).toEqual(['yes']);
    expect(evalOk("$v = switch (2) { 1 { 'a' } 2 { 'b' } }; $v")).toEqual(['b']);
  });

  it('gives $null for a statement with no output, one item as itself, more as an array', () => {
    expect(evalOk('$a = foreach ($i in @()) { $i }; $null -eq $a')).toEqual([true]);
    expect(evalOk('$a = foreach ($i in 1) { $i }; $a -is [array]')).toEqual([false]);
    expect(evalOk('$a = foreach ($i in 1, 2) { $i }; $a -is [array]')).toEqual([true]);
  });

  it('writes output per top-level statement', () => {
    const r = runShell('1; 2, 3; $null = 4; 5');
    expect(r.batches).toEqual([[1], [2, 3], [5]]);
  });

  it('assignment produces no output; a parenthesized assignment does', () => {
    expect(evalOk('$a = 1; ($b = 2)')).toEqual([2]);
  });
});

describe('pipeline streaming', () => {
  it('hands each object to the next command as soon as it is written', () => {
    const log: string[] = [];
    const r = runShell('Trace-A | Trace-B', { cmdlets: tracingCmdlets(log) });
    expect(r.output).toEqual([1, 2, 3]);
    expect(log).toEqual(['A.begin', 'B.begin', 'A.process 1', 'B.process 1', 'A.process 2', 'B.process 2', 'A.process 3', 'B.process 3', 'A.end', 'B.end']);
  });

  it('streams an expression into a command one item at a time', () => {
    const log: string[] = [];
    runShell('10, 20 | Trace-B', { cmdlets: tracingCmdlets(log) });
    expect(log).toEqual(['B.begin', 'B.process 10', 'B.process 20', 'B.end']);
  });

  it('streams into a function with a process block', () => {
    const log: string[] = [];
    const r = runShell('function Double { process { $_ * 2 } }; Trace-A | Double', { cmdlets: tracingCmdlets(log) });
    expect(r.output).toEqual([2, 4, 6]);
  });

  it('collects pipeline input in $input for a function without process block', () => {
    expect(evalOk('function Count-In { $input.Count }; 1, 2, 3 | Count-In')).toEqual([3]);
  });
});

describe('script blocks and $_', () => {
  it('sets $_ when invoked with an item and restores it afterwards', () => {
    expect(evalOk('$b = { $_ + 1 }; $_ = 100; $b.Invoke(); $_')).toEqual([101, 100]);
  });

  it('runs & { } with arguments', () => {
    expect(evalOk('& { $args[0] + $args[1] } 2 3')).toEqual([5]);
  });

  it('uses $_ in Where/ForEach methods', () => {
    expect(evalOk('(1, 2, 3, 4).Where({ $_ % 2 -eq 0 })')).toEqual([2, 4]);
    expect(evalOk('(1, 2).ForEach({ $_ * 10 })')).toEqual([10, 20]);
  });

  it('uses $_ inside a calculated expression of -replace', () => {
    expect(evalOk("'a1b2' -replace '\\d', { [int]$_.Value + 1 }")).toEqual(['a2b3']);
  });
});

describe('errors, try/catch, throw, exit', () => {
  it('catches a terminating error with $_.Exception.Message', () => {
    expect(evalOk("try { 1 / 0; 'not here' } catch { 'caught: ' + $_.Exception.Message }")).toEqual(['caught: Attempted to divide by zero.']);
  });

  it('catches a thrown string and runs finally', () => {
    expect(evalOk("try { throw 'boom' } catch { \"c:$($_.Exception.Message)\" } finally { 'fin' }")).toEqual(['c:boom', 'fin']);
  });

  it('picks the catch clause by exception type', () => {
    const s = makeShell({ cmdlets });
    expect(s.run("try { Get-Nope } catch [System.Management.Automation.CommandNotFoundException] { 'cnf' } catch { 'other' }").output).toEqual(['cnf']);
    expect(s.run("try { throw 'x' } catch [System.Management.Automation.CommandNotFoundException] { 'cnf' } catch { 'other' }").output).toEqual(['other']);
  });

  it('rethrows from catch with throw $_', () => {
    const r = runShell("try { throw 'first' } catch { throw $_ }; 'not here'");
    expect(r.output).toEqual([]);
    expect(r.errors).toEqual(['Exception: first']);
  });

  it('ends the script with exit code 1 on an uncaught throw', () => {
    const r = runShell("'before'; throw 'bye'; 'not here'");
    expect(r.output).toEqual(['before']);
    expect(r.errors).toEqual(['Exception: bye']);
    expect(r.exitCode).toBe(1);
  });

  it('ends the script from a throw inside a function', () => {
    const r = runShell("function f { throw 'inner' }; f; 'after'");
    expect(r.output).toEqual([]);
    expect(r.exitCode).toBe(1);
  });

  it('exits with the given code', () => {
    const r = runShell("'a'; exit 3; 'b'");
    expect(r.output).toEqual(['a']);
    expect(r.exitCode).toBe(3);
    expect(runShell('exit').exitCode).toBe(0);
  });

  it('returns early from a function', () => {
    expect(evalOk("function f { 'one'; return 'two'; 'three' }; f")).toEqual(['one', 'two']);
  });

  it('outputs the value of return before the finally block runs', () => {
    expect(evalOk("function g { try { throw 'x' } catch { return 'r' } finally { 'fin' } }; g")).toEqual(['r', 'fin']);
  });

  it('ends the script at a top-level return', () => {
    expect(runShell("'a'; return 'b'; 'c'").output).toEqual(['a', 'b']);
    // output before a nested return is written once, not again with the returned value
    expect(runShell("if ($true) { 'x'; return 'y' }; 'z'").output).toEqual(['x', 'y']);
  });

  it('exits the whole script from inside a function', () => {
    const r = runShell("function f { exit 4 }; f; 'no'");
    expect(r.output).toEqual([]);
    expect(r.exitCode).toBe(4);
  });

  it('runs finally blocks on exit and continue', () => {
    const r = runShell("try { exit 5 } finally { 'fin' }");
    expect([r.output, r.exitCode]).toEqual([['fin'], 5]);
    expect(evalOk('foreach ($i in 1..3) { try { if ($i -eq 2) { continue }; $i } finally { "f$i" } }')).toEqual([1, 'f1', 'f2', 3, 'f3']);
  });

  it('gives the script its arguments in $args or param()', () => {
    const s = makeShell();
    expect(s.session.run('$args.Count; $args[1]', { args: ['a', 'b'] }).exitCode).toBe(0);
    expect(s.host.output).toEqual([2, 'b']);
    s.host.reset();
    s.session.run('param($First, $Second) "$Second-$First"', { args: ['x', 'y'] });
    expect(s.host.output).toEqual(['y-x']);
  });

  it('goes on with the next statement after a non-terminating error', () => {
    const r = runShell("Test-Fail oops; 'next'", { cmdlets });
    expect(r.output).toEqual(['after', 'next']);
    expect(r.errors).toEqual(['Test-Fail: oops']);
    expect(r.warnings).toEqual(['careful: oops']);
    expect(r.exitCode).toBe(1);
  });

  it('goes on with the next statement after a statement-terminating error', () => {
    const r = runShell("Get-Nope; 'next'", { cmdlets });
    expect(r.output).toEqual(['next']);
    expect(r.errors[0].split('\n')[0]).toBe("Get-Nope: The term 'Get-Nope' is not recognized as a name of a cmdlet, function, script file, or executable program.");
  });

  it('turns a non-terminating error into a terminating one with -ErrorAction Stop', () => {
    const r = runShell("try { Test-Fail x -ErrorAction Stop; 'in try' } catch { 'caught: ' + $_.Exception.Message }; 'next'", { cmdlets });
    expect(r.output).toEqual(['caught: x', 'next']);
    expect(r.errors).toEqual([]);
  });

  it('stops the script on -ErrorAction Stop outside try', () => {
    const r = runShell("Test-Fail x -ErrorAction Stop; 'next'", { cmdlets });
    expect(r.output).toEqual([]);
    expect(r.errors).toEqual(['Test-Fail: x']);
    expect(r.exitCode).toBe(1);
  });

  it('honours $ErrorActionPreference = Stop', () => {
    const r = runShell("$ErrorActionPreference = 'Stop'; try { Test-Fail y } catch { 'caught ' + $_.Exception.Message }", { cmdlets });
    expect(r.output).toEqual(['caught y']);
  });

  it('suppresses the error with -ErrorAction SilentlyContinue but records it in $Error', () => {
    const r = runShell('Test-Fail quiet -ErrorAction SilentlyContinue; $Error.Count; $Error[0].Exception.Message', { cmdlets });
    expect(r.errors).toEqual([]);
    expect(r.output).toEqual(['after', 1, 'quiet']);
    expect(r.exitCode).toBe(0);
  });

  it('accepts -ea 0 (the numeric value of SilentlyContinue)', () => {
    const r = runShell('Test-Fail quiet -ea 0', { cmdlets });
    expect(r.errors).toEqual([]);
    expect(r.output).toEqual(['after']);
  });

  it('drops the error entirely with -ErrorAction Ignore', () => {
    const r = runShell('Test-Fail gone -ErrorAction Ignore; $Error.Count', { cmdlets });
    expect(r.errors).toEqual([]);
    expect(r.output).toEqual(['after', 0]);
  });

  it('collects errors with -ErrorVariable and appends with +name', () => {
    const s = makeShell({ cmdlets });
    expect(s.run('Test-Fail one -ErrorVariable ev -ErrorAction SilentlyContinue; $ev.Count; "$ev"').output).toEqual(['after', 1, 'one']);
    expect(s.run('Test-Fail two -ErrorVariable ev -ea SilentlyContinue; $ev.Count; "$ev"').output).toEqual(['after', 1, 'two']);
    expect(s.run('Test-Fail three -ErrorVariable +ev -ea SilentlyContinue; $ev.Count; $ev[1].Exception.Message').output).toEqual(['after', 2, 'three']);
  });

  it('sets -ErrorVariable to an empty collection when there was no error', () => {
    expect(evalOk('Emit-Items 1 -ErrorVariable ev; $ev.Count', { cmdlets })).toEqual([1, 0]);
  });

  it('holds warning text in -WarningVariable', () => {
    const r = runShell('Test-Fail w -WarningVariable wv -WarningAction SilentlyContinue -ea 0; $wv', { cmdlets });
    expect(r.warnings).toEqual([]);
    expect(r.output).toEqual(['after', 'careful: w']);
  });

  it('keeps output in -OutVariable while passing it on', () => {
    const r = runShell('Emit-Items 3 -OutVariable ov | Out-Null; $ov.Count; $ov[2]', { cmdlets });
    expect(r.output).toEqual([3, 3]);
  });

  it('sets $? after each statement', () => {
    const s = makeShell({ cmdlets });
    expect(s.run('Emit-Items 1; $?').output).toEqual([1, true]);
    expect(s.run('Test-Fail a; $?').output).toEqual(['after', false]);
    expect(s.run('Test-Fail a -ea SilentlyContinue; $?').output).toEqual(['after', false]);
    expect(s.run('1 / 0; $?; $?').output).toEqual([false, true]);
    expect(s.run('Get-Nope; $?').output).toEqual([false]);
  });

  it('reports a runaway recursion as an error instead of crashing', () => {
    const r = runShell("function f { f }; f; 'after'");
    expect(r.errors).toEqual(['InvalidOperation: The script failed due to call depth overflow.']);
    expect(r.exitCode).toBe(1);
  });

  it('reports invalid regular expressions and wildcards as errors instead of crashing', () => {
    const r = runShell("[regex]::IsMatch('a', '('); switch -regex ('a') { '(' { 1 } }; 'a' -like '[z-a]'; 'next'");
    expect(r.errors).toEqual([
      'InvalidOperation: The regular expression pattern ( is not valid.',
      'InvalidOperation: The regular expression pattern ( is not valid.',
      'InvalidArgument: The specified wildcard character pattern is not valid: [z-a]',
    ]);
    expect(r.output).toEqual(['next']);
  });

  it('reports a bad method argument as an error instead of crashing', () => {
    const r = runShell("'abc'.Substring('x'); (1, 2)['x']; 'next'");
    expect(r.errors).toHaveLength(2);
    expect(r.errors[0]).toBe('InvalidArgument: Cannot convert value "x" to type "System.Int32". Error: "The input string \'x\' was not in a correct format."');
    expect(r.output).toEqual(['next']);
  });
});

describe('per-statement transactions', () => {
  function recorder(): { log: string[]; transaction: { begin(): void; commit(): void; rollback(): void } } {
    const log: string[] = [];
    return { log, transaction: { begin: () => log.push('begin'), commit: () => log.push('commit'), rollback: () => log.push('rollback') } };
  }

  it('commits each top-level statement that wrote no error and rolls back one that did', () => {
    const { log, transaction } = recorder();
    runShell("'ok'; Test-Fail x; 1 / 0; 'ok'", { cmdlets, transaction });
    expect(log).toEqual(['begin', 'commit', 'begin', 'rollback', 'begin', 'rollback', 'begin', 'commit']);
  });

  it('keeps the work of a statement that ends with exit or return', () => {
    const a = recorder();
    runShell("if ($true) { 'x'; exit 2 }", { transaction: a.transaction });
    expect(a.log).toEqual(['begin', 'commit']);
    const b = recorder();
    runShell("if ($true) { 'x'; return }; 'not run'", { transaction: b.transaction });
    expect(b.log).toEqual(['begin', 'commit']);
  });
});

describe('objects and members', () => {
  it('reads properties of PSCustomObjects case-insensitively, with member enumeration', () => {
    expect(evalOk("$o = [pscustomobject]@{ Name = 'a'; Size = 2 }; $o.name; $o.SIZE")).toEqual(['a', 2]);
    expect(evalOk('$rows = [pscustomobject]@{ N = 1 }, [pscustomobject]@{ N = 2 }; $rows.N')).toEqual([1, 2]);
  });

  it('sets existing properties and rejects unknown ones', () => {
    const r = runShell('$o = [pscustomobject]@{ A = 1 }; $o.A = 5; $o.A; $o.B = 1');
    expect(r.output).toEqual([5]);
    expect(r.errors).toEqual(["InvalidOperation: The property 'B' cannot be found on this object. Verify that the property exists and can be set."]);
  });

  it('calls string and date methods', () => {
    expect(evalOk("'abc'.ToUpper(); 'a,b'.Split(',').Count; '  x '.Trim()")).toEqual(['ABC', 2, 'x']);
    const [d] = evalOk("([datetime]'2023-08-14').AddDays(-7)");
    expect((d as Date).toISOString()).toBe('2023-08-07T00:00:00.000Z');
  });

  it('gives $null a Count of 0 and a string a Count of 1', () => {
    expect(evalOk("$null.Count; $n = $null; $n.Count; 'abc'.Count; (1, 2).Count")).toEqual([0, 0, 1, 2]);
  });

  it('runs foreach over $null zero times, over @($null) once', () => {
    expect(evalOk("foreach ($x in $null) { 'ran' }; foreach ($x in @($null)) { 'once' }")).toEqual(['once']);
  });

  it('casts dates to [string] with the invariant culture', () => {
    expect(evalOk("[string][datetime]'2023-08-14 21:51:20'; [string](1, 2)")).toEqual(['08/14/2023 21:51:20', '1 2']);
  });

  it('matches [regex]::IsMatch case-sensitively like .NET', () => {
    expect(evalOk("[regex]::IsMatch('abc', 'B'); [regex]::IsMatch('abc', '(?i)B')")).toEqual([false, true]);
  });

  it('gives [datetime]::MinValue as year 1', () => {
    const [d] = evalOk('[datetime]::MinValue');
    expect((d as Date).toISOString()).toBe('0001-01-01T00:00:00.000Z');
  });

  it('reports a method call on $null', () => {
    expect(runShell('$nothing.Foo()').errors).toEqual(['InvalidOperation: You cannot call a method on a null-valued expression.']);
  });

  it('passes objects through a pipeline unchanged', () => {
    const [o] = evalOk('[pscustomobject]@{ A = 1 } | Out-Null; [pscustomobject]@{ A = 1 }', { cmdlets });
    expect(o).toBeInstanceOf(PSObject);
  });
});

describe('stopping upstream commands', () => {
  it('Select-Object -First stops the commands before it, and the rest of the pipeline finishes', () => {
    const r = runShell('$n = 0; 1..100 | ForEach-Object { $n++; $_ } | Select-Object -First 3 | ForEach-Object { $_ * 10 }; "ran $n"', { cmdlets: objectCmdlets });
    expect(r.output).toEqual([10, 20, 30, 'ran 3']);
    expect(r.errors).toEqual([]);
  });

  it('a stop inside a nested pipeline does not stop the outer one', () => {
    const r = runShell('1..3 | ForEach-Object { (1..5 | Select-Object -First 1) + $_ }', { cmdlets: objectCmdlets });
    expect(r.output).toEqual([2, 3, 4]);
  });
});

describe('redirecting errors to a file', () => {
  it('2> writes the error records to the file and not to the error stream; 2>> appends', async () => {
    const { mkdtempSync, readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'exosh-redirect-'));
    const file = join(dir, 'err.txt').replace(/\\/g, '/');
    const r = runShell(`Write-Error first 2> '${file}'; Write-Error second 2>> '${file}'; 'after'`, { cmdlets: writeCmdlets });
    expect(r.errors).toEqual([]);
    expect(r.output).toEqual(['after']);
    expect(readFileSync(file, 'utf8')).toBe('Write-Error: first\nWrite-Error: second\n');
  });
});

describe('common parameters of functions and scripts', () => {
  it('-Verbose, -ErrorAction and -WarningAction set the preferences inside the function', () => {
    const r = runShell(
      "function F { [CmdletBinding()] param() Write-Verbose 'v'; Write-Warning 'w'; Write-Error 'e'; 'out' }; F -Verbose -WarningAction SilentlyContinue -ErrorAction SilentlyContinue; F",
      { cmdlets: writeCmdlets },
    );
    expect(r.output).toEqual(['out', 'out']);
    expect(r.verbose).toEqual(['v']);
    expect(r.warnings).toEqual(['w']);
    expect(r.errors).toEqual(['Write-Error: e']);
  });
});

describe('[scriptblock]::Create', () => {
  it('turns text into a script block that runs with & and .Invoke()', () => {
    expect(evalOk("$sb = [scriptblock]::Create('param($x) $x * 2'); & $sb 21; $sb.Invoke(4)")).toEqual([42, 8]);
  });
});
