// PowerShell's conversions between values: to string, number, boolean, DateTime, and the
// en-US text of dates. All DateTimes are UTC: the tenant's clock is UTC, exactly like the
// cloud service ("a date without a time zone is UTC"), so output is reproducible anywhere.

import { FormattedText, Hashtable, PSObject, PSValue, ScriptBlockValue, TimeSpan } from './values.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** `8/14/2023 9:51:20 PM`, the en-US general date/time pattern PowerShell prints. */
export function formatDate(d: Date): string {
  if (isNaN(d.getTime())) return '';
  return formatDateWith(d, 'M/d/yyyy h:mm:ss tt');
}

/** A subset of .NET custom and standard date format strings. */
export function formatDateWith(d: Date, format: string): string {
  const standard: Record<string, string> = {
    d: 'M/d/yyyy',
    D: 'dddd, MMMM d, yyyy',
    t: 'h:mm tt',
    T: 'h:mm:ss tt',
    g: 'M/d/yyyy h:mm tt',
    G: 'M/d/yyyy h:mm:ss tt',
    f: 'dddd, MMMM d, yyyy h:mm tt',
    F: 'dddd, MMMM d, yyyy h:mm:ss tt',
    s: "yyyy-MM-dd'T'HH:mm:ss",
    u: "yyyy-MM-dd HH:mm:ss'Z'",
    o: "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'",
    O: "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'",
    M: 'MMMM d',
    m: 'MMMM d',
    y: 'MMMM yyyy',
    Y: 'MMMM yyyy',
  };
  if (format.length === 1 && standard[format]) format = standard[format];
  const Y = d.getUTCFullYear(),
    Mo = d.getUTCMonth(),
    D = d.getUTCDate(),
    H = d.getUTCHours();
  const Mi = d.getUTCMinutes(),
    S = d.getUTCSeconds(),
    ms = d.getUTCMilliseconds(),
    wd = d.getUTCDay();
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  let out = '';
  let i = 0;
  while (i < format.length) {
    const c = format[i];
    if (c === "'" || c === '"') {
      const end = format.indexOf(c, i + 1);
      const stop = end < 0 ? format.length : end;
      out += format.slice(i + 1, stop);
      i = stop + 1;
      continue;
    }
    if (c === '\\' && i + 1 < format.length) {
      out += format[i + 1];
      i += 2;
      continue;
    }
    let n = 1;
    while (format[i + n] === c) n++;
    switch (c) {
      case 'y':
        out += n === 2 ? pad(Y % 100, 2) : n === 1 ? String(Y % 100) : pad(Y, n);
        break;
      case 'M':
        out += n >= 4 ? MONTHS[Mo] : n === 3 ? MONTHS[Mo].slice(0, 3) : pad(Mo + 1, n);
        break;
      case 'd':
        out += n >= 4 ? DAYS[wd] : n === 3 ? DAYS[wd].slice(0, 3) : pad(D, n);
        break;
      case 'H':
        out += pad(H, Math.min(n, 2));
        break;
      case 'h':
        out += pad(H % 12 || 12, Math.min(n, 2));
        break;
      case 'm':
        out += pad(Mi, Math.min(n, 2));
        break;
      case 's':
        out += pad(S, Math.min(n, 2));
        break;
      case 'f':
      case 'F':
        out += pad(ms, 3).padEnd(n, '0').slice(0, n);
        break;
      case 't':
        out += (H < 12 ? 'AM' : 'PM').slice(0, n === 1 ? 1 : 2);
        break;
      case 'z':
      case 'K':
        out += n >= 3 || c === 'K' ? '+00:00' : n === 2 ? '+00' : '+0';
        break;
      default:
        out += c.repeat(n);
    }
    i += n;
  }
  return out;
}

/**
 * Parses the date texts admins type: `8/14/2023`, `8/14/2023 9:51:20 PM`, `2023-08-14`,
 * ISO 8601 with or without a zone (none means UTC), `"09/01/2018 5:00 PM"`. Returns null if not a date.
 */
export function parseDate(text: string): Date | null {
  const s = text.trim();
  let m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?)?$/.exec(s);
  if (m) {
    const [, mo, d, y, h, mi, sec, ampm] = m;
    let hour = h ? Number(h) : 0;
    if (ampm) {
      if (hour < 1 || hour > 12) return null;
      hour = (hour % 12) + (/^[Pp]/.test(ampm) ? 12 : 0);
    }
    return build(Number(y), Number(mo), Number(d), hour, mi ? Number(mi) : 0, sec ? Number(sec) : 0, 0);
  }
  m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(s);
  if (m) {
    const [, y, mo, d, h, mi, sec, frac, zone] = m;
    const ms = frac ? Math.round(Number('0.' + frac) * 1000) : 0;
    const date = build(Number(y), Number(mo), Number(d), h ? Number(h) : 0, mi ? Number(mi) : 0, sec ? Number(sec) : 0, ms);
    if (!date) return null;
    if (zone && zone.toUpperCase() !== 'Z') {
      const sign = zone[0] === '-' ? -1 : 1;
      const digits = zone.slice(1).replace(':', '');
      const offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
      return new Date(date.getTime() - offset * 60_000);
    }
    return date;
  }
  return null;
}

function build(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): Date | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s, ms));
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null; // 2/30 and the like
  return date;
}

/** Parses `01:00:00`, `1.02:03:04`, and the shorthand `1h`, `30m`, `2d`, `45s`. */
export function parseTimeSpan(text: string): TimeSpan | null {
  const s = text.trim();
  let m = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?$/.exec(s);
  if (m) {
    const [, neg, d, h, mi, sec, frac] = m;
    if (Number(mi) > 59 || (sec && Number(sec) > 59) || Number(h) > 23) return null;
    const ms = frac ? Math.round(Number('0.' + frac) * 1000) : 0;
    const span = TimeSpan.fromParts(Number(d ?? 0), Number(h), Number(mi), Number(sec ?? 0), ms);
    return neg ? new TimeSpan(-span.ms) : span;
  }
  m = /^(-)?(\d+(?:\.\d+)?)\s*(d|h|m|s|ms)$/i.exec(s);
  if (m) {
    const unit: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
    const ms = Math.round(Number(m[2]) * unit[m[3].toLowerCase()]);
    return new TimeSpan(m[1] ? -ms : ms);
  }
  m = /^-?\d+$/.exec(s);
  if (m) return TimeSpan.fromParts(Number(s), 0, 0, 0); // .NET parses a lone integer as days
  return null;
}

/** Formats a number the way PowerShell prints it (invariant culture, no exponent for ordinary sizes). */
export function formatNumber(n: number): string {
  if (Number.isInteger(n)) return String(n);
  if (!isFinite(n)) return isNaN(n) ? 'NaN' : n > 0 ? 'Infinity' : '-Infinity';
  // .NET prints doubles with up to 15 significant digits
  return String(Number(n.toPrecision(15)));
}

/** PowerShell's conversion to string, as used by string expansion, -join and [string]. */
export function toStr(v: PSValue | undefined): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (v instanceof Date) return formatDate(v);
  if (v instanceof TimeSpan) return v.toString();
  if (Array.isArray(v)) return v.map((x) => toStr(x)).join(' ');
  if (v instanceof Hashtable) return v.ordered ? 'System.Collections.Specialized.OrderedDictionary' : 'System.Collections.Hashtable';
  if (v instanceof ScriptBlockValue) return v.text;
  if (v instanceof FormattedText) return v.text;
  if (v instanceof PSObject) {
    if (v.display !== undefined) return v.display;
    if (v.typeNames.includes('System.Management.Automation.PSCustomObject')) {
      return (
        '@{' +
        v
          .entries()
          .map(([k, x]) => `${k}=${toStr(x)}`)
          .join('; ') +
        '}'
      );
    }
    const identity = v.get('Identity') ?? v.get('Name');
    return identity !== undefined && identity !== null ? toStr(identity) : v.typeName;
  }
  return String(v);
}

/** PowerShell's truthiness: $null, '', 0, $false, empty arrays are false; a 1-element array is its element. */
export function toBool(v: PSValue | undefined): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return v.length > 0;
  if (Array.isArray(v)) return v.length === 0 ? false : v.length === 1 ? toBool(v[0]) : true;
  return true;
}

/** Converts to a number as PowerShell's arithmetic does, or null when it cannot. */
export function toNumberOrNull(v: PSValue | undefined): number | null {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const t = v.trim();
    if (t === '') return 0;
    if (/^0x[0-9a-f]+$/i.test(t)) return parseInt(t, 16);
    const n = Number(t.replace(/_/g, 'x'));
    return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t) && !isNaN(n) ? n : null;
  }
  if (Array.isArray(v) && v.length === 1) return toNumberOrNull(v[0]);
  return null;
}

/** Strips a PowerShell single-element-array wrapper used for display decisions. */
export function typeNameOf(v: PSValue | undefined): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return 'System.String';
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) <= 2147483647 ? 'System.Int32' : 'System.Double';
  if (typeof v === 'boolean') return 'System.Boolean';
  if (v instanceof Date) return 'System.DateTime';
  if (v instanceof TimeSpan) return 'System.TimeSpan';
  if (Array.isArray(v)) return 'System.Object[]';
  if (v instanceof Hashtable) return v.ordered ? 'System.Collections.Specialized.OrderedDictionary' : 'System.Collections.Hashtable';
  if (v instanceof ScriptBlockValue) return 'System.Management.Automation.ScriptBlock';
  if (v instanceof FormattedText) return 'Microsoft.PowerShell.Commands.Internal.Format.FormatEntryData';
  return v.typeName;
}

/**
 * The string form an operator sees (PSObject.ToStringParser): invariant culture, so a DateTime
 * reads `08/14/2023 21:51:20` (not the display form), and arrays join with a space ($OFS).
 */
export function operandToString(v: PSValue | undefined): string {
  if (v instanceof Date) return isNaN(v.getTime()) ? '' : formatDateWith(v, 'MM/dd/yyyy HH:mm:ss');
  if (Array.isArray(v)) return v.map((x) => operandToString(x)).join(' ');
  return toStr(v ?? null);
}
