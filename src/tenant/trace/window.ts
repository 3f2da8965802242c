// The date window of a trace query, and the limits Exchange Online puts on it:
//   classic (Get-MessageTrace, Get-MessageTraceDetail): the last 10 days;
//   V2 (Get-MessageTraceV2, Get-MessageTraceDetailV2): the last 90 days, at most 10 days per query;
//   joined (Get-MessageTraceDetailJoined, exosh's own): the last 90 days, any span.
// Without -StartDate and -EndDate a query covers the last 48 hours. A date typed without a
// time zone is UTC (the shell parses it so).

import { traceError, traceTexts } from './texts.js';

const DAY_MS = 86_400_000;
export const DEFAULT_WINDOW_MS = 48 * 3_600_000;
/** Two reads of a running clock (`(Get-Date).AddDays(-10)` then `Get-Date`) may be this far apart. */
export const SPAN_GRACE_MS = 60_000;

export interface WindowRules {
  /** How far back StartDate may go, in days, counted from 00:00 UTC today. */
  retentionDays: number;
  /** The longest EndDate - StartDate, in days, if limited. */
  maxSpanDays?: number;
  /** The .NET exception named by the error records (classic Get-MessageTrace differs). */
  exceptionName: string;
}

export const CLASSIC_RULES: WindowRules = { retentionDays: 10, exceptionName: 'InvalidExpressionException' };
export const CLASSIC_DETAIL_RULES: WindowRules = { retentionDays: 10, exceptionName: 'ValidationException' };
export const V2_RULES: WindowRules = { retentionDays: 90, maxSpanDays: 10, exceptionName: 'ValidationException' };
export const JOINED_RULES: WindowRules = { retentionDays: 90, exceptionName: 'ValidationException' };
export const HISTORICAL_RULES: WindowRules = { retentionDays: 90, exceptionName: 'ValidationException' };

export interface TraceWindow {
  start: Date;
  end: Date;
}

/** 00:00 UTC of the day `days` days before `now`'s day: the oldest StartDate accepted. */
export function oldestStart(now: Date, days: number): number {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return today - days * DAY_MS;
}

/**
 * The window for the given dates: both absent → the last 48 hours; StartDate alone → up to
 * now; EndDate alone → the 48 hours before it. Throws the documented errors.
 */
export function traceWindow(rules: WindowRules, now: Date, start?: Date, end?: Date): TraceWindow {
  const e = end ?? now;
  const s = start ?? new Date(e.getTime() - DEFAULT_WINDOW_MS);
  if (s.getTime() < oldestStart(now, rules.retentionDays)) {
    throw traceError(traceTexts.startTooOld(rules.retentionDays), 'InvalidStartDate', rules.exceptionName);
  }
  if (e.getTime() < s.getTime()) {
    throw traceError(traceTexts.endBeforeStart(), 'InvalidEndDate', rules.exceptionName);
  }
  if (rules.maxSpanDays !== undefined && e.getTime() - s.getTime() > rules.maxSpanDays * DAY_MS + SPAN_GRACE_MS) {
    throw traceError(traceTexts.spanTooLong(rules.maxSpanDays), 'InvalidDateRange', rules.exceptionName);
  }
  return { start: new Date(s.getTime()), end: new Date(e.getTime()) };
}
