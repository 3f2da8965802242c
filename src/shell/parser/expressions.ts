// Expressions (PowerShell's expression mode): binary operators by precedence, ranges,
// commas, unary operators, casts and type literals, member access, method calls and
// indexes, primaries (variables, sub-expressions, parentheses, script blocks, numbers)
// and hashtables.

import type { Expr, Statement } from '../ast.js';
import * as scan from '../scanner.js';
import { StringParser } from './strings.js';

const COMPARISON_OPS = ['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'like', 'notlike', 'match', 'notmatch', 'contains', 'notcontains', 'in', 'notin', 'replace', 'split', 'join', 'is', 'isnot', 'as'];
const DASH_OP = new RegExp(
  `^-(?:(?:[ci]?(?:${COMPARISON_OPS.filter((o) => !['is', 'isnot', 'as', 'join'].includes(o)).join('|')}))|is|isnot|as|join|and|or|xor|not|band|bor|bxor|bnot|f|shl|shr)(?![\\w-])`,
  'i',
);

/** Binary levels from loosest to tightest; comparison operators share one level. */
const LEVELS: ((op: string) => boolean)[] = [
  (op) => op === '-and' || op === '-or' || op === '-xor',
  (op) => op === '-band' || op === '-bor' || op === '-bxor',
  (op) => /^-[ci]?(eq|ne|gt|ge|lt|le|like|notlike|match|notmatch|contains|notcontains|in|notin|replace|split)$|^-(is|isnot|as|join|shl|shr)$/.test(op),
  (op) => op === '+' || op === '-',
  (op) => op === '*' || op === '/' || op === '%',
  (op) => op === '-f',
];

export abstract class ExpressionParser extends StringParser {
  // ---------- expressions ----------

  parseExpression(): Expr {
    return this.parseBinary(0);
  }

  /**
   * Precedence climbing: one loop per call instead of one call per level, so that each nested
   * bracket costs a few stack frames rather than one for every operator level.
   */
  protected parseBinary(minLevel: number): Expr {
    let left = this.parseRange();
    const outer = this.nesting;
    for (;;) {
      const save = this.i;
      this.skipSpace();
      const op = this.peekBinaryOperator();
      const level = op ? LEVELS.findIndex((inLevel) => inLevel(op.op)) : -1;
      if (!op || level < minLevel) {
        this.i = save;
        this.nesting = outer;
        return left;
      }
      this.enterNesting(); // `1 + 1 + ...` is a tree as deep as the chain is long
      const pos = this.pos();
      this.consume('operator', op.len);
      this.skipSpaceAndNewlines();
      if (this.atStatementEnd() || this.peek() === '|') throw this.incomplete(`You must provide a value expression following the '${op.text}' operator.`, this.i, 'ExpectedValueExpression');
      const right = this.parseBinary(level + 1);
      left = { kind: 'Binary', op: op.op, left, right, pos };
    }
  }

  protected peekBinaryOperator(): { op: string; len: number; text: string } | undefined {
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

  protected parseRange(): Expr {
    const left = this.parseComma();
    const save = this.i;
    this.skipSpace();
    if (this.startsWith('..')) {
      const pos = this.pos();
      this.consume('operator', 2);
      this.skipSpace();
      const right = this.parseComma();
      return { kind: 'Binary', op: '..', left, right, pos };
    }
    this.i = save;
    return left;
  }

  protected parseComma(): Expr {
    const first = this.parseUnary();
    if (this.noComma > 0) return first;
    const items = [first];
    for (;;) {
      const save = this.i;
      this.skipSpace();
      if (this.peek() !== ',') {
        this.i = save;
        break;
      }
      this.consume('operator');
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

  protected parseUnaryOperand(): Expr {
    this.skipSpace();
    const pos = this.pos();
    const c = this.peek();
    const m = /^-(not|bnot|join|split)(?![\w-])/i.exec(this.src.slice(this.i, this.i + 8));
    if (m) {
      this.consume('operator', m[0].length);
      this.skipSpaceAndNewlines();
      if (this.atStatementEnd()) throw this.incomplete(`Missing expression after unary operator '${m[0]}'.`);
      return { kind: 'Unary', op: '-' + m[1].toLowerCase(), operand: this.parseUnary(), pos };
    }
    if (c === '!') {
      this.consume('operator');
      this.skipSpace();
      if (this.atStatementEnd()) throw this.incomplete("Missing expression after unary operator '!'.");
      return { kind: 'Unary', op: '-not', operand: this.parseUnary(), pos };
    }
    if ((c === '+' || c === '-') && this.peek(1) === c) {
      this.consume('operator', 2);
      return { kind: 'Unary', op: c + c, operand: this.parseUnary(), pos };
    }
    if (c === '-' || c === '+') {
      if (/[0-9.]/.test(this.peek(1))) {
        const num = scan.scanNumber(this.src, this.i);
        if (num) {
          this.consume('number', num.end - this.i);
          return this.parsePostfix({ kind: 'Literal', value: num.value, pos });
        }
      }
      this.consume('operator');
      this.skipSpace();
      if (this.atStatementEnd()) throw this.incomplete(`Missing expression after unary operator '${c}'.`);
      return { kind: 'Unary', op: c, operand: this.parseUnary(), pos };
    }
    if (c === ',') {
      this.consume('operator');
      this.skipSpace();
      return { kind: 'ArrayLiteral', items: [this.parseUnary()], pos };
    }
    if (c === '[') {
      const end = scan.matchBracket(this.src, this.i);
      if (end < 0) throw this.error("Missing ']' after type name.", this.i, 'EndSquareBracketExpectedAtEndOfType');
      const type = this.src.slice(this.i + 1, end).trim();
      if (!/^[\w.[\], `]+$/.test(type)) throw this.error(`Unexpected token '${type}' in type name.`);
      this.consume('type', end + 1 - this.i);
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
      this.consume('operator', 2);
      return { kind: 'Postfix', op, operand: post, pos };
    }
    return post;
  }

  protected parsePostfix(target: Expr): Expr {
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
        this.consume('operator', afterDot - this.i);
        let name: Expr;
        if (/\w/.test(n)) {
          const w = /^\w+/.exec(this.src.slice(this.i))![0];
          this.consume('member', w.length);
          name = { kind: 'Literal', value: w, pos };
        } else {
          name = this.parsePrimary();
        }
        if (this.peek() === '(') {
          this.consume('punctuation');
          const args: Expr[] = [];
          this.withoutCommas(() => {
            this.skipSpaceAndNewlines();
            while (this.peek() !== ')') {
              args.push(this.parseExpression());
              this.skipSpaceAndNewlines();
              if (this.peek() === ',') {
                this.consume('operator');
                this.skipSpaceAndNewlines();
                continue;
              }
              if (this.peek() !== ')') throw this.incomplete("Missing ')' in method call.", this.i, 'MissingEndParenthesisInMethodCall');
            }
          });
          this.consume('punctuation');
          target = { kind: 'Invoke', target, name, args, isStatic, pos };
        } else {
          target = { kind: 'Member', target, name, isStatic, pos };
        }
        continue;
      }
      if (c === '[') {
        this.enterNesting();
        this.consume('punctuation');
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
        this.consume('punctuation', 2);
        const statements = this.parseStatements(')');
        this.consume('punctuation');
        return { kind: 'SubExpr', statements, pos };
      }
      return this.parseVariable(false);
    }
    if (c === '@') {
      const n = this.peek(1);
      if (n === '(') {
        this.consume('punctuation', 2);
        const statements = this.parseStatements(')');
        this.consume('punctuation');
        return { kind: 'ArrayExpr', statements, pos };
      }
      if (n === '{') return this.parseHashtable();
      if (n === "'" || n === '"') return this.parseHereString();
      if (/[A-Za-z_]/.test(n)) {
        return this.parseVariable(true);
      }
      throw this.unexpected();
    }
    if (c === "'") {
      const s = scan.scanSingleQuoted(this.src, this.i);
      if (!s) throw this.incomplete("The string is missing the terminator: '.", this.i, 'TerminatorExpectedAtEndOfString', true);
      this.consume('string', s.end - this.i);
      return { kind: 'Literal', value: s.value, pos };
    }
    if (c === '"') return this.parseDoubleQuoted();
    if (c === '(') {
      this.consume('punctuation');
      this.skipSpaceAndNewlines();
      if (this.peek() === ')') throw this.error("An expression was expected after '('.", this.i, 'ExpectedExpression');
      const statement = this.parseStatement();
      this.skipSpaceAndNewlines();
      this.expect(')', "Missing closing ')' in expression.");
      return { kind: 'Paren', statement, pos };
    }
    if (c === '{') {
      const textStart = this.i + 1;
      this.consume('punctuation');
      const block = this.parseScriptBlockBody('}', textStart);
      this.consume('punctuation');
      return { kind: 'ScriptBlock', block, pos };
    }
    if (/[0-9.]/.test(c)) {
      const num = scan.scanNumber(this.src, this.i);
      if (num && !/[\w]/.test(this.src[num.end] ?? '')) {
        this.consume('number', num.end - this.i);
        return { kind: 'Literal', value: num.value, pos };
      }
    }
    throw this.unexpected();
  }

  protected parseHashtable(): Expr {
    const pos = this.pos();
    this.consume('punctuation', 2);
    const entries: { key: Expr; value: Statement }[] = [];
    for (;;) {
      this.skipSpaceAndNewlines();
      while (this.peek() === ';') {
        this.i++;
        this.skipSpaceAndNewlines();
      }
      if (this.peek() === '}') {
        this.consume('punctuation');
        break;
      }
      if (this.peek() === '') throw this.incomplete("Missing closing '}' in hash literal.", this.i, 'MissingEndCurlyBrace');
      let key: Expr;
      const kpos = this.pos();
      const w = /^[A-Za-z_][\w-]*/.exec(this.src.slice(this.i, this.i + 256));
      if (w) {
        this.consume('member', w[0].length);
        key = { kind: 'Literal', value: w[0], pos: kpos };
      } else {
        key = this.withoutCommas(() => this.parseUnary());
      }
      this.skipSpace();
      if (this.peek() !== '=') throw this.incomplete("Missing '=' operator after key in hash literal.", this.i, 'MissingEqualsInHashLiteral');
      this.consume('operator');
      this.skipSpaceAndNewlines();
      if (this.peek() === '}' || this.peek() === ';') throw this.error("Missing statement after '=' in hash literal.", this.i, 'MissingStatementInHashLiteral');
      const value = this.parseStatement();
      entries.push({ key, value });
      this.skipSpace();
      const n = this.peek();
      if (n !== ';' && n !== '\n' && n !== '\r' && n !== '}') throw this.incomplete("Missing closing '}' in hash literal.", this.i, 'MissingEndCurlyBrace');
    }
    return { kind: 'Hashtable', entries, pos };
  }
}
