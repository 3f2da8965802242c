// The parse error a text gives, for the parser's tests (fails the test when it parses).
import { expect } from 'vitest';
import { ParseError } from '../../src/shell/errors.js';
import { parseScript } from '../../src/shell/parser.js';

export function parseError(text: string): ParseError {
  try {
    parseScript(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ParseError);
    return e as ParseError;
  }
  const shown = text.length > 80 ? `${text.slice(0, 80)}…` : text;
  throw new Error(`expected a parse error for ${JSON.stringify(shown)}`);
}
