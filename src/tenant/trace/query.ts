// The message trace query engine shared by Get-MessageTrace, Get-MessageTraceV2,
// Get-MessageTraceDetail(V2), Get-MessageTraceDetailJoined and the historical search reports.
//
// A query is planned over the snapshot's index (trace-index.ts): each equality filter (message
// trace id, message ids, sender, recipient, *@domain) has a list of row positions in trace
// order, in which the date window is found by two binary searches; the list with the fewest
// rows in the window is walked (every row in trace order when no filter has a key) and the
// other filters are checked row by row. Rows are yielded as they are found, so a cmdlet writes
// them downstream at once and stops reading when it has a page.

import type { TraceEvent, TraceRow, TraceStatus } from '../mail/model.js';
import type { TenantData } from '../schema.js';
import { type AddressFilter, matchesAddress, messageIdKey } from './match.js';
import { traceIndex, type IndexKey, type TraceIndex } from './trace-index.js';
import type { TraceWindow } from './window.js';

export const TRACE_STATUSES: readonly TraceStatus[] = ['GettingStatus', 'Pending', 'Delivered', 'Expanded', 'Failed', 'FilteredAsSpam', 'Quarantined'];
/** The classic cmdlet also accepts None (no delivery status: rejected or redirected). */
export const CLASSIC_STATUSES = ['None', 'GettingStatus', 'Failed', 'Pending', 'Delivered', 'Expanded', 'Quarantined', 'FilteredAsSpam'] as const;
export const V2_STATUSES = ['Delivered', 'Expanded', 'Failed', 'FilteredAsSpam', 'GettingStatus', 'Pending', 'Quarantined'] as const;

export type SubjectFilterType = 'Contains' | 'StartsWith' | 'EndsWith';

export interface TraceQuery {
  window: TraceWindow;
  senders?: AddressFilter;
  recipients?: AddressFilter;
  /** Message-IDs in any form (with or without angle brackets). */
  messageIds?: readonly string[];
  messageTraceId?: string;
  statuses?: readonly string[];
  fromIP?: string;
  toIP?: string;
  subject?: { text: string; type: SubjectFilterType };
  /** Continuation: only rows after this (Received, recipient) key in trace order. */
  after?: { time: number; recipient: string };
}

/** A list of row positions in trace order, narrowed to the window: list[from..to). */
interface Candidates {
  list: readonly number[];
  from: number;
  to: number;
}

function addressCandidates(index: TraceIndex, filter: AddressFilter | undefined, exact: IndexKey, domain: IndexKey): readonly number[] | undefined {
  if (!filter) return undefined;
  if (filter.exact) return index.union(exact, filter.exact);
  if (filter.domain !== undefined) return index.list(domain, filter.domain);
  return undefined;
}

/** The rows matching a query, in trace order (newest first), as they are found. */
export function* traceRows(data: TenantData, q: TraceQuery): Generator<TraceRow> {
  const index = traceIndex(data);
  const rows = index.rows;
  const start = q.window.start.getTime();
  const end = q.after ? Math.min(q.window.end.getTime(), q.after.time) : q.window.end.getTime();
  if (end < start) return;

  const traceId = q.messageTraceId?.toLowerCase();
  const ids = q.messageIds && q.messageIds.length ? new Set(q.messageIds.map(messageIdKey)) : undefined;
  const statuses = q.statuses && q.statuses.length ? new Set(q.statuses.map((s) => s.toLowerCase())) : undefined;
  const fromIP = q.fromIP?.trim().toLowerCase();
  const toIP = q.toIP?.trim().toLowerCase();
  const subject = q.subject ? { text: q.subject.text.toLowerCase(), type: q.subject.type } : undefined;

  // Plan: the key list with the fewest rows in the window; without keys, every row in order.
  const lists: (readonly number[] | undefined)[] = [
    traceId !== undefined ? index.list('traceId', traceId) : undefined,
    ids ? index.union('messageId', ids) : undefined,
    addressCandidates(index, q.senders, 'sender', 'senderDomain'),
    addressCandidates(index, q.recipients, 'recipient', 'recipientDomain'),
  ];
  let best: Candidates | undefined;
  for (const list of lists) {
    if (!list) continue;
    const c = { list, from: index.firstAtOrBefore(list, end), to: index.firstBefore(list, start) };
    if (!best || c.to - c.from < best.to - best.from) best = c;
  }
  if (!best) {
    const all = index.everything();
    best = { list: all, from: index.firstAtOrBefore(all, end), to: index.firstBefore(all, start) };
  }

  const accept = (p: number): boolean => {
    const row = rows[p];
    if (q.after && index.time(p) === q.after.time && index.recipient(p) <= q.after.recipient) return false;
    if (traceId !== undefined && row.messageTraceId.toLowerCase() !== traceId) return false;
    if (ids && !ids.has(messageIdKey(row.messageId))) return false;
    if (q.senders && !matchesAddress(q.senders, row.senderAddress)) return false;
    if (q.recipients && !matchesAddress(q.recipients, row.recipientAddress)) return false;
    if (statuses && !statuses.has(row.status.toLowerCase())) return false;
    if (fromIP !== undefined && (row.fromIP ?? '').toLowerCase() !== fromIP) return false;
    if (toIP !== undefined && (row.toIP ?? '').toLowerCase() !== toIP) return false;
    if (subject) {
      const s = row.subject.toLowerCase();
      const ok = subject.type === 'StartsWith' ? s.startsWith(subject.text) : subject.type === 'EndsWith' ? s.endsWith(subject.text) : s.includes(subject.text);
      if (!ok) return false;
    }
    return true;
  };

  for (let k = best.from; k < best.to; k++) {
    const p = best.list[k];
    if (accept(p)) yield rows[p];
  }
}

/** The (Received, recipient) key that orders rows and continues a V2 query. */
export function continuationKey(row: TraceRow): { time: number; recipient: string } {
  return { time: Date.parse(row.received), recipient: row.recipientAddress.toLowerCase() };
}

/**
 * Takes up to `limit` rows for Get-MessageTraceV2, writing each as soon as it is certain to be
 * on the page. Rows sharing a (Received, recipient) key are never split across pages (the
 * continuation could not tell them apart): a group that would not fit ends the page early,
 * unless it is alone on the page. Returns whether more rows match, and the last row written.
 */
export function takePage(rows: Iterable<TraceRow>, limit: number, emit: (row: TraceRow) => void): { more: boolean; last: TraceRow | undefined } {
  let written = 0;
  let last: TraceRow | undefined;
  let group: TraceRow[] = [];
  let groupKey: { time: number; recipient: string } | undefined;
  const flush = () => {
    for (const r of group) {
      emit(r);
      last = r;
    }
    written += group.length;
    group = [];
  };
  for (const row of rows) {
    const key = continuationKey(row);
    if (group.length && (key.time !== groupKey!.time || key.recipient !== groupKey!.recipient)) {
      flush();
      if (written >= limit) return { more: true, last };
    }
    if (written + group.length + 1 > limit) {
      // this row shares the key of a group that already fills the page
      if (written === 0) flush();
      return { more: true, last };
    }
    group.push(row);
    groupKey = key;
  }
  flush();
  return { more: false, last };
}

/** The trace rows of one message for one recipient (Get-MessageTraceDetail's -MessageTraceId + -RecipientAddress). */
export function rowsFor(data: TenantData, messageTraceId: string, recipient: string): TraceRow[] {
  const index = traceIndex(data);
  const l = recipient.trim().toLowerCase();
  return index
    .list('traceId', messageTraceId.toLowerCase())
    .filter((p) => index.recipient(p) === l)
    .map((p) => index.rows[p]);
}

export interface EventQuery {
  window: TraceWindow;
  /** Event names (case-insensitive), e.g. Drop, DELIVER. */
  events?: readonly string[];
  actions?: readonly string[];
}

/** A row's events in the window, oldest first, filtered by -Event and -Action. */
export function* rowEvents(row: TraceRow, q: EventQuery): Generator<TraceEvent> {
  const start = q.window.start.getTime(),
    end = q.window.end.getTime();
  const events = q.events && q.events.length ? new Set(q.events.map((e) => e.trim().toLowerCase())) : undefined;
  const actions = q.actions && q.actions.length ? new Set(q.actions.map((a) => a.trim().toLowerCase())) : undefined;
  const list = row.events;
  const times = list.map((e) => Date.parse(e.date));
  // events are almost always stored in time order; sort (stably) only when they are not
  let order: number[] | undefined;
  for (let i = 1; i < times.length; i++) {
    if (times[i] < times[i - 1]) {
      order = times.map((_, k) => k).sort((a, b) => times[a] - times[b] || a - b);
      break;
    }
  }
  for (let k = 0; k < list.length; k++) {
    const i = order ? order[k] : k;
    const e = list[i],
      t = times[i];
    if (t < start || t > end) continue;
    if (events && !events.has(e.event.toLowerCase())) continue;
    if (actions && !actions.has((e.action ?? '').toLowerCase())) continue;
    yield e;
  }
}
