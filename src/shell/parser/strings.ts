// Strings: single- and double-quoted strings, here-strings, and the `$var` / `$( )` parts
// that expand inside double-quoted strings and bare words.

import type { Expr } from '../ast.js';
import * as scan from '../scanner.js';
import { ParserBase } from './base.js';

export abstract class StringParser extends ParserBase {
  protected readVariableName(): string {
    if (this.peek() === '{') {
      const end = this.src.indexOf('}', this.i);
      if (end < 0) throw this.incomplete("Missing '}' in variable reference.", this.i, 'ParseError', true);
      const name = this.src.slice(this.i + 1, end);
      this.i = end + 1;
      return name;
    }
    const m = /^(?:[A-Za-z_][\w]*:(?=[\w])[\w]+|[\w]+|[?$^_])/.exec(this.src.slice(this.i, this.i + 256));
    if (!m) throw this.error("Variable reference is not valid. '$' was not followed by a valid variable name character.", this.i - 1, 'InvalidVariableReference');
    this.i += m[0].length;
    return m[0];
  }

  protected parseHereString(): Expr {
    const pos = this.pos();
    const start = this.i;
    const mark = this.tokenMark();
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
      this.token('string', start);
      return { kind: 'Literal', value: content, pos };
    }
    const parts = this.parseExpandableContent(bodyStart, m.index, false);
    this.i = end;
    this.tokenWithNested('string', start, mark);
    return parts.length === 1 && typeof parts[0] === 'string' ? { kind: 'Literal', value: parts[0], pos } : { kind: 'Expandable', parts: parts.length ? parts : [''], pos };
  }

  protected parseDoubleQuoted(): Expr {
    const pos = this.pos();
    const start = this.i;
    const mark = this.tokenMark();
    const end = scan.findDoubleQuoteEnd(this.src, this.i);
    if (end < 0) throw this.incomplete('The string is missing the terminator: ".', this.i, 'TerminatorExpectedAtEndOfString', true);
    const parts = this.parseExpandableContent(this.i + 1, end, true);
    this.i = end + 1;
    this.tokenWithNested('string', start, mark);
    if (parts.length === 0) return { kind: 'Literal', value: '', pos };
    if (parts.length === 1 && typeof parts[0] === 'string') return { kind: 'Literal', value: parts[0], pos };
    return { kind: 'Expandable', parts, pos };
  }

  /** Text with `$var`, `$(...)` and backtick escapes, from `start` to `end` (exclusive). */
  protected parseExpandableContent(start: number, end: number, doubledQuotes: boolean): (string | Expr)[] {
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
        if (text) {
          parts.push(text);
          text = '';
        }
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
  protected parseStringVariable(): Expr {
    const pos = this.pos();
    if (this.peek(1) === '(') {
      this.consume('punctuation', 2);
      const statements = this.parseStatements(')');
      this.consume('punctuation');
      return { kind: 'SubExpr', statements, pos };
    }
    return this.parseVariable(false);
  }

  /** `$name` (or `@name` when `splat`) here, as a variable token. */
  protected parseVariable(splat: boolean): Extract<Expr, { kind: 'Variable' }> {
    const pos = this.pos();
    const start = this.i;
    this.i++;
    const name = this.readVariableName();
    this.token('variable', start);
    return splat ? { kind: 'Variable', name, splat: true, pos } : { kind: 'Variable', name, pos };
  }
}
