// Get-Date, New-TimeSpan and Start-Sleep, after pwsh 7's GetDateCommand / NewTimeSpanCommand /
// StartSleepCommand. "Now" is the host's clock (ctx.now(), which honours --now); all dates are UTC.

import { defineCmdlet } from '../../shell/cmdlet.js';
import type { CmdletContext, ParamValues } from '../../shell/cmdlet.js';
import { formatDateWith } from '../../shell/convert.js';
import { PSValue, TimeSpan } from '../../shell/values.js';

const MS_PER_DAY = 86_400_000;

function daysInMonth(year: number, month0: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month0 + 1, 0);
  return d.getUTCDate();
}

/** DateTime.AddMonths: the day is clamped to the new month (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: Date, months: number): Date {
  const total = date.getUTCFullYear() * 12 + date.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month0 = total - year * 12;
  const d = new Date(date.getTime());
  // setUTCFullYear, unlike Date.UTC, keeps years below 100 as they are.
  d.setUTCFullYear(year, month0, Math.min(date.getUTCDate(), daysInMonth(year, month0)));
  return d;
}

function isoWeekYear(d: Date): { year: number; week: number } {
  // ISO 8601: the week with the year's first Thursday is week 1; weeks start on Monday.
  const day = (d.getUTCDay() + 6) % 7;
  const thursday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day + 3));
  const year = thursday.getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1);
  return { year, week: Math.floor((thursday.getTime() - jan1) / MS_PER_DAY / 7) + 1 };
}

function dayOfYear(d: Date): number {
  return Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / MS_PER_DAY) + 1;
}

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** -UFormat: pwsh 7's strftime-like table (GetDateCommand.UFormatDateString). */
export function uformatDate(d: Date, uformat: string): string {
  const f = (fmt: string) => formatDateWith(d, fmt);
  let out = '';
  for (let i = uformat.startsWith('+') ? 1 : 0; i < uformat.length; i++) {
    const c = uformat[i];
    if (c !== '%' || i + 1 >= uformat.length) {
      out += c;
      continue;
    }
    const spec = uformat[++i];
    switch (spec) {
      case 'A':
        out += f('dddd');
        break;
      case 'a':
        out += f('ddd');
        break;
      case 'B':
        out += f('MMMM');
        break;
      case 'b':
      case 'h':
        out += f('MMM');
        break;
      case 'C':
        out += Math.floor(d.getUTCFullYear() / 100);
        break;
      case 'c':
        out += f('ddd dd MMM yyyy HH:mm:ss');
        break;
      case 'D':
      case 'x':
        out += f('MM/dd/yy');
        break;
      case 'd':
        out += f('dd');
        break;
      case 'e':
        out += String(d.getUTCDate()).padStart(2, ' ');
        break;
      case 'F':
        out += f('yyyy-MM-dd');
        break;
      case 'G':
        out += pad(isoWeekYear(d).year, 4);
        break;
      case 'g':
        out += pad(isoWeekYear(d).year % 100, 2);
        break;
      case 'H':
        out += f('HH');
        break;
      case 'I':
        out += f('hh');
        break;
      case 'j':
        out += pad(dayOfYear(d), 3);
        break;
      case 'k':
        out += String(d.getUTCHours()).padStart(2, ' ');
        break;
      case 'l':
        out += String(d.getUTCHours() % 12 || 12).padStart(2, ' ');
        break;
      case 'M':
        out += f('mm');
        break;
      case 'm':
        out += f('MM');
        break;
      case 'n':
        out += '\n';
        break;
      case 'p':
        out += f('tt');
        break;
      case 'R':
        out += f('HH:mm');
        break;
      case 'r':
        out += f('hh:mm:ss tt');
        break;
      case 'S':
        out += f('ss');
        break;
      case 's':
        out += Math.round(d.getTime() / 1000);
        break;
      case 'T':
      case 'X':
        out += f('HH:mm:ss');
        break;
      case 't':
        out += '\t';
        break;
      case 'U': {
        const jan1Offset = (new Date(Date.UTC(d.getUTCFullYear(), 0, 1)).getUTCDay() + 6) % 7;
        out += pad(Math.floor((jan1Offset + dayOfYear(d) - d.getUTCDay()) / 7), 2);
        break;
      }
      case 'u':
        out += d.getUTCDay() === 0 ? 7 : d.getUTCDay();
        break;
      case 'V':
        out += pad(isoWeekYear(d).week, 2);
        break;
      case 'W':
        out += Math.floor(dayOfYear(d) / 7);
        break;
      case 'w':
        out += d.getUTCDay();
        break;
      case 'Y':
        out += f('yyyy');
        break;
      case 'y':
        out += f('yy');
        break;
      case 'Z':
        out += '+00';
        break;
      default:
        out += spec;
    }
  }
  return out;
}

/** pwsh's named -Format values for file names (ISO 8601 basic format). */
const FILE_FORMATS: Record<string, string> = {
  filedate: 'yyyyMMdd',
  filedateuniversal: "yyyyMMdd'Z'",
  filedatetime: "yyyyMMdd'T'HHmmssffff",
  filedatetimeuniversal: "yyyyMMdd'T'HHmmssffff'Z'",
};

type DateParts = { [K in 'Year' | 'Month' | 'Day' | 'Hour' | 'Minute' | 'Second' | 'Millisecond']?: number };

/** Applies -Year ... -Millisecond the way pwsh does: as offsets, in order (so -Day 31 in February rolls over). */
function adjust(date: Date, params: DateParts): Date {
  let d = date;
  const has = (p: DateParts, name: keyof DateParts) => p[name] !== undefined;
  const n = (name: keyof DateParts) => params[name] ?? 0;
  if (has(params, 'Year')) d = addMonths(d, (n('Year') - d.getUTCFullYear()) * 12);
  if (has(params, 'Month')) d = addMonths(d, n('Month') - (d.getUTCMonth() + 1));
  if (has(params, 'Day')) d = new Date(d.getTime() + (n('Day') - d.getUTCDate()) * MS_PER_DAY);
  if (has(params, 'Hour')) d = new Date(d.getTime() + (n('Hour') - d.getUTCHours()) * 3_600_000);
  if (has(params, 'Minute')) d = new Date(d.getTime() + (n('Minute') - d.getUTCMinutes()) * 60_000);
  if (has(params, 'Second')) d = new Date(d.getTime() + (n('Second') - d.getUTCSeconds()) * 1000);
  if (has(params, 'Millisecond')) d = new Date(d.getTime() + (n('Millisecond') - d.getUTCMilliseconds()));
  return d;
}

function baseDate(ctx: CmdletContext, params: ParamValues): Date {
  if (params.Date instanceof Date) return params.Date;
  if (typeof params.UnixTimeSeconds === 'number') return new Date(Math.trunc(params.UnixTimeSeconds) * 1000);
  return ctx.now();
}

export const getDateCmdlet = defineCmdlet({
  name: 'Get-Date',
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Gets the current date and time.',
  description:
    'Returns the current date and time of the tenant clock (UTC; --now sets it), or -Date, with -Year, -Month, -Day, -Hour, -Minute, -Second ' +
    'and -Millisecond replaced. -Format (.NET format) and -UFormat (Unix format) return a string instead.',
  defaultSet: 'DateAndFormat',
  parameters: [
    {
      name: 'Date',
      type: 'datetime',
      position: 0,
      fromPipeline: true,
      fromPipelineByPropertyName: true,
      aliases: ['LastWriteTime'],
      sets: ['DateAndFormat', 'DateAndUFormat'],
      help: 'The date to use instead of now.',
    },
    {
      name: 'UnixTimeSeconds',
      type: 'double',
      aliases: ['UnixTime'],
      range: [-62135596800, 253402300799],
      sets: ['UnixTimeSecondsAndFormat', 'UnixTimeSecondsAndUFormat'],
      help: 'The date as seconds since 1970-01-01 UTC.',
    },
    { name: 'Year', type: 'int', range: [1, 9999], help: 'The year to use.' },
    { name: 'Month', type: 'int', range: [1, 12], help: 'The month to use.' },
    { name: 'Day', type: 'int', range: [1, 31], help: 'The day of the month to use (past the month end, it rolls into the next month).' },
    { name: 'Hour', type: 'int', range: [0, 23], help: 'The hour to use.' },
    { name: 'Minute', type: 'int', range: [0, 59], help: 'The minute to use.' },
    { name: 'Second', type: 'int', range: [0, 59], help: 'The second to use.' },
    { name: 'Millisecond', type: 'int', range: [0, 999], help: 'The millisecond to use.' },
    { name: 'DisplayHint', type: { enum: ['Date', 'Time', 'DateTime'] }, help: 'Accepted for compatibility.' },
    {
      name: 'Format',
      type: 'string',
      sets: ['DateAndFormat', 'UnixTimeSecondsAndFormat'],
      help: 'A .NET format string (e.g. yyyy-MM-dd), or FileDate, FileDateTime, FileDateUniversal, FileDateTimeUniversal.',
    },
    { name: 'UFormat', type: 'string', sets: ['DateAndUFormat', 'UnixTimeSecondsAndUFormat'], help: 'A Unix format string (e.g. %Y-%m-%d).' },
    { name: 'AsUTC', type: 'switch', help: 'Accepted for compatibility: dates are already UTC.' },
  ],
  examples: [
    { code: 'Get-Date', remarks: 'The current date and time.' },
    { code: "Get-Date -Format 'yyyy-MM-dd HH:mm'", remarks: 'Now as text.' },
    { code: '(Get-Date).AddDays(-7)', remarks: 'A week ago, for -StartDate.' },
  ],
  process(ctx, params) {
    const date = adjust(baseDate(ctx, params), params);
    if (typeof params.UFormat === 'string') {
      ctx.write(uformatDate(date, params.UFormat));
    } else if (typeof params.Format === 'string') {
      ctx.write(formatDateWith(date, FILE_FORMATS[params.Format.toLowerCase()] ?? params.Format));
    } else {
      ctx.write(date);
    }
  },
});

export const newTimeSpanCmdlet = defineCmdlet({
  name: 'New-TimeSpan',
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Creates a TimeSpan object.',
  description: 'The time between -Start and -End (each defaults to now), or a span of -Days, -Hours, -Minutes, -Seconds and -Milliseconds.',
  defaultSet: 'Date',
  parameters: [
    { name: 'Start', type: 'datetime', position: 0, fromPipelineByPropertyName: true, aliases: ['LastWriteTime'], sets: ['Date'], help: 'The start of the span (default: now).' },
    { name: 'End', type: 'datetime', position: 1, fromPipelineByPropertyName: true, sets: ['Date'], help: 'The end of the span (default: now).' },
    { name: 'Days', type: 'int', sets: ['Time'], help: 'Days in the span.' },
    { name: 'Hours', type: 'int', sets: ['Time'], help: 'Hours in the span.' },
    { name: 'Minutes', type: 'int', sets: ['Time'], help: 'Minutes in the span.' },
    { name: 'Seconds', type: 'int', sets: ['Time'], help: 'Seconds in the span.' },
    { name: 'Milliseconds', type: 'int', sets: ['Time'], help: 'Milliseconds in the span.' },
  ],
  examples: [
    { code: 'New-TimeSpan -Hours 1', remarks: 'One hour.' },
    { code: "New-TimeSpan -Start '8/14/2023' -End '8/15/2023 6:00 PM'", remarks: 'The time between two dates.' },
  ],
  process(ctx, params) {
    const { Days, Hours, Minutes, Seconds, Milliseconds } = params;
    if ([Days, Hours, Minutes, Seconds, Milliseconds].some((x) => x !== undefined)) {
      ctx.write(TimeSpan.fromParts(Days ?? 0, Hours ?? 0, Minutes ?? 0, Seconds ?? 0, Milliseconds ?? 0));
      return;
    }
    const now = ctx.now();
    const start = params.Start instanceof Date ? params.Start : now;
    const end = params.End instanceof Date ? params.End : now;
    ctx.write(new TimeSpan(end.getTime() - start.getTime()));
  },
});

export const startSleepCmdlet = defineCmdlet({
  name: 'Start-Sleep',
  module: 'Microsoft.PowerShell.Utility',
  aliases: ['sleep'],
  synopsis: 'Suspends the activity in a script or session for the specified period of time.',
  defaultSet: 'Seconds',
  parameters: [
    { name: 'Seconds', type: 'double', position: 0, range: [0, 2147483.647], sets: ['Seconds'], help: 'Seconds to wait.' },
    { name: 'Milliseconds', type: 'int', aliases: ['ms'], range: [0, 2147483647], sets: ['Milliseconds'], help: 'Milliseconds to wait.' },
    { name: 'Duration', type: 'timespan', aliases: ['ts'], sets: ['FromTimeSpan'], help: 'How long to wait.' },
  ],
  examples: [{ code: 'Start-Sleep -Seconds 2', remarks: 'Waits two seconds.' }],
  process(ctx, params) {
    const value = (v: PSValue | undefined) => (typeof v === 'number' ? v : 0);
    const ms = params.Duration instanceof TimeSpan ? params.Duration.ms : typeof params.Milliseconds === 'number' ? params.Milliseconds : value(params.Seconds) * 1000;
    ctx.wait(ms);
  },
});

export const dateCmdlets = [getDateCmdlet, newTimeSpanCmdlet, startSleepCmdlet];
