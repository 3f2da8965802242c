// Conversion of argument values to declared parameter types and to cast types, with
// PowerShell's error texts ("Cannot convert value "x" to type "System.Int32"...").

import type { ParamType } from './cmdlet.js';
import { operandToString } from './compare.js';
import { formatNumber, parseDate, parseTimeSpan, toBool, toNumberOrNull, toStr, typeNameOf } from './convert.js';
import { toList } from './lists.js';
import { Hashtable, PSObject, PSValue, ScriptBlockValue, TimeSpan } from './values.js';

/** A conversion failure; the binder wraps it into "Cannot bind parameter ..." text. */
export class ConversionError extends Error {
  constructor(
    readonly value: PSValue | undefined,
    readonly targetType: string,
    readonly reason: string,
  ) {
    // .NET's own "Cannot convert the "x" value of type ..." / "Cannot convert null to ..." texts stand alone
    super(/^Cannot convert (the "|null )/.test(reason) ? reason : `Cannot convert value "${displayForError(value)}" to type "${targetType}". Error: "${reason}"`);
  }
}

function displayForError(v: PSValue | undefined): string {
  if (Array.isArray(v)) return 'System.Object[]';
  return toStr(v ?? null);
}

export function typeDisplayName(t: ParamType): string {
  if (typeof t === 'object') return t.array ? 'System.String[]' : 'System.String';
  switch (t) {
    case 'string':
      return 'System.String';
    case 'string[]':
      return 'System.String[]';
    case 'int':
      return 'System.Int32';
    case 'int[]':
      return 'System.Int32[]';
    case 'double':
      return 'System.Double';
    case 'bool':
      return 'System.Boolean';
    case 'switch':
      return 'System.Management.Automation.SwitchParameter';
    case 'datetime':
      return 'System.DateTime';
    case 'timespan':
      return 'System.TimeSpan';
    case 'guid':
      return 'System.Guid';
    case 'scriptblock':
      return 'System.Management.Automation.ScriptBlock';
    case 'hashtable':
      return 'System.Collections.Hashtable';
    case 'object[]':
      return 'System.Object[]';
    default:
      return 'System.Object';
  }
}

const GUID_RE = /^\{?([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})\}?$/i;

export function toInt(v: PSValue | undefined, type = 'System.Int32'): number {
  const one = Array.isArray(v) && v.length === 1 ? v[0] : v;
  if (Array.isArray(one)) throw new ConversionError(v, type, `Cannot convert the "System.Object[]" value of type "System.Object[]" to type "${type}".`);
  const n = one instanceof Date || one instanceof PSObject || one instanceof Hashtable ? null : toNumberOrNull(one ?? null);
  if (n === null || !isFinite(n)) throw new ConversionError(v, type, `The input string '${toStr(one ?? null)}' was not in a correct format.`);
  // .NET rounds half to even when converting a double to int
  const r = Math.abs(n % 1) === 0.5 ? 2 * Math.round(n / 2) : Math.round(n);
  if (type === 'System.Int32' && (r > 2147483647 || r < -2147483648)) throw new ConversionError(v, type, 'Value was either too large or too small for an Int32.');
  return r;
}

export function toDouble(v: PSValue | undefined): number {
  const one = Array.isArray(v) && v.length === 1 ? v[0] : v;
  const n = Array.isArray(one) || one instanceof Date ? null : toNumberOrNull(one ?? null);
  if (n === null) throw new ConversionError(v, 'System.Double', `The input string '${toStr(one ?? null)}' was not in a correct format.`);
  return n;
}

export function toDate(v: PSValue | undefined): Date {
  const one = Array.isArray(v) && v.length === 1 ? v[0] : v;
  if (one instanceof Date) return one;
  if (typeof one === 'string') {
    const d = parseDate(one);
    if (d) return d;
    throw new ConversionError(v, 'System.DateTime', `String '${one}' was not recognized as a valid DateTime.`);
  }
  if (one === null || one === undefined) throw new ConversionError(null, 'System.DateTime', 'Cannot convert null to type "System.DateTime".');
  throw new ConversionError(v, 'System.DateTime', `Cannot convert the "${toStr(one)}" value of type "${typeNameOf(one)}" to type "System.DateTime".`);
}

export function toTimeSpan(v: PSValue | undefined): TimeSpan {
  const one = Array.isArray(v) && v.length === 1 ? v[0] : v;
  if (one instanceof TimeSpan) return one;
  if (typeof one === 'number') return new TimeSpan(Math.round(one / 10_000)); // ticks, as .NET
  if (typeof one === 'string') {
    const t = parseTimeSpan(one);
    if (t) return t;
  }
  throw new ConversionError(v, 'System.TimeSpan', `String '${toStr(one ?? null)}' was not recognized as a valid TimeSpan.`);
}

export function toGuid(v: PSValue | undefined): string {
  const one = Array.isArray(v) && v.length === 1 ? v[0] : v;
  const s = toStr(one ?? null).trim();
  const m = GUID_RE.exec(s);
  if (!m) throw new ConversionError(v, 'System.Guid', 'Guid should contain 32 digits with 4 dashes (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx).');
  return `${m[1]}-${m[2]}-${m[3]}-${m[4]}-${m[5]}`.toLowerCase();
}

/** Converts to bool the way parameter binding does: only booleans and numbers are accepted. */
export function toBoolParam(v: PSValue | undefined): boolean {
  const one = Array.isArray(v) && v.length === 1 ? v[0] : v;
  if (typeof one === 'boolean') return one;
  if (typeof one === 'number') return one !== 0;
  throw new ConversionError(
    v,
    'System.Boolean',
    `Cannot convert value "${toStr(one ?? null)}" to type "System.Boolean". Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.`,
  );
}

/** Converts a bound argument to a declared parameter type. */
export function coerceToParamType(v: PSValue | undefined, type: ParamType): PSValue {
  if (typeof type === 'object') {
    const pick = (x: PSValue): string => {
      const s = toStr(x);
      const hit = type.enum.find((e) => e.toLowerCase() === s.toLowerCase());
      if (!hit) throw new ConversionError(x, 'System.String', `The argument "${s}" does not belong to the set "${type.enum.join(',')}"`);
      return hit;
    };
    return type.array ? toList(v).map(pick) : pick(Array.isArray(v) && v.length === 1 ? v[0] : (v ?? null));
  }
  switch (type) {
    case 'string': {
      const one = Array.isArray(v) && v.length === 1 ? v[0] : v;
      return Array.isArray(one) ? one.map((x) => toStr(x)).join(' ') : toStr(one ?? null);
    }
    case 'string[]':
      return toList(v).map((x) => toStr(x));
    case 'int':
      return toInt(v);
    case 'int[]':
      return toList(v).map((x) => toInt(x));
    case 'double':
      return toDouble(v);
    case 'bool':
      return toBoolParam(v);
    case 'switch':
      return toBool(v ?? null);
    case 'datetime':
      return toDate(v);
    case 'timespan':
      return toTimeSpan(v);
    case 'guid':
      return toGuid(v);
    case 'scriptblock': {
      const one = Array.isArray(v) && v.length === 1 ? v[0] : v;
      if (one instanceof ScriptBlockValue) return one;
      throw new ConversionError(
        v,
        'System.Management.Automation.ScriptBlock',
        `Cannot convert the "${toStr(one ?? null)}" value of type "${typeNameOf(one)}" to type "System.Management.Automation.ScriptBlock".`,
      );
    }
    case 'hashtable': {
      const one = Array.isArray(v) && v.length === 1 ? v[0] : v;
      if (one instanceof Hashtable) return one;
      throw new ConversionError(v, 'System.Collections.Hashtable', `Cannot convert the "${toStr(one ?? null)}" value of type "${typeNameOf(one)}" to type "System.Collections.Hashtable".`);
    }
    case 'object[]':
      return toList(v);
    default:
      return v ?? null;
  }
}

/** True when a value already has the declared type, without conversion (pipeline binding's first pass). */
export function isOfParamType(v: PSValue, type: ParamType): boolean {
  if (typeof type === 'object') return false;
  switch (type) {
    case 'object':
    case 'object[]':
      return true;
    case 'string':
    case 'string[]':
      return typeof v === 'string';
    case 'int':
    case 'int[]':
    case 'double':
      return typeof v === 'number';
    case 'datetime':
      return v instanceof Date;
    case 'timespan':
      return v instanceof TimeSpan;
    case 'scriptblock':
      return v instanceof ScriptBlockValue;
    case 'hashtable':
      return v instanceof Hashtable;
    case 'bool':
    case 'switch':
      return typeof v === 'boolean';
    default:
      return false;
  }
}

/** `[type]value` casts in the language. Unknown types are an error. */
export function castTo(typeName: string, v: PSValue | undefined): PSValue {
  const t = typeName.toLowerCase().replace(/^system\./, '');
  switch (t) {
    // like string expansion, [string] uses the invariant culture: [string]$date is 08/14/2023 21:51:20
    case 'string':
      return v === null || v === undefined ? '' : operandToString(v);
    case 'int':
    case 'int32':
    case 'long':
    case 'int64':
    case 'byte':
    case 'uint32':
    case 'int16':
      return toInt(v, t.startsWith('int64') || t === 'long' ? 'System.Int64' : 'System.Int32');
    case 'double':
    case 'decimal':
    case 'float':
    case 'single':
      return toDouble(v);
    case 'bool':
    case 'boolean':
      return toBool(v ?? null);
    case 'datetime':
      return toDate(v);
    case 'timespan':
      return toTimeSpan(v);
    case 'guid':
      return toGuid(v);
    case 'array':
    case 'object[]':
      return toList(v);
    case 'string[]':
      return toList(v).map((x) => toStr(x));
    case 'int[]':
      return toList(v).map((x) => toInt(x));
    case 'object':
    case 'psobject':
      return v ?? null;
    case 'char': {
      const s = toStr(v ?? null);
      if (typeof v === 'number') return String.fromCharCode(v);
      if (s.length !== 1) throw new ConversionError(v, 'System.Char', 'String must be exactly one character long.');
      return s;
    }
    case 'scriptblock':
      return coerceToParamType(v, 'scriptblock');
    case 'hashtable':
      return coerceToParamType(v, 'hashtable');
    case 'regex':
      return toStr(v ?? null);
    case 'void':
      return null;
    case 'switch':
    case 'management.automation.switchparameter':
      return toBool(v ?? null);
    default:
      throw new ConversionError(v, typeName, `Unable to find type [${typeName}].`);
  }
}

export { formatNumber };
