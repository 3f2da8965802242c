// The one JSON reader: ConvertFrom-Json and the objects piped into `exosh -c` both read JSON
// through it, so they agree on what a value becomes (pwsh 7's JsonObject.ConvertFromJson over
// Newtonsoft.Json: src/Microsoft.PowerShell.Commands.Utility/commands/utility/WebCmdlet/JsonObject.cs).
// One date rule: an ISO 8601 string that is a real date becomes a DateTime, with or without a
// zone; anything else, `2023-02-30T00:00:00Z` included, stays a string.

import { PSError } from './errors.js';
import { Hashtable, PSObject, type PSValue } from './values.js';

export interface ParseOptions {
  asHashtable?: boolean;
  maxDepth?: number;
  /**
   * Names differing only in case share one property (the last value wins) and an empty name
   * is kept, instead of ConvertFrom-Json's errors: how objects read from stdin always behaved.
   */
  mergeKeys?: boolean;
}

/** Thrown for malformed JSON; carries pwsh's message and error record fields. */
export class JsonSyntaxError extends PSError {
  constructor(detail: string) {
    super(`Conversion from JSON failed with error: ${detail}`, {
      category: 'ParserError',
      errorId: 'System.ArgumentException,Microsoft.PowerShell.Commands.ConvertFromJsonCommand',
      exception: 'ArgumentException',
      command: 'ConvertFrom-Json',
    });
  }
}

function invalidOperation(message: string, id: string): PSError {
  return new PSError(message, {
    category: 'InvalidOperation',
    errorId: `${id},Microsoft.PowerShell.Commands.ConvertFromJsonCommand`,
    exception: 'InvalidOperationException',
    command: 'ConvertFrom-Json',
  });
}

/**
 * JsonObject.ConvertFromJson: objects become PSCustomObjects (or ordered hashtables), arrays
 * PSValue arrays, ISO 8601 strings DateTimes. Empty text gives $null.
 */
export function convertFromJson(text: string, opts: ParseOptions = {}): PSValue {
  const parser = new JsonParser(text, opts);
  return parser.parseDocument();
}

/**
 * A reader as lenient as Newtonsoft.Json's, which pwsh uses: comments, single-quoted strings,
 * unquoted property names, NaN/Infinity and trailing commas are accepted.
 */
class JsonParser {
  private pos = 0;
  private readonly path: (string | number)[] = [];

  constructor(
    private readonly text: string,
    private readonly opts: ParseOptions,
  ) {}

  parseDocument(): PSValue {
    this.skipBlank();
    if (this.pos >= this.text.length) return null;
    const value = this.parseValue(0);
    this.skipBlank();
    if (this.pos < this.text.length) {
      throw this.fail(`Additional text encountered after finished reading JSON content: ${this.text[this.pos]}.`);
    }
    return value;
  }

  private fail(message: string): JsonSyntaxError {
    const before = this.text.slice(0, this.pos);
    const line = before.split('\n').length;
    const position = this.pos - (before.lastIndexOf('\n') + 1) + 1;
    return new JsonSyntaxError(`${message} Path '${this.pathText()}', line ${line}, position ${position}.`);
  }

  private pathText(): string {
    let out = '';
    for (const p of this.path) {
      if (typeof p === 'number') out += `[${p}]`;
      else if (/^[A-Za-z_$][\w$]*$/.test(p)) out += (out ? '.' : '') + p;
      else out += `['${p}']`;
    }
    return out;
  }

  private skipBlank(): void {
    for (;;) {
      const c = this.text[this.pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\ufeff') this.pos++;
      else if (c === '/' && this.text[this.pos + 1] === '/') {
        const end = this.text.indexOf('\n', this.pos);
        this.pos = end < 0 ? this.text.length : end + 1;
      } else if (c === '/' && this.text[this.pos + 1] === '*') {
        const end = this.text.indexOf('*/', this.pos + 2);
        if (end < 0) {
          this.pos = this.text.length;
          throw this.fail('Unexpected end while parsing comment.');
        }
        this.pos = end + 2;
      } else return;
    }
  }

  private parseValue(depth: number): PSValue {
    this.skipBlank();
    const c = this.text[this.pos];
    if (c === undefined) throw this.fail('Unexpected end when reading JSON.');
    if (c === '{' || c === '[') {
      if (this.opts.maxDepth !== undefined && depth + 1 > this.opts.maxDepth) {
        throw this.fail(`The reader's MaxDepth of ${this.opts.maxDepth} has been exceeded.`);
      }
      return c === '{' ? this.parseObject(depth + 1) : this.parseArray(depth + 1);
    }
    if (c === '"' || c === "'") return dateOrString(this.parseString());
    const word = /^(?:-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|-?Infinity|NaN|true|false|null|undefined)/.exec(this.text.slice(this.pos, this.pos + 400));
    if (!word) throw this.fail(`Unexpected character encountered while parsing value: ${c}.`);
    this.pos += word[0].length;
    switch (word[0]) {
      case 'true':
        return true;
      case 'false':
        return false;
      case 'null':
      case 'undefined':
        return null;
      default:
        return Number(word[0]);
    }
  }

  private parseString(): string {
    const quote = this.text[this.pos++];
    const quoteCode = quote.charCodeAt(0);
    let out = '';
    for (;;) {
      // the run up to the next quote or backslash is copied in one piece
      let end = this.pos;
      for (let ch = this.text.charCodeAt(end); end < this.text.length && ch !== quoteCode && ch !== 92; ch = this.text.charCodeAt(++end));
      if (end > this.pos) {
        out += this.text.slice(this.pos, end);
        this.pos = end;
      }
      const c = this.text[this.pos++];
      if (c === undefined) {
        this.pos = this.text.length;
        throw this.fail(`Unterminated string. Expected delimiter: ${quote}.`);
      }
      if (c === quote) return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.text[this.pos++];
      switch (e) {
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'u': {
          const hex = this.text.slice(this.pos, this.pos + 4);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw this.fail(`Invalid Unicode escape sequence: \\u${hex}.`);
          out += String.fromCharCode(parseInt(hex, 16));
          this.pos += 4;
          break;
        }
        case undefined:
          throw this.fail(`Unterminated string. Expected delimiter: ${quote}.`);
        default:
          out += e; // \" \' \\ \/ and any other escaped character stand for themselves
      }
    }
  }

  private parseArray(depth: number): PSValue[] {
    this.pos++; // [
    const items: PSValue[] = [];
    for (;;) {
      this.skipBlank();
      if (this.text[this.pos] === ']') {
        this.pos++;
        return items;
      }
      // the path names the item just read until the separator (Newtonsoft's error paths)
      this.path.push(items.length);
      items.push(this.parseValue(depth));
      this.skipBlank();
      const c = this.text[this.pos];
      if (c === ',') this.pos++;
      else if (c !== ']') {
        if (c === undefined) throw this.fail('Unexpected end when reading JSON.');
        throw this.fail(`After parsing a value an unexpected character was encountered: ${c}.`);
      }
      this.path.pop();
    }
  }

  private parseObject(depth: number): PSValue {
    this.pos++; // {
    const members: [string, PSValue][] = [];
    for (;;) {
      this.skipBlank();
      const c = this.text[this.pos];
      if (c === '}') {
        this.pos++;
        return this.buildObject(members);
      }
      if (c === undefined) throw this.fail('Unexpected end when reading JSON.');
      let name: string;
      if (c === '"' || c === "'") name = this.parseString();
      else {
        const id = /^[A-Za-z_$][\w$]*/.exec(this.text.slice(this.pos, this.pos + 400));
        if (!id) throw this.fail(`Invalid property identifier character: ${c}.`);
        name = id[0];
        this.pos += name.length;
      }
      this.skipBlank();
      if (this.text[this.pos] !== ':') {
        throw this.fail(`Invalid character after parsing property name. Expected ':' but got: ${this.text[this.pos] ?? 'end of text'}.`);
      }
      this.pos++;
      this.path.push(name);
      members.push([name, this.parseValue(depth)]);
      this.skipBlank();
      const after = this.text[this.pos];
      if (after === ',') this.pos++;
      else if (after !== '}') {
        if (after === undefined) throw this.fail('Unexpected end when reading JSON.');
        throw this.fail(`After parsing a value an unexpected character was encountered: ${after}.`);
      }
      this.path.pop();
    }
  }

  /** PopulateFromJDictionary / PopulateHashTableFromJDictionary. */
  private buildObject(members: [string, PSValue][]): PSValue {
    if (this.opts.mergeKeys && !this.opts.asHashtable) {
      // PSObject.set already keeps a name's first place and its last value
      const merged = new PSObject();
      for (const [k, v] of members) merged.set(k, v);
      return merged;
    }
    // Newtonsoft keeps the last of two identical names (in the first one's place)
    const exact = new Map<string, number>();
    const unique: [string, PSValue][] = [];
    for (const [k, v] of members) {
      const at = exact.get(k);
      if (at !== undefined) unique[at][1] = v;
      else {
        exact.set(k, unique.length);
        unique.push([k, v]);
      }
    }
    if (this.opts.asHashtable) {
      const table = new Hashtable(true);
      for (const [k, v] of unique) {
        if (table.has(k)) {
          // only names differing in case reach here; pwsh's ordered hashtable is case-insensitive too
          throw invalidOperation(`Cannot convert the JSON string because a dictionary that was converted from the string contains the duplicated key '${k}'.`, 'DuplicateKeysInJsonString');
        }
        table.set(k, v);
      }
      return table;
    }
    const obj = new PSObject();
    for (const [k, v] of unique) {
      if (k === '') {
        throw invalidOperation('The provided JSON includes a property whose name is an empty string, this is only supported using the -AsHashTable switch.', 'EmptyKeyInJsonString');
      }
      if (obj.has(k)) {
        const existing = obj.names().find((n) => n.toLowerCase() === k.toLowerCase()) ?? k;
        throw invalidOperation(
          `Cannot convert the JSON string because it contains keys with different casing. Please use the -AsHashTable switch instead. The key that was attempted to be added to the existing key '${existing}' was '${k}'.`,
          'KeysWithDifferentCasingInJsonString',
        );
      }
      obj.set(k, v);
    }
    return obj;
  }
}

/**
 * Newtonsoft's DateParseHandling.DateTime: a string of 19 to 40 characters shaped like
 * `yyyy-MM-ddTHH:mm:ss[.fffffff][Z|±HH[:mm]]` is read as a DateTime. Without a zone it is
 * taken as UTC, exosh's clock; an offset is converted to UTC.
 */
export function dateOrString(s: string): PSValue {
  if (s.length < 19 || s.length > 40) return s;
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?(Z|z|[+-]\d{2}(?::?\d{2})?)?$/.exec(s);
  if (!m) return s;
  const [, y, mo, d, h, mi, sec, frac, zone] = m;
  const month = Number(mo),
    day = Number(d),
    hour = Number(h),
    minute = Number(mi),
    second = Number(sec);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return s;
  const ms = frac ? Number((frac + '00').slice(0, 3)) : 0; // exosh dates hold milliseconds; finer digits are dropped
  const date = new Date(Date.UTC(Number(y), month - 1, day, hour, minute, second, ms));
  date.setUTCFullYear(Number(y)); // years 0-99 are not 1900-1999
  if (date.getUTCDate() !== day) return s; // e.g. 2023-02-30
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0'));
    return new Date(date.getTime() - offset * 60_000);
  }
  return date;
}
