// A recursive-descent parser for the PowerShell subset. PowerShell tokenizes differently in
// command mode (`Get-MessageTrace -StartDate 8/14/2023 user@contoso.com`: bare words) and in
// expression mode (`8/14` is a division), so the parser scans characters itself and picks
// the mode from context instead of running a separate, mode-blind lexer first. As it
// consumes the text it can record the tokens it sees, in the mode it saw them in (tokenize).
//
// The grammar lives in parser/, one file per area, each a class built on the one before:
// base.ts (positions, errors, scanning, tokens) → strings.ts → expressions.ts → commands.ts →
// statements.ts.

import type { ScriptBlockAst } from './ast.js';
import { ParseError } from './errors.js';
import { StatementParser } from './parser/statements.js';
import type { Token } from './parser/tokens.js';

export { MAX_NESTING } from './parser/base.js';
export type { Token, TokenKind } from './parser/tokens.js';

/** Parses a whole script (or `-c` text) into a script block AST. */
export function parseScript(text: string): ScriptBlockAst {
  return new StatementParser(text).parseScriptBlockBody(undefined, 0);
}

/**
 * The tokens of a script, in source order, each with its kind and position, as the parser
 * sees them: `-Name` after a command is a parameter, `-eq` between operands an operator,
 * `8/14/2023` after a command one argument. Text that does not parse gives the tokens up to
 * the error, and the error (incomplete input, say, while the user is still typing).
 */
export function tokenize(text: string): { tokens: Token[]; error?: ParseError } {
  const parser = new StatementParser(text);
  const tokens: Token[] = [];
  parser.tokens = tokens;
  try {
    parser.parseScriptBlockBody(undefined, 0);
    return { tokens };
  } catch (e) {
    if (e instanceof ParseError) return { tokens, error: e };
    throw e;
  }
}
