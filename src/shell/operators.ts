// Arithmetic, string and collection operators with PowerShell's conversion rules:
// the left operand's type decides (`"a" + 1` is "a1", `1 + "2"` is 3, arrays concatenate).

import { castTo, ConversionError, toInt } from './coerce.js';
import { applyComparison } from './compare.js';
import { formatDateWith, formatNumber, toBool, toNumberOrNull, toStr, typeNameOf } from './convert.js';
import { PSError } from './errors.js';
import { toList } from './lists.js';
import { Hashtable, PSObject, PSValue, ScriptBlockValue, TimeSpan } from './values.js';

/** The largest range `a..b` we will build; PowerShell's own limit is similar in spirit. */
const MAX_RANGE = 10_000_000;

function runtimeError(message: string, errorId: string): PSError {
  return new PSError(message, { category: 'InvalidOperation', errorId, exception: 'RuntimeException' });
}

function toNumber(v: PSValue, forOp: string): number {
  const n = toNumberOrNull(v);
  if (n === null) {
    if (typeof v === 'string')
      throw runtimeError(`Cannot convert value "${v}" to type "System.Int32". Error: "The input string '${v}' was not in a correct format."`, 'InvalidCastFromStringToInteger');
    throw runtimeError(`Method invocation failed because [${typeNameOf(v)}] does not contain a method named 'op_${forOp}'.`, 'MethodNotFound');
  }
  return n;
}

export function add(l: PSValue, r: PSValue): PSValue {
  if (l === null) return r;
  if (typeof l === 'string') return l + toStr(r);
  if (Array.isArray(l)) return [...l, ...(Array.isArray(r) ? r : [r])];
  if (l instanceof Hashtable) {
    if (!(r instanceof Hashtable)) throw runtimeError('A hash table can only be added to another hash table.', 'AddHashTableToNonHashTable');
    const out = new Hashtable(l.ordered);
    for (const [k, v] of l.entries()) out.set(k, v);
    for (const [k, v] of r.entries()) {
      if (out.has(k)) throw runtimeError(`Item has already been added. Key in dictionary: '${toStr(k)}'  Key being added: '${toStr(k)}'`, 'DuplicateKeyInHashLiteral');
      out.set(k, v);
    }
    return out;
  }
  if (l instanceof Date) {
    if (r instanceof TimeSpan) return new Date(l.getTime() + r.ms);
    if (typeof r === 'number') return new Date(l.getTime() + r / 10_000);
    throw runtimeError(`Cannot convert the "${toStr(r)}" value of type "${typeNameOf(r)}" to type "System.TimeSpan".`, 'ConvertToFinalInvalidCastException');
  }
  if (l instanceof TimeSpan) {
    if (r instanceof TimeSpan) return new TimeSpan(l.ms + r.ms);
    if (r instanceof Date) return new Date(r.getTime() + l.ms);
  }
  return toNumber(l, 'Addition') + toNumber(r, 'Addition');
}

export function subtract(l: PSValue, r: PSValue): PSValue {
  if (l instanceof Date) {
    if (r instanceof Date) return new TimeSpan(l.getTime() - r.getTime());
    if (r instanceof TimeSpan) return new Date(l.getTime() - r.ms);
  }
  if (l instanceof TimeSpan && r instanceof TimeSpan) return new TimeSpan(l.ms - r.ms);
  if (Array.isArray(l) || l instanceof Hashtable || l instanceof PSObject) {
    throw runtimeError(`Method invocation failed because [${typeNameOf(l)}] does not contain a method named 'op_Subtraction'.`, 'MethodNotFound');
  }
  return toNumber(l ?? 0, 'Subtraction') - toNumber(r, 'Subtraction');
}

export function multiply(l: PSValue, r: PSValue): PSValue {
  if (typeof l === 'string') return l.repeat(Math.max(0, toInt(r)));
  if (Array.isArray(l)) {
    const n = Math.max(0, toInt(r));
    const out: PSValue[] = [];
    for (let i = 0; i < n; i++) out.push(...l);
    return out;
  }
  if (l instanceof TimeSpan) return new TimeSpan(l.ms * toNumber(r, 'Multiply'));
  return toNumber(l ?? 0, 'Multiply') * toNumber(r, 'Multiply');
}

export function divide(l: PSValue, r: PSValue): PSValue {
  const d = toNumber(r, 'Division');
  if (d === 0) throw new PSError('Attempted to divide by zero.', { errorId: 'RuntimeException', exception: 'RuntimeException' });
  if (l instanceof TimeSpan) return new TimeSpan(l.ms / d);
  return toNumber(l ?? 0, 'Division') / d;
}

export function modulo(l: PSValue, r: PSValue): PSValue {
  const d = toNumber(r, 'Modulus');
  if (d === 0) throw new PSError('Attempted to divide by zero.', { errorId: 'RuntimeException', exception: 'RuntimeException' });
  return toNumber(l ?? 0, 'Modulus') % d;
}

export function range(l: PSValue, r: PSValue): PSValue[] {
  const a = toInt(l),
    b = toInt(r);
  if (Math.abs(b - a) + 1 > MAX_RANGE) throw runtimeError(`The range ${a}..${b} is too large: it would hold more than ${MAX_RANGE} numbers.`, 'RangeTooLarge');
  const out: number[] = [];
  if (a <= b) for (let i = a; i <= b; i++) out.push(i);
  else for (let i = a; i >= b; i--) out.push(i);
  return out;
}

function regexFor(pattern: string, caseSensitive: boolean, global = false): RegExp {
  let p = pattern;
  let flags = caseSensitive ? '' : 'i';
  const inline = /^\(\?([imsx]+)\)/.exec(p);
  if (inline) {
    p = p.slice(inline[0].length);
    if (inline[1].includes('i')) flags = flags.includes('i') ? flags : flags + 'i';
    if (inline[1].includes('s')) flags += 's';
    if (inline[1].includes('m')) flags += 'm';
  }
  try {
    return new RegExp(p, flags + (global ? 'g' : ''));
  } catch (e) {
    throw new PSError(`The regular expression pattern ${pattern} is not valid.`, { category: 'InvalidOperation', errorId: 'InvalidRegularExpression', exception: 'RuntimeException' });
  }
}

export function replace(l: PSValue, r: PSValue, caseSensitive: boolean): PSValue {
  const parts = toList(r);
  const pattern = toStr(parts[0] ?? '');
  const replacement = parts.length > 1 ? parts[1] : '';
  const re = regexFor(pattern, caseSensitive, true);
  const one = (v: PSValue): PSValue => {
    const s = toStr(v);
    if (replacement instanceof ScriptBlockValue) {
      return s.replace(re, (...m) => toStr(replacement.invoke(matchObject(m), [])[0] ?? ''));
    }
    // .NET substitutions: $1, ${name}, $$ — JS uses the same syntax except ${name} → $<name>
    return s.replace(re, toStr(replacement).replace(/\$\{(\w+)\}/g, '$<$1>'));
  };
  return Array.isArray(l) ? l.map(one) : one(l);
}

/** The System.Text.RegularExpressions.Match a `-replace` script block sees as `$_` (from String.replace's callback arguments). */
function matchObject(args: unknown[]): PSObject {
  const rest = [...args];
  if (typeof rest[rest.length - 1] === 'object') rest.pop(); // named groups
  rest.pop(); // the whole input
  const index = rest.pop() as number;
  const groups = (rest as (string | undefined)[]).map((g, i) => {
    const group = PSObject.from({ Name: String(i), Success: g !== undefined, Index: i === 0 ? index : -1, Value: g ?? '' }, 'System.Text.RegularExpressions.Group');
    group.display = g ?? '';
    return group;
  });
  const value = rest[0] as string;
  const match = PSObject.from({ Groups: groups, Success: true, Index: index, Length: value.length, Value: value }, 'System.Text.RegularExpressions.Match');
  match.display = value;
  return match;
}

export function split(l: PSValue, r: PSValue | undefined, caseSensitive: boolean): PSValue[] {
  const out: PSValue[] = [];
  if (r === undefined) {
    for (const v of toList(l))
      out.push(
        ...toStr(v)
          .trim()
          .split(/\s+/)
          .filter((x) => x !== ''),
      );
    return out;
  }
  const parts = toList(r);
  const pattern = toStr(parts[0] ?? '');
  const max = parts.length > 1 ? toInt(parts[1]) : 0;
  const re = regexFor(pattern, caseSensitive, true);
  for (const v of toList(l)) {
    const s = toStr(v);
    if (max <= 0) {
      out.push(...s.split(re).filter((x) => x !== undefined));
      continue;
    }
    const pieces: string[] = [];
    let last = 0;
    let m: RegExpExecArray | null;
    re.lastIndex = 0;
    while (pieces.length < max - 1 && (m = re.exec(s))) {
      if (m[0] === '') {
        re.lastIndex++;
        continue;
      }
      pieces.push(s.slice(last, m.index));
      last = m.index + m[0].length;
    }
    pieces.push(s.slice(last));
    out.push(...pieces);
  }
  return out;
}

export function join(l: PSValue, r: PSValue | undefined): string {
  return toList(l)
    .map((v) => toStr(v))
    .join(r === undefined ? '' : toStr(r));
}

/** `-is [type]` */
export function isType(v: PSValue, typeName: string): boolean {
  const t = typeName.toLowerCase().replace(/^system\./, '');
  switch (t) {
    case 'string':
      return typeof v === 'string';
    case 'int':
    case 'int32':
    case 'long':
    case 'int64':
      return typeof v === 'number' && Number.isInteger(v);
    case 'double':
    case 'decimal':
    case 'float':
      return typeof v === 'number';
    case 'valuetype':
      return typeof v === 'number' || typeof v === 'boolean' || v instanceof Date;
    case 'bool':
    case 'boolean':
      return typeof v === 'boolean';
    case 'datetime':
      return v instanceof Date;
    case 'timespan':
      return v instanceof TimeSpan;
    case 'array':
    case 'object[]':
      return Array.isArray(v);
    case 'hashtable':
    case 'collections.hashtable':
      return v instanceof Hashtable && !v.ordered;
    case 'ordered':
    case 'collections.specialized.ordereddictionary':
      return v instanceof Hashtable && v.ordered;
    case 'collections.idictionary':
      return v instanceof Hashtable;
    case 'scriptblock':
      return v instanceof ScriptBlockValue;
    case 'pscustomobject':
    case 'management.automation.pscustomobject':
    case 'psobject':
      return v instanceof PSObject;
    case 'object':
      return v !== null;
    default:
      return v instanceof PSObject && v.typeNames.some((n) => n.toLowerCase() === typeName.toLowerCase());
  }
}

export function asType(v: PSValue, typeName: string): PSValue {
  try {
    return castTo(typeName, v);
  } catch (e) {
    if (e instanceof ConversionError) return null;
    throw e;
  }
}

/** The .NET composite format operator: `'{0} of {1:N0}' -f $a, $b`. */
export function format(l: PSValue, r: PSValue): string {
  const template = toStr(l);
  const args = toList(r);
  return template.replace(/\{\{|\}\}|\{(\d+)(?:,(-?\d+))?(?::([^}]*))?\}/g, (m, idx, align, fmt) => {
    if (m === '{{') return '{';
    if (m === '}}') return '}';
    const i = Number(idx);
    if (i >= args.length) throw runtimeError('Error formatting a string: Index (zero based) must be greater than or equal to zero and less than the size of the argument list..', 'FormatError');
    let s = formatValue(args[i], fmt);
    if (align) {
      const w = Number(align);
      s = w < 0 ? s.padEnd(-w) : s.padStart(w);
    }
    return s;
  });
}

export function formatValue(v: PSValue, fmt: string | undefined): string {
  if (!fmt) return toStr(v);
  if (v instanceof Date) return formatDateWith(v, fmt);
  if (typeof v === 'number') {
    const m = /^([NnFfDdXxPpCcEe])(\d*)$/.exec(fmt);
    if (m) {
      const digits = m[2] === '' ? undefined : Number(m[2]);
      switch (m[1].toUpperCase()) {
        case 'N':
          return v.toLocaleString('en-US', { minimumFractionDigits: digits ?? 2, maximumFractionDigits: digits ?? 2 });
        case 'F':
          return v.toFixed(digits ?? 2);
        case 'D':
          return String(Math.trunc(v)).padStart(digits ?? 0, '0');
        case 'X': {
          const s = Math.trunc(v)
            .toString(16)
            .padStart(digits ?? 0, '0');
          return m[1] === 'X' ? s.toUpperCase() : s;
        }
        case 'P':
          return (v * 100).toLocaleString('en-US', { minimumFractionDigits: digits ?? 2, maximumFractionDigits: digits ?? 2 }) + ' %';
        case 'C':
          return '$' + v.toLocaleString('en-US', { minimumFractionDigits: digits ?? 2, maximumFractionDigits: digits ?? 2 });
        case 'E':
          return v
            .toExponential(digits ?? 6)
            .toUpperCase()
            .replace(/E([+-])(\d)$/, 'E$100$2')
            .replace(/E([+-])(\d\d)$/, 'E$10$2');
      }
    }
    const zeros = /^(0+)(?:\.(0+))?$/.exec(fmt);
    if (zeros) return (zeros[2] ? v.toFixed(zeros[2].length) : String(Math.round(v))).padStart(zeros[1].length + (zeros[2] ? zeros[2].length + 1 : 0), '0');
    if (/^#+(\.#+)?$/.test(fmt)) return formatNumber(Number(v.toFixed((fmt.split('.')[1] ?? '').length)));
    return formatNumber(v);
  }
  return toStr(v);
}

const COMPARISON_BASES = new Set(['eq', 'ne', 'gt', 'ge', 'lt', 'le', 'like', 'notlike', 'match', 'notmatch', 'contains', 'notcontains', 'in', 'notin']);

export function compare(op: string, l: PSValue, r: PSValue): PSValue {
  // `-contains` and `-in` start with c and i themselves: strip a prefix only from `-ccontains`, `-iin` ...
  const name = op.slice(1).toLowerCase();
  const prefixed = !COMPARISON_BASES.has(name);
  const caseSensitive = prefixed && name.startsWith('c');
  const base = (prefixed ? name.slice(1) : name) as Parameters<typeof applyComparison>[0];
  return applyComparison(base, l, r, caseSensitive);
}

export function bitwise(op: string, l: PSValue, r: PSValue): number {
  const a = toInt(l, 'System.Int64'),
    b = toInt(r, 'System.Int64');
  switch (op) {
    case '-band':
      return a & b;
    case '-bor':
      return a | b;
    case '-bxor':
      return a ^ b;
    case '-shl':
      return a << b;
    default:
      return a >> b;
  }
}

export function logical(op: string, l: boolean, r: () => PSValue): boolean {
  if (op === '-and') return l && toBool(r());
  if (op === '-or') return l || toBool(r());
  return l !== toBool(r());
}
