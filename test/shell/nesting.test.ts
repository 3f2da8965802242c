// Deeply nested or chained script text is refused with pwsh's "too complex" parse error, and
// whatever the parser accepts runs without overflowing the stack (issue 8: such input used to
// end exosh with "internal error: RangeError: Maximum call stack size exceeded").

import { describe, expect, it } from 'vitest';
import { needsMoreInput } from '../../src/cli/repl.js';
import { allCmdlets } from '../../src/cmdlets/index.js';
import { ParseError } from '../../src/shell/errors.js';
import { MAX_NESTING, parseScript } from '../../src/shell/parser.js';
import { Session, type ShellHost } from '../../src/shell/session.js';
import { runShell } from '../helpers/shell.js';
import { parseError } from '../helpers/parse.js';

const TOO_COMPLEX = 'Processing was stopped because the script is too complex.';

/** `open` n times, then `middle`, then `close` n times. */
function nest(n: number, open: string, middle: string, close: string): string {
  return open.repeat(n) + middle + close.repeat(n);
}

/** One of each way of nesting, as [name, open, innermost, close]. */
const NESTINGS: [string, string, string, string][] = [
  ['parentheses', '(', '1', ')'],
  ['script blocks', '{', '1', '}'],
  ['invoked script blocks', '& {', '1', '}'],
  ['array subexpressions', '@(', '1', ')'],
  ['arrays', '1, (', '1', ')'],
  ['unary commas', ',', '1', ''],
  ['subexpressions', '$(', '1', ')'],
  ['hashtables', '@{ a = ', '1', ' }'],
  ['indexes', '$a[', '0', ']'],
  ['method arguments', "'x'.Trim(", "'y'", ')'],
  ['strings', '"$(', '1', ')"'],
  ['bare words', 'Write-Output a$(', '1', ')'],
  ['command arguments', 'Write-Output (', '1', ')'],
  ['if blocks', 'if (1) { ', '1', ' }'],
  ['try blocks', 'try { ', '1', ' } catch { }'],
  ['unary operators', '-not ', '1', ''],
  ['casts', '[int]', '1', ''],
  ['ForEach-Object blocks', '1 | ForEach-Object { ', '1', ' }'],
  ['mixed', '@{ a = @($((, -not { ', '1', ' }))) }'],
];

describe('the nesting limit of the parser', () => {
  it.each(NESTINGS)('refuses 10,000 levels of %s as too complex', (_name, open, middle, close) => {
    const e = parseError(nest(10_000, open, middle, close));
    expect(e.message).toBe(TOO_COMPLEX);
    expect(e.errorIdName).toBe('ScriptTooComplicated');
    expect(e.render()).toMatch(/^ParserError: line 1, column \d+: Processing was stopped because the script is too complex\.$/);
  });

  it.each(NESTINGS)('runs 20 levels of %s', (_name, open, middle, close) => {
    const r = runShell('$a = @(0); ' + nest(20, open, middle, close), { cmdlets: allCmdlets() });
    expect(r.errors).toEqual([]);
  });

  it('refuses unclosed brackets 10,000 deep as too complex, not as incomplete input', () => {
    const session = new Session({ host: silentHost() });
    for (const open of ['(', '{', '@(', '$(', '@{a=', 'if (1) {']) {
      const text = open.repeat(10_000);
      expect(parseError(text).message).toBe(TOO_COMPLEX);
      // the REPL would otherwise prompt for more lines that can never complete it
      expect(needsMoreInput(text, session)).toBe(false);
    }
  });

  it('scans strings nested 10,000 deep without recursing', () => {
    expect(parseError(nest(10_000, '"$(', '1', ')"')).message).toBe(TOO_COMPLEX);
    expect(parseError('"$('.repeat(10_000)).message).toBe('The string is missing the terminator: ".');
  });

  it('counts links of operator, member, index and pipeline chains as levels', () => {
    for (const text of [
      '1' + ' + 1'.repeat(10_000),
      '$true' + ' -and $true'.repeat(10_000),
      '$a' + '.b'.repeat(10_000),
      '$a' + '[0]'.repeat(10_000),
      '1' + ' | ForEach-Object { $_ }'.repeat(10_000),
    ]) {
      expect(parseError(text).message).toBe(TOO_COMPLEX);
    }
    expect(runShell('1' + ' + 1'.repeat(200)).output).toEqual([201]);
  });

  it('keeps operator precedence and left associativity', () => {
    expect(runShell('10 - 2 - 3; 2 + 3 * 4 - 1; 1 + 2 -eq 3 -and 2 * 3 -gt 5; 7 % 4 * 2; "{0}" -f 1 + 1; 1 -band 3 -bor 4').output).toEqual([5, 13, true, 6, '11', 5]);
  });

  it('runs whatever it accepts: the deepest nesting of the costliest constructs evaluates', () => {
    // one level short of the limit: the statement itself and the innermost operand count too
    const depth = MAX_NESTING - 2;
    for (const [open, close] of [
      ['Write-Output a$(', ')'],
      ['& { ', ' }'],
      ['if (1) { ', ' }'],
      ['-not ', ''],
    ]) {
      const text = nest(depth, open, '1', close);
      expect(() => parseScript(text)).not.toThrow();
      const r = runShell(text, { cmdlets: allCmdlets() });
      expect({ open, errors: r.errors }).toEqual({ open, errors: [] });
    }
  });
});

describe('stack overflows while a script runs', () => {
  it('reports runaway recursion as pwsh does', () => {
    const r = runShell('function f { f }; f');
    expect(r.errors).toEqual(['InvalidOperation: The script failed due to call depth overflow.']);
    expect(r.errorRecords[0].errorId).toBe('CallDepthOverflow');
    expect(r.exitCode).toBe(1);
  });

  it('reports an overflow outside the statements (rendering a deeply nested result) instead of crashing', () => {
    const written: string[] = [];
    const errors: string[] = [];
    // JSON.stringify recurses natively, as a renderer of nested values does
    const host: ShellHost = {
      ...silentHost(),
      writeOutput: (values) => {
        written.push(JSON.stringify(values));
      },
      writeError: (e) => {
        errors.push(e.render());
      },
    };
    const session = new Session({ host });
    const r = session.run("'before'; $o = 1; for ($i = 0; $i -lt 100000; $i++) { $o = , $o }; $o; 'after'");
    expect(written).toEqual(['["before"]']);
    expect(errors).toEqual(['InvalidOperation: The script failed due to call depth overflow.']);
    expect(r).toEqual({ exitCode: 1, hadErrors: true });
  });
});

function silentHost(): ShellHost {
  return { width: 120, writeOutput() {}, writeError() {}, writeWarning() {}, writeVerbose() {}, writeHost() {} };
}
