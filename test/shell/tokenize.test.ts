// tokenize(): the tokens the parser consumes, with their kinds and positions, in the mode
// (command or expression) the parser scanned them in.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseScript, tokenize, type Token } from '../../src/shell/parser.js';

/** [kind, text] pairs of the top-level tokens, comments and punctuation included. */
function kinds(text: string): [string, string][] {
  const { tokens, error } = tokenize(text);
  expect(error).toBeUndefined();
  return tokens.map((t) => [t.kind, t.text]);
}

/** Every token, nested ones included, in source order. */
function flatten(tokens: Token[]): Token[] {
  return tokens.flatMap((t) => [t, ...flatten(t.nested ?? [])]);
}

describe('tokenize', () => {
  it('gives commands, parameters and bare-word arguments in command mode', () => {
    expect(kinds('Get-MessageTrace -StartDate 8/14/2023 -SenderAddress user@contoso.com -PageSize 5000')).toEqual([
      ['command', 'Get-MessageTrace'],
      ['parameter', '-StartDate'],
      ['argument', '8/14/2023'],
      ['parameter', '-SenderAddress'],
      ['argument', 'user@contoso.com'],
      ['parameter', '-PageSize'],
      ['number', '5000'],
    ]);
  });

  it('gives numbers and operators for the same characters in expression mode', () => {
    expect(kinds('$x = 8/14')).toEqual([
      ['variable', '$x'],
      ['operator', '='],
      ['number', '8'],
      ['operator', '/'],
      ['number', '14'],
    ]);
    expect(kinds("1..3 -join ', '")).toEqual([
      ['number', '1'],
      ['operator', '..'],
      ['number', '3'],
      ['operator', '-join'],
      ['string', "', '"],
    ]);
  });

  it('gives pipes, switch parameters with values, script blocks and members', () => {
    expect(kinds("Get-Date | Where-Object { $_.Status -eq 'Failed' } | Set-Thing -Enabled:$false")).toEqual([
      ['command', 'Get-Date'],
      ['operator', '|'],
      ['command', 'Where-Object'],
      ['punctuation', '{'],
      ['variable', '$_'],
      ['operator', '.'],
      ['member', 'Status'],
      ['operator', '-eq'],
      ['string', "'Failed'"],
      ['punctuation', '}'],
      ['operator', '|'],
      ['command', 'Set-Thing'],
      ['parameter', '-Enabled:'],
      ['variable', '$false'],
    ]);
  });

  it('gives keywords, labels, types, method calls and comments', () => {
    expect(kinds(':outer foreach ($r in $rows) { if ([int]$r.Size -gt 1kb) { break outer } } # done')).toEqual([
      ['label', ':outer'],
      ['keyword', 'foreach'],
      ['punctuation', '('],
      ['variable', '$r'],
      ['keyword', 'in'],
      ['variable', '$rows'],
      ['punctuation', ')'],
      ['punctuation', '{'],
      ['keyword', 'if'],
      ['punctuation', '('],
      ['type', '[int]'],
      ['variable', '$r'],
      ['operator', '.'],
      ['member', 'Size'],
      ['operator', '-gt'],
      ['number', '1kb'],
      ['punctuation', ')'],
      ['punctuation', '{'],
      ['keyword', 'break'],
      ['label', 'outer'],
      ['punctuation', '}'],
      ['punctuation', '}'],
      ['comment', '# done'],
    ]);
    expect(kinds("<# note #> [datetime]::UtcNow.AddDays(-7, 'x')")).toEqual([
      ['comment', '<# note #>'],
      ['type', '[datetime]'],
      ['operator', '::'],
      ['member', 'UtcNow'],
      ['operator', '.'],
      ['member', 'AddDays'],
      ['punctuation', '('],
      ['number', '-7'],
      ['operator', ','],
      ['string', "'x'"],
      ['punctuation', ')'],
    ]);
  });

  it('gives functions, param blocks, hashtables, try and redirections', () => {
    expect(kinds('function Get-Double { param([int]$N = 2) try { @{ n = $N * 2 } } catch [System.Exception] { } }')).toEqual([
      ['keyword', 'function'],
      ['command', 'Get-Double'],
      ['punctuation', '{'],
      ['keyword', 'param'],
      ['punctuation', '('],
      ['type', '[int]'],
      ['variable', '$N'],
      ['operator', '='],
      ['number', '2'],
      ['punctuation', ')'],
      ['keyword', 'try'],
      ['punctuation', '{'],
      ['punctuation', '@{'],
      ['member', 'n'],
      ['operator', '='],
      ['variable', '$N'],
      ['operator', '*'],
      ['number', '2'],
      ['punctuation', '}'],
      ['punctuation', '}'],
      ['keyword', 'catch'],
      ['type', '[System.Exception]'],
      ['punctuation', '{'],
      ['punctuation', '}'],
      ['punctuation', '}'],
    ]);
    expect(kinds('Get-Thing 2>$null >> out.txt -- -Name')).toEqual([
      ['command', 'Get-Thing'],
      ['operator', '2>'],
      ['variable', '$null'],
      ['operator', '>>'],
      ['argument', 'out.txt'],
      ['operator', '--'],
      ['argument', '-Name'],
    ]);
  });

  it('holds the variables and sub-expressions of an expandable string as nested tokens', () => {
    const { tokens } = tokenize('Write-Output "bad: $($r.MessageId) by $user" out-$n.csv');
    expect(tokens.map((t) => [t.kind, t.text])).toEqual([
      ['command', 'Write-Output'],
      ['string', '"bad: $($r.MessageId) by $user"'],
      ['argument', 'out-$n.csv'],
    ]);
    expect(tokens[1].nested?.map((t) => [t.kind, t.text])).toEqual([
      ['punctuation', '$('],
      ['variable', '$r'],
      ['operator', '.'],
      ['member', 'MessageId'],
      ['punctuation', ')'],
      ['variable', '$user'],
    ]);
    expect(tokens[2].nested?.map((t) => [t.kind, t.text])).toEqual([['variable', '$n']]);
    const here = tokenize('@"\nhi $name\n"@').tokens;
    expect(here.map((t) => t.kind)).toEqual(['string']);
    expect(here[0].nested?.map((t) => t.text)).toEqual(['$name']);
  });

  it('gives 1-based lines and columns, and offsets that slice the source', () => {
    const text = "$a = 1\n  Get-Date -Format 'u'";
    const { tokens } = tokenize(text);
    expect(tokens.map((t) => [t.text, t.line, t.column])).toEqual([
      ['$a', 1, 1],
      ['=', 1, 4],
      ['1', 1, 6],
      ['Get-Date', 2, 3],
      ['-Format', 2, 12],
      ["'u'", 2, 20],
    ]);
  });

  it('returns the tokens up to a parse error, and the error', () => {
    const { tokens, error } = tokenize('Get-Date -Format |');
    expect(tokens.map((t) => [t.kind, t.text])).toEqual([
      ['command', 'Get-Date'],
      ['parameter', '-Format'],
      ['operator', '|'],
    ]);
    expect(error?.message).toBe('An empty pipe element is not allowed.');
    expect(error?.incompleteInput).toBe(true);
  });

  it('does not change what parseScript returns', () => {
    const text = '$x = Get-Thing -A 1,2 | % { $_ * 2 }; "$x"';
    const before = JSON.stringify(parseScript(text));
    tokenize(text);
    expect(JSON.stringify(parseScript(text))).toBe(before);
  });

  it('keeps tokens in order, inside the text, never overlapping, for any input', () => {
    const unit = fc.constantFrom(...'{}()[]"\'`$@|;\n#<>,-.:=x0 aZ'.split(''), 'Get-Date ', '-eq ', '$(', '@{', '<#', '#>', '@"\n', '\n"@');
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        const check = (tokens: Token[], from: number, to: number) => {
          let at = from;
          for (const t of tokens) {
            expect(t.start).toBeGreaterThanOrEqual(at);
            expect(t.end).toBeGreaterThan(t.start);
            expect(t.end).toBeLessThanOrEqual(to);
            expect(text.slice(t.start, t.end)).toBe(t.text);
            if (t.nested) check(t.nested, t.start, t.end);
            at = t.end;
          }
        };
        const { tokens } = tokenize(text);
        check(tokens, 0, text.length);
        expect(flatten(tokens).every((t) => t.line >= 1 && t.column >= 1)).toBe(true);
      }),
      { numRuns: 3000, seed: 9 },
    );
  });
});
