// Pipelines and commands (PowerShell's command mode): assignments, pipeline elements,
// command names, parameters, arguments as bare words, and redirections.

import type { CommandArg, CommandElement, Expr, PipelineElement, PipelineStmt, Pos, Redirection, Statement } from '../ast.js';
import * as scan from '../scanner.js';
import { ExpressionParser } from './expressions.js';
import type { TokenKind } from './tokens.js';

export abstract class CommandParser extends ExpressionParser {
  // ---------- pipelines ----------

  parsePipelineOrAssignment(): Statement {
    const pos = this.pos();
    const first = this.parsePipelineElement(true);
    if (first.kind === 'Expression' && first.redirections.length === 0) {
      this.skipSpace();
      const m = /^(=|\+=|-=|\*=|\/=|%=)(?!=)/.exec(this.src.slice(this.i, this.i + 3));
      if (m && isAssignable(first.expr)) {
        this.consume('operator', m[1].length);
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

  protected continuePipeline(first: PipelineElement, pos: Pos): PipelineStmt {
    const elements = [first];
    const outer = this.nesting;
    for (;;) {
      this.skipSpace();
      if (this.peek() !== '|' || this.peek(1) === '|') break;
      this.enterNesting(); // each stage runs inside the one before it
      this.consume('operator');
      this.skipSpaceAndNewlines();
      if (this.atStatementEnd() || this.peek() === '|') throw this.incomplete('An empty pipe element is not allowed.', this.i, 'EmptyPipeElement');
      const el = this.parsePipelineElement(false);
      if (el.kind === 'Expression') throw this.error('Expressions are only allowed as the first element of a pipeline.', this.i, 'ExpressionsMustBeFirstInPipeline');
      elements.push(el);
    }
    this.nesting = outer;
    return { kind: 'Pipeline', elements, pos };
  }

  protected parsePipelineElement(first: boolean): PipelineElement {
    this.skipSpace();
    const pos = this.pos();
    const c = this.peek();
    if (c === '&' && this.peek(1) !== '&') {
      this.consume('operator');
      this.skipSpace();
      const nameExpr =
        this.peek() === '{' || this.peek() === '$' || this.peek() === '(' || this.peek() === "'" || this.peek() === '"' ? this.parsePostfix(this.parsePrimary()) : this.parseBareWordExpr('command');
      return this.parseCommandRest(nameExpr, pos);
    }
    if (this.looksLikeCommand()) {
      const m = /^[^\s|;(){},"'`]+/.exec(this.src.slice(this.i))!;
      this.consume('command', m[0].length);
      return this.parseCommandRest(m[0], pos);
    }
    if (!first && c === '{') {
      // `| { ... }` is an error in PowerShell too
      throw this.error('Expressions are only allowed as the first element of a pipeline.', this.i, 'ExpressionsMustBeFirstInPipeline');
    }
    const expr = this.parseExpression();
    return { kind: 'Expression', expr, redirections: this.parseRedirections(), pos };
  }

  protected looksLikeCommand(): boolean {
    const c = this.peek();
    if (/[A-Za-z_\\/]/.test(c)) return true;
    if ((c === '%' || c === '?') && /[\s{]/.test(this.peek(1) || ' ')) return true;
    if (c === '.' && /[\\/]/.test(this.peek(1))) return true;
    return false;
  }

  protected parseCommandRest(name: string | Expr, pos: Pos): CommandElement {
    const args: CommandArg[] = [];
    const redirections: Redirection[] = [];
    let endOfParameters = false;
    for (;;) {
      this.skipSpace();
      const c = this.peek();
      if (c === '' || c === '\n' || c === '\r' || c === ';' || c === ')' || c === '}' || c === '|' || (c === '&' && this.peek(1) === '&')) break;
      const redir = this.tryParseRedirection();
      if (redir) {
        redirections.push(redir);
        continue;
      }
      const argPos = this.pos();
      if (c === '-' && /[A-Za-z_?]/.test(this.peek(1)) && !endOfParameters) {
        const start = this.i;
        const m = /^-([A-Za-z_?][\w?-]*?)(?:(:)|(?=[\s|;(){},]|$))/.exec(this.src.slice(this.i, this.i + 200));
        if (m) {
          this.consume('parameter', m[0].length);
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
        this.consume('operator', 2);
        endOfParameters = true; // `--`: what follows is positional, even `-Name`
        continue;
      }
      args.push({ kind: 'Arg', value: this.parseCommandArgument(), pos: argPos });
    }
    return { kind: 'Command', name, args, redirections, pos };
  }

  protected parseRedirections(): Redirection[] {
    const out: Redirection[] = [];
    for (;;) {
      this.skipSpace();
      const r = this.tryParseRedirection();
      if (!r) return out;
      out.push(r);
    }
  }

  protected tryParseRedirection(): Redirection | undefined {
    const m = /^([123*])?(>>?)(&1)?/.exec(this.src.slice(this.i, this.i + 4));
    if (!m || (m[1] === undefined && this.peek() !== '>')) return undefined;
    this.consume('operator', m[0].length);
    const stream = (m[1] ?? '1') as Redirection['stream'];
    if (m[3]) return { stream, append: false, target: 'merge' };
    this.skipSpace();
    if (this.atStatementEnd()) throw this.incomplete('Missing file specification after redirection operator.');
    return { stream, append: m[2] === '>>', target: this.parseCommandArgItem() };
  }

  /** A command argument: one item, or several joined by commas into an array. */
  protected parseCommandArgument(): Expr {
    const pos = this.pos();
    const items = [this.parseCommandArgItem()];
    for (;;) {
      const save = this.i;
      this.skipSpace();
      if (this.peek() !== ',') {
        this.i = save;
        break;
      }
      this.consume('operator');
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
        this.consume('number', num.end - this.i);
        return { kind: 'Literal', value: num.value, pos };
      }
    }
    return this.parseBareWordExpr();
  }

  /** A bare word in command mode; `$var` inside it expands like in a double-quoted string. */
  protected parseBareWordExpr(kind: TokenKind = 'argument'): Expr {
    const pos = this.pos();
    const start = this.i;
    const mark = this.tokenMark();
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
        if (text) {
          parts.push(text);
          text = '';
        }
        parts.push(this.parseStringVariable());
        continue;
      }
      if (c === "'" || c === '"') {
        const e = this.parsePrimary();
        if (e.kind === 'Literal') text += String(e.value);
        else {
          if (text) {
            parts.push(text);
            text = '';
          }
          parts.push(e);
        }
        continue;
      }
      text += c;
      this.i++;
    }
    if (text) parts.push(text);
    if (parts.length === 0) throw this.unexpected();
    this.tokenWithNested(kind, start, mark);
    if (parts.length === 1 && typeof parts[0] === 'string') return { kind: 'Literal', value: parts[0], pos };
    return { kind: 'Expandable', parts, pos };
  }
}

function isAssignable(e: Expr): boolean {
  if (e.kind === 'Variable' || e.kind === 'Member' || e.kind === 'Index') return true;
  if (e.kind === 'Cast') return e.operand.kind === 'Variable';
  if (e.kind === 'ArrayLiteral') return e.items.every((x) => x.kind === 'Variable');
  return false;
}
