// The parser's base: the source text and position, errors (incomplete input among them),
// low-level scanning on the character level, and the nesting and comma contexts every
// grammar area shares. The grammar areas build on it, one class each:
// strings.ts → expressions.ts → commands.ts → statements.ts.

import type { Pos, ScriptBlockAst, Statement } from '../ast.js';
import { ParseError } from '../errors.js';
import * as scan from '../scanner.js';
import type { Token, TokenKind } from './tokens.js';

/**
 * How deep the syntax tree may grow: each statement, operand, and link of an operator, member
 * or pipeline chain is one level, so a bracket costs one or two. Far beyond what hand-written
 * scripts reach, and well within the stack the parser and then the evaluator need for it.
 */
export const MAX_NESTING = 256;

export abstract class ParserBase {
  i = 0;
  protected readonly lineStarts: number[];
  /** Depth of constructs where a comma must not build an array (method arguments). */
  protected noComma = 0;
  /** Statements, operands and links of operator, member and pipeline chains around the current position. */
  protected nesting = 0;
  /** The tokens consumed so far, in source order, when tokenizing; undefined when only parsing. */
  tokens?: Token[];
  /** Where the last recorded token ends: text the parser scans again (after a look-ahead) is not recorded twice. */
  private tokenEnd = 0;

  constructor(readonly src: string) {
    this.lineStarts = scan.lineStarts(src);
  }

  // ---------- implemented by the grammar areas above ----------

  abstract parseScriptBlockBody(closer: '}' | undefined, textStart: number): ScriptBlockAst;
  abstract parseStatements(closer: '}' | ')' | undefined): Statement[];
  abstract parseStatement(): Statement;

  // ---------- positions and errors ----------

  pos(at = this.i): Pos {
    return scan.positionOf(this.lineStarts, at);
  }

  error(message: string, at = this.i, id = 'ParseError'): ParseError {
    const p = this.pos(at);
    return new ParseError(message, p.line, p.column, id);
  }

  /**
   * An error where the input may just have ended too soon, as PowerShell's ReportIncompleteInput:
   * it is incomplete input when nothing but blanks and comments follows its position, or
   * `always` for a construct that runs to the end of the input (a string, a block comment).
   */
  incomplete(message: string, at = this.i, id = 'ParseError', always = false): ParseError {
    const p = this.pos(at);
    return new ParseError(message, p.line, p.column, id, always || scan.onlyBlanksFrom(this.src, at));
  }

  protected unexpected(): ParseError {
    const tok = scan.tokenTextAt(this.src, this.i);
    return tok ? this.error(`Unexpected token '${tok}' in expression or statement.`, this.i, 'UnexpectedToken') : this.incomplete('Unexpected end of input.', this.i, 'UnexpectedToken');
  }

  // ---------- tokens ----------

  /** Records the token from `start` to `end` (default: the current position) when tokenizing. */
  protected token(kind: TokenKind, start: number, end = this.i): void {
    if (!this.tokens || start < this.tokenEnd || end <= start) return;
    const p = this.pos(start);
    this.tokens.push({ kind, text: this.src.slice(start, end), start, end, line: p.line, column: p.column });
    this.tokenEnd = end;
  }

  /** The number of tokens recorded so far: the mark for `tokenWithNested`. */
  protected tokenMark(): number {
    return this.tokens?.length ?? 0;
  }

  /**
   * Records one token from `start` to the current position, holding the tokens recorded since
   * `mark` (the variables and sub-expressions of an expandable string) as its nested tokens.
   */
  protected tokenWithNested(kind: TokenKind, start: number, mark: number): void {
    if (!this.tokens) return;
    const nested = this.tokens.splice(mark);
    if (nested.length) this.tokenEnd = start; // they were recorded after `start`: the token spanning them comes first
    this.token(kind, start);
    if (nested.length && this.tokens.length > mark) this.tokens[mark].nested = nested;
  }

  /** Consumes `length` characters here as one token. */
  protected consume(kind: TokenKind, length = 1): void {
    this.token(kind, this.i, this.i + length);
    this.i += length;
  }

  // ---------- low-level scanning ----------

  peek(n = 0): string {
    return this.src[this.i + n] ?? '';
  }

  startsWith(s: string): boolean {
    return this.src.startsWith(s, this.i);
  }

  /** Skips blanks, comments and backtick line continuations; stops at newlines. */
  skipSpace(): void {
    this.i = scan.skipSpace(this.src, this.i, (at) => this.incomplete('Missing end of comment: #>.', at, 'ParseError', true), this.tokens && ((start, end) => this.token('comment', start, end)));
  }

  /** Skips blanks, comments and newlines. */
  skipSpaceAndNewlines(): void {
    for (;;) {
      this.skipSpace();
      const c = this.peek();
      if (c === '\n' || c === '\r') this.i++;
      else break;
    }
  }

  protected atStatementEnd(): boolean {
    const c = this.peek();
    return c === '' || c === '\n' || c === '\r' || c === ';' || c === '}' || c === ')';
  }

  /** Consumes `ch`; its absence at the end of the input is incomplete input. */
  protected expect(ch: string, message: string): void {
    if (this.peek() !== ch) throw this.incomplete(message);
    this.consume('punctuation');
  }

  protected readWord(): string {
    const m = /^[A-Za-z_][\w]*/.exec(this.src.slice(this.i, this.i + 64));
    return m ? m[0] : '';
  }

  /** True if a keyword stands here (followed by a non-word character). */
  protected atKeyword(word: string): boolean {
    const w = this.readWord();
    return w.toLowerCase() === word && !/[\w-]/.test(this.peek(w.length) || ' ');
  }

  /**
   * Every way of nesting passes through a statement or a unary operand, or adds a chain link,
   * and each level costs stack here and again when the evaluator walks the tree: past
   * MAX_NESTING the script is refused with pwsh's message for a script too deep to parse,
   * instead of overflowing the stack. A ParseError ends the parse, so throws need no unwinding.
   */
  protected enterNesting(): void {
    if (++this.nesting > MAX_NESTING) throw this.error('Processing was stopped because the script is too complex.', this.i, 'ScriptTooComplicated');
  }

  /** Parses in a context where commas build arrays (a new statement, an index, parentheses). */
  protected withCommas<T>(parse: () => T): T {
    const saved = this.noComma;
    this.noComma = 0;
    try {
      return parse();
    } finally {
      this.noComma = saved;
    }
  }

  /** Parses in a context where a comma ends the expression (arguments, defaults, keys). */
  protected withoutCommas<T>(parse: () => T): T {
    this.noComma++;
    try {
      return parse();
    } finally {
      this.noComma--;
    }
  }
}
