import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../src/shell/errors.js';
import { parseScript } from '../../src/shell/parser.js';
import { Hashtable, PSObject } from '../../src/shell/values.js';
import { evalOk } from '../helpers/shell.js';

/** Valid scripts covering the language subset; mutations of these probe the parser's error paths. */
const CORPUS = [
  'Get-MessageTrace -SenderAddress user@contoso.com -StartDate 8/14/2023 -EndDate (Get-Date) | Select-Object -First 5',
  "Get-MessageTrace -StartDate (Get-Date).AddDays(-7) -EndDate (Get-Date) |\n  Where-Object { $_.Status -eq 'Failed' } |\n  Export-Csv msgtraceBrid.csv -NoTypeInformation",
  '$result = Get-MessageTrace -RecipientAddress a,b,c -PageSize 5000 -Page 1\n$result.recipientaddress',
  "foreach ($r in $result) {\n  if ($r.Status -like '*fail*') { \"bad: $($r.MessageId)\" } elseif ($r.Size -gt 1kb) { 'big' } else { continue }\n}",
  '$d = foreach ($x in 1..10) { $x * 2 }; $d.Count',
  "$h = @{\n  n = 'Received'\n  e = { $_.Received.ToString('u') }\n}\n$o = [pscustomobject]@{ a = 1; 'b c' = @(1, 2) }\n$od = [ordered]@{ z = 0x1F; y = 1e3; x = .5 }",
  "try { Set-Thing -Identity 'x' -Enabled:$false -ErrorAction Stop } catch [System.Exception] { Write-Warning $_.Exception.Message } finally { 'done' }",
  'function Get-Double { param([Parameter(Mandatory=$true, ValueFromPipeline)][int]$N, [switch]$Force) process { $N * 2 } }\n1, 2 | Get-Double',
  'function add($a, $b) { return $a + $b }; add 1 2; exit 3',
  '$i = 0; while ($i -lt 3) { $i++ }; do { $i-- } until ($i -le 0); do { $i += 2 } while ($i -lt 10)',
  "for ($i = 0; $i -lt 5; $i++) { switch -wildcard ($i) { '1' { 'one'; break } default { $_ } } }",
  ':outer foreach ($a in 1..3) { foreach ($b in 1..3) { if ($b -eq 2) { continue outer }; break outer } }',
  '\'it\'\'s\' + "tab`tquote`" and `$ and ""x"" $env:HOME ${weird name} $script:x"',
  '@\'\nliteral $x\n\'@\n@"\nexpand $($x + 1)\n"@',
  "<# block\n comment #> $x = 'a' `\n  + 'b' # trailing",
  "'a,b;c' -split '[,;]', 2 -join '|'; -split ' a b '; -join (1, 2); 'x' -replace 'X', '$1' -creplace 'y', 'z'",
  "'{0:N2} {1,-5}' -f 3.14159, 'x'; 5 -is [int]; '5' -as [int]; [datetime]'2023-08-14' + [timespan]'01:00:00'",
  '$a = 1, 2, 3; $a[0]; $a[-1]; $a[0, 2]; $a.Count; @($a).Length; (1, 2, 3 -gt 1).Count',
  '$x = $null; if (-not $x -and !$false -or $true) { $x + 1 }',
  '& { param($p) $p } 5; $b = { $args[0] }; $b.Invoke(1); [math]::Round(2.5); [datetime]::UtcNow',
  "Get-Thing @splat -Verbose:$true 2>$null > out.txt; throw 'stop'",
];

const EDIT_CHARS = [
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  '"',
  "'",
  '`',
  '$',
  '@',
  '|',
  ';',
  '\n',
  '#',
  '<#',
  '#>',
  ',',
  '-',
  '.',
  '..',
  '::',
  '=',
  ' ',
  'x',
  '0',
  '@{',
  '$(',
  '@(',
  '@"\n',
  '"@',
  "@'\n",
  "'@",
];

type Mutation =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'swap'; at: number }
  | { kind: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...EDIT_CHARS), fc.string({ maxLength: 3 })) }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant('swap' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function applyMutation(src: string, m: Mutation): string {
  const at = src.length === 0 ? 0 : m.at % (src.length + 1);
  switch (m.kind) {
    case 'delete':
      return src.slice(0, at) + src.slice(at + m.length);
    case 'insert':
      return src.slice(0, at) + m.text + src.slice(at);
    case 'duplicate':
      return src.slice(0, at + m.length) + src.slice(at, at + m.length) + src.slice(at + m.length);
    case 'swap':
      return at + 1 < src.length ? src.slice(0, at) + src[at + 1] + src[at] + src.slice(at + 2) : src;
    case 'truncate':
      return src.slice(0, at);
  }
}

/** Generous bound for one parse: catches runaway backtracking or quadratic blow-ups, not slowness. */
const MAX_PARSE_MS = 1000;

/** Parses and checks the contract: an AST or a ParseError with a sane position, within the time bound. */
function parsesOrFailsCleanly(text: string): void {
  const started = performance.now();
  try {
    const ast = parseScript(text);
    expect(Array.isArray(ast.end)).toBe(true);
  } catch (e) {
    if (!(e instanceof ParseError)) {
      throw new Error(`parseScript threw ${(e as Error)?.constructor?.name}: ${(e as Error)?.message} for ${JSON.stringify(text)}`);
    }
    expect(e.line).toBeGreaterThanOrEqual(1);
    expect(e.column).toBeGreaterThanOrEqual(1);
    expect(e.line).toBeLessThanOrEqual(text.split('\n').length + 1);
    expect(e.message.length).toBeGreaterThan(0);
  }
  const elapsed = performance.now() - started;
  if (elapsed > MAX_PARSE_MS) throw new Error(`parse took ${elapsed.toFixed(0)} ms for ${JSON.stringify(text)}`);
}

describe('parser fuzzing', () => {
  it('parses every corpus script', () => {
    for (const script of CORPUS) expect(() => parseScript(script), script).not.toThrow();
  });

  it('returns an AST or a ParseError for random strings', () => {
    const alphabet = fc.constantFrom(...'{}()[]"\'`$@|;,.-+*/%=!<>#&:?\n\t abcxyz019_'.split(''));
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: alphabet, maxLength: 120 })), (text) => {
        parsesOrFailsCleanly(text);
      }),
      { numRuns: 700, seed: 20230814 },
    );
  });

  it('returns an AST or a ParseError for mutations of valid scripts', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CORPUS), fc.array(mutation, { minLength: 1, maxLength: 4 }), (script, mutations) => {
        parsesOrFailsCleanly(mutations.reduce(applyMutation, script));
      }),
      { numRuns: 1300, seed: 42 },
    );
  });

  it('survives deep nesting and long inputs', () => {
    for (const text of [
      '('.repeat(300) + '1' + ')'.repeat(300),
      '@('.repeat(200),
      '"$('.repeat(100),
      '{'.repeat(300),
      '$x' + '.a'.repeat(2000),
      '-'.repeat(2000),
      'Get-A ' + '-p '.repeat(2000),
      "'".repeat(3001),
      '`'.repeat(2001),
    ]) {
      parsesOrFailsCleanly(text);
    }
  });
});

describe('hashtable keys that are JavaScript prototype names', () => {
  it('@{__proto__=1}.__proto__ gives 1', () => {
    expect(evalOk('@{__proto__=1}.__proto__')).toEqual([1]);
    expect(evalOk("@{__proto__=1}['__proto__']")).toEqual([1]);
  });

  it('constructor, toString and hasOwnProperty are plain keys', () => {
    const [h] = evalOk('@{ constructor = 2; toString = 3; hasOwnProperty = 4 }') as Hashtable[];
    expect(h.keys()).toEqual(['constructor', 'toString', 'hasOwnProperty']);
    expect(evalOk('$h = @{ constructor = 2; toString = 3; hasOwnProperty = 4 }; $h.constructor; $h.toString; $h.HASOWNPROPERTY; $h.Count')).toEqual([2, 3, 4, 3]);
  });

  it('reads absent prototype names as $null', () => {
    expect(evalOk('$h = @{}; $null -eq $h.constructor; $null -eq $h.__proto__; $null -eq $h["toString"]')).toEqual([true, true, true]);
    expect(evalOk('$o = [pscustomobject]@{ a = 1 }; $null -eq $o.constructor; $null -eq $o.__proto__')).toEqual([true, true]);
  });

  it('sets __proto__ as data', () => {
    expect(evalOk("$h = @{}; $h.__proto__ = 5; $h['constructor'] = 'c'; $h.__proto__; $h.constructor; $h.Count")).toEqual([5, 'c', 2]);
  });

  it('[pscustomobject]@{__proto__=...} has a property named __proto__', () => {
    const [o] = evalOk("[pscustomobject]@{ __proto__ = 'x'; constructor = 'c' }") as PSObject[];
    expect(o).toBeInstanceOf(PSObject);
    expect(o.names()).toEqual(['__proto__', 'constructor']);
    expect(o.get('__proto__')).toBe('x');
    expect(Object.getPrototypeOf(o)).toBe(PSObject.prototype);
    expect(evalOk("([pscustomobject]@{ __proto__ = 'x' }).__proto__")).toEqual(['x']);
  });

  it('leaves Object.prototype untouched', () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    evalOk(
      "$a = @{ __proto__ = @{ polluted = 1 }; constructor = @{ prototype = @{ polluted = 2 } } }; $a.__proto__.polluted = 3; $b = [pscustomobject]@{ __proto__ = 'p' }; $c = [ordered]@{ __proto__ = 1 }",
    );
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.constructor).toBe(Object);
  });
});
