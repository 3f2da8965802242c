// The trace query engine (src/tenant/trace/): the index and its cache, the planner checked
// against a brute-force filter on random data, V2 paging with ties, the date windows.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TraceRow, TraceStatus } from '../../src/tenant/mail/model.js';
import type { TenantData } from '../../src/tenant/schema.js';
import { emptyTenant } from '../../src/tenant/tenant.js';
import { addressFilter, matchesAddress, messageIdKey } from '../../src/tenant/trace/match.js';
import { continuationKey, rowEvents, rowsFor, takePage, traceRows, TRACE_STATUSES, type TraceQuery } from '../../src/tenant/trace/query.js';
import { indexBuildCount, traceIndex } from '../../src/tenant/trace/trace-index.js';
import { CLASSIC_RULES, JOINED_RULES, traceWindow, V2_RULES } from '../../src/tenant/trace/window.js';

const T0 = Date.parse('2023-08-10T00:00:00Z');
const SENDERS = ['a@contoso.com', 'B@contoso.com', 'c@fabrikam.com', 'd@adatum.com'];
const RECIPIENTS = ['r1@contoso.com', 'R2@contoso.com', 'x@fabrikam.com', 'y@fabrikam.com', 'z@litware.com'];

function row(i: number, over: Partial<TraceRow> = {}): TraceRow {
  return {
    messageId: `<m${i % 7}@contoso.com>`,
    messageTraceId: `00000000-0000-4000-8000-${String(i % 9).padStart(12, '0')}`,
    received: new Date(T0 + (i % 5) * 60_000).toISOString(),
    senderAddress: SENDERS[i % SENDERS.length],
    recipientAddress: RECIPIENTS[i % RECIPIENTS.length],
    subject: `Subject ${i % 3}`,
    status: TRACE_STATUSES[i % TRACE_STATUSES.length],
    toIP: i % 2 ? '52.1.2.3' : null,
    fromIP: i % 3 ? '10.0.0.1' : '10.0.0.2',
    size: 1000 + i,
    events: [
      { date: new Date(T0 + (i % 5) * 60_000).toISOString(), event: 'Receive', action: null, detail: 'r', data: '' },
      { date: new Date(T0 + (i % 5) * 60_000 + 1000).toISOString(), event: i % 2 ? 'Deliver' : 'Drop', action: i % 4 ? null : 'Quarantine', detail: 'd', data: '' },
    ],
    ...over,
  };
}

function tenantWith(rows: TraceRow[]): TenantData {
  const data = emptyTenant('contoso.com', new Date(T0));
  data.mail.traces.push(...rows);
  return data;
}

/** The order and filters of the engine, by brute force. */
function naive(data: TenantData, q: TraceQuery): TraceRow[] {
  const start = q.window.start.getTime(),
    end = q.window.end.getTime();
  const ids = q.messageIds?.length ? new Set(q.messageIds.map(messageIdKey)) : undefined;
  const statuses = q.statuses?.length ? new Set(q.statuses.map((s) => s.toLowerCase())) : undefined;
  return data.mail.traces
    .map((r, i) => ({ r, i, t: Date.parse(r.received), k: r.recipientAddress.toLowerCase() }))
    .filter(
      ({ r, t, k }) =>
        t >= start &&
        t <= end &&
        (!q.after || t < q.after.time || (t === q.after.time && k > q.after.recipient)) &&
        (!q.messageTraceId || r.messageTraceId === q.messageTraceId) &&
        (!ids || ids.has(messageIdKey(r.messageId))) &&
        (!q.senders || matchesAddress(q.senders, r.senderAddress)) &&
        (!q.recipients || matchesAddress(q.recipients, r.recipientAddress)) &&
        (!statuses || statuses.has(r.status.toLowerCase())) &&
        (q.fromIP === undefined || r.fromIP === q.fromIP) &&
        (q.toIP === undefined || (r.toIP ?? '') === q.toIP) &&
        (!q.subject || r.subject.toLowerCase().includes(q.subject.text.toLowerCase())),
    )
    .sort((a, b) => b.t - a.t || (a.k < b.k ? -1 : a.k > b.k ? 1 : 0) || (a.r.messageTraceId < b.r.messageTraceId ? -1 : a.r.messageTraceId > b.r.messageTraceId ? 1 : 0) || a.i - b.i)
    .map(({ r }) => r);
}

describe('the planner', () => {
  it('finds exactly what a brute-force filter finds, in trace order, for random data and queries', () => {
    const query = fc.record({
      from: fc.integer({ min: -1, max: 5 }),
      span: fc.integer({ min: 0, max: 6 }),
      senders: fc.option(fc.oneof(fc.subarray(SENDERS, { minLength: 1 }), fc.constantFrom(['*@contoso.com'], ['*@fabrikam.com'], ['c@*'], ['*'])), { nil: undefined }),
      recipients: fc.option(fc.oneof(fc.subarray(RECIPIENTS, { minLength: 1 }), fc.constantFrom(['*@FABRIKAM.com'], ['r*@contoso.com'])), { nil: undefined }),
      messageIds: fc.option(fc.subarray(['<m1@contoso.com>', 'm2@contoso.com', '<M3@CONTOSO.COM>', '<nope@x>'], { minLength: 1 }), { nil: undefined }),
      traceId: fc.option(fc.integer({ min: 0, max: 9 }), { nil: undefined }),
      statuses: fc.option(fc.subarray([...TRACE_STATUSES, 'None'], { minLength: 1 }), { nil: undefined }),
      fromIP: fc.option(fc.constantFrom('10.0.0.1', '10.0.0.2'), { nil: undefined }),
      toIP: fc.option(fc.constantFrom('52.1.2.3', ''), { nil: undefined }),
      subject: fc.option(fc.constantFrom('subject 1', 'Subject'), { nil: undefined }),
      after: fc.option(fc.record({ minute: fc.integer({ min: 0, max: 4 }), recipient: fc.constantFrom(...RECIPIENTS.map((r) => r.toLowerCase())) }), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), query, (n, q) => {
        const data = tenantWith(Array.from({ length: n }, (_, i) => row(i)));
        const tq: TraceQuery = {
          window: { start: new Date(T0 + q.from * 60_000), end: new Date(T0 + (q.from + q.span) * 60_000) },
          senders: addressFilter(q.senders, 'SenderAddress'),
          recipients: addressFilter(q.recipients, 'RecipientAddress'),
          messageIds: q.messageIds,
          messageTraceId: q.traceId === undefined ? undefined : `00000000-0000-4000-8000-${String(q.traceId).padStart(12, '0')}`,
          statuses: q.statuses,
          fromIP: q.fromIP,
          toIP: q.toIP,
          subject: q.subject ? { text: q.subject, type: 'Contains' } : undefined,
          after: q.after ? { time: T0 + q.after.minute * 60_000, recipient: q.after.recipient } : undefined,
        };
        expect([...traceRows(data, tq)]).toEqual(naive(data, tq));
      }),
      { numRuns: 400 },
    );
  });

  it('stops reading as soon as the caller stops (rows stream)', () => {
    const data = tenantWith(Array.from({ length: 1000 }, (_, i) => row(i)));
    const it = traceRows(data, { window: { start: new Date(T0), end: new Date(T0 + 3_600_000) } });
    expect(it.next().done).toBe(false);
    expect(it.return(undefined).done).toBe(true);
  });
});

describe('the index', () => {
  it("is built once per snapshot, and again when the snapshot's trace list grows or is replaced", () => {
    const data = tenantWith(Array.from({ length: 20 }, (_, i) => row(i)));
    const before = indexBuildCount();
    const a = traceIndex(data);
    expect(traceIndex(data)).toBe(a);
    for (let i = 0; i < 5; i++) [...traceRows(data, { window: { start: new Date(T0), end: new Date(T0 + 3_600_000) }, senders: addressFilter(['a@contoso.com'], 'S') })];
    expect(indexBuildCount()).toBe(before + 1);
    data.mail.traces.push(row(99));
    const b = traceIndex(data);
    expect(b).not.toBe(a);
    expect(b.everything()).toHaveLength(21);
    data.mail.traces = [row(1)];
    expect(traceIndex(data).everything()).toHaveLength(1);
    expect(indexBuildCount()).toBe(before + 3);
    // another snapshot (the next statement's load) has its own index
    expect(traceIndex(tenantWith([row(1)]))).not.toBe(traceIndex(data));
  });

  it('holds positions into the rows, not copies, and keys every row by sender, recipient, ids and domain', () => {
    const rows = Array.from({ length: 12 }, (_, i) => row(i));
    const data = tenantWith(rows);
    const index = traceIndex(data);
    expect(index.rows).toBe(data.mail.traces);
    const count = (kind: Parameters<typeof index.list>[0], keys: string[]) => keys.reduce((n, k) => n + index.list(kind, k).length, 0);
    expect(
      count(
        'sender',
        SENDERS.map((s) => s.toLowerCase()),
      ),
    ).toBe(12);
    expect(
      count(
        'recipient',
        RECIPIENTS.map((s) => s.toLowerCase()),
      ),
    ).toBe(12);
    expect(count('senderDomain', ['contoso.com', 'fabrikam.com', 'adatum.com'])).toBe(12);
    expect(count('recipientDomain', ['contoso.com', 'fabrikam.com', 'litware.com'])).toBe(12);
    expect(
      count(
        'messageId',
        Array.from({ length: 7 }, (_, i) => `<m${i}@contoso.com>`),
      ),
    ).toBe(12);
    expect(index.list('sender', 'b@contoso.com').length).toBeGreaterThan(0);
    expect(index.list('sender', 'B@contoso.com')).toEqual([]);
    const all = index.everything();
    expect([...all].sort((a, b) => a - b)).toEqual(rows.map((_, i) => i));
    for (let k = 1; k < all.length; k++) expect(index.compare(all[k - 1], all[k])).toBeLessThan(0);
    for (const list of [index.list('recipientDomain', 'fabrikam.com'), index.union('sender', ['a@contoso.com', 'c@fabrikam.com'])]) {
      for (let k = 1; k < list.length; k++) expect(index.time(list[k - 1])).toBeGreaterThanOrEqual(index.time(list[k]));
    }
  });

  it("answers Get-MessageTraceDetail's lookup by trace id and recipient", () => {
    const rows = [row(0), row(9)]; // same trace id (i % 9), different recipients
    const data = tenantWith(rows);
    expect(rowsFor(data, rows[0].messageTraceId.toUpperCase(), ' R1@contoso.com ')).toEqual([rows[0]]);
    expect(rowsFor(data, rows[0].messageTraceId, 'z@litware.com')).toEqual([rows[1]]);
    expect(rowsFor(data, rows[0].messageTraceId, 'nobody@contoso.com')).toEqual([]);
  });
});

describe('events', () => {
  it('come oldest first, within the window, filtered by event and action case-insensitively', () => {
    const r = row(0);
    r.events.push({ date: new Date(T0 - 1000).toISOString(), event: 'Submit', action: null, detail: '', data: '' });
    const w = { start: new Date(T0 - 3_600_000), end: new Date(T0 + 3_600_000) };
    expect([...rowEvents(r, { window: w })].map((e) => e.event)).toEqual(['Submit', 'Receive', 'Drop']);
    expect([...rowEvents(r, { window: w, events: ['DROP', 'submit'] })].map((e) => e.event)).toEqual(['Submit', 'Drop']);
    expect([...rowEvents(r, { window: w, actions: ['quarantine'] })].map((e) => e.event)).toEqual(['Drop']);
    expect([...rowEvents(r, { window: { start: new Date(T0), end: new Date(T0) } })].map((e) => e.event)).toEqual(['Receive']);
  });
});

describe('V2 pages (takePage)', () => {
  const at = (minute: number) => new Date(T0 + minute * 60_000).toISOString();

  function walk(rows: TraceRow[], limit: number): TraceRow[][] {
    const data = tenantWith(rows);
    const window = { start: new Date(T0 - 86_400_000), end: new Date(T0 + 86_400_000) };
    const pages: TraceRow[][] = [];
    let after: TraceQuery['after'];
    for (let guard = 0; guard < 1000; guard++) {
      const page: TraceRow[] = [];
      const { more, last } = takePage(traceRows(data, { window, after }), limit, (r) => page.push(r));
      pages.push(page);
      if (!more) break;
      after = continuationKey(last!);
    }
    return pages;
  }

  it('never splits rows that share Received and recipient across pages: the page ends early instead', () => {
    // three messages to the same recipient in the same second, then others
    const rows = [
      row(0, { received: at(3), recipientAddress: 'a@x.com', messageTraceId: 't1' }),
      row(1, { received: at(2), recipientAddress: 'same@x.com', messageTraceId: 't2' }),
      row(2, { received: at(2), recipientAddress: 'same@x.com', messageTraceId: 't3' }),
      row(3, { received: at(2), recipientAddress: 'same@x.com', messageTraceId: 't4' }),
      row(4, { received: at(1), recipientAddress: 'b@x.com', messageTraceId: 't5' }),
    ];
    const pages = walk(rows, 3);
    expect(pages.map((p) => p.map((r) => r.messageTraceId))).toEqual([['t1'], ['t2', 't3', 't4'], ['t5']]);
  });

  it('pages through random data without duplicates or gaps whenever no tie group exceeds the page', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ minute: fc.integer({ min: 0, max: 6 }), r: fc.integer({ min: 0, max: 4 }) }), { maxLength: 60 }), fc.integer({ min: 1, max: 12 }), (spec, limit) => {
        const rows = spec.map((s, i) => row(i, { received: at(s.minute), recipientAddress: RECIPIENTS[s.r], messageTraceId: `t${String(i).padStart(3, '0')}` }));
        const groups = new Map<string, number>();
        for (const r of rows) {
          const k = `${r.received}|${r.recipientAddress.toLowerCase()}`;
          groups.set(k, (groups.get(k) ?? 0) + 1);
        }
        fc.pre([...groups.values()].every((n) => n <= limit));
        const pages = walk(rows, limit);
        const all = [...traceRows(tenantWith(rows), { window: { start: new Date(T0 - 86_400_000), end: new Date(T0 + 86_400_000) } })];
        expect(pages.flat()).toEqual(all);
        expect(pages.every((p) => p.length <= limit)).toBe(true);
        expect(pages.slice(0, -1).every((p) => p.length > 0)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('returns a whole page when one tie group fills it (the rest of that group is then skipped)', () => {
    const rows = [0, 1, 2].map((i) => row(i, { received: at(1), recipientAddress: 'same@x.com', messageTraceId: `t${i}` }));
    const pages = walk(rows, 2);
    expect(pages.map((p) => p.length)).toEqual([2, 0]);
  });
});

describe('date windows', () => {
  const now = new Date('2023-08-15T09:00:00Z');
  it('default to the last 48 hours; StartDate alone runs to now; EndDate alone covers the 48 hours before it', () => {
    expect(traceWindow(CLASSIC_RULES, now)).toEqual({ start: new Date('2023-08-13T09:00:00Z'), end: now });
    expect(traceWindow(CLASSIC_RULES, now, new Date('2023-08-14T00:00:00Z'))).toEqual({ start: new Date('2023-08-14T00:00:00Z'), end: now });
    expect(traceWindow(CLASSIC_RULES, now, undefined, new Date('2023-08-14T00:00:00Z'))).toEqual({ start: new Date('2023-08-12T00:00:00Z'), end: new Date('2023-08-14T00:00:00Z') });
  });

  it("count the 10 and 90 days in whole days from 00:00 UTC today, and the 10-day span with a minute's grace", () => {
    expect(() => traceWindow(CLASSIC_RULES, now, new Date('2023-08-05T00:00:00Z'))).not.toThrow();
    expect(() => traceWindow(CLASSIC_RULES, now, new Date('2023-08-04T23:59:59Z'))).toThrow("Invalid StartDate value. The StartDate can't be older than 10 days from today.");
    expect(() => traceWindow(V2_RULES, now, new Date('2023-05-17T00:00:00Z'), new Date('2023-05-18T00:00:00Z'))).not.toThrow();
    expect(() => traceWindow(V2_RULES, now, new Date('2023-05-16T23:59:59Z'), new Date('2023-05-18T00:00:00Z'))).toThrow('older than 90 days');
    expect(() => traceWindow(V2_RULES, now, new Date('2023-08-01T00:00:00Z'), new Date('2023-08-11T00:01:00Z'))).not.toThrow();
    expect(() => traceWindow(V2_RULES, now, new Date('2023-08-01T00:00:00Z'), new Date('2023-08-11T00:01:01Z'))).toThrow('Invalid date range.');
    expect(() => traceWindow(JOINED_RULES, now, new Date('2023-05-20T00:00:00Z'), now)).not.toThrow();
  });
});

describe('address filters', () => {
  it('match exact addresses case-insensitively, *@domain by domain, other patterns by wildcard', () => {
    expect(addressFilter(undefined, 'X')).toBeUndefined();
    expect(addressFilter(['*'], 'X')).toBeUndefined();
    expect(addressFilter(['*@*'], 'X')).toBeUndefined();
    expect(addressFilter(['*@Contoso.com'], 'X')).toEqual({ domain: 'contoso.com' });
    const p = addressFilter(['user@*'], 'X')!;
    expect(matchesAddress(p, 'USER@fabrikam.com')).toBe(true);
    expect(matchesAddress(p, 'user2@fabrikam.com')).toBe(false);
    expect(matchesAddress(addressFilter(['A@b.com', 'c@d.com'], 'X')!, 'a@B.com')).toBe(true);
    expect(() => addressFilter(['*@b.com', 'c@d.com'], 'SenderAddress')).toThrow("When you use a wildcard (*) in the SenderAddress parameter, you can't specify any other values.");
    expect(messageIdKey(' abc@x.com ')).toBe('<abc@x.com>');
  });

  it('statuses are the documented ones', () => {
    const statuses: TraceStatus[] = ['GettingStatus', 'Pending', 'Delivered', 'Expanded', 'Failed', 'FilteredAsSpam', 'Quarantined'];
    expect([...TRACE_STATUSES].sort()).toEqual([...statuses].sort());
  });
});
