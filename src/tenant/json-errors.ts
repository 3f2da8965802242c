// Describing why a store file is not JSON: where JSON.parse gave up, as line and column.

/**
 * Where JSON.parse gave up. V8 names the position for some errors only ("Unexpected end of
 * JSON input" and "Unexpected token 'x', ...text... is not valid JSON" carry none), so the
 * offset is found with a small scanner that stops at the first character JSON does not allow.
 * It keeps its nesting on an explicit stack, so no depth of brackets can overflow the call
 * stack. Returns -1 when the whole text is valid JSON.
 */
export function jsonErrorOffset(text: string): number {
  const OBJECT = 1;
  const ARRAY = 2;
  const stack: number[] = [];
  let i = 0;
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const isDigit = () => i < text.length && text[i] >= '0' && text[i] <= '9';
  /** Each scanner returns false where the text stops being JSON (i is then the offset). */
  const string = (): boolean => {
    i++; // opening quote
    for (;;) {
      if (i >= text.length) return false;
      const c = text[i];
      if (c === '"') {
        i++;
        return true;
      }
      if (c < ' ') return false;
      if (c === '\\') {
        i++;
        if (text[i] === 'u') {
          i++;
          for (let k = 0; k < 4; k++, i++) if (!/[0-9a-fA-F]/.test(text[i] ?? '')) return false;
          continue;
        }
        if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) return false;
      }
      i++;
    }
  };
  const digits = (): boolean => {
    if (!isDigit()) return false;
    while (isDigit()) i++;
    return true;
  };
  const number = (): boolean => {
    if (text[i] === '-') i++;
    if (text[i] === '0') i++;
    else if (!digits()) return false;
    if (text[i] === '.') {
      i++;
      if (!digits()) return false;
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (!digits()) return false;
    }
    return true;
  };
  const literal = (word: string): boolean => {
    for (const c of word) {
      if (text[i] !== c) return false;
      i++;
    }
    return true;
  };
  const scalar = (): boolean => {
    const c = text[i];
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    return false;
  };
  const fail = () => Math.min(i, text.length);

  // 'value': a value is due; 'first': right after '[' or '{' (may close at once);
  // 'key': an object key is due; 'after': a value ended.
  let state: 'value' | 'first' | 'key' | 'after' = 'value';
  for (;;) {
    ws();
    const c = text[i];
    if (state === 'first') {
      const top = stack[stack.length - 1];
      if ((top === OBJECT && c === '}') || (top === ARRAY && c === ']')) {
        i++;
        stack.pop();
        state = 'after';
        continue;
      }
      state = top === OBJECT ? 'key' : 'value';
    }
    if (state === 'key') {
      if (c !== '"' || !string()) return fail();
      ws();
      if (text[i] !== ':') return fail();
      i++;
      state = 'value';
      continue;
    }
    if (state === 'value') {
      if (c === '{' || c === '[') {
        i++;
        stack.push(c === '{' ? OBJECT : ARRAY);
        state = 'first';
        continue;
      }
      if (!scalar()) return fail();
      state = 'after';
      continue;
    }
    // after a value
    if (stack.length === 0) return i < text.length ? i : -1;
    const top = stack[stack.length - 1];
    if (c === ',') {
      i++;
      state = top === OBJECT ? 'key' : 'value';
    } else if ((top === OBJECT && c === '}') || (top === ARRAY && c === ']')) {
      i++;
      stack.pop();
    } else {
      return fail();
    }
  }
}

/** "it is not valid JSON at line L, column C (position P): what" for a JSON.parse error. */
export function describeJsonError(text: string, e: Error): string {
  const m = /position (\d+)/.exec(e.message);
  const at = m ? Number(m[1]) : jsonErrorOffset(text);
  const what = e.message.replace(/ in JSON at position \d+.*$/s, '').replace(/^(Unexpected token .*?), (?:"|\.\.\.).* is not valid JSON$/s, '$1');
  if (at < 0) return `it is not valid JSON (${what})`;
  if (at >= text.length && text.length > 0)
    return `it is not valid JSON: it ends early at line ${lineOf(text, at)}, column ${text.length - text.lastIndexOf('\n')} (position ${at}), so it looks truncated`;
  const before = text.slice(0, at);
  const column = at - before.lastIndexOf('\n');
  return `it is not valid JSON at line ${lineOf(text, at)}, column ${column} (position ${at}): ${what}`;
}

/** 1-based line of an offset, counted without building an array of lines. */
function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at >= 0 && at < offset; at = text.indexOf('\n', at + 1)) line++;
  return line;
}
