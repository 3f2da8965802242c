// Character-level scanning helpers for the parser: whitespace and comments, numbers,
// quoted strings, bracket matching and source positions.

import type { Pos } from './ast.js';

export function lineStarts(src: string): number[] {
  const starts = [0];
  for (let i = 0; i < src.length; i++) if (src[i] === '\n') starts.push(i + 1);
  return starts;
}

export function positionOf(starts: number[], at: number): Pos {
  let lo = 0,
    hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= at) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: at - starts[lo] + 1 };
}

/** The token-ish text at a position, for "Unexpected token 'x'" messages. */
export function tokenTextAt(src: string, at: number): string {
  if (at >= src.length) return '';
  const m = /^(\w[\w-]*|\S)/.exec(src.slice(at, at + 40));
  return m ? m[0] : '';
}

/** Skips spaces, tabs, `# comments`, `<# block comments #>` and backtick line continuations. */
export function skipSpace(src: string, i: number, unterminated: (at: number) => Error, onComment?: (start: number, end: number) => void): number {
  for (;;) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\f' || c === '\v' || c === '\u00a0' || c === '\ufeff') {
      i++;
      continue;
    }
    if (c === '`' && (src[i + 1] === '\n' || (src[i + 1] === '\r' && src[i + 2] === '\n'))) {
      i += src[i + 1] === '\r' ? 3 : 2;
      continue;
    }
    if (c === '<' && src[i + 1] === '#') {
      const end = src.indexOf('#>', i + 2);
      if (end < 0) throw unterminated(i);
      onComment?.(i, end + 2);
      i = end + 2;
      continue;
    }
    if (c === '#') {
      const start = i;
      while (i < src.length && src[i] !== '\n' && src[i] !== '\r') i++;
      onComment?.(start, i);
      continue;
    }
    return i;
  }
}

/**
 * True when nothing but blanks, newlines, comments and line continuations follows `at`: a
 * parse error there means the input ended too soon (incomplete input), not that it is wrong.
 */
export function onlyBlanksFrom(src: string, at: number): boolean {
  let i = at;
  for (;;) {
    while (i < src.length && (/\s/.test(src[i]) || (src[i] === '`' && /[\r\n]/.test(src[i + 1] ?? '')))) i++;
    if (src.startsWith('<#', i)) {
      const end = src.indexOf('#>', i + 2);
      if (end < 0) return true;
      i = end + 2;
      continue;
    }
    if (src[i] === '#') {
      while (i < src.length && src[i] !== '\n' && src[i] !== '\r') i++;
      continue;
    }
    return i >= src.length;
  }
}

/** Characters that end a bare word or a command argument. */
export function isArgDelimiter(c: string): boolean {
  return c === '' || c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '|' || c === ';' || c === ',' || c === ')' || c === '}' || c === '(' || c === '{' || c === '\u00a0';
}

const MULTIPLIERS: Record<string, number> = { kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4, pb: 1024 ** 5 };

/** Scans a number literal (decimal, hex, exponent, kb/mb/gb suffixes); null when none is here. */
export function scanNumber(src: string, i: number): { value: number; end: number; typeSuffix?: string } | null {
  const m = /^([+-]?)(?:0x([0-9a-f]+)|((?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?))(l|d)?(kb|mb|gb|tb|pb)?/i.exec(src.slice(i, i + 400));
  if (!m) return null;
  let value = m[2] !== undefined ? parseInt(m[2], 16) : Number(m[3]);
  if (m[1] === '-') value = -value;
  if (m[5]) value *= MULTIPLIERS[m[5].toLowerCase()];
  // `1.` followed by `.` is a range start (1..5), not the number 1.
  let end = i + m[0].length;
  if (src[end] === '.' && src[end - 1] === '.' && !m[5] && !m[4]) end -= 1;
  else if (src[end - 1] === '.' && src[end] === '.') end -= 1;
  return m[4] ? { value, end, typeSuffix: m[4] } : { value, end };
}

/** The character a backtick escape stands for. */
export function escapeChar(c: string): string {
  switch (c) {
    case '0':
      return '\0';
    case 'a':
      return '\x07';
    case 'b':
      return '\b';
    case 'e':
      return '\x1b';
    case 'f':
      return '\f';
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 't':
      return '\t';
    case 'v':
      return '\v';
    default:
      return c;
  }
}

/** A single-quoted string ('' is a literal quote); null when unterminated. */
export function scanSingleQuoted(src: string, i: number): { value: string; end: number } | null {
  let value = '';
  let j = i + 1;
  for (;;) {
    // the text up to the next quote at once: a string built a character at a time costs a node per character
    const quote = src.indexOf("'", j);
    if (quote < 0) return null;
    value += src.slice(j, quote);
    if (src[quote + 1] !== "'") return { value, end: quote + 1 };
    value += "'";
    j = quote + 2;
  }
}

/**
 * Index of the closing quote of a double-quoted string starting at `i`, skipping escapes and
 * `$( )`; -1 if none. Strings hold `$( )` that hold strings, to any depth: the scan keeps an
 * explicit stack instead of recursing, so deep nesting cannot overflow the call stack here.
 */
export function findDoubleQuoteEnd(src: string, i: number): number {
  /** For each open `$(`, innermost last: how many of its parentheses are open. */
  const openParens: number[] = [];
  let inString = true;
  let j = i + 1;
  while (j < src.length) {
    const c = src[j];
    if (inString) {
      if (c === '`') {
        j += 2;
        continue;
      }
      if (c === '"') {
        if (src[j + 1] === '"') {
          j += 2;
          continue;
        }
        if (openParens.length === 0) return j;
        inString = false; // back in the enclosing `$( )`
      } else if (c === '$' && src[j + 1] === '(') {
        openParens.push(1);
        inString = false;
        j += 2;
        continue;
      }
      j++;
      continue;
    }
    // inside `$( ... )`: strings and comments may hold parentheses that do not count
    if (c === "'") {
      const s = scanSingleQuoted(src, j);
      if (!s) return -1;
      j = s.end;
      continue;
    }
    if (c === '`') {
      j += 2;
      continue;
    }
    if (c === '#' && src[j - 1] !== '<' && /\s/.test(src[j - 1])) {
      while (j < src.length && src[j] !== '\n') j++;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '(') openParens[openParens.length - 1]++;
    else if (c === ')' && --openParens[openParens.length - 1] === 0) {
      openParens.pop();
      inString = true; // back in the enclosing string
    }
    j++;
  }
  return -1;
}

/** Index of the `]` matching the `[` at `i` (type names such as `string[]` nest). */
export function matchBracket(src: string, i: number): number {
  let depth = 0;
  for (let j = i; j < src.length; j++) {
    const c = src[j];
    if (c === "'") {
      const s = scanSingleQuoted(src, j);
      if (!s) return -1;
      j = s.end - 1;
      continue;
    }
    if (c === '"') {
      const e = findDoubleQuoteEnd(src, j);
      if (e < 0) return -1;
      j = e;
      continue;
    }
    if (c === '\n') return -1;
    if (c === '[') depth++;
    else if (c === ']') {
      depth--;
      if (depth === 0) return j;
    }
  }
  return -1;
}
