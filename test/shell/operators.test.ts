import { describe, expect, it } from 'vitest';
import { Hashtable, TimeSpan } from '../../src/shell/values.js';
import { evalOk, makeShell, runShell } from '../helpers/shell.js';

/** The single value a one-statement expression gives. */
function one(text: string): unknown {
  const out = evalOk(text);
  expect(out).toHaveLength(1);
  return out[0];
}

/** The message of the one error `text` writes (the rendered record minus its `Category: ` prefix). */
function errorOf(text: string): string {
  const r = runShell(text);
  expect(r.errors).toHaveLength(1);
  expect(r.errors[0]).toMatch(/^(RuntimeException|InvalidOperation|InvalidArgument): /);
  return r.errors[0].replace(/^\w+: /, '');
}

describe('arithmetic', () => {
  it('+ concatenates when the left operand is a string', () => {
    expect(one('"a" + 1')).toBe('a1');
    expect(one('"5" + 5')).toBe('55');
  });

  it('+ converts a numeric string on the right of a number', () => {
    expect(one('1 + "2"')).toBe(3);
    expect(one('$true + 1')).toBe(2);
    expect(errorOf("1 + 'a'")).toBe('Cannot convert value "a" to type "System.Int32". Error: "The input string \'a\' was not in a correct format."');
  });

  it('+ appends items to an array', () => {
    expect(evalOk('(1, 2) + 3')).toEqual([1, 2, 3]);
    expect(evalOk('(1, 2) + (3, 4)')).toEqual([1, 2, 3, 4]);
    expect(evalOk('@() + 1')).toEqual([1]);
  });

  it('+ merges hashtables and rejects duplicate keys', () => {
    const h = one('@{ a = 1 } + @{ b = 2 }') as Hashtable;
    expect(h).toBeInstanceOf(Hashtable);
    expect(h.keys()).toEqual(['a', 'b']);
    expect(errorOf('@{ a = 1 } + @{ A = 2 }')).toBe("Item has already been added. Key in dictionary: 'A'  Key being added: 'A'");
    expect(errorOf('@{ a = 1 } + 1')).toBe('A hash table can only be added to another hash table.');
  });

  it('adds a TimeSpan to a DateTime', () => {
    const d = one("[datetime]'2023-08-14' + [timespan]'01:30:00'") as Date;
    expect(d.toISOString()).toBe('2023-08-14T01:30:00.000Z');
  });

  it('subtracts dates to a TimeSpan and a TimeSpan from a date', () => {
    const t = one("[datetime]'2023-08-14 12:00' - [datetime]'2023-08-13'") as TimeSpan;
    expect(t).toBeInstanceOf(TimeSpan);
    expect(t.totalHours).toBe(36);
    const d = one("[datetime]'2023-08-14' - [timespan]'1.00:00:00'") as Date;
    expect(d.toISOString()).toBe('2023-08-13T00:00:00.000Z');
  });

  it('- and * on numbers, * repeats strings and arrays', () => {
    expect(one('10 - 4')).toBe(6);
    expect(one('"ab" * 3')).toBe('ababab');
    expect(one('"x" * 0')).toBe('');
    expect(evalOk('@(1, 2) * 2')).toEqual([1, 2, 1, 2]);
    expect(one('2 * "3"')).toBe(6);
    expect(one("[timespan]'01:00:00' * 2")).toEqual(new TimeSpan(7_200_000));
  });

  it('/ gives a double when the division is not exact', () => {
    expect(one('7 / 2')).toBe(3.5);
    expect(evalOk('10 / 5; (10 / 5).GetType().Name')).toEqual([2, 'Int32']);
  });

  it('% is the remainder with the sign of the dividend', () => {
    expect(evalOk('5 % 3; -5 % 3')).toEqual([2, -2]);
  });

  it('reports division by zero with pwsh text', () => {
    expect(errorOf('1 / 0')).toBe('Attempted to divide by zero.');
    expect(errorOf('10 % 0')).toBe('Attempted to divide by zero.');
    const r = runShell('$x = 1 / 0; "after"');
    expect(r.output).toEqual(['after']);
  });

  it('rejects subtraction from an array', () => {
    expect(errorOf('(1, 2) - 1')).toBe("Method invocation failed because [System.Object[]] does not contain a method named 'op_Subtraction'.");
  });

  it('reports a bad string operand as an error, not a crash', () => {
    expect(errorOf("'abc' * 'x'")).toBe('Cannot convert value "x" to type "System.Int32". Error: "The input string \'x\' was not in a correct format."');
    expect(errorOf("'x' - 1")).toBe('Cannot convert value "x" to type "System.Int32". Error: "The input string \'x\' was not in a correct format."');
  });
});

describe('comparison (case-insensitive by default)', () => {
  it('-eq / -ne', () => {
    expect(evalOk("'a' -eq 'A'; 'a' -ne 'A'; '10' -eq 10; 10 -eq '10'; 1 -eq 2")).toEqual([true, false, true, true, false]);
  });

  it('-gt / -ge / -lt / -le', () => {
    expect(evalOk('2 -gt 1; 2 -ge 2; 1 -lt 2; 2 -le 1')).toEqual([true, true, true, false]);
    expect(evalOk("'b' -gt 'A'; 'abc' -lt 'ABD'")).toEqual([true, true]);
    expect(one("[datetime]'2023-08-15' -gt '8/14/2023'")).toBe(true);
  });

  it('-like / -notlike with wildcards', () => {
    expect(evalOk("'abc' -like 'A*'; 'abc' -like 'a?c'; 'abc' -notlike 'A*'; 'abc' -like 'b*'")).toEqual([true, true, false, false]);
  });

  it('-match / -notmatch with regular expressions', () => {
    expect(evalOk("'abc' -match 'B'; 'abc' -match '^b'; 'abc' -notmatch 'Z'; 'abc' -notmatch 'C'")).toEqual([true, false, true, false]);
  });

  it('-contains / -notcontains test a collection on the left', () => {
    expect(evalOk("1,2,3 -contains 2; 'A','b' -contains 'a'; 1,2,3 -notcontains 2; 1,2,3 -notcontains 9")).toEqual([true, true, false, true]);
  });

  it('-in / -notin test a collection on the right', () => {
    expect(evalOk("2 -in 1,2,3; 'a' -in 'A','B'; 5 -notin 1,2,3; 2 -notin 1,2")).toEqual([true, true, true, false]);
  });

  it('-ieq and -ilike are the same as -eq and -like', () => {
    expect(evalOk("'ABC' -ieq 'abc'; 'ABC' -ilike 'a*'; 'ABC' -imatch 'b'")).toEqual([true, true, true]);
  });
});

describe('comparison (case-sensitive)', () => {
  it('-ceq / -cne', () => {
    expect(evalOk("'ABC' -ceq 'abc'; 'abc' -ceq 'abc'; 'a' -cne 'A'")).toEqual([false, true, true]);
  });

  it('-clike / -cnotlike', () => {
    expect(evalOk("'ABC' -clike 'a*'; 'ABC' -clike 'A*'; 'abc' -cnotlike 'A*'")).toEqual([false, true, true]);
  });

  it('-cmatch / -cnotmatch', () => {
    expect(evalOk("'ABC' -cmatch 'a'; 'ABC' -cmatch 'A'; 'abc' -cnotmatch 'A'")).toEqual([false, true, true]);
  });

  it('-ccontains / -cin / -cnotin', () => {
    expect(evalOk("'A','b' -ccontains 'a'; 'A','b' -ccontains 'A'; 'A' -cin 'a'; 'A' -cnotin 'a'")).toEqual([false, true, false, true]);
  });

  it('-cgt orders lower case first', () => {
    expect(evalOk("'a' -cgt 'A'; 'a' -gt 'A'")).toEqual([false, false]);
  });
});

describe('comparison with a collection on the left', () => {
  it('filters instead of returning a boolean', () => {
    expect(evalOk('1,2,3 -gt 1')).toEqual([2, 3]);
    expect(evalOk('1,2,3 -eq 2')).toEqual([2]);
    expect(evalOk('1,2,3 -ne 2')).toEqual([1, 3]);
    expect(evalOk("'a','B','c' -like 'b'")).toEqual(['B']);
    expect(evalOk("'apple','berry' -match 'rr'")).toEqual(['berry']);
    expect(evalOk('(1,2,3 -gt 5).Count')).toEqual([0]);
  });
});

describe('$Matches', () => {
  it('is set after a successful scalar -match', () => {
    expect(evalOk("'abc' -match 'b(c)'; $Matches[0]; $Matches[1]")).toEqual([true, 'bc', 'c']);
  });

  it('holds named groups', () => {
    expect(
      evalOk("'user@contoso.com' -match '^(?<user>[^@]+)@(?<domain>.+)$' | Out-Null; $Matches.user; $matches['DOMAIN']", {
        cmdlets: [{ name: 'Out-Null', synopsis: '', parameters: [{ name: 'InputObject', type: 'object', fromPipeline: true }] }],
      }),
    ).toEqual(['user', 'contoso.com']);
  });

  it('keeps the previous value when a match fails', () => {
    expect(evalOk("'abc' -match 'b'; 'zzz' -match 'q'; $Matches[0]")).toEqual([true, false, 'b']);
  });

  it('is not set by -match on a collection', () => {
    expect(evalOk("'a','b' -match 'a'; $null -eq $Matches")).toEqual(['a', true]);
  });

  it('is case-sensitive with -cmatch', () => {
    expect(evalOk("'aA' -cmatch 'A'; $Matches[0]; 'x' -cmatch 'X'; $Matches[0]")).toEqual([true, 'A', false, 'A']);
  });
});

describe('logical operators', () => {
  it('-and / -or / -xor / -not / !', () => {
    expect(evalOk('$true -and $false; $true -or $false; $true -xor $true; -not $true; !0; !"x"')).toEqual([false, true, false, false, true, false]);
  });

  it('short-circuits -and and -or', () => {
    // the right side would be a "command not found" error if it ran
    const r = runShell('$false -and (Get-NoSuchThing); $true -or (Get-NoSuchThing)');
    expect(r.errors).toEqual([]);
    expect(r.output).toEqual([false, true]);
    const s = makeShell();
    expect(s.run('$n = 0; $false -and ($n = 1); $n').output).toEqual([false, 0]);
    expect(s.run('$n = 0; $true -and ($n = 1); $n').output).toEqual([true, 1]);
    expect(s.run('$n = 0; $true -or ($n = 1); $n').output).toEqual([true, 0]);
  });
});

describe('-replace', () => {
  it('replaces by regular expression, case-insensitively', () => {
    expect(one("'aaa' -replace 'A', 'b'")).toBe('bbb');
    expect(one("'a1b22c' -replace '\\d+', '#'")).toBe('a#b#c');
  });

  it('substitutes $1 and ${name} groups', () => {
    expect(one("'Hello World' -replace '(\\w+) (\\w+)', '$2 $1'")).toBe('World Hello');
    expect(one("'Hello' -replace 'l(?<x>l)', '[${x}]'")).toBe('He[l]o');
    expect(one("'x' -replace 'x', '$$'")).toBe('$');
  });

  it('removes the match when no replacement is given', () => {
    expect(one("'a1b2' -replace '\\d'")).toBe('ab');
  });

  it('-creplace is case-sensitive', () => {
    expect(evalOk("'Hello' -creplace 'h', 'J'; 'Hello' -creplace 'H', 'J'")).toEqual(['Hello', 'Jello']);
  });

  it('applies to each element of an array', () => {
    expect(evalOk("'a1','b2' -replace '\\d', ''")).toEqual(['a', 'b']);
  });
});

describe('-join and -split', () => {
  it('binary -join', () => {
    expect(one("1,2,3 -join '-'")).toBe('1-2-3');
    expect(one("'x' -join ','")).toBe('x');
  });

  it('unary -join', () => {
    expect(one("-join ('a', 'b', 'c')")).toBe('abc');
  });

  it('binary -split by regex', () => {
    expect(evalOk("'a,b;c' -split '[,;]'")).toEqual(['a', 'b', 'c']);
    expect(evalOk("'aXbxc' -split 'x'")).toEqual(['a', 'b', 'c']);
    expect(evalOk("'aXbxc' -csplit 'x'")).toEqual(['aXb', 'c']);
  });

  it('binary -split with a maximum count', () => {
    expect(evalOk("'a b c d' -split ' ', 3")).toEqual(['a', 'b', 'c d']);
    expect(evalOk("'a,b,,c' -split ',', 2")).toEqual(['a', 'b,,c']);
  });

  it('unary -split on whitespace', () => {
    expect(evalOk('-split "  one`ttwo`nthree  "')).toEqual(['one', 'two', 'three']);
  });
});

describe('-is, -isnot, -as', () => {
  it('-is / -isnot test types', () => {
    expect(evalOk("'5' -is [string]; 5 -is [string]; 5 -is [int]; @(1) -is [array]; 5 -isnot [string]")).toEqual([true, false, true, true, true]);
    expect(evalOk("[datetime]'2023-08-14' -is [datetime]; @{} -is [hashtable]; [pscustomobject]@{} -is [pscustomobject]")).toEqual([true, true, true]);
  });

  it('-as converts or gives $null', () => {
    const [n, bad, d] = evalOk("'5' -as [int]; $null -eq ('x' -as [int]); '2023-08-14' -as [datetime]");
    expect(n).toBe(5);
    expect(bad).toBe(true);
    expect((d as Date).toISOString()).toBe('2023-08-14T00:00:00.000Z');
  });
});

describe('-f formatting', () => {
  it('formats indexes, alignment and format strings', () => {
    expect(one("'{0} {1:D3} {2:F1} {0}' -f 'a', 7, 2.345")).toBe('a 007 2.3 a');
    expect(one("'{0,-5}|{1,5}|' -f 'ab', 'cd'")).toBe('ab   |   cd|');
    expect(one("'{0:N2}' -f 1234.5")).toBe('1,234.50');
    expect(one("'{0:yyyy-MM-dd}' -f [datetime]'2023-08-14'")).toBe('2023-08-14');
    expect(one("'{{0}}' -f 1")).toBe('{0}');
  });

  it('reports a missing argument', () => {
    expect(errorOf("'{1}' -f 'a'")).toBe('Error formatting a string: Index (zero based) must be greater than or equal to zero and less than the size of the argument list..');
  });
});

describe('range', () => {
  it('counts up and down', () => {
    expect(evalOk('1..5')).toEqual([1, 2, 3, 4, 5]);
    expect(evalOk('2..-1')).toEqual([2, 1, 0, -1]);
    expect(evalOk('$n = 3; 1..$n')).toEqual([1, 2, 3]);
  });

  it('refuses a range that is not numeric', () => {
    expect(errorOf("1..'x'")).toBe('Cannot convert value "x" to type "System.Int32". Error: "The input string \'x\' was not in a correct format."');
  });
});

describe('increment, decrement and compound assignment', () => {
  it('$i++ as a statement outputs nothing, in an expression gives the old value', () => {
    expect(evalOk('$i = 5; $i++; $i; $i--; $i')).toEqual([6, 5]);
    expect(evalOk('$x = 5; $y = $x++; "$x $y"; $z = ++$x; "$x $z"')).toEqual(['6 5', '7 7']);
    expect(evalOk('$i = 1; ($i++); ++$i; $i')).toEqual([1, 3]);
  });

  it('++ on an unset variable starts from 0', () => {
    expect(evalOk('++$fresh; $fresh')).toEqual([1]);
  });

  it('+= -= *= /= %=', () => {
    expect(evalOk('$a = 1; $a += 2; $a; $a -= 5; $a; $a *= 4; $a; $a /= 2; $a; $a %= 3; $a')).toEqual([3, -2, -8, -4, -1]);
  });

  it('+= appends to strings, arrays, hashtables and dates', () => {
    expect(evalOk("$s = 'ab'; $s += 'c'; $s")).toEqual(['abc']);
    expect(evalOk('$a = @(1); $a += 2; $a += 3, 4; $a.Count')).toEqual([4]);
    expect(evalOk('$h = @{ a = 1 }; $h += @{ b = 2 }; $h.Count')).toEqual([2]);
    const [d] = evalOk("$d = [datetime]'2023-08-14'; $d += [timespan]'02:00:00'; $d");
    expect((d as Date).toISOString()).toBe('2023-08-14T02:00:00.000Z');
  });
});

describe('bitwise', () => {
  it('-band / -bor / -bxor / -bnot', () => {
    expect(evalOk('3 -band 1; 1 -bor 2; 5 -bxor 1; -bnot 0')).toEqual([1, 3, 4, -1]);
  });
});
