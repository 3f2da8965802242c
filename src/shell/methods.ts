// .NET methods that admin scripts call on values (`(Get-Date).AddDays(-7)`,
// `$s.ToUpper()`, `$h.ContainsKey('x')`) and the static members they use
// (`[datetime]::UtcNow`, `[math]::Round(...)`, `[string]::IsNullOrEmpty(...)`).

import { castTo, toDate, toDouble, toGuid, toInt } from './coerce.js';
import { dotNetRegex } from './compare.js';
import { formatDateWith, parseDate, toStr, typeNameOf } from './convert.js';
import { PSError } from './errors.js';
import { formatValue, format as formatOp } from './operators.js';
import { Hashtable, PSObject, PSValue, ScriptBlockValue, TimeSpan } from './values.js';
import { randomUUID } from 'node:crypto';

function noMethod(target: PSValue, name: string): PSError {
  return new PSError(`Method invocation failed because [${typeNameOf(target)}] does not contain a method named '${name}'.`, {
    category: 'InvalidOperation',
    errorId: 'MethodNotFound',
    exception: 'RuntimeException',
  });
}

function argCount(name: string, args: PSValue[], ...allowed: number[]): void {
  if (!allowed.includes(args.length)) {
    throw new PSError(`Cannot find an overload for "${name}" and the argument count: "${args.length}".`, {
      category: 'NotSpecified',
      errorId: 'MethodCountCouldNotFindBest',
      exception: 'MethodException',
    });
  }
}

function addMonths(d: Date, months: number): Date {
  const r = new Date(d.getTime());
  const day = r.getUTCDate();
  r.setUTCDate(1);
  r.setUTCMonth(r.getUTCMonth() + months);
  const last = new Date(Date.UTC(r.getUTCFullYear(), r.getUTCMonth() + 1, 0)).getUTCDate();
  r.setUTCDate(Math.min(day, last));
  return r;
}

const DATE_METHODS: Record<string, (d: Date, a: PSValue[]) => PSValue> = {
  adddays: (d, a) => new Date(d.getTime() + toDouble(a[0]) * 86_400_000),
  addhours: (d, a) => new Date(d.getTime() + toDouble(a[0]) * 3_600_000),
  addminutes: (d, a) => new Date(d.getTime() + toDouble(a[0]) * 60_000),
  addseconds: (d, a) => new Date(d.getTime() + toDouble(a[0]) * 1000),
  addmilliseconds: (d, a) => new Date(d.getTime() + toDouble(a[0])),
  addmonths: (d, a) => addMonths(d, toInt(a[0])),
  addyears: (d, a) => addMonths(d, 12 * toInt(a[0])),
  add: (d, a) => new Date(d.getTime() + (a[0] instanceof TimeSpan ? a[0].ms : 0)),
  subtract: (d, a) => (a[0] instanceof Date ? new TimeSpan(d.getTime() - a[0].getTime()) : new Date(d.getTime() - (a[0] instanceof TimeSpan ? a[0].ms : 0))),
  tostring: (d, a) => (a.length ? formatDateWith(d, toStr(a[0])) : toStr(d)),
  touniversaltime: (d) => d,
  tolocaltime: (d) => d,
  toshortdatestring: (d) => formatDateWith(d, 'M/d/yyyy'),
  tolongdatestring: (d) => formatDateWith(d, 'dddd, MMMM d, yyyy'),
  toshorttimestring: (d) => formatDateWith(d, 'h:mm tt'),
  tolongtimestring: (d) => formatDateWith(d, 'h:mm:ss tt'),
  toiso8601: (d) => d.toISOString(),
  equals: (d, a) => a[0] instanceof Date && a[0].getTime() === d.getTime(),
  compareto: (d, a) => Math.sign(d.getTime() - toDate(a[0]).getTime()),
};

const STRING_METHODS: Record<string, (s: string, a: PSValue[]) => PSValue> = {
  toupper: (s) => s.toUpperCase(),
  tolower: (s) => s.toLowerCase(),
  toupperinvariant: (s) => s.toUpperCase(),
  tolowerinvariant: (s) => s.toLowerCase(),
  trim: (s, a) => (a.length ? trimChars(s, toStr(a[0]), true, true) : s.trim()),
  trimstart: (s, a) => (a.length ? trimChars(s, toStr(a[0]), true, false) : s.trimStart()),
  trimend: (s, a) => (a.length ? trimChars(s, toStr(a[0]), false, true) : s.trimEnd()),
  contains: (s, a) => s.includes(toStr(a[0])),
  startswith: (s, a) => (isIgnoreCase(a[1]) ? s.toLowerCase().startsWith(toStr(a[0]).toLowerCase()) : s.startsWith(toStr(a[0]))),
  endswith: (s, a) => (isIgnoreCase(a[1]) ? s.toLowerCase().endsWith(toStr(a[0]).toLowerCase()) : s.endsWith(toStr(a[0]))),
  indexof: (s, a) => s.indexOf(toStr(a[0]), a.length > 1 ? toInt(a[1]) : 0),
  lastindexof: (s, a) => s.lastIndexOf(toStr(a[0])),
  replace: (s, a) => s.split(toStr(a[0])).join(toStr(a[1] ?? '')),
  split: (s, a) => {
    const seps = a.length === 0 ? [' '] : Array.isArray(a[0]) ? a[0].map((x) => toStr(x)) : [...toStr(a[0])].length > 1 && typeof a[0] === 'string' && a.length > 1 ? [toStr(a[0])] : [...toStr(a[0])];
    let parts = [s];
    for (const sep of seps) parts = parts.flatMap((p) => p.split(sep));
    return parts;
  },
  substring: (s, a) => {
    const start = toInt(a[0]);
    const len = a.length > 1 ? toInt(a[1]) : s.length - start;
    if (start < 0 || start > s.length || len < 0 || start + len > s.length) {
      throw new PSError('Exception calling "Substring" with "' + a.length + '" argument(s): "Index and length must refer to a location within the string."', {
        errorId: 'ArgumentOutOfRangeException',
        exception: 'MethodInvocationException',
      });
    }
    return s.substr(start, len);
  },
  padleft: (s, a) => s.padStart(toInt(a[0]), a.length > 1 ? toStr(a[1]) : ' '),
  padright: (s, a) => s.padEnd(toInt(a[0]), a.length > 1 ? toStr(a[1]) : ' '),
  tostring: (s) => s,
  equals: (s, a) => s === toStr(a[0]),
  tochararray: (s) => [...s],
  insert: (s, a) => s.slice(0, toInt(a[0])) + toStr(a[1]) + s.slice(toInt(a[0])),
  remove: (s, a) => s.slice(0, toInt(a[0])) + (a.length > 1 ? s.slice(toInt(a[0]) + toInt(a[1])) : ''),
  gethashcode: (s) => [...s].reduce((h, c) => (h * 31 + c.charCodeAt(0)) | 0, 0),
};

function isIgnoreCase(v: PSValue | undefined): boolean {
  return v !== undefined && /ignorecase/i.test(toStr(v));
}

function trimChars(s: string, chars: string, start: boolean, end: boolean): string {
  let a = 0,
    b = s.length;
  if (start) while (a < b && chars.includes(s[a])) a++;
  if (end) while (b > a && chars.includes(s[b - 1])) b--;
  return s.slice(a, b);
}

/** Calls an instance method. */
export function invokeMethod(target: PSValue, name: string, args: PSValue[]): PSValue | undefined {
  const key = name.toLowerCase();
  if (key === 'gettype') return typeInfo(typeNameOf(target));
  if (target instanceof Date) {
    const f = DATE_METHODS[key];
    if (f) return f(target, args);
  } else if (typeof target === 'string') {
    const f = STRING_METHODS[key];
    if (f) return f(target, args);
  } else if (target instanceof TimeSpan) {
    if (key === 'tostring') return target.toString();
    if (key === 'add') return new TimeSpan(target.ms + (args[0] instanceof TimeSpan ? args[0].ms : 0));
    if (key === 'negate') return new TimeSpan(-target.ms);
  } else if (typeof target === 'number') {
    if (key === 'tostring') return args.length ? formatValue(target, toStr(args[0])) : toStr(target);
    if (key === 'equals') return target === Number(args[0]);
    if (key === 'compareto') return Math.sign(target - toDouble(args[0]));
  } else if (typeof target === 'boolean') {
    if (key === 'tostring') return toStr(target);
  } else if (Array.isArray(target)) {
    if (key === 'contains') return target.some((x) => x === args[0] || toStr(x) === toStr(args[0]));
    if (key === 'indexof') return target.findIndex((x) => x === args[0] || toStr(x) === toStr(args[0]));
    if (key === 'tostring') return 'System.Object[]';
    if (key === 'where' || key === 'foreach') {
      const block = args[0];
      if (!(block instanceof ScriptBlockValue)) throw noMethod(target, name);
      if (key === 'where') return target.filter((x) => block.invoke(x, []).some((r) => r !== null && r !== false && r !== 0 && r !== ''));
      return target.flatMap((x) => block.invoke(x, []));
    }
    if (key === 'add') {
      throw new PSError('Exception calling "Add" with "1" argument(s): "Collection was of a fixed size."', { errorId: 'NotSupportedException', exception: 'MethodInvocationException' });
    }
  } else if (target instanceof Hashtable) {
    switch (key) {
      case 'add':
        argCount(name, args, 2);
        if (target.has(args[0])) {
          throw new PSError(`Exception calling "Add" with "2" argument(s): "Item has already been added. Key in dictionary: '${toStr(args[0])}'  Key being added: '${toStr(args[0])}'"`, {
            errorId: 'ArgumentException',
            exception: 'MethodInvocationException',
          });
        }
        target.set(args[0], args[1]);
        return undefined;
      case 'remove':
        target.delete(args[0]);
        return undefined;
      case 'containskey':
        return target.has(args[0]);
      case 'contains':
        return target.has(args[0]);
      case 'containsvalue':
        return target.entries().some(([, v]) => v === args[0]);
      case 'clear':
        for (const k of target.keys()) target.delete(k);
        return undefined;
      case 'clone': {
        const c = new Hashtable(target.ordered);
        for (const [k, v] of target.entries()) c.set(k, v);
        return c;
      }
      case 'getenumerator':
        return target.entries().map(([k, v]) => PSObject.from({ Name: k, Key: k, Value: v }, 'System.Collections.DictionaryEntry'));
      case 'tostring':
        return toStr(target);
      default:
        break;
    }
  } else if (target instanceof PSObject) {
    const member = target.get(name);
    if (member instanceof ScriptBlockValue) {
      const out = member.invoke(target, args);
      return out.length === 0 ? undefined : out.length === 1 ? out[0] : out;
    }
    if (key === 'tostring') return toStr(target);
    if (key === 'equals') return target === args[0];
  } else if (target instanceof ScriptBlockValue) {
    if (key === 'invoke' || key === 'invokereturnasis') {
      const out = target.invoke(undefined, args);
      return out.length === 0 ? undefined : out.length === 1 ? out[0] : out;
    }
    if (key === 'tostring') return target.text;
  }
  if (target === null) {
    throw new PSError('You cannot call a method on a null-valued expression.', { category: 'InvalidOperation', errorId: 'InvokeMethodOnNull', exception: 'RuntimeException' });
  }
  throw noMethod(target, name);
}

function typeInfo(fullName: string): PSObject {
  const o = PSObject.from({ Name: fullName.split('.').pop() ?? fullName, FullName: fullName }, 'System.RuntimeType');
  return o;
}

/** Static members: `[datetime]::UtcNow`, `[math]::Round(1.5)`, `[string]::Join(',', $a)`. */
export function invokeStatic(typeName: string, name: string, args: PSValue[] | undefined, now: () => Date): PSValue | undefined {
  const t = typeName.toLowerCase().replace(/^system\./, '');
  const m = name.toLowerCase();
  const call = args !== undefined;
  const a = args ?? [];
  switch (t) {
    case 'datetime':
      if (m === 'now' || m === 'utcnow') return now();
      if (m === 'today') {
        const d = now();
        return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
      }
      if (m === 'minvalue') {
        const d = new Date(0);
        d.setUTCFullYear(1, 0, 1);
        return d;
      } // Date.UTC(1, ...) would mean 1901
      if (m === 'maxvalue') return new Date(Date.UTC(9999, 11, 31, 23, 59, 59, 999));
      if (call && (m === 'parse' || m === 'parseexact')) {
        const d = parseDate(toStr(a[0]));
        if (!d)
          throw new PSError(`Exception calling "${name}" with "${a.length}" argument(s): "String '${toStr(a[0])}' was not recognized as a valid DateTime."`, {
            errorId: 'FormatException',
            exception: 'MethodInvocationException',
          });
        return d;
      }
      if (call && m === 'specifykind') return toDate(a[0]);
      break;
    case 'math': {
      const n = (i: number) => toDouble(a[i]);
      switch (m) {
        case 'round': {
          const digits = a.length > 1 ? toInt(a[1]) : 0;
          const f = 10 ** digits;
          const x = n(0) * f;
          // .NET rounds half to even by default
          const r = Math.abs(x % 1) === 0.5 ? 2 * Math.round(x / 2) : Math.round(x);
          return r / f;
        }
        case 'floor':
          return Math.floor(n(0));
        case 'ceiling':
          return Math.ceil(n(0));
        case 'abs':
          return Math.abs(n(0));
        case 'max':
          return Math.max(n(0), n(1));
        case 'min':
          return Math.min(n(0), n(1));
        case 'pow':
          return n(0) ** n(1);
        case 'sqrt':
          return Math.sqrt(n(0));
        case 'truncate':
          return Math.trunc(n(0));
        case 'pi':
          return Math.PI;
        default:
          break;
      }
      break;
    }
    case 'string':
      if (m === 'empty') return '';
      if (call && m === 'isnullorempty') return a[0] === null || a[0] === undefined || toStr(a[0]) === '';
      if (call && m === 'isnullorwhitespace') return a[0] === null || a[0] === undefined || toStr(a[0]).trim() === '';
      if (call && m === 'join') return (Array.isArray(a[1]) && a.length === 2 ? a[1] : a.slice(1)).map((x) => toStr(x)).join(toStr(a[0]));
      if (call && m === 'format') return formatOp(a[0], a.slice(1).length === 1 ? a[1] : a.slice(1));
      if (call && m === 'concat') return a.map((x) => toStr(x)).join('');
      break;
    case 'guid':
      if (call && m === 'newguid') return randomUUID();
      if (m === 'empty') return '00000000-0000-0000-0000-000000000000';
      if (call && m === 'parse') return toGuid(a[0]);
      break;
    case 'int':
    case 'int32':
      if (m === 'maxvalue') return 2147483647;
      if (m === 'minvalue') return -2147483648;
      if (call && m === 'parse') return toInt(a[0]);
      break;
    case 'timespan':
      if (call && m === 'fromdays') return new TimeSpan(toDouble(a[0]) * 86_400_000);
      if (call && m === 'fromhours') return new TimeSpan(toDouble(a[0]) * 3_600_000);
      if (call && m === 'fromminutes') return new TimeSpan(toDouble(a[0]) * 60_000);
      if (call && m === 'fromseconds') return new TimeSpan(toDouble(a[0]) * 1000);
      if (call && m === 'parse') return castTo('timespan', a[0]);
      if (m === 'zero') return new TimeSpan(0);
      break;
    case 'environment':
      if (m === 'newline') return '\n';
      if (m === 'username') return process.env.USER ?? '';
      if (m === 'machinename') return process.env.HOSTNAME ?? 'localhost';
      break;
    case 'regex':
      if (call && m === 'escape') return toStr(a[0]).replace(/[.*+?^${}()|[\]\\#\s]/g, (c) => (c === ' ' ? '\\ ' : '\\' + c));
      if (call && m === 'ismatch') return dotNetRegex(toStr(a[1]), true).test(toStr(a[0]));
      break;
    case 'io.path':
      if (call && m === 'combine')
        return a
          .map((x) => toStr(x))
          .join('/')
          .replace(/\/+/g, '/');
      if (call && m === 'gettemppath') return (process.env.TMPDIR ?? '/tmp') + '/';
      if (call && m === 'getfilename') return toStr(a[0]).split(/[\\/]/).pop() ?? '';
      break;
    default:
      throw new PSError(`Unable to find type [${typeName}].`, { category: 'InvalidOperation', errorId: 'TypeNotFound', exception: 'RuntimeException' });
  }
  throw new PSError(call ? `Method invocation failed because [${typeName}] does not contain a method named '${name}'.` : `The property '${name}' cannot be found on type [${typeName}].`, {
    category: 'InvalidOperation',
    errorId: 'MethodNotFound',
    exception: 'RuntimeException',
  });
}
