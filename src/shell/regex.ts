// -like wildcards and -match regular expressions: .NET's regex dialect translated to
// JavaScript's (inline options, named groups, $ before a final newline), with small caches.

import { operandToString } from './convert.js';
import { PSError } from './errors.js';
import { wildcardToRegExp } from './members.js';
import { Hashtable, type PSValue } from './values.js';

type Value = PSValue | undefined;

const CACHE_LIMIT = 500;

function cached<T>(cache: Map<string, T>, key: string, make: () => T): T {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const made = make();
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, made);
  return made;
}

const wildcardCache = new Map<string, RegExp>();

/** A -like pattern (`*`, `?`, `[a-z]`, backtick escapes) as an anchored RegExp. */
export function wildcardRegExp(pattern: string, caseSensitive: boolean): RegExp {
  return cached(wildcardCache, (caseSensitive ? 'c:' : 'i:') + pattern, () => {
    const re = wildcardToRegExp(pattern);
    return caseSensitive ? new RegExp(re.source) : re;
  });
}

/** `value -like pattern` for one value: both sides as strings, $null reads as ''. */
export function likeMatch(value: Value, pattern: Value, caseSensitive = false): boolean {
  return wildcardRegExp(operandToString(pattern), caseSensitive).test(operandToString(value));
}

/** Capturing groups of a translated pattern, in JS order: a name, or undefined for a numbered group. */
const groupNames = new WeakMap<RegExp, (string | undefined)[]>();
const regexCache = new Map<string, RegExp>();

/**
 * Compiles a .NET regular expression as a JS RegExp. The syntax is nearly the same; this
 * translates what differs: inline options `(?imnsx-imnsx)` and `(?i:...)`, `(?'name')` groups,
 * `(?#comments)`, `\A` `\Z` `\z`, `$` (which in .NET also matches before a final newline),
 * `.` (which in .NET matches `\r`), and `[]...]` classes. Atomic groups `(?>...)` become plain
 * groups. JS has no scoped case options, so an `i` option anywhere makes the whole pattern
 * case-insensitive. Throws PSError for a pattern that is not valid.
 */
export function dotNetRegex(pattern: string, caseSensitive = false): RegExp {
  return cached(regexCache, (caseSensitive ? 'c:' : 'i:') + pattern, () => translateRegex(pattern, caseSensitive));
}

interface RegexOptions {
  i: boolean;
  m: boolean;
  s: boolean;
  x: boolean;
  n: boolean;
}

function invalidRegex(pattern: string): PSError {
  return new PSError(`The regular expression pattern ${pattern} is not valid.`, {
    category: 'InvalidOperation',
    errorId: 'InvalidRegularExpression',
    exception: 'RuntimeException',
    target: pattern,
  });
}

function translateRegex(pattern: string, caseSensitive: boolean): RegExp {
  let opts: RegexOptions = { i: !caseSensitive, m: false, s: false, x: false, n: false };
  let anyIgnoreCase = opts.i;
  const stack: RegexOptions[] = [];
  const names: (string | undefined)[] = [];
  let out = '';
  let needsUnicode = false;
  let i = 0;
  const applyOptions = (spec: string, target: RegexOptions) => {
    let on = true;
    for (const ch of spec) {
      if (ch === '-') {
        on = false;
        continue;
      }
      const k = ch.toLowerCase() as keyof RegexOptions;
      if (!'imnsx'.includes(k)) throw invalidRegex(pattern);
      target[k] = on;
      if (k === 'i' && on) anyIgnoreCase = true;
    }
  };
  while (i < pattern.length) {
    const c = pattern[i];
    if (c === '\\') {
      const n = pattern[i + 1];
      if (n === undefined) throw invalidRegex(pattern);
      if (n === 'A') out += '(?<![\\s\\S])';
      else if (n === 'Z') out += '(?=\\n?(?![\\s\\S]))';
      else if (n === 'z') out += '(?![\\s\\S])';
      else {
        if (n === 'p' || n === 'P') needsUnicode = true;
        out += c + n;
      }
      i += 2;
      continue;
    }
    if (c === '[') {
      // A character class: copied through, except that .NET lets `]` stand first as a literal.
      let j = i + 1;
      let cls = '[';
      if (pattern[j] === '^') {
        cls += '^';
        j++;
      }
      if (pattern[j] === ']') {
        cls += '\\]';
        j++;
      }
      while (j < pattern.length && pattern[j] !== ']') {
        if (pattern[j] === '\\' && j + 1 < pattern.length) {
          if (pattern[j + 1] === 'p' || pattern[j + 1] === 'P') needsUnicode = true;
          cls += pattern[j] + pattern[j + 1];
          j += 2;
        } else {
          cls += pattern[j++];
        }
      }
      if (j >= pattern.length) throw invalidRegex(pattern);
      out += cls + ']';
      i = j + 1;
      continue;
    }
    if (opts.x && /\s/.test(c)) {
      i++;
      continue;
    }
    if (opts.x && c === '#') {
      while (i < pattern.length && pattern[i] !== '\n') i++;
      continue;
    }
    if (c === '(') {
      stack.push({ ...opts });
      if (pattern[i + 1] !== '?') {
        if (opts.n) out += '(?:';
        else {
          out += '(';
          names.push(undefined);
        }
        i++;
        continue;
      }
      const rest = pattern.slice(i + 2);
      let m: RegExpExecArray | null;
      if (rest.startsWith('#')) {
        stack.pop();
        const end = pattern.indexOf(')', i);
        if (end < 0) throw invalidRegex(pattern);
        i = end + 1;
        continue;
      }
      if ((m = /^([imnsx-]+)\)/i.exec(rest))) {
        // `(?i)`: changes the options until the end of the enclosing group.
        stack.pop();
        applyOptions(m[1], opts);
        i += 2 + m[0].length;
        continue;
      }
      if ((m = /^([imnsx-]+):/i.exec(rest))) {
        applyOptions(m[1], opts);
        out += '(?:';
        i += 2 + m[0].length;
        continue;
      }
      if ((m = /^<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest)) || (m = /^'([A-Za-z_][A-Za-z0-9_]*)'/.exec(rest))) {
        out += `(?<${m[1]}>`;
        names.push(m[1]);
        i += 2 + m[0].length;
        continue;
      }
      if (rest.startsWith('>')) {
        out += '(?:';
        i += 3;
        continue;
      }
      // (?: (?= (?! (?<= (?<! are the same in JS; anything else is left for RegExp to judge.
      out += '(?';
      i += 2;
      continue;
    }
    if (c === ')') {
      const restored = stack.pop();
      if (restored) opts = restored;
      out += ')';
      i++;
      continue;
    }
    if (c === '.') {
      out += opts.s ? '[\\s\\S]' : '[^\\n]';
      i++;
      continue;
    }
    if (c === '^') {
      out += opts.m ? '(?<![^\\n])' : '^';
      i++;
      continue;
    }
    if (c === '$') {
      out += opts.m ? '(?![^\\n])' : '(?=\\n?(?![\\s\\S]))';
      i++;
      continue;
    }
    out += c;
    i++;
  }
  const flags = anyIgnoreCase ? 'i' : '';
  let re: RegExp;
  try {
    re = new RegExp(out, needsUnicode ? flags + 'u' : flags);
  } catch {
    try {
      re = new RegExp(out, flags);
    } catch {
      throw invalidRegex(pattern);
    }
  }
  groupNames.set(re, names);
  return re;
}

/** `value -match pattern` for one value; the match (for `$Matches`) or null. */
export function regexMatch(value: Value, pattern: Value, caseSensitive = false): RegExpMatchArray | null {
  return dotNetRegex(operandToString(pattern), caseSensitive).exec(operandToString(value));
}

/**
 * The `$Matches` hashtable pwsh builds from a successful match: key 0 for the whole match,
 * integer keys for numbered groups (numbered as .NET does: unnamed groups first) and string
 * keys for named groups; groups that did not take part are left out.
 */
export function matchesTable(match: RegExpMatchArray, pattern: Value, caseSensitive = false): Hashtable {
  const re = dotNetRegex(operandToString(pattern), caseSensitive);
  const names = groupNames.get(re) ?? [];
  const table = new Hashtable();
  const named: [string, string][] = [];
  let number = 1;
  for (let g = 1; g < match.length; g++) {
    const name = names[g - 1];
    const text = match[g];
    if (name === undefined) {
      if (text !== undefined) table.set(number, text);
      number++;
    } else if (text !== undefined) {
      named.push([name, text]);
    }
  }
  for (const [name, text] of named) table.set(name, text);
  table.set(0, match[0]);
  return table;
}
