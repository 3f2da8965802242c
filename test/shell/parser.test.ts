import { describe, expect, it } from 'vitest';
import type { CommandElement, Expr, PipelineStmt, Statement } from '../../src/shell/ast.js';
import { ParseError } from '../../src/shell/errors.js';
import { parseScript } from '../../src/shell/parser.js';
import { Hashtable, PSObject } from '../../src/shell/values.js';
import { evalOk, runShell } from '../helpers/shell.js';
import { parseError } from '../helpers/parse.js';

/** The AST without positions and source text, for structural comparison. */
function strip<T>(v: T): T {
  return JSON.parse(JSON.stringify(v, (k, x) => (k === 'pos' || k === 'text' ? undefined : x)));
}

function statements(text: string): Statement[] {
  return strip(parseScript(text).end);
}

function only(text: string): Statement {
  const s = statements(text);
  expect(s).toHaveLength(1);
  return s[0];
}

function pipeline(text: string): PipelineStmt {
  const s = only(text);
  expect(s.kind).toBe('Pipeline');
  return s as PipelineStmt;
}

/** The expression of a one-element expression statement. */
function expr(text: string): Expr {
  const p = pipeline(text);
  expect(p.elements).toHaveLength(1);
  expect(p.elements[0].kind).toBe('Expression');
  return (p.elements[0] as { expr: Expr }).expr;
}

function command(text: string, index = 0): CommandElement {
  const p = pipeline(text);
  const el = p.elements[index];
  expect(el.kind).toBe('Command');
  return el as CommandElement;
}

const lit = (value: string | number | boolean | null) => ({ kind: 'Literal', value });
const v = (name: string) => ({ kind: 'Variable', name });

describe('pipelines and statement separators', () => {
  it('splits a pipeline on |', () => {
    const p = pipeline('Get-A -X 1 | Set-B | Out-C');
    expect(p.elements.map((e) => (e as CommandElement).name)).toEqual(['Get-A', 'Set-B', 'Out-C']);
  });

  it('takes an expression as the first pipeline element only', () => {
    const p = pipeline('1,2 | Set-B');
    expect(p.elements[0].kind).toBe('Expression');
    expect(p.elements[1].kind).toBe('Command');
  });

  it('separates statements by newlines and by semicolons', () => {
    expect(statements('1\n2;3 ; 4\r\n5')).toHaveLength(5);
    expect(statements(';;\n;')).toHaveLength(0);
  });

  it('continues a line with a trailing backtick', () => {
    const c = command('Get-A -X 1 `\n  -Y 2');
    expect(c.args.map((a) => (a.kind === 'Param' ? '-' + a.name : 'arg'))).toEqual(['-X', 'arg', '-Y', 'arg']);
    expect(evalOk("$x = 'a' `\n + 'b'; $x")).toEqual(['ab']);
  });

  it('continues a pipeline on the next line after |', () => {
    const p = pipeline('Get-A |\n\n   Set-B');
    expect(p.elements).toHaveLength(2);
  });

  it('skips # line comments and <# #> block comments', () => {
    expect(statements('# only a comment')).toHaveLength(0);
    expect(statements('<# multi\n line #> 1 # tail')).toEqual([pipeline('1')]);
    const c = command('Get-A <# inline #> -X 1');
    expect(c.args).toHaveLength(2);
    expect(evalOk("'a#b'")).toEqual(['a#b']);
  });
});

describe('variables', () => {
  it('parses plain, scoped, environment and automatic variables', () => {
    expect(expr('$x')).toEqual(v('x'));
    expect(expr('$env:NAME')).toEqual(v('env:NAME'));
    expect(expr('$script:count')).toEqual(v('script:count'));
    expect(expr('$_')).toEqual(v('_'));
    expect(expr('$PSItem')).toEqual(v('PSItem'));
    expect(expr('$args')).toEqual(v('args'));
    expect(expr('$?')).toEqual(v('?'));
  });

  it('parses ${braced name} with any characters', () => {
    expect(expr('${weird name}')).toEqual(v('weird name'));
    expect(evalOk('${weird name} = 5; ${weird name} + 1')).toEqual([6]);
  });

  it('reads and writes $env: variables through the process environment', () => {
    expect(evalOk("$env:EXOSH_TEST_VAR = 'v1'; $env:EXOSH_TEST_VAR")).toEqual(['v1']);
    expect(process.env.EXOSH_TEST_VAR).toBe('v1');
    delete process.env.EXOSH_TEST_VAR;
  });

  it('binds $_ and $PSItem in a script block', () => {
    expect(evalOk('$b = { $_ * 2 }; $b.Invoke(0); & { param($a) $a } 7')).toEqual([0, 7]);
    expect(evalOk('$a = 1,2,3; $a.Where({ $PSItem -gt 1 })')).toEqual([2, 3]);
  });

  it('passes unbound arguments in $args', () => {
    expect(evalOk('function f { $args.Count; $args[1] }; f a b c')).toEqual([3, 'b']);
  });
});

describe('strings', () => {
  it("treats single-quoted strings literally, with '' as a quote", () => {
    expect(expr("'it''s $x `n'")).toEqual(lit("it's $x `n"));
  });

  it('expands $var and $(expr) in double-quoted strings', () => {
    const e = expr('"Hi $name, $(1 + 2)!"');
    expect(e.kind).toBe('Expandable');
    expect(evalOk('$name = "W"; "Hi $name, $(1 + 2) $($name.Length)!"')).toEqual(['Hi W, 3 1!']);
  });

  it('does not take member access inside a string without $( )', () => {
    expect(evalOk('$s = "ab"; "$s.Length"')).toEqual(['ab.Length']);
  });

  it('handles backtick escapes and "" inside double quotes', () => {
    expect(expr('"a`tb`nc`"d`$e""f"')).toEqual(lit('a\tb\nc"d$e"f'));
    expect(expr('"`0`a"')).toEqual(lit('\0\x07'));
  });

  it('decodes `u{...} escapes', () => {
    expect(expr('"`u{41}`u{1F600}"')).toEqual(lit('A\u{1F600}'));
    expect(evalOk('"`u{1F600}".Length')).toEqual([2]);
  });

  it('expands dates and arrays with the invariant culture', () => {
    expect(evalOk(`$d = [datetime]'2023-08-14 21:51:20'; "at $d"; "$(1, 2, 3)"`)).toEqual(['at 08/14/2023 21:51:20', '1 2 3']);
  });

  it("parses literal here-strings @' '@", () => {
    expect(expr("@'\nline $x\n  'quoted'\n'@")).toEqual(lit("line $x\n  'quoted'"));
  });

  it('parses expandable here-strings @" "@', () => {
    expect(evalOk('$v = 3\n$t = @"\nv=$v\n"q"\n"@\n$t')).toEqual(['v=3\n"q"']);
  });
});

describe('numbers', () => {
  it('parses integers, decimals, hex, multipliers and exponents', () => {
    expect(expr('42')).toEqual(lit(42));
    expect(expr('1.5')).toEqual(lit(1.5));
    expect(expr('.5')).toEqual(lit(0.5));
    expect(expr('0x1F')).toEqual(lit(31));
    expect(expr('1kb')).toEqual(lit(1024));
    expect(expr('2MB')).toEqual(lit(2 * 1024 * 1024));
    expect(expr('1e3')).toEqual(lit(1000));
    expect(expr('1.5e-2')).toEqual(lit(0.015));
  });

  it('parses a negative number literal', () => {
    expect(expr('-3')).toEqual(lit(-3));
    expect(evalOk('5 -3')).toEqual([2]);
  });
});

describe('arrays, hashtables and script blocks', () => {
  it('builds an array from a, b and from @( )', () => {
    expect(expr('1, 2, 3')).toEqual({ kind: 'ArrayLiteral', items: [lit(1), lit(2), lit(3)] });
    expect(expr('@(1; 2)').kind).toBe('ArrayExpr');
    expect(evalOk('@(1,2).Count; @().Count; @(5).Count; (,5).Count')).toEqual([2, 0, 1, 1]);
  });

  it('parses an inline hashtable with a calculated-property shape', () => {
    const e = expr("@{ n='X'; e={ $_.Name } }");
    expect(e.kind).toBe('Hashtable');
    const entries = (e as Extract<Expr, { kind: 'Hashtable' }>).entries;
    expect(entries.map((x) => x.key)).toEqual([lit('n'), lit('e')]);
    const value = entries[1].value as PipelineStmt;
    expect((value.elements[0] as { expr: Expr }).expr.kind).toBe('ScriptBlock');
  });

  it('parses a multi-line hashtable without semicolons', () => {
    const [h] = evalOk("@{\n  Name = 'X'\n  Count = 2\n\n  'quoted key' = 3\n}") as Hashtable[];
    expect(h).toBeInstanceOf(Hashtable);
    expect(h.keys()).toEqual(['Name', 'Count', 'quoted key']);
    expect(h.get('count')).toBe(2);
  });

  it('parses script blocks with their text', () => {
    const e = expr('{ param($a) $a + 1 }');
    expect(e.kind).toBe('ScriptBlock');
    const block = (parseScript('{ $_ }').end[0] as PipelineStmt).elements[0] as { expr: { block: { text: string } } };
    expect(block.expr.block.text).toBe(' $_ ');
    expect(evalOk('& { param($a) $a + 1 } 4')).toEqual([5]);
  });
});

describe('member access, methods, indexing, grouping', () => {
  it('parses chains of members, calls and indexes', () => {
    const e = expr('$x.y.z(1, 2).w[0]');
    expect(e.kind).toBe('Index');
    const invoke = ((e as { target: Expr }).target as { target: Expr }).target as Extract<Expr, { kind: 'Invoke' }>;
    expect(invoke.kind).toBe('Invoke');
    expect(invoke.name).toEqual(lit('z'));
    expect(invoke.args).toEqual([lit(1), lit(2)]);
  });

  it('parses static members', () => {
    expect(expr('[datetime]::UtcNow')).toEqual({ kind: 'Member', target: { kind: 'TypeLiteral', type: 'datetime' }, name: lit('UtcNow'), isStatic: true });
    expect(evalOk('[math]::Round(2.5); [math]::Round(3.5)')).toEqual([2, 4]);
  });

  it('indexes arrays, strings and hashtables, negative indexes from the end', () => {
    expect(evalOk("(1,2,3)[1]; (1,2,3)[-1]; 'abc'[0]; @{a=5}['A']")).toEqual([2, 3, 'a', 5]);
    expect(evalOk('(1,2,3)[0,2]')).toEqual([1, 3]);
  });

  it('quotes member names', () => {
    expect(evalOk("$h = @{ 'key with space' = 1 }; $h.'key with space'")).toEqual([1]);
  });

  it('parses ( ) and $( ) groupings', () => {
    expect(expr('(1 + 2)').kind).toBe('Paren');
    expect(expr('$(1; 2)').kind).toBe('SubExpr');
    expect(evalOk('(1 + 2) * 3; $(1; 2)')).toEqual([9, 1, 2]);
  });
});

describe('casts', () => {
  it('parses casts to datetime, int, string and bool', () => {
    expect(expr("[int]'42'")).toEqual({ kind: 'Cast', type: 'int', operand: lit('42') });
    const out = evalOk("[int]'42'; [string]42; [bool]'x'; [bool]0; [datetime]'2023-08-14'");
    expect(out.slice(0, 4)).toEqual([42, '42', true, false]);
    expect((out[4] as Date).toISOString()).toBe('2023-08-14T00:00:00.000Z');
  });

  it('builds a PSCustomObject from [pscustomobject]@{...}', () => {
    const [o] = evalOk('[pscustomobject]@{ b = 1; a = 2 }');
    expect(o).toBeInstanceOf(PSObject);
    expect((o as PSObject).names()).toEqual(['b', 'a']);
  });

  it('builds an ordered dictionary from [ordered]@{...}', () => {
    const [h] = evalOk('[ordered]@{ z = 1; a = 2 }') as Hashtable[];
    expect(h.ordered).toBe(true);
    expect(h.keys()).toEqual(['z', 'a']);
  });

  it('reports an unknown type', () => {
    expect(runShell('[NoSuchType]5').errors).toEqual(['InvalidOperation: Unable to find type [NoSuchType].']);
  });
});

describe('range', () => {
  it('parses 1..10 as a range', () => {
    expect(expr('1..10')).toEqual({ kind: 'Binary', op: '..', left: lit(1), right: lit(10) });
    expect(evalOk('1..4; 3..1')).toEqual([1, 2, 3, 4, 3, 2, 1]);
  });
});

describe('command-mode arguments', () => {
  it('takes bare words: addresses, dates, file names', () => {
    const c = command('Get-MessageTrace user@contoso.com 8/14/2023 msgtraceBrid.csv');
    expect(c.args.map((a) => (a as { value: Expr }).value)).toEqual([lit('user@contoso.com'), lit('8/14/2023'), lit('msgtraceBrid.csv')]);
  });

  it('parses -Param:value and switches', () => {
    const c = command('Get-A -Enabled:$false -Count:3 -Force');
    expect(c.args).toEqual([
      { kind: 'Param', name: 'Enabled', value: v('false') },
      { kind: 'Param', name: 'Count', value: lit(3) },
      { kind: 'Param', name: 'Force' },
    ]);
  });

  it('parses -First 5 as a parameter and its value, and negative numbers as values', () => {
    const c = command('Get-A -First 5 -Skip -3');
    expect(c.args).toEqual([
      { kind: 'Param', name: 'First' },
      { kind: 'Arg', value: lit(5) },
      { kind: 'Param', name: 'Skip' },
      { kind: 'Arg', value: lit(-3) },
    ]);
  });

  it('builds an array from a,b,c bare words', () => {
    const c = command('Get-A -Names a,b, c');
    expect(c.args[1]).toEqual({ kind: 'Arg', value: { kind: 'ArrayLiteral', items: [lit('a'), lit('b'), lit('c')] } });
  });

  it('takes (Get-Date).AddDays(-7) and $result.recipientaddress as single arguments', () => {
    const c = command('Get-A (Get-Date).AddDays(-7) $result.recipientaddress');
    expect(c.args).toHaveLength(2);
    const [a, b] = c.args.map((x) => (x as { value: Expr }).value);
    expect(a.kind).toBe('Invoke');
    expect((a as { args: Expr[] }).args).toEqual([lit(-7)]);
    expect(b).toEqual({ kind: 'Member', target: v('result'), name: lit('recipientaddress'), isStatic: false });
  });

  it('takes [abc] and [int]5 as bare words in command mode', () => {
    const c = command('Get-A [abc] [int]5');
    expect(c.args.map((a) => (a as { value: Expr }).value)).toEqual([lit('[abc]'), lit('[int]5')]);
    expect(evalOk("function f { $args[0] }; f ([int]'5')")).toEqual([5]);
  });

  it('treats everything after -- as positional', () => {
    const c = command('Get-A -X 1 -- -Y');
    expect(c.args).toEqual([
      { kind: 'Param', name: 'X' },
      { kind: 'Arg', value: lit(1) },
      { kind: 'Arg', value: lit('-Y') },
    ]);
  });

  it('keeps quoted arguments whole', () => {
    const c = command('Get-A "a b" \'c d\'');
    expect(c.args.map((a) => (a as { value: Expr }).value)).toEqual([lit('a b'), lit('c d')]);
  });

  it('expands variables glued into a bare word', () => {
    expect(evalOk('function f { $args[0] }; $d = "x"; f $d\\out.csv')).toEqual(['x\\out.csv']);
  });

  it('builds arrays with commas inside @( ), $( ) and { } given as arguments', () => {
    expect(evalOk('function f { $args[0].Count }; f @(1, 2, 3)')).toEqual([3]);
    expect(evalOk('function f { $args[0].Count }; f $(1, 2)')).toEqual([2]);
    expect(evalOk('function f { & $args[0] }; f { 2 -in 1, 2 }')).toEqual([true]);
    expect(evalOk("'abc'.Contains(@('b', 'z')[0]); 'x'.Equals($(1, 2))")).toEqual([true, false]);
    expect(evalOk('function f { $args[0].a.Count }; f @{ a = 1, 2 }')).toEqual([2]);
  });

  it('parses splatting and redirections', () => {
    const c = command('Get-A @params > out.txt 2>$null');
    expect(c.args).toEqual([{ kind: 'Arg', value: { kind: 'Variable', name: 'params', splat: true } }]);
    expect(c.redirections.map((r) => r.stream)).toEqual(['1', '2']);
  });
});

describe('statements', () => {
  it('parses foreach with its output assigned', () => {
    const s = only('$d = foreach ($x in $y) { $x }');
    expect(s.kind).toBe('Assignment');
    const value = (s as Extract<Statement, { kind: 'Assignment' }>).value;
    expect(value.kind).toBe('Foreach');
    expect((value as { variable: string }).variable).toBe('x');
    expect(evalOk('$d = foreach ($i in 1..3) { $i * 2 }; $d.Count; $d')).toEqual([3, 2, 4, 6]);
  });

  it('parses if / elseif / else', () => {
    const s = only('if ($a) { 1 } elseif ($b) { 2 } elseif ($c) { 3 } else { 4 }') as Extract<Statement, { kind: 'If' }>;
    expect(s.clauses).toHaveLength(3);
    expect(s.elseBody).toHaveLength(1);
    expect(evalOk('if ($false) { 1 } elseif ($true) { 2 } else { 3 }')).toEqual([2]);
    expect(evalOk('if ($false) { 1 }\nelse { 3 }')).toEqual([3]);
  });

  it('parses while, do/while, do/until and for', () => {
    expect(only('while ($i -lt 3) { $i++ }').kind).toBe('While');
    expect((only('do { } while ($x)') as { until: boolean }).until).toBe(false);
    expect((only('do { } until ($x)') as { until: boolean }).until).toBe(true);
    const f = only('for ($i = 0; $i -lt 3; $i++) { $i }') as Extract<Statement, { kind: 'For' }>;
    expect(f.init?.kind).toBe('Assignment');
    expect(f.iterator?.kind).toBe('Pipeline');
    expect(evalOk('$i = 0; while ($i -lt 3) { $i++ }; $i')).toEqual([3]);
    expect(evalOk('$i = 10; do { $i++ } while ($i -lt 5); $i')).toEqual([11]);
    expect(evalOk('$i = 0; do { $i++ } until ($i -ge 4); $i')).toEqual([4]);
    expect(evalOk('for ($i = 0; $i -lt 3; $i++) { $i * 10 }')).toEqual([0, 10, 20]);
  });

  it('parses switch with default, -wildcard and -regex', () => {
    const s = only("switch -wildcard ($x) { 'a*' { 1 } default { 2 } }") as Extract<Statement, { kind: 'Switch' }>;
    expect(s.mode).toBe('wildcard');
    expect(s.clauses.map((c) => (c.pattern === 'default' ? 'default' : 'pattern'))).toEqual(['pattern', 'default']);
    expect(evalOk("switch (3) { 1 { 'one' } 3 { 'three' } default { 'd' } }")).toEqual(['three']);
    expect(evalOk("switch (9) { 1 { 'one' } default { 'd' } }")).toEqual(['d']);
    expect(evalOk("switch -regex ('abc') { '^a' { 'A' } 'c$' { 'C' } }")).toEqual(['A', 'C']);
    expect(evalOk("switch (1, 2) { 1 { 'one'; continue } { $_ -gt 0 } { 'pos' } }")).toEqual(['one', 'pos']);
  });

  it('parses break and continue with labels', () => {
    const s = only(':outer foreach ($a in $b) { break outer }') as Extract<Statement, { kind: 'Foreach' }>;
    expect(s.label).toBe('outer');
    expect(s.body[0]).toEqual({ kind: 'Break', label: 'outer' });
    const out = evalOk(':outer foreach ($a in 1..3) { foreach ($b in 1..3) { if ($b -eq 2) { continue outer }; if ($a -eq 3) { break outer }; "$a$b" } }');
    expect(out).toEqual(['11', '21']);
    expect(evalOk('foreach ($i in 1..5) { if ($i -eq 2) { continue }; if ($i -eq 4) { break }; $i }')).toEqual([1, 3]);
  });

  it('parses try / catch [type] / catch / finally', () => {
    const s = only('try { 1 } catch [System.Exception] { 2 } catch { 3 } finally { 4 }') as Extract<Statement, { kind: 'Try' }>;
    expect(s.catches.map((c) => c.types)).toEqual([['System.Exception'], []]);
    expect(s.finallyBody).toHaveLength(1);
  });

  it('parses throw, exit and return with and without values', () => {
    expect(statements('throw "x"; throw')[0]).toMatchObject({ kind: 'Throw', value: { kind: 'Pipeline' } });
    expect(statements('throw')[0]).toEqual({ kind: 'Throw' });
    expect(statements('exit 3')[0]).toMatchObject({ kind: 'Exit', value: { kind: 'Pipeline' } });
    expect(statements('exit')[0]).toEqual({ kind: 'Exit' });
    expect(statements('return')[0]).toEqual({ kind: 'Return' });
  });

  it('parses functions with param() blocks and attributes', () => {
    const f = only('function Get-It { param([Parameter(Mandatory=$true, ValueFromPipeline)][string]$Name, [switch]$Force, [int]$N = 4) $Name }') as Extract<Statement, { kind: 'Function' }>;
    expect(f.name).toBe('Get-It');
    expect(f.body.params.map((p) => [p.name, p.type, p.mandatory, p.fromPipeline, p.position])).toEqual([
      ['Name', 'string', true, true, 0],
      ['Force', 'switch', false, false, undefined],
      ['N', 'int', false, false, 1],
    ]);
    expect(f.body.params[2].defaultValue).toEqual(lit(4));
  });

  it('parses function f($a, $b) headers', () => {
    const f = only('function add($a, $b) { return $a + $b }') as Extract<Statement, { kind: 'Function' }>;
    expect(f.body.params.map((p) => p.name)).toEqual(['a', 'b']);
    expect(evalOk('function add($a, $b) { return $a + $b }; add 2 3; add -b 1 -a 10')).toEqual([5, 11]);
  });

  it('parses begin/process/end blocks', () => {
    const f = only('function f { begin { 1 } process { 2 } end { 3 } }') as Extract<Statement, { kind: 'Function' }>;
    expect(f.body.begin).toHaveLength(1);
    expect(f.body.process).toHaveLength(1);
    expect(f.body.end).toHaveLength(1);
    expect(evalOk('function f { begin { "b" } process { "p$_" } end { "e" } }; 1, 2 | f')).toEqual(['b', 'p1', 'p2', 'e']);
  });

  it('parses compound and chained assignments', () => {
    for (const op of ['=', '+=', '-=', '*=', '/=', '%=']) {
      expect((only(`$x ${op} 2`) as { op: string }).op).toBe(op);
    }
    expect(evalOk('$a = $b = 3; $a; $b')).toEqual([3, 3]);
    expect(evalOk('$a, $b = 1, 2, 3; $a; $b.Count')).toEqual([1, 2]);
  });
});

describe('parse errors', () => {
  it('reports a missing }', () => {
    const e = parseError('if ($true) {\n  1\n');
    expect(e.message).toBe("Missing closing '}' in statement block or type definition.");
    expect([e.line, e.column]).toEqual([3, 1]);
  });

  it('reports a missing )', () => {
    const e = parseError('$x = (1 + 2');
    expect(e.message).toBe("Missing closing ')' in expression.");
    expect([e.line, e.column]).toEqual([1, 12]);
  });

  it('reports an unterminated string at its opening quote', () => {
    const e = parseError("$a = 1\n$b = 'abc");
    expect(e.message).toBe("The string is missing the terminator: '.");
    expect([e.line, e.column]).toEqual([2, 6]);
    const d = parseError('"abc');
    expect(d.message).toBe('The string is missing the terminator: ".');
    expect([d.line, d.column]).toEqual([1, 1]);
  });

  it('reports an empty pipe element', () => {
    const e = parseError('Get-A | | Get-B');
    expect(e.message).toBe('An empty pipe element is not allowed.');
    expect([e.line, e.column]).toEqual([1, 9]);
    const t = parseError('Get-A |');
    expect(t.message).toBe('An empty pipe element is not allowed.');
  });

  it('reports an expression after a pipe', () => {
    const e = parseError('Get-A | 1');
    expect(e.message).toBe('Expressions are only allowed as the first element of a pipeline.');
    expect([e.line, e.column]).toEqual([1, 10]);
  });

  it('reports if ( without a condition', () => {
    const e = parseError('if (');
    expect(e.message).toBe("Missing condition in if statement after 'if ('.");
    expect([e.line, e.column]).toEqual([1, 5]);
    const f = parseError('if () { }');
    expect(f.message).toBe("Missing condition in if statement after 'if ('.");
    expect([f.line, f.column]).toEqual([1, 5]);
  });

  it('reports an unterminated here-string, hashtable and block comment', () => {
    expect(parseError("@'\nx\n").message).toBe("The string is missing the terminator: '@.");
    expect(parseError('@{ a = 1').message).toBe("Missing closing '}' in hash literal.");
    expect(parseError('<# open').message).toBe('Missing end of comment: #>.');
    expect(parseError('1 +').message).toBe("You must provide a value expression following the '+' operator.");
  });

  it('reports a stray closing token', () => {
    const e = parseError('1\n }');
    expect(e.message).toBe("Unexpected token '}' in expression or statement.");
    expect([e.line, e.column]).toEqual([2, 2]);
  });

  it('runs nothing when the script does not parse', () => {
    const r = runShell("'first'\n'unterminated");
    expect(r.output).toEqual([]);
    expect(r.exitCode).toBe(1);
    expect(r.errors).toEqual(["ParserError: line 2, column 1: The string is missing the terminator: '."]);
  });
});
