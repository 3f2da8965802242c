// Get-MessageTraceV2 and Get-MessageTraceDetailV2: 90 days of data, at most 10 days per
// query, no pages. When more rows match than -ResultSize, Get-MessageTraceV2 warns with the
// command that gets the next rows (-EndDate and -StartingRecipientAddress of the last row),
// which scripts read from -WarningVariable and run.

import { defineCmdlet, type ParamValues } from '../../shell/cmdlet.js';
import { roundTrip } from '../../tenant/trace/historical.js';
import { rowEvents, takePage, traceRows, V2_STATUSES } from '../../tenant/trace/query.js';
import { traceError, traceTexts } from '../../tenant/trace/texts.js';
import { traceWindow, V2_RULES, type TraceWindow } from '../../tenant/trace/window.js';
import { EXCHANGE_MODULE, optString, strings, tenantOf } from './common.js';
import { DETAIL_VIEW, detailObject, detailRows, TRACE_VIEW, traceObject, traceQuery } from './message-trace.js';

const V2_STATUS_SET = ['None', ...V2_STATUSES] as const;

/** A PowerShell string literal: double quotes, or single quotes when the text would expand. */
export function quote(value: string): string {
  return /[$`"\u201c\u201d]/.test(value) ? `'${value.replace(/'/g, "''")}'` : `"${value}"`;
}

/** The command that continues a query after `last` (the warning's second sentence). */
export function continuationCommand(p: ParamValues, bound: ReadonlySet<string>, window: TraceWindow, lastReceived: string, lastRecipient: string, resultSize: number): string {
  const parts = [
    'Get-MessageTraceV2',
    `-StartDate ${quote(roundTrip(window.start))}`,
    `-EndDate ${quote(roundTrip(lastReceived))}`,
    `-StartingRecipientAddress ${quote(lastRecipient)}`,
    `-ResultSize ${resultSize}`,
  ];
  for (const name of ['SenderAddress', 'RecipientAddress', 'MessageId', 'MessageTraceId', 'Status', 'Subject', 'SubjectFilterType', 'FromIP', 'ToIP']) {
    if (!bound.has(name) || p[name] === undefined || p[name] === null) continue;
    const values = strings(p[name])!;
    if (values.length) parts.push(`-${name} ${values.map(quote).join(',')}`);
  }
  return parts.join(' ');
}

export const getMessageTraceV2Cmdlet = defineCmdlet({
  name: 'Get-MessageTraceV2',
  module: EXCHANGE_MODULE,
  synopsis: 'Traces messages through the organization: up to -ResultSize rows (default 1000, at most 5000), newest first.',
  description:
    "Searches the last 90 days of message trace data, at most 10 days per query (the last 48 hours without -StartDate and -EndDate). There are no pages: when more rows match than -ResultSize, a warning gives the command that returns the next rows (the same -StartDate, the last row's Received as -EndDate and its RecipientAddress as -StartingRecipientAddress, and the other filters), so that scripts can read it with -WarningVariable and run it. -Subject matches per -SubjectFilterType (Contains by default). The Status None is not valid here. See docs/message-trace.md.",
  parameters: [
    { name: 'EndDate', type: 'datetime', position: 0, fromPipelineByPropertyName: true, help: 'End of the range (default: now).' },
    { name: 'FromIP', type: 'string', position: 1, fromPipelineByPropertyName: true, help: 'Only messages that came from this IP address.' },
    { name: 'MessageId', type: 'string[]', position: 2, fromPipelineByPropertyName: true, help: 'Message-ID header values, with or without angle brackets.' },
    { name: 'MessageTraceId', type: 'guid', position: 3, fromPipelineByPropertyName: true, help: 'The message trace ID of the message.' },
    { name: 'RecipientAddress', type: 'string[]', position: 4, fromPipelineByPropertyName: true, help: 'Recipient addresses (several, or one wildcard pattern).' },
    { name: 'ResultSize', type: 'int', position: 5, range: [1, 5000], fromPipelineByPropertyName: true, help: 'The most rows to return: 1 to 5000 (default 1000).' },
    { name: 'SenderAddress', type: 'string[]', position: 6, fromPipelineByPropertyName: true, help: 'Sender addresses (several, or one wildcard pattern such as *@contoso.com).' },
    { name: 'StartDate', type: 'datetime', position: 7, fromPipelineByPropertyName: true, help: 'Start of the range (UTC when no zone is given); at most 90 days back, 10 days per query.' },
    { name: 'StartingRecipientAddress', type: 'string', position: 8, fromPipelineByPropertyName: true, help: 'With -EndDate: continue after the row received at EndDate for this recipient.' },
    { name: 'Status', type: { enum: V2_STATUS_SET, array: true }, position: 9, help: 'Delivered, Expanded, Failed, FilteredAsSpam, GettingStatus, Pending, Quarantined.' },
    { name: 'Subject', type: 'string', position: 10, fromPipelineByPropertyName: true, help: 'Only messages whose subject matches this text (see -SubjectFilterType).' },
    {
      name: 'SubjectFilterType',
      type: { enum: ['Contains', 'EndsWith', 'StartsWith'] },
      position: 11,
      fromPipelineByPropertyName: true,
      help: 'How -Subject is matched: Contains (default), StartsWith or EndsWith.',
    },
    { name: 'ToIP', type: 'string', position: 12, fromPipelineByPropertyName: true, help: 'Only messages sent to this IP address (outbound).' },
  ],
  views: [TRACE_VIEW],
  examples: [
    { code: 'Get-MessageTraceV2 -SenderAddress john@contoso.com -StartDate 06/13/2025 -EndDate 06/15/2025', remarks: 'Messages sent by john@contoso.com between two dates (UTC).' },
    {
      code: 'Get-MessageTraceV2 -ResultSize 5000 -StartDate (Get-Date).AddDays(-10) -EndDate (Get-Date) -WarningVariable MoreResultsAvailable',
      remarks: 'The first 5000 rows; $MoreResultsAvailable then holds the command for the next ones.',
    },
  ],
  process(ctx, p) {
    const statuses = strings(p.Status) ?? [];
    const none = statuses.find((s) => s.toLowerCase() === 'none');
    if (none !== undefined) throw traceError(traceTexts.invalidStatus(none, V2_STATUSES), 'InvalidDeliveryStatus', 'ValidationException');
    if (ctx.bound.has('SubjectFilterType') && optString(p.Subject) === undefined) throw traceError(traceTexts.subjectFilterWithoutSubject(), 'SubjectFilterTypeWithoutSubject', 'ArgumentException');
    const tenant = tenantOf(ctx);
    const window = traceWindow(V2_RULES, tenant.now(), p.StartDate, p.EndDate);
    const query = traceQuery(p, window);
    const subject = optString(p.Subject);
    if (subject !== undefined) query.subject = { text: subject, type: p.SubjectFilterType ?? 'Contains' };
    const starting = optString(p.StartingRecipientAddress);
    if (starting !== undefined) query.after = { time: window.end.getTime(), recipient: starting.trim().toLowerCase() };
    const data = tenant.read();
    const size = p.ResultSize ?? 1000;
    let n = 0;
    const { more, last } = takePage(traceRows(data, query), size, (row) => ctx.write(traceObject(data, row, window, n++)));
    if (more && last) {
      ctx.writeWarning(`${traceTexts.moreResults} ${continuationCommand(p, ctx.bound, window, last.received, last.recipientAddress, size)}`);
    }
  },
});

export const getMessageTraceDetailV2Cmdlet = defineCmdlet({
  name: 'Get-MessageTraceDetailV2',
  module: EXCHANGE_MODULE,
  synopsis: 'The events of one message for one recipient, over the last 90 days (at most 10 days per query).',
  description:
    'Takes -MessageTraceId and -RecipientAddress, usually from piped Get-MessageTraceV2 rows, and writes one object per event, oldest first. -Event and -Action filter case-insensitively. Without dates, the last 48 hours. No pages.',
  parameters: [
    { name: 'Action', type: 'string[]', position: 0, help: 'Only events with these actions taken by transport rules (case-insensitive).' },
    { name: 'EndDate', type: 'datetime', position: 1, fromPipelineByPropertyName: true, help: 'End of the range of events.' },
    { name: 'Event', type: 'string[]', position: 2, help: 'Only these events (case-insensitive), such as Receive, Deliver, Drop.' },
    { name: 'MessageId', type: 'string', position: 3, fromPipelineByPropertyName: true, help: 'The Message-ID header value, with or without angle brackets.' },
    { name: 'MessageTraceId', type: 'guid', position: 4, mandatory: true, fromPipelineByPropertyName: true, help: 'The message trace ID of the message.' },
    { name: 'RecipientAddress', type: 'string', position: 5, mandatory: true, fromPipelineByPropertyName: true, help: 'The recipient whose events are shown.' },
    { name: 'SenderAddress', type: 'string', position: 6, fromPipelineByPropertyName: true, help: 'The sender address of the message.' },
    { name: 'StartDate', type: 'datetime', position: 7, fromPipelineByPropertyName: true, help: 'Start of the range of events (UTC when no zone is given).' },
  ],
  views: [DETAIL_VIEW],
  examples: [
    { code: 'Get-MessageTraceDetailV2 -MessageTraceId ae5c1219-4c90-41bf-fef5-08d837917e7c -RecipientAddress robert@contoso.com', remarks: 'The events of one message for robert@contoso.com.' },
    {
      code: 'Get-MessageTraceV2 -SenderAddress john@contoso.com -StartDate 06/13/2025 -EndDate 06/15/2025 | Get-MessageTraceDetailV2',
      remarks: 'The events of every message john@contoso.com sent in those days.',
    },
  ],
  process(ctx, p) {
    const tenant = tenantOf(ctx);
    const window = traceWindow(V2_RULES, tenant.now(), p.StartDate, p.EndDate);
    const data = tenant.read();
    let n = 0;
    for (const row of detailRows(data, p)) {
      for (const event of rowEvents(row, { window, events: strings(p.Event), actions: strings(p.Action) })) {
        ctx.write(detailObject(data, row, event, window, n++));
      }
    }
  },
});

export const messageTraceV2Cmdlets = [getMessageTraceV2Cmdlet, getMessageTraceDetailV2Cmdlet];
