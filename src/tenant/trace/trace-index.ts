// In-memory indexes over data.mail.traces, built once per loaded snapshot of the store and
// kept in a WeakMap keyed by the TenantData object (so they go with the snapshot). A snapshot
// whose trace list has grown or been replaced since (mail sent in the same statement) gets a
// fresh index. Rows are never copied: the index holds integer positions into the trace list.
//
// Everything is built on first use, so a query pays only for what it filters on: a key map
// (sender, recipient, their domains, Message-ID, MessageTraceId → row positions) takes one
// pass over the rows; each key's list is put in trace order the first time it is read (only
// its own rows' times are parsed); the whole list in trace order is built only for a query
// without any key (a plain date window).
//
// Trace order: newest Received first; rows received at the same instant by recipient address
// (case-insensitive), then MessageTraceId, then store order. This is the order the cmdlets
// write rows in, and the order Get-MessageTraceV2's continuation (-EndDate +
// -StartingRecipientAddress) walks.

import type { TraceRow } from '../mail/model.js';
import type { TenantData } from '../schema.js';
import { domainKey, messageIdKey } from './match.js';

export type IndexKey = 'sender' | 'recipient' | 'senderDomain' | 'recipientDomain' | 'messageId' | 'traceId';

const KEYS: Record<IndexKey, (row: TraceRow) => string> = {
  sender: (r) => r.senderAddress.toLowerCase(),
  recipient: (r) => r.recipientAddress.toLowerCase(),
  senderDomain: (r) => domainKey(r.senderAddress),
  recipientDomain: (r) => domainKey(r.recipientAddress),
  messageId: (r) => messageIdKey(r.messageId),
  traceId: (r) => r.messageTraceId.toLowerCase(),
};

export class TraceIndex {
  private readonly times: Float64Array;
  private readonly recipients: (string | undefined)[];
  private readonly maps = new Map<IndexKey, Map<string, number[]>>();
  private readonly sorted = new Set<number[]>();
  private all?: number[];
  /** Compares two row positions in trace order. */
  readonly compare = (a: number, b: number): number => {
    const ta = this.time(a),
      tb = this.time(b);
    if (ta !== tb) return tb - ta;
    const ra = this.recipient(a),
      rb = this.recipient(b);
    if (ra !== rb) return ra < rb ? -1 : 1;
    const ia = this.rows[a].messageTraceId,
      ib = this.rows[b].messageTraceId;
    if (ia !== ib) return ia < ib ? -1 : 1;
    return a - b;
  };

  constructor(readonly rows: readonly TraceRow[]) {
    this.times = new Float64Array(rows.length).fill(NaN);
    this.recipients = new Array(rows.length);
  }

  /** Received (ms) of the row at a position. */
  time(p: number): number {
    let t = this.times[p];
    if (Number.isNaN(t)) t = this.times[p] = Date.parse(this.rows[p].received);
    return t;
  }

  /** Lower-case recipient address of the row at a position. */
  recipient(p: number): string {
    return (this.recipients[p] ??= this.rows[p].recipientAddress.toLowerCase());
  }

  private map(kind: IndexKey): Map<string, number[]> {
    let map = this.maps.get(kind);
    if (map) return map;
    map = new Map();
    const keyOf = KEYS[kind];
    for (let p = 0; p < this.rows.length; p++) {
      const key = keyOf(this.rows[p]);
      const list = map.get(key);
      if (list) list.push(p);
      else map.set(key, [p]);
    }
    this.maps.set(kind, map);
    return map;
  }

  /** The positions of the rows with a key, in trace order ([] for none). */
  list(kind: IndexKey, key: string): readonly number[] {
    const list = this.map(kind).get(key);
    if (!list) return [];
    if (!this.sorted.has(list)) {
      list.sort(this.compare);
      this.sorted.add(list);
    }
    return list;
  }

  /** The positions of the rows with any of the keys, in trace order. */
  union(kind: IndexKey, keys: Iterable<string>): readonly number[] {
    const lists = [...new Set(keys)].map((k) => this.list(kind, k)).filter((l) => l.length > 0);
    if (lists.length <= 1) return lists[0] ?? [];
    return lists.flat().sort(this.compare);
  }

  /** Every row position in trace order. */
  everything(): readonly number[] {
    if (!this.all) {
      const n = this.rows.length;
      for (let p = 0; p < n; p++) {
        this.time(p);
        this.recipient(p);
      }
      const all: number[] = new Array(n);
      for (let p = 0; p < n; p++) all[p] = p;
      this.all = all.sort(this.compare);
    }
    return this.all;
  }

  /** In a list in trace order, the first index whose row was received at or before `t`. */
  firstAtOrBefore(list: readonly number[], t: number): number {
    let lo = 0,
      hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.time(list[mid]) > t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** In a list in trace order, the first index whose row was received before `t`. */
  firstBefore(list: readonly number[], t: number): number {
    let lo = 0,
      hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.time(list[mid]) >= t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

interface CacheEntry {
  traces: TraceRow[];
  length: number;
  index: TraceIndex;
}

const cache = new WeakMap<TenantData, CacheEntry>();
let builds = 0;

/** How many indexes have been made (for tests of the caching). */
export function indexBuildCount(): number {
  return builds;
}

/** The index of a snapshot's trace rows, made on first use. */
export function traceIndex(data: TenantData): TraceIndex {
  const traces = data.mail.traces;
  const hit = cache.get(data);
  if (hit && hit.traces === traces && hit.length === traces.length) return hit.index;
  builds++;
  const index = new TraceIndex(traces);
  cache.set(data, { traces, length: traces.length, index });
  return index;
}
