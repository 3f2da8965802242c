// A recursive-descent parser for the PowerShell subset. PowerShell tokenizes differently in
// command mode (`Get-MessageTrace -StartDate 8/14/2023 user@contoso.com`: bare words) and in
// expression mode (`8/14` is a division), so the parser scans characters itself and picks
// the mode from context instead of running a separate, mode-blind lexer first.

import type { CommandArg, CommandElement, Expr, ParamDecl, PipelineElement, PipelineStmt, Pos, Redirection, ScriptBlockAst, Statement } from './ast.js';
import { ParseError } from './errors.js';
import * as scan from './scanner.js';

const KEYWORDS = new Set(['if', 'elseif', 'else', 'foreach', 'for', 'while', 'do', 'until', 'function', 'filter', 'try', 'catch', 'finally', 'throw', 'return', 'break', 'continue', 'exit', 'switch', 'param', 'begin', 'process', 'end', 'in']);

const COMPARISON_OPS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'like', 'notlike', 'match', 'notmatch', 'contains', 'notcontains', 'in', 'notin', 'replace', 'split', 'join', 'is', 'isnot', 'as'];
const DASH_OP = new RegExp(`^-(?:(?:[ci]?(?:${COMPARISON_OPS.filter((o) => !['is', 'isnot', 'as', 'join'].includes(o)).join('|')}))|is|isnot|as|join|and|or|xor|not|band|bor|bxor|bnot|f|shl|shr)(?![\\w-])`, 'i');

/**
 * How deep the syntax tree may grow: each statement, operand, and link of an operator, member
 * or pipeline chain is one level, so a bracket costs one or two. Far beyond what hand-written
 * scripts reach, and well within the stack the parser and then the evaluator need for it.
 */
export const MAX_NESTING = 256;

/** Parses a whole script (or `-c` text) into a script block AST. */
export function parseScript(text: string): ScriptBlockAst {
  const p = new Parser(text);
  const block = p.parseScriptBlockBody(undefined, 0);
  return block;
}

class Parser {
  i = 0;
  private readonly lineStarts: number[];
  /** Depth of constructs where a comma must not build an array (method arguments). */
  private noComma = 0;
  /** Statements, operands and links of operator, member and pipeline chains around the current position. */
  private nesting = 0;

  constructor(readonly src: string) {
    this.lineStarts = scan.lineStarts(src);
  }

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

  private unexpected(): ParseError {
    const tok = scan.tokenTextAt(this.src, this.i);
    return tok ? this.error(`Unexpected token '${tok}' in expression or statement.`, this.i, 'UnexpectedToken') : this.incomplete('Unexpected end of input.', this.i, 'UnexpectedToken');
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
    this.i = scan.skipSpace(this.src, this.i, (at) => this.incomplete('Missing end of comment: #>.', at, 'ParseError', true));
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

  private atStatementEnd(): boolean {
    const c = this.peek();
    return c === '' || c === '\n' || c === '\r' || c === ';' || c === '}' || c === ')';
  }

  /** Consumes `ch`; its absence at the end of the input is incomplete input. */
  private expect(ch: string, message: string): void {
    if (this.peek() !== ch) throw this.incomplete(message);
    this.i++;
  }

  private readWord(): string {
    const m = /^[A-Za-z_][\w]*/.exec(this.src.slice(this.i, this.i + 64));
    return m ? m[0] : '';
  }

  /** True if a keyword stands here (followed by a non-word character). */
  private atKeyword(word: string): boolean {
    const w = this.readWord();
    return w.toLowerCase() === word && !/[\w-]/.test(this.peek(w.length) || ' ');
  }

  // ---------- statements ----------

  parseScriptBlockBody(closer: '}' | undefined, textStart: number): ScriptBlockAst {
    this.skipSpaceAndNewlines();
    let params: ParamDecl[] = [];
    let hasParamBlock = false;
    // [CmdletBinding()] and other attributes before param(...)
    const save = this.i;
    while (this.peek() === '[') {
      const end = scan.matchBracket(this.src, this.i);
      if (end < 0) break;
      const inner = this.src.slice(this.i + 1, end).trim();
      if (!/^(CmdletBinding|OutputType)\b/i.test(inner)) break;
      this.i = end + 1;
      this.skipSpaceAndNewlines();
    }
    if (this.atKeyword('param')) {
      this.i += 5;
      this.skipSpace();
      params = this.parseParamList(')');
      hasParamBlock = true;
    } else {
      this.i = save;
    }
    this.skipSpaceAndNewlines();
    const block: ScriptBlockAst = { params, hasParamBlock, end: [], text: '' };
    // Named blocks: begin { } process { } end { }
    const named = ['begin', 'process', 'end'].find((k) => this.atKeyword(k) && this.isFollowedByBrace(k.length));
    if (named) {
      while (!this.atBlockEnd(closer)) {
        const kw = ['begin', 'process', 'end'].find((k) => this.atKeyword(k));
        if (!kw) throw this.unexpected();
        this.i += kw.length;
        this.skipSpaceAndNewlines();
        const body = this.parseBraceBlock(`Missing opening '{' after '${kw}'.`);
        if (kw === 'begin') block.begin = body;
        else if (kw === 'process') block.process = body;
        else block.end = body;
        this.skipSpaceAndNewlines();
      }
    } else {
      block.end = this.parseStatements(closer);
    }
    if (closer) {
      if (this.peek() !== '}') throw this.incomplete("Missing closing '}' in statement block or type definition.", this.i, 'MissingEndCurlyBrace');
      block.text = this.src.slice(textStart, this.i);
    } else {
      if (this.i < this.src.length) throw this.unexpected();
      block.text = this.src;
    }
    return block;
  }

  private isFollowedByBrace(len: number): boolean {
    let j = this.i + len;
    while (j < this.src.length && /\s/.test(this.src[j])) j++;
    return this.src[j] === '{';
  }

  private atBlockEnd(closer: '}' | ')' | undefined): boolean {
    this.skipSpaceAndNewlines();
    return closer ? this.peek() === closer || this.peek() === '' : this.peek() === '';
  }

  /** Statements until `closer` (not consumed) or end of input. */
  parseStatements(closer: '}' | ')' | undefined): Statement[] {
    const out: Statement[] = [];
    for (;;) {
      this.skipSpaceAndNewlines();
      while (this.peek() === ';') { this.i++; this.skipSpaceAndNewlines(); }
      const c = this.peek();
      if (c === '') {
        if (closer === '}') throw this.incomplete("Missing closing '}' in statement block or type definition.", this.i, 'MissingEndCurlyBrace');
        if (closer === ')') throw this.incomplete("Missing closing ')' in expression.", this.i, 'MissingEndParenthesisInExpression');
        return out;
      }
      if (closer && c === closer) return out;
      if (c === '}' || c === ')') throw this.unexpected();
      out.push(this.parseStatement());
      this.skipSpace();
      const n = this.peek();
      if (n === ';' || n === '\n' || n === '\r' || n === '') continue;
      if (closer && n === closer) continue;
      throw this.unexpected();
    }
  }

  parseStatement(): Statement {
    this.enterNesting();
    // A statement nested in a method argument or command argument (`f @(1,2)`, `.M($(1,2))`,
    // `Where-Object { $_ -in 1,2 }`) is a new context: its commas build arrays again.
    const statement = this.withCommas(() => this.parseStatementInner());
    this.nesting--;
    return statement;
  }

  /**
   * Every way of nesting passes through a statement or a unary operand, or adds a chain link,
   * and each level costs stack here and again when the evaluator walks the tree: past
   * MAX_NESTING the script is refused with pwsh's message for a script too deep to parse,
   * instead of overflowing the stack. A ParseError ends the parse, so throws need no unwinding.
   */
  private enterNesting(): void {
    if (++this.nesting > MAX_NESTING) throw this.error('Processing was stopped because the script is too complex.', this.i, 'ScriptTooComplicated');
  }

  /** Parses in a context where commas build arrays (a new statement, an index, parentheses). */
  private withCommas<T>(parse: () => T): T {
    const saved = this.noComma;
    this.noComma = 0;
    try {
      return parse();
    } finally {
      this.noComma = saved;
    }
  }

  /** Parses in a context where a comma ends the expression (arguments, defaults, keys). */
  private withoutCommas<T>(parse: () => T): T {
    this.noComma++;
    try {
      return parse();
    } finally {
      this.noComma--;
    }
  }

  private parseStatementInner(): Statement {
    this.skipSpace();
    const start = this.i;
    const pos = this.pos();
    let label: string | undefined;
    if (this.peek() === ':' && /[A-Za-z_]/.test(this.peek(1))) {
      this.i++;
      label = this.readWord();
      this.i += label.length;
      this.skipSpaceAndNewlines();
    }
    const word = this.readWord().toLowerCase();
    const isKw = word && KEYWORDS.has(word) && !/[\w-]/.test(this.peek(word.length) || ' ');
    if (isKw) {
      switch (word) {
        case 'if': return this.parseIf(pos);
        case 'foreach': if (this.isForeachStatement()) return this.parseForeach(pos, label); break;
        case 'for': return this.parseFor(pos, label);
        case 'while': return this.parseWhile(pos, label);
        case 'do': return this.parseDo(pos, label);
        case 'switch': return this.parseSwitch(pos, label);
        case 'function': case 'filter': return this.parseFunction(pos, word === 'filter');
        case 'try': return this.parseTry(pos);
        case 'break': case 'continue': {
          this.i += word.length;
          this.skipSpace();
          const w = this.readWord();
          if (w) this.i += w.length;
          return { kind: word === 'break' ? 'Break' : 'Continue', label: w || undefined, pos };
        }
        case 'return': case 'exit': case 'throw': {
          this.i += word.length;
          this.skipSpace();
          const value = this.atStatementEnd() || this.peek() === '|' ? undefined : this.parsePipeline();
          return { kind: word === 'return' ? 'Return' : word === 'exit' ? 'Exit' : 'Throw', value, pos };
        }
        case 'param':
          throw this.error('The param block must be the first statement of a script or script block.', start);
        case 'else': case 'elseif': case 'catch': case 'finally': case 'until':
          throw this.unexpected();
        default: break;
      }
    }
    if (label) throw this.error(`Unexpected label ':${label}': a label must be followed by a loop.`, start);
    return this.parsePipelineOrAssignment();
  }

  /** `foreach (` is the statement; `foreach {` or `foreach Name` is the ForEach-Object alias. */
  private isForeachStatement(): boolean {
    let j = this.i + 7;
    while (j < this.src.length && /[ \t]/.test(this.src[j])) j++;
    return this.src[j] === '(';
  }

  private parseCondition(keyword: string): PipelineStmt {
    this.skipSpace();
    if (this.peek() !== '(') throw this.incomplete(`Missing '(' after '${keyword}' in ${keyword} statement.`);
    this.i++;
    this.skipSpaceAndNewlines();
    if (this.peek() === ')' || this.peek() === '') throw this.incomplete(`Missing condition in ${keyword} statement after '${keyword} ('.`);
    const cond = this.parsePipeline();
    this.skipSpaceAndNewlines();
    this.expect(')', `Missing closing ')' after expression in '${keyword}' statement.`);
    return cond;
  }

  private parseBraceBlock(missing: string): Statement[] {
    this.skipSpaceAndNewlines();
    if (this.peek() !== '{') throw this.incomplete(missing);
    this.i++;
    const body = this.parseStatements('}');
    this.i++; // '}'
    return body;
  }

  private parseIf(pos: Pos): Statement {
    this.i += 2;
    const clauses: { condition: PipelineStmt; body: Statement[] }[] = [];
    clauses.push({ condition: this.parseCondition('if'), body: this.parseBraceBlock("Missing statement block after if ( condition ).") });
    let elseBody: Statement[] | undefined;
    for (;;) {
      const save = this.i;
      this.skipSpaceAndNewlines();
      if (this.atKeyword('elseif')) {
        this.i += 6;
        clauses.push({ condition: this.parseCondition('elseif'), body: this.parseBraceBlock("Missing statement block after elseif ( condition ).") });
      } else if (this.atKeyword('else')) {
        this.i += 4;
        elseBody = this.parseBraceBlock("Missing statement block after 'else' keyword.");
        break;
      } else {
        this.i = save;
        break;
      }
    }
    return { kind: 'If', clauses, elseBody, pos };
  }

  private parseForeach(pos: Pos, label?: string): Statement {
    this.i += 7;
    this.skipSpace();
    this.expect('(', "Missing opening '(' after keyword 'foreach'.");
    this.skipSpaceAndNewlines();
    if (this.peek() !== '$') throw this.incomplete("Missing variable name after foreach.");
    this.i++;
    const name = this.readVariableName();
    this.skipSpaceAndNewlines();
    if (!this.atKeyword('in')) throw this.incomplete("Missing 'in' after variable in foreach loop.");
    this.i += 2;
    this.skipSpaceAndNewlines();
    const iterable = this.parsePipeline();
    this.skipSpaceAndNewlines();
    this.expect(')', "Missing closing ')' after expression in 'foreach' statement.");
    const body = this.parseBraceBlock("Missing statement body in foreach loop.");
    return { kind: 'Foreach', label, variable: name, iterable, body, pos };
  }

  private parseFor(pos: Pos, label?: string): Statement {
    this.i += 3;
    this.skipSpace();
    this.expect('(', "Missing opening '(' after keyword 'for'.");
    const part = (end: string): Statement | undefined => {
      this.skipSpaceAndNewlines();
      if (this.peek() === end) { this.i++; return undefined; }
      const s = this.parseStatement();
      this.skipSpaceAndNewlines();
      this.expect(end, end === ')' ? "Missing closing ')' after expression in 'for' statement." : "Missing ';' in 'for' statement.");
      return s;
    };
    const init = part(';');
    const condition = part(';');
    const iterator = part(')');
    if (condition && condition.kind !== 'Pipeline') throw this.error('The for loop condition must be an expression.');
    const body = this.parseBraceBlock("Missing statement body in for loop.");
    return { kind: 'For', label, init, condition: condition as PipelineStmt | undefined, iterator, body, pos };
  }

  private parseWhile(pos: Pos, label?: string): Statement {
    this.i += 5;
    const condition = this.parseCondition('while');
    const body = this.parseBraceBlock("Missing statement body in while loop.");
    return { kind: 'While', label, condition, body, pos };
  }

  private parseDo(pos: Pos, label?: string): Statement {
    this.i += 2;
    const body = this.parseBraceBlock("Missing statement body in do loop.");
    this.skipSpaceAndNewlines();
    let until: boolean;
    if (this.atKeyword('while')) { until = false; this.i += 5; }
    else if (this.atKeyword('until')) { until = true; this.i += 5; }
    else throw this.incomplete("Missing while or until keyword in do loop.");
    const condition = this.parseCondition(until ? 'until' : 'while');
    return { kind: 'Do', label, body, until, condition, pos };
  }

  private parseSwitch(pos: Pos, label?: string): Statement {
    this.i += 6;
    let mode: 'exact' | 'wildcard' | 'regex' = 'exact';
    let caseSensitive = false;
    for (;;) {
      this.skipSpace();
      const m = /^-(regex|wildcard|exact|casesensitive)\b/i.exec(this.src.slice(this.i, this.i + 20));
      if (!m) break;
      const opt = m[1].toLowerCase();
      if (opt === 'casesensitive') caseSensitive = true;
      else mode = opt as typeof mode;
      this.i += m[0].length;
    }
    const subject = this.parseCondition('switch');
    this.skipSpaceAndNewlines();
    this.expect('{', "Missing '{' in switch statement.");
    const clauses: { pattern: Expr | 'default'; body: Statement[] }[] = [];
    for (;;) {
      this.skipSpaceAndNewlines();
      while (this.peek() === ';') { this.i++; this.skipSpaceAndNewlines(); }
      if (this.peek() === '}') { this.i++; break; }
      if (this.peek() === '') throw this.incomplete("Missing closing '}' in switch statement.");
      let pattern: Expr | 'default';
      if (this.atKeyword('default')) { this.i += 7; pattern = 'default'; }
      else if (this.peek() === '{') pattern = this.parsePrimary();
      else pattern = this.parseCommandArgItem();
      const body = this.parseBraceBlock("Missing statement block in switch statement clause.");
      clauses.push({ pattern, body });
    }
    return { kind: 'Switch', label, subject, mode, caseSensitive, clauses, pos };
  }

  private parseFunction(pos: Pos, isFilter: boolean): Statement {
    this.i += isFilter ? 6 : 8;
    this.skipSpace();
    const m = /^[^\s(){};|]+/.exec(this.src.slice(this.i));
    if (!m) throw this.incomplete('Missing name after function keyword.');
    const name = m[0];
    this.i += name.length;
    this.skipSpace();
    let params: ParamDecl[] | undefined;
    if (this.peek() === '(') params = this.parseParamList(')');
    this.skipSpaceAndNewlines();
    if (this.peek() !== '{') throw this.incomplete("Missing function body in function declaration.");
    const textStart = this.i + 1;
    this.i++;
    const body = this.parseScriptBlockBody('}', textStart);
    this.i++;
    if (params) { body.params = params; body.hasParamBlock = true; }
    if (isFilter && !body.process) { body.process = body.end; body.end = []; }
    return { kind: 'Function', name, body, pos };
  }

  private parseTry(pos: Pos): Statement {
    this.i += 3;
    const body = this.parseBraceBlock("Missing statement block after 'try'.");
    const catches: { types: string[]; body: Statement[] }[] = [];
    let finallyBody: Statement[] | undefined;
    for (;;) {
      const save = this.i;
      this.skipSpaceAndNewlines();
      if (this.atKeyword('catch')) {
        this.i += 5;
        const types: string[] = [];
        for (;;) {
          this.skipSpace();
          if (this.peek() !== '[') break;
          const end = scan.matchBracket(this.src, this.i);
          if (end < 0) throw this.error("Missing ']' in catch type.");
          types.push(this.src.slice(this.i + 1, end).trim());
          this.i = end + 1;
          this.skipSpace();
          if (this.peek() === ',') { this.i++; this.skipSpaceAndNewlines(); }
        }
        catches.push({ types, body: this.parseBraceBlock("Missing statement block in catch block.") });
      } else if (this.atKeyword('finally')) {
        this.i += 7;
        finallyBody = this.parseBraceBlock("Missing statement block in finally block.");
        break;
      } else {
        this.i = save;
        break;
      }
    }
    if (catches.length === 0 && !finallyBody) throw this.incomplete("The Try statement is missing its Catch or Finally block.");
    return { kind: 'Try', body, catches, finallyBody, pos };
  }

  /** `( [attr] [type] $name = default, ... )` of param blocks and function headers. */
  private parseParamList(closer: ')'): ParamDecl[] {
    this.expect('(', "Missing '(' in parameter list.");
    const out: ParamDecl[] = [];
    let position = 0;
    for (;;) {
      this.skipSpaceAndNewlines();
      if (this.peek() === closer) { this.i++; break; }
      const decl: ParamDecl = { name: '', mandatory: false, fromPipeline: false, fromPipelineByPropertyName: false, aliases: [], pos: this.pos() };
      let explicitPosition: number | undefined;
      while (this.peek() === '[') {
        const end = scan.matchBracket(this.src, this.i);
        if (end < 0) throw this.error("Missing ']' in parameter attribute.");
        const inner = this.src.slice(this.i + 1, end).trim();
        this.i = end + 1;
        this.skipSpaceAndNewlines();
        const attr = /^(\w+)\s*\(([\s\S]*)\)$/.exec(inner);
        if (attr) {
          const kind = attr[1].toLowerCase();
          const args = attr[2];
          if (kind === 'parameter') {
            for (const part of args.split(',')) {
              const [k, v] = part.split('=').map((s) => s.trim());
              const on = v === undefined || /^\$true$/i.test(v) || v === '1';
              switch (k.toLowerCase()) {
                case 'mandatory': decl.mandatory = on; break;
                case 'valuefrompipeline': decl.fromPipeline = on; break;
                case 'valuefrompipelinebypropertyname': decl.fromPipelineByPropertyName = on; break;
                case 'position': explicitPosition = Number(v); break;
                default: break;
              }
            }
          } else if (kind === 'alias') {
            decl.aliases = [...args.matchAll(/['"]([^'"]+)['"]/g)].map((x) => x[1]);
          } else if (kind === 'validateset') {
            decl.validateSet = [...args.matchAll(/['"]([^'"]+)['"]/g)].map((x) => x[1]);
          }
        } else {
          decl.type = inner;
        }
      }
      if (this.peek() !== '$') throw this.incomplete("Missing variable name in parameter list.");
      this.i++;
      decl.name = this.readVariableName();
      this.skipSpaceAndNewlines();
      if (this.peek() === '=') {
        this.i++;
        this.skipSpaceAndNewlines();
        // `param($a = 1, $b)`: the comma ends the default value, it does not build an array
        decl.defaultValue = this.withoutCommas(() => this.parseExpression());
        this.skipSpaceAndNewlines();
      }
      decl.position = explicitPosition ?? (decl.type?.toLowerCase() === 'switch' ? undefined : position++);
      out.push(decl);
      if (this.peek() === ',') { this.i++; continue; }
      this.skipSpaceAndNewlines();
      if (this.peek() !== closer) throw this.incomplete("Missing ')' in function parameter list.");
    }
    return out;
  }

  // ---------- pipelines ----------

  parsePipelineOrAssignment(): Statement {
    const pos = this.pos();
    const first = this.parsePipelineElement(true);
    if (first.kind === 'Expression' && first.redirections.length === 0) {
      this.skipSpace();
      const m = /^(=|\+=|-=|\*=|\/=|%=)(?!=)/.exec(this.src.slice(this.i, this.i + 3));
      if (m && isAssignable(first.expr)) {
        this.i += m[1].length;
        this.skipSpaceAndNewlines();
        if (this.atStatementEnd()) throw this.incomplete(`You must provide a value expression following the '${m[1]}' operator.`);
        const value = this.parseStatement();
        return { kind: 'Assignment', target: first.expr, op: m[1] as '=', value, pos };
      }
    }
    return this.continuePipeline(first, pos);
  }

  parsePipeline(): PipelineStmt {
    const pos = this.pos();
    return this.continuePipeline(this.parsePipelineElement(true), pos);
  }

  private continuePipeline(first: PipelineElement, pos: Pos): PipelineStmt {
    const elements = [first];
    const outer = this.nesting;
    for (;;) {
      this.skipSpace();
      if (this.peek() !== '|' || this.peek(1) === '|') break;
      this.enterNesting(); // each stage runs inside the one before it
      this.i++;
      this.skipSpaceAndNewlines();
      if (this.atStatementEnd() || this.peek() === '|') throw this.incomplete('An empty pipe element is not allowed.', this.i, 'EmptyPipeElement');
      const el = this.parsePipelineElement(false);
      if (el.kind === 'Expression') throw this.error('Expressions are only allowed as the first element of a pipeline.', this.i, 'ExpressionsMustBeFirstInPipeline');
      elements.push(el);
    }
    this.nesting = outer;
    return { kind: 'Pipeline', elements, pos };
  }

  private parsePipelineElement(first: boolean): PipelineElement {
    this.skipSpace();
    const pos = this.pos();
    const c = this.peek();
    if (c === '&' && this.peek(1) !== '&') {
      this.i++;
      this.skipSpace();
      const nameExpr = this.peek() === '{' || this.peek() === '$' || this.peek() === '(' || this.peek() === "'" || this.peek() === '"'
        ? this.parsePostfix(this.parsePrimary())
        : this.parseBareWordExpr();
      return this.parseCommandRest(nameExpr, pos);
    }
    if (this.looksLikeCommand()) {
      const m = /^[^\s|;(){},"'`]+/.exec(this.src.slice(this.i))!;
      this.i += m[0].length;
      return this.parseCommandRest(m[0], pos);
    }
    if (!first && c === '{') {
      // `| { ... }` is an error in PowerShell too
      throw this.error('Expressions are only allowed as the first element of a pipeline.', this.i, 'ExpressionsMustBeFirstInPipeline');
    }
    const expr = this.parseExpression();
    return { kind: 'Expression', expr, redirections: this.parseRedirections(), pos };
  }

  private looksLikeCommand(): boolean {
    const c = this.peek();
    if (/[A-Za-z_\\/]/.test(c)) return true;
    if ((c === '%' || c === '?') && /[\s{]/.test(this.peek(1) || ' ')) return true;
    if (c === '.' && /[\\/]/.test(this.peek(1))) return true;
    return false;
  }

  private parseCommandRest(name: string | Expr, pos: Pos): CommandElement {
    const args: CommandArg[] = [];
    const redirections: Redirection[] = [];
    let endOfParameters = false;
    for (;;) {
      this.skipSpace();
      const c = this.peek();
      if (c === '' || c === '\n' || c === '\r' || c === ';' || c === ')' || c === '}' || (c === '|') || (c === '&' && this.peek(1) === '&')) break;
      const redir = this.tryParseRedirection();
      if (redir) { redirections.push(redir); continue; }
      const argPos = this.pos();
      if (c === '-' && /[A-Za-z_?]/.test(this.peek(1)) && !endOfParameters) {
        const start = this.i;
        const m = /^-([A-Za-z_?][\w?-]*?)(?:(:)|(?=[\s|;(){},]|$))/.exec(this.src.slice(this.i, this.i + 200));
        if (m) {
          this.i += m[0].length;
          const text = this.src.slice(start, this.i);
          if (m[2] === ':') {
            this.skipSpace();
            const value = this.parseCommandArgument();
            args.push({ kind: 'Param', name: m[1], value, pos: argPos, text });
          } else {
            args.push({ kind: 'Param', name: m[1], pos: argPos, text });
          }
          continue;
        }
      }
      if (c === '-' && this.peek(1) === '-' && /[\s]|^$/.test(this.peek(2) || ' ') && !endOfParameters) {
        this.i += 2;
        endOfParameters = true; // `--`: what follows is positional, even `-Name`
        continue;
      }
      args.push({ kind: 'Arg', value: this.parseCommandArgument(), pos: argPos });
    }
    return { kind: 'Command', name, args, redirections, pos };
  }

  private parseRedirections(): Redirection[] {
    const out: Redirection[] = [];
    for (;;) {
      this.skipSpace();
      const r = this.tryParseRedirection();
      if (!r) return out;
      out.push(r);
    }
  }

  private tryParseRedirection(): Redirection | undefined {
    const m = /^([123*])?(>>?)(&1)?/.exec(this.src.slice(this.i, this.i + 4));
    if (!m || (m[1] === undefined && this.peek() !== '>')) return undefined;
    this.i += m[0].length;
    const stream = (m[1] ?? '1') as Redirection['stream'];
    if (m[3]) return { stream, append: false, target: 'merge' };
    this.skipSpace();
    if (this.atStatementEnd()) throw this.incomplete('Missing file specification after redirection operator.');
    return { stream, append: m[2] === '>>', target: this.parseCommandArgItem() };
  }

  /** A command argument: one item, or several joined by commas into an array. */
  private parseCommandArgument(): Expr {
    const pos = this.pos();
    const items = [this.parseCommandArgItem()];
    for (;;) {
      const save = this.i;
      this.skipSpace();
      if (this.peek() !== ',') { this.i = save; break; }
      this.i++;
      this.skipSpaceAndNewlines();
      items.push(this.parseCommandArgItem());
    }
    return items.length === 1 ? items[0] : { kind: 'ArrayLiteral', items, pos };
  }

  parseCommandArgItem(): Expr {
    const pos = this.pos();
    const c = this.peek();
    // `[` is not here: in command mode `[abc]` and `[int]5` are bare words, as in pwsh
    if ('$(@\'"{'.includes(c) && c !== '') {
      const expr = this.withoutCommas(() => this.parseUnary());
      // `$env:TEMP\out.csv`: an expression glued to more text is one expandable word
      if (!scan.isArgDelimiter(this.peek())) {
        const rest = this.parseBareWordExpr();
        return { kind: 'Expandable', parts: [expr, ...(rest.kind === 'Expandable' ? rest.parts : [(rest as { value: string }).value])], pos };
      }
      return expr;
    }
    if (/[0-9]/.test(c) || ((c === '-' || c === '+' || c === '.') && /[0-9]/.test(this.peek(1)))) {
      const num = scan.scanNumber(this.src, this.i);
      // In command mode `2d` stays a word (a duration for -Advance, say), not the decimal 2.
      if (num && !num.typeSuffix && scan.isArgDelimiter(this.src[num.end] ?? '')) {
        this.i = num.end;
        return { kind: 'Literal', value: num.value, pos };
      }
    }
    return this.parseBareWordExpr();
  }

  /** A bare word in command mode; `$var` inside it expands like in a double-quoted string. */
  private parseBareWordExpr(): Expr {
    const pos = this.pos();
    const parts: (string | Expr)[] = [];
    let text = '';
    while (this.i < this.src.length) {
      const c = this.peek();
      if (scan.isArgDelimiter(c)) break;
      if (c === '`' && this.i + 1 < this.src.length) {
        const n = this.peek(1);
        if (n === '\n' || n === '\r') break;
        text += scan.escapeChar(n);
        this.i += 2;
        continue;
      }
      if (c === '$' && /[\w{(:]/.test(this.peek(1))) {
        if (text) { parts.push(text); text = ''; }
        parts.push(this.parseStringVariable());
        continue;
      }
      if (c === "'" || c === '"') {
        const e = this.parsePrimary();
        if (e.kind === 'Literal') text += String(e.value);
        else { if (text) { parts.push(text); text = ''; } parts.push(e); }
        continue;
      }
      text += c;
      this.i++;
    }
    if (text) parts.push(text);
    if (parts.length === 0) throw this.unexpected();
    if (parts.length === 1 && typeof parts[0] === 'string') return { kind: 'Literal', value: parts[0], pos };
    return { kind: 'Expandable', parts, pos };
  }

  // ---------- expressions ----------

  parseExpression(): Expr {
    return this.parseBinary(0);
  }

  /** Binary levels from loosest to tightest; comparison operators share one level. */
  private static readonly LEVELS: ((op: string) => boolean)[] = [
    (op) => op === '-and' || op === '-or' || op === '-xor',
    (op) => op === '-band' || op === '-bor' || op === '-bxor',
    (op) => /^-[ci]?(eq|ne|gt|ge|lt|le|like|notlike|match|notmatch|contains|notcontains|in|notin|replace|split)$|^-(is|isnot|as|join|shl|shr)$/.test(op),
    (op) => op === '+' || op === '-',
    (op) => op === '*' || op === '/' || op === '%',
    (op) => op === '-f',
  ];

  /**
   * Precedence climbing: one loop per call instead of one call per level, so that each nested
   * bracket costs a few stack frames rather than one for every operator level.
   */
  private parseBinary(minLevel: number): Expr {
    let left = this.parseRange();
    const outer = this.nesting;
    for (;;) {
      const save = this.i;
      this.skipSpace();
      const op = this.peekBinaryOperator();
      const level = op ? Parser.LEVELS.findIndex((inLevel) => inLevel(op.op)) : -1;
      if (!op || level < minLevel) { this.i = save; this.nesting = outer; return left; }
      this.enterNesting(); // `1 + 1 + ...` is a tree as deep as the chain is long
      const pos = this.pos();
      this.i += op.len;
      this.skipSpaceAndNewlines();
      if (this.atStatementEnd() || this.peek() === '|') throw this.incomplete(`You must provide a value expression following the '${op.text}' operator.`, this.i, 'ExpectedValueExpression');
      const right = this.parseBinary(level + 1);
      left = { kind: 'Binary', op: op.op, left, right, pos };
    }
  }

  private peekBinaryOperator(): { op: string; len: number; text: string } | undefined {
    const c = this.peek();
    if (c === '-') {
      const m = DASH_OP.exec(this.src.slice(this.i, this.i + 16));
      if (m) {
        const text = m[0];
        let op = text.toLowerCase();
        if (op === '-not' || op === '-bnot') return undefined; // unary only
        // -ieq is -eq; -ceq stays distinct
        op = op.replace(/^-i(?=eq|ne|gt|ge|lt|le|like|notlike|match|notmatch|contains|notcontains|in|notin|replace|split)/, '-');
        return { op, len: text.length, text };
      }
      if (this.peek(1) === '=' || this.peek(1) === '-') return undefined;
      return { op: '-', len: 1, text: '-' };
    }
    if (c === '+' && this.peek(1) !== '=' && this.peek(1) !== '+') return { op: '+', len: 1, text: '+' };
    if ((c === '*' || c === '/' || c === '%') && this.peek(1) !== '=') return { op: c, len: 1, text: c };
    return undefined;
  }

  private parseRange(): Expr {
    const left = this.parseComma();
    const save = this.i;
    this.skipSpace();
    if (this.startsWith('..')) {
      const pos = this.pos();
      this.i += 2;
      this.skipSpace();
      const right = this.parseComma();
      return { kind: 'Binary', op: '..', left, right, pos };
    }
    this.i = save;
    return left;
  }

  private parseComma(): Expr {
    const first = this.parseUnary();
    if (this.noComma > 0) return first;
    const items = [first];
    for (;;) {
      const save = this.i;
      this.skipSpace();
      if (this.peek() !== ',') { this.i = save; break; }
      this.i++;
      this.skipSpaceAndNewlines();
      items.push(this.parseUnary());
    }
    return items.length === 1 ? first : { kind: 'ArrayLiteral', items, pos: first.pos };
  }

  parseUnary(): Expr {
    this.enterNesting();
    const operand = this.parseUnaryOperand();
    this.nesting--;
    return operand;
  }

  private parseUnaryOperand(): Expr {
    this.skipSpace();
    const pos = this.pos();
    const c = this.peek();
    const m = /^-(not|bnot|join|split)(?![\w-])/i.exec(this.src.slice(this.i, this.i + 8));
    if (m) {
      this.i += m[0].length;
      this.skipSpaceAndNewlines();
      if (this.atStatementEnd()) throw this.incomplete(`Missing expression after unary operator '${m[0]}'.`);
      return { kind: 'Unary', op: '-' + m[1].toLowerCase(), operand: this.parseUnary(), pos };
    }
    if (c === '!') {
      this.i++;
      this.skipSpace();
      if (this.atStatementEnd()) throw this.incomplete("Missing expression after unary operator '!'.");
      return { kind: 'Unary', op: '-not', operand: this.parseUnary(), pos };
    }
    if ((c === '+' || c === '-') && this.peek(1) === c) {
      this.i += 2;
      return { kind: 'Unary', op: c + c, operand: this.parseUnary(), pos };
    }
    if (c === '-' || c === '+') {
      if (/[0-9.]/.test(this.peek(1))) {
        const num = scan.scanNumber(this.src, this.i);
        if (num) { this.i = num.end; return this.parsePostfix({ kind: 'Literal', value: num.value, pos }); }
      }
      this.i++;
      this.skipSpace();
      if (this.atStatementEnd()) throw this.incomplete(`Missing expression after unary operator '${c}'.`);
      return { kind: 'Unary', op: c, operand: this.parseUnary(), pos };
    }
    if (c === ',') {
      this.i++;
      this.skipSpace();
      return { kind: 'ArrayLiteral', items: [this.parseUnary()], pos };
    }
    if (c === '[') {
      const end = scan.matchBracket(this.src, this.i);
      if (end < 0) throw this.error("Missing ']' after type name.", this.i, 'EndSquareBracketExpectedAtEndOfType');
      const type = this.src.slice(this.i + 1, end).trim();
      if (!/^[\w.[\], `]+$/.test(type)) throw this.error(`Unexpected token '${type}' in type name.`);
      this.i = end + 1;
      if (this.startsWith('::')) return this.parsePostfix({ kind: 'TypeLiteral', type, pos });
      const save = this.i;
      this.skipSpace();
      const n = this.peek();
      if (n && ('$(@\'"[{'.includes(n) || /[0-9]/.test(n) || (n === '-' && /[0-9]/.test(this.peek(1))))) {
        return { kind: 'Cast', type, operand: this.parseUnary(), pos };
      }
      this.i = save;
      return this.parsePostfix({ kind: 'TypeLiteral', type, pos });
    }
    const primary = this.parsePrimary();
    const post = this.parsePostfix(primary);
    if ((this.startsWith('++') || this.startsWith('--')) && post.kind === 'Variable') {
      const op = this.src.slice(this.i, this.i + 2) as '++' | '--';
      this.i += 2;
      return { kind: 'Postfix', op, operand: post, pos };
    }
    return post;
  }

  private parsePostfix(target: Expr): Expr {
    const outer = this.nesting;
    for (;;) {
      const c = this.peek();
      const pos = this.pos();
      if ((c === '.' && this.peek(1) !== '.') || (c === ':' && this.peek(1) === ':')) {
        const isStatic = c === ':';
        const afterDot = this.i + (isStatic ? 2 : 1);
        const n = this.src[afterDot] ?? '';
        if (!/[\w$'"(]/.test(n)) {
          if (isStatic) throw this.error('Missing property name after reference operator.');
          this.nesting = outer;
          return target;
        }
        this.enterNesting(); // `$a.b.c...` is a tree as deep as the chain is long
        this.i = afterDot;
        let name: Expr;
        if (/\w/.test(n)) {
          const w = /^\w+/.exec(this.src.slice(this.i))![0];
          this.i += w.length;
          name = { kind: 'Literal', value: w, pos };
        } else {
          name = this.parsePrimary();
        }
        if (this.peek() === '(') {
          this.i++;
          const args: Expr[] = [];
          this.withoutCommas(() => {
            this.skipSpaceAndNewlines();
            while (this.peek() !== ')') {
              args.push(this.parseExpression());
              this.skipSpaceAndNewlines();
              if (this.peek() === ',') { this.i++; this.skipSpaceAndNewlines(); continue; }
              if (this.peek() !== ')') throw this.incomplete("Missing ')' in method call.", this.i, 'MissingEndParenthesisInMethodCall');
            }
          });
          this.i++;
          target = { kind: 'Invoke', target, name, args, isStatic, pos };
        } else {
          target = { kind: 'Member', target, name, isStatic, pos };
        }
        continue;
      }
      if (c === '[') {
        this.enterNesting();
        this.i++;
        this.skipSpaceAndNewlines();
        const index = this.withCommas(() => this.parseExpression());
        this.skipSpaceAndNewlines();
        this.expect(']', "Missing ']' after array index expression.");
        target = { kind: 'Index', target, index, pos };
        continue;
      }
      this.nesting = outer;
      return target;
    }
  }

  parsePrimary(): Expr {
    const pos = this.pos();
    const c = this.peek();
    if (c === '$') {
      if (this.peek(1) === '(') {
        this.i += 2;
        const statements = this.parseStatements(')');
        this.i++;
        return { kind: 'SubExpr', statements, pos };
      }
      this.i++;
      const name = this.readVariableName();
      return { kind: 'Variable', name, pos };
    }
    if (c === '@') {
      const n = this.peek(1);
      if (n === '(') {
        this.i += 2;
        const statements = this.parseStatements(')');
        this.i++;
        return { kind: 'ArrayExpr', statements, pos };
      }
      if (n === '{') return this.parseHashtable();
      if (n === "'" || n === '"') return this.parseHereString();
      if (/[A-Za-z_]/.test(n)) {
        this.i++;
        return { kind: 'Variable', name: this.readVariableName(), splat: true, pos };
      }
      throw this.unexpected();
    }
    if (c === "'") {
      const s = scan.scanSingleQuoted(this.src, this.i);
      if (!s) throw this.incomplete("The string is missing the terminator: '.", this.i, 'TerminatorExpectedAtEndOfString', true);
      this.i = s.end;
      return { kind: 'Literal', value: s.value, pos };
    }
    if (c === '"') return this.parseDoubleQuoted();
    if (c === '(') {
      this.i++;
      this.skipSpaceAndNewlines();
      if (this.peek() === ')') throw this.error('An expression was expected after \'(\'.', this.i, 'ExpectedExpression');
      const statement = this.parseStatement();
      this.skipSpaceAndNewlines();
      this.expect(')', "Missing closing ')' in expression.");
      return { kind: 'Paren', statement, pos };
    }
    if (c === '{') {
      const textStart = this.i + 1;
      this.i++;
      const block = this.parseScriptBlockBody('}', textStart);
      this.i++;
      return { kind: 'ScriptBlock', block, pos };
    }
    if (/[0-9.]/.test(c)) {
      const num = scan.scanNumber(this.src, this.i);
      if (num && !/[\w]/.test(this.src[num.end] ?? '')) {
        this.i = num.end;
        return { kind: 'Literal', value: num.value, pos };
      }
    }
    throw this.unexpected();
  }

  private readVariableName(): string {
    if (this.peek() === '{') {
      const end = this.src.indexOf('}', this.i);
      if (end < 0) throw this.incomplete("Missing '}' in variable reference.", this.i, 'ParseError', true);
      const name = this.src.slice(this.i + 1, end);
      this.i = end + 1;
      return name;
    }
    const m = /^(?:[A-Za-z_][\w]*:(?=[\w])[\w]+|[\w]+|[?$^_])/.exec(this.src.slice(this.i, this.i + 256));
    if (!m) throw this.error('Variable reference is not valid. \'$\' was not followed by a valid variable name character.', this.i - 1, 'InvalidVariableReference');
    this.i += m[0].length;
    return m[0];
  }

  private parseHashtable(): Expr {
    const pos = this.pos();
    this.i += 2;
    const entries: { key: Expr; value: Statement }[] = [];
    for (;;) {
      this.skipSpaceAndNewlines();
      while (this.peek() === ';') { this.i++; this.skipSpaceAndNewlines(); }
      if (this.peek() === '}') { this.i++; break; }
      if (this.peek() === '') throw this.incomplete("Missing closing '}' in hash literal.", this.i, 'MissingEndCurlyBrace');
      let key: Expr;
      const kpos = this.pos();
      const w = /^[A-Za-z_][\w-]*/.exec(this.src.slice(this.i, this.i + 256));
      if (w) {
        this.i += w[0].length;
        key = { kind: 'Literal', value: w[0], pos: kpos };
      } else {
        key = this.withoutCommas(() => this.parseUnary());
      }
      this.skipSpace();
      if (this.peek() !== '=') throw this.incomplete("Missing '=' operator after key in hash literal.", this.i, 'MissingEqualsInHashLiteral');
      this.i++;
      this.skipSpaceAndNewlines();
      if (this.peek() === '}' || this.peek() === ';') throw this.error('Missing statement after \'=\' in hash literal.', this.i, 'MissingStatementInHashLiteral');
      const value = this.parseStatement();
      entries.push({ key, value });
      this.skipSpace();
      const n = this.peek();
      if (n !== ';' && n !== '\n' && n !== '\r' && n !== '}') throw this.incomplete("Missing closing '}' in hash literal.", this.i, 'MissingEndCurlyBrace');
    }
    return { kind: 'Hashtable', entries, pos };
  }

  private parseHereString(): Expr {
    const pos = this.pos();
    const quote = this.peek(1);
    const bodyStart = this.src.indexOf('\n', this.i) + 1;
    const header = this.src.slice(this.i + 2, bodyStart > 0 ? bodyStart : undefined);
    const noHeaderEnd = 'No characters are allowed after a here-string header but before the end of the line.';
    if (header.trim() !== '') throw this.error(noHeaderEnd);
    // `@"` at the very end: the header's line has not ended yet
    if (bodyStart <= 0) throw this.incomplete(noHeaderEnd, this.i, 'ParseError', true);
    const closeRe = new RegExp(`\\r?\\n${quote}@`, 'g');
    closeRe.lastIndex = bodyStart - 1;
    const m = closeRe.exec(this.src);
    if (!m) throw this.incomplete(`The string is missing the terminator: ${quote}@.`, this.i, 'TerminatorExpectedAtEndOfString', true);
    const content = this.src.slice(bodyStart, m.index);
    const end = m.index + m[0].length;
    if (quote === "'") {
      this.i = end;
      return { kind: 'Literal', value: content, pos };
    }
    const parts = this.parseExpandableContent(bodyStart, m.index, false);
    this.i = end;
    return parts.length === 1 && typeof parts[0] === 'string' ? { kind: 'Literal', value: parts[0], pos } : { kind: 'Expandable', parts: parts.length ? parts : [''], pos };
  }

  private parseDoubleQuoted(): Expr {
    const pos = this.pos();
    const end = scan.findDoubleQuoteEnd(this.src, this.i);
    if (end < 0) throw this.incomplete('The string is missing the terminator: ".', this.i, 'TerminatorExpectedAtEndOfString', true);
    const parts = this.parseExpandableContent(this.i + 1, end, true);
    this.i = end + 1;
    if (parts.length === 0) return { kind: 'Literal', value: '', pos };
    if (parts.length === 1 && typeof parts[0] === 'string') return { kind: 'Literal', value: parts[0], pos };
    return { kind: 'Expandable', parts, pos };
  }

  /** Text with `$var`, `$(...)` and backtick escapes, from `start` to `end` (exclusive). */
  private parseExpandableContent(start: number, end: number, doubledQuotes: boolean): (string | Expr)[] {
    const parts: (string | Expr)[] = [];
    let text = '';
    this.i = start;
    while (this.i < end) {
      const c = this.src[this.i];
      const unicode = c === '`' ? /^`u\{([0-9a-fA-F]{1,6})\}/.exec(this.src.slice(this.i, Math.min(end, this.i + 10))) : null;
      if (unicode && parseInt(unicode[1], 16) <= 0x10ffff) {
        text += String.fromCodePoint(parseInt(unicode[1], 16)); // `u{1F600}
        this.i += unicode[0].length;
        continue;
      }
      if (c === '`' && this.i + 1 < end) {
        text += scan.escapeChar(this.src[this.i + 1]);
        this.i += 2;
        continue;
      }
      if (doubledQuotes && c === '"' && this.src[this.i + 1] === '"') {
        text += '"';
        this.i += 2;
        continue;
      }
      if (c === '$' && this.i + 1 < end && /[\w{(?_$^]/.test(this.src[this.i + 1]) && !(this.src[this.i + 1] === '(' && false)) {
        if (text) { parts.push(text); text = ''; }
        parts.push(this.parseStringVariable());
        continue;
      }
      text += c;
      this.i++;
    }
    if (text) parts.push(text);
    return parts;
  }

  /** `$name`, `${name}`, `$env:X` or `$( ... )` inside a string or bare word: no member access. */
  private parseStringVariable(): Expr {
    const pos = this.pos();
    if (this.peek(1) === '(') {
      this.i += 2;
      const statements = this.parseStatements(')');
      this.i++;
      return { kind: 'SubExpr', statements, pos };
    }
    this.i++;
    return { kind: 'Variable', name: this.readVariableName(), pos };
  }
}

function isAssignable(e: Expr): boolean {
  if (e.kind === 'Variable' || e.kind === 'Member' || e.kind === 'Index') return true;
  if (e.kind === 'Cast') return e.operand.kind === 'Variable';
  if (e.kind === 'ArrayLiteral') return e.items.every((x) => x.kind === 'Variable');
  return false;
}
