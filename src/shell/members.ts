// Member access on any value: properties of objects and hashtables, the well-known
// properties of strings, dates, time spans and arrays, and PowerShell's member enumeration
// (`$rows.Subject` gives every row's Subject).

import { PSError } from './errors.js';
import { FormattedText, Hashtable, PSObject, PSValue, ScriptBlockValue, TimeSpan } from './values.js';

const DATE_PROPS: Record<string, (d: Date) => PSValue> = {
  year: (d) => d.getUTCFullYear(),
  month: (d) => d.getUTCMonth() + 1,
  day: (d) => d.getUTCDate(),
  hour: (d) => d.getUTCHours(),
  minute: (d) => d.getUTCMinutes(),
  second: (d) => d.getUTCSeconds(),
  millisecond: (d) => d.getUTCMilliseconds(),
  dayofweek: (d) => ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'][d.getUTCDay()],
  dayofyear: (d) => Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1,
  date: (d) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())),
  ticks: (d) => d.getTime() * 10_000 + 621_355_968_000_000_000,
  kind: () => 'Utc',
  timeofday: (d) => new TimeSpan(d.getTime() - Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate())),
};

const TIMESPAN_PROPS: Record<string, (t: TimeSpan) => PSValue> = {
  days: (t) => Math.trunc(t.ms / 86_400_000),
  hours: (t) => Math.trunc(t.ms / 3_600_000) % 24,
  minutes: (t) => Math.trunc(t.ms / 60_000) % 60,
  seconds: (t) => Math.trunc(t.ms / 1000) % 60,
  milliseconds: (t) => t.ms % 1000,
  totaldays: (t) => t.totalDays,
  totalhours: (t) => t.totalHours,
  totalminutes: (t) => t.totalMinutes,
  totalseconds: (t) => t.totalSeconds,
  totalmilliseconds: (t) => t.ms,
  ticks: (t) => t.ms * 10_000,
};

/** Returns the member's value, or undefined when the value has no such member. */
export function getMember(target: PSValue | undefined, name: string): PSValue | undefined {
  if (target === null || target === undefined) return undefined;
  const key = name.toLowerCase();
  if (target instanceof PSObject) {
    return target.get(name);
  }
  if (target instanceof Hashtable) {
    if (target.has(name)) return target.get(name);
    if (key === 'count') return target.size;
    if (key === 'keys') return target.keys();
    if (key === 'values') return target.entries().map(([, v]) => v);
    return undefined;
  }
  if (Array.isArray(target)) {
    if (key === 'count' || key === 'length') return target.length;
    // Member enumeration: collect the member from each element, flattening one level.
    const out: PSValue[] = [];
    for (const item of target) {
      const v = getMember(item, name);
      if (v === undefined) continue;
      if (Array.isArray(v)) out.push(...v);
      else out.push(v);
    }
    return out.length === 0 ? undefined : out.length === 1 ? out[0] : out;
  }
  if (typeof target === 'string') {
    if (key === 'length') return target.length;
    return undefined;
  }
  if (target instanceof Date) {
    const f = DATE_PROPS[key];
    return f ? f(target) : undefined;
  }
  if (target instanceof TimeSpan) {
    const f = TIMESPAN_PROPS[key];
    return f ? f(target) : undefined;
  }
  if (target instanceof ScriptBlockValue || target instanceof FormattedText) return undefined;
  // Every scalar has Count 1 and Length 1 in PowerShell 3+.
  if (key === 'count' || key === 'length') return 1;
  return undefined;
}

/** Sets a property on an object or hashtable; returns false if the target cannot take it. */
export function setMember(target: PSValue | undefined, name: string, value: PSValue): boolean {
  if (target instanceof PSObject) {
    if (!target.has(name)) return false;
    target.set(name, value);
    return true;
  }
  if (target instanceof Hashtable) {
    target.set(name, value);
    return true;
  }
  return false;
}

/** The names of a value's displayable properties, in order (what Format-List * shows). */
export function propertyNames(value: PSValue | undefined): string[] {
  if (value instanceof PSObject) return value.names();
  if (value instanceof Hashtable) return ['Name', 'Value'];
  if (value instanceof Date) return ['DateTime', 'Date', 'Day', 'DayOfWeek', 'DayOfYear', 'Hour', 'Kind', 'Millisecond', 'Minute', 'Month', 'Second', 'Ticks', 'TimeOfDay', 'Year'];
  if (value instanceof TimeSpan) return ['Ticks', 'Days', 'Hours', 'Milliseconds', 'Minutes', 'Seconds', 'TotalDays', 'TotalHours', 'TotalMilliseconds', 'TotalMinutes', 'TotalSeconds'];
  if (typeof value === 'string') return ['Length'];
  return [];
}

/** Reads a named property for display: like getMember, plus Date's DateTime text. */
export function getProperty(value: PSValue | undefined, name: string): PSValue | undefined {
  if (value instanceof Date && name.toLowerCase() === 'datetime') {
    return value
      .toLocaleString('en-US', { timeZone: 'UTC', weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit', second: '2-digit' })
      .replace(' at ', ' ');
  }
  return getMember(value, name);
}

/** Turns `*Recall*`-style wildcards into a case-insensitive matcher (PowerShell -like semantics). */
export function wildcardToRegExp(pattern: string, anchored = true): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '`' && i + 1 < pattern.length) {
      re += escapeRe(pattern[++i]);
      continue;
    }
    if (c === '*') re += '[\\s\\S]*';
    else if (c === '?') re += '[\\s\\S]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end > i) {
        re += '[' + pattern.slice(i + 1, end).replace(/\\/g, '\\\\') + ']';
        i = end;
      } else re += '\\[';
    } else re += escapeRe(c);
  }
  try {
    return new RegExp(anchored ? `^${re}$` : re, 'i');
  } catch {
    // e.g. `[z-a]`: pwsh rejects the pattern the same way
    throw new PSError(`The specified wildcard character pattern is not valid: ${pattern}`, { category: 'InvalidArgument', errorId: 'RuntimeException', exception: 'WildcardPatternException' });
  }
}

export function hasWildcard(s: string): boolean {
  return /[*?[]/.test(s);
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
