// ParseError.incompleteInput, as PowerShell's ParseError.IncompleteInput: set where the input
// ended while a construct was still open, so that more lines could complete it; the REPL
// prompts for them instead of reporting the error.

import { describe, expect, it } from 'vitest';
import { needsMoreInput } from '../../src/cli/repl.js';
import { ParseError } from '../../src/shell/errors.js';
import { parseScript } from '../../src/shell/parser.js';
import { Session } from '../../src/shell/session.js';
import { parseError } from '../helpers/parse.js';

/** Input that ends inside an open construct: each is flagged, with or without the typed line's newline. */
const INCOMPLETE: string[] = [
  // braces, parens, brackets
  'if ($true) {',
  '{',
  '& {',
  'function f {\n  "x"',
  '(',
  '(1 + 2',
  '$(',
  '$(1; 2',
  '@(',
  '@(1,',
  '$a[',
  '$a[0',
  '$a.M(',
  '$a.M(1,',
  '$a.M(1',
  '@{',
  '@{ a = 1',
  '@{ a',
  '@{ a =',
  '@{ a = 1;',
  '${name',
  'Get-Thing -Filter { $_.Name -eq',
  // strings and comments
  "'abc",
  '"abc',
  '"abc\ndef',
  '"a $(1 +',
  '$s = @"',
  "$s = @'",
  '$s = @"\nline one\n',
  "$s = @'\nline one",
  '<# a block comment',
  '1 <# a block comment',
  // pipes and operators
  'Get-Date |',
  'Get-Date |\n',
  'Get-Date | # more to come',
  '1 +',
  '1 -eq',
  '1 -and',
  '$x = 1 *',
  '$x =',
  '$x +=',
  '-not',
  '!',
  '-',
  '1,',
  '1..',
  'Get-Date >',
  // statements waiting for their parts
  'if',
  'if (',
  'if ($true',
  'if ($true)',
  'if ($true) { 1 } else',
  'if ($true) { 1 } elseif',
  'if ($true) { 1 } elseif ($false)',
  'while',
  'while ($true)',
  'do',
  'do { 1 }',
  'do { 1 } while',
  'do { 1 } until (',
  'for (',
  'for ($i = 0',
  'for ($i = 0;',
  'for ($i = 0; $i -lt 3; $i++)',
  'foreach (',
  'foreach ($x',
  'foreach ($x in',
  'foreach ($x in $y',
  'foreach ($x in $y)',
  'switch',
  'switch ($x)',
  'switch ($x) {',
  "switch ($x) { 'a'",
  'function',
  'function f',
  'function f(',
  'function f($a,',
  'function f($a',
  'filter f',
  'try',
  'try { 1 }',
  'try { 1 } catch',
  'try { 1 } finally',
  'param(',
  'Get-Date -Format:',
  ':outer while',
];

/** Complete input, or a mistake that more lines cannot repair: never flagged. */
const NOT_INCOMPLETE: string[] = [
  '1 +; 2',
  '} oops',
  ')',
  'Get-Date | | Get-Date',
  '| Get-Date',
  '1 + + ;',
  '@{ a = 1 b = 2 }',
  '@{ a = }',
  '(1 + 2))',
  '(1 2',
  '[int',
  '[int\n1',
  '$',
  '@',
  '@"abc',
  "'a' 'b'",
  '1 | { 2 }',
  'Get-Date | 5',
  'for (1; function f {}; 1) { }',
  'param($a)\nparam($b)',
  ':label Get-Date',
  '[math]::',
  'catch { }',
  'try { 1 } catch [Foo',
  'if ($true) { 1 } oops }',
  '$a.M(1 2)',
  '()',
  'else { }',
  'Get-Date |\n| Get-Date',
  '1 +\n;',
  'if ($true) {\n}\n}',
];

describe('ParseError.incompleteInput', () => {
  it.each(INCOMPLETE)('is set where the input ends inside a construct: %j', (text) => {
    for (const input of [text, text + '\n']) {
      const e = parseError(input);
      expect({ input, message: e.message, incomplete: e.incompleteInput }).toEqual({ input, message: e.message, incomplete: true });
    }
  });

  it.each(NOT_INCOMPLETE)('is not set for input that more lines cannot repair: %j', (text) => {
    for (const input of [text, text + '\n']) {
      const e = parseError(input);
      expect({ input, message: e.message, incomplete: e.incompleteInput }).toEqual({ input, message: e.message, incomplete: false });
    }
  });

  it('is not set for the nesting limit, even when the input ends inside what it nests', () => {
    for (const text of ['('.repeat(10_000), '{'.repeat(10_000), '@{a='.repeat(10_000), '1' + ' + 1'.repeat(10_000) + ' +']) {
      const e = parseError(text);
      expect(e.errorIdName).toBe('ScriptTooComplicated');
      expect(e.incompleteInput).toBe(false);
    }
  });

  it('treats trailing comments and blank lines as the end of the input', () => {
    for (const text of ['if ($true) { # open', 'if ($true) {\n\n  <# note #>\n', '1 + # the rest later', 'Get-Date | `\n']) {
      expect(parseError(text).incompleteInput).toBe(true);
    }
  });

  it('is false by default on parse errors built elsewhere', () => {
    expect(new ParseError('x', 1, 1).incompleteInput).toBe(false);
  });

  it('drives the REPL: more lines for incomplete input, the error at once otherwise', () => {
    const session = new Session({ host: { writeOutput() {}, writeError() {}, writeWarning() {}, writeVerbose() {}, writeHost() {}, width: 120 } });
    for (const text of INCOMPLETE) expect({ text, more: needsMoreInput(text, session) }).toEqual({ text, more: true });
    for (const text of NOT_INCOMPLETE) expect({ text, more: needsMoreInput(text, session) }).toEqual({ text, more: false });
    for (const text of ['1 + 1', 'Get-Date', 'if ($true) { 1 }', '$s = @"\nx\n"@', '# only a comment', '']) {
      expect({ text, more: needsMoreInput(text, session) }).toEqual({ text, more: false });
    }
    expect(needsMoreInput('Get-Date `', session)).toBe(true);
  });
});
