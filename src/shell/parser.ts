// A recursive-descent parser for the PowerShell subset. PowerShell tokenizes differently in
// command mode (`Get-MessageTrace -StartDate 8/14/2023 user@contoso.com`: bare words) and in
// expression mode (`8/14` is a division), so the parser scans characters itself and picks
// the mode from context instead of running a separate, mode-blind lexer first.
//
// The grammar lives in parser/, one file per area, each a class built on the one before:
// base.ts (positions, errors, scanning) → strings.ts → expressions.ts → commands.ts →
// statements.ts.

import type { ScriptBlockAst } from './ast.js';
import { StatementParser } from './parser/statements.js';

export { MAX_NESTING } from './parser/base.js';

/** Parses a whole script (or `-c` text) into a script block AST. */
export function parseScript(text: string): ScriptBlockAst {
  return new StatementParser(text).parseScriptBlockBody(undefined, 0);
}
