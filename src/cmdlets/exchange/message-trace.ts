// Get-MessageTrace and Get-MessageTraceDetail (the classic pair), and what the trace cmdlets
// share: the output objects, their default views, and the deprecation warning. The queries
// themselves run in the tenant's trace engine (src/tenant/trace/).

import type { CmdletContext, ParamSpec, ParamValues, ViewDefinition } from '../../shell/cmdlet.js';
import { PSObject } from '../../shell/values.js';
import type { TraceEvent, TraceRow } from '../../tenant/mail/model.js';
import type { TenantData } from '../../tenant/schema.js';
import { addressFilter, matchesAddress, messageIdKey } from '../../tenant/trace/match.js';
import { CLASSIC_STATUSES, rowEvents, rowsFor, traceRows, type TraceQuery } from '../../tenant/trace/query.js';
import { DEPRECATION_DATE, traceError, traceTexts } from '../../tenant/trace/texts.js';
import { CLASSIC_DETAIL_RULES, CLASSIC_RULES, traceWindow, type TraceWindow } from '../../tenant/trace/window.js';
import { defineCmdlet } from '../../shell/cmdlet.js';
import { EXCHANGE_MODULE, optString, strings, tenantOf } from './common.js';

export const TRACE_TYPE = 'Microsoft.Exchange.Management.FfoReporting.MessageTrace';
export const DETAIL_TYPE = 'Microsoft.Exchange.Management.FfoReporting.MessageTraceDetail';

/** The default table of trace rows, headed as in the recall document's sample. */
export const TRACE_VIEW: ViewDefinition = {
  typeName: TRACE_TYPE,
  kind: 'table',
  columns: [
    { label: 'Received', property: 'Received' },
    { label: 'Sender Address', property: 'SenderAddress' },
    { label: 'Recipient Address', property: 'RecipientAddress' },
    { label: 'Subject', property: 'Subject' },
    { label: 'Status', property: 'Status' },
  ],
};

export const DETAIL_VIEW: ViewDefinition = { typeName: DETAIL_TYPE, kind: 'table', columns: ['Date', 'Event', 'Detail'] };

/** A trace row as Get-MessageTrace writes it (properties in the service's declaration order). */
export function traceObject(data: TenantData, row: TraceRow, window: TraceWindow, index: number): PSObject {
  return PSObject.from(
    {
      Organization: data.organization.name,
      MessageId: row.messageId,
      Received: new Date(row.received),
      SenderAddress: row.senderAddress,
      RecipientAddress: row.recipientAddress,
      Subject: row.subject,
      Status: row.status,
      ToIP: row.toIP,
      FromIP: row.fromIP,
      Size: row.size,
      MessageTraceId: row.messageTraceId,
      StartDate: new Date(window.start.getTime()),
      EndDate: new Date(window.end.getTime()),
      Index: index,
    },
    TRACE_TYPE,
  );
}

/**
 * One event of a row as Get-MessageTraceDetail writes it. The class also has SenderAddress
 * and RecipientAddress, but the service leaves them empty ("the Sender and Recipient aren't
 * included"): they are $null here, which is also why `| fl` pads names to 16 characters.
 */
export function detailObject(data: TenantData, row: TraceRow, event: TraceEvent, window: TraceWindow, index: number): PSObject {
  return PSObject.from(
    {
      Organization: data.organization.name,
      MessageId: row.messageId,
      MessageTraceId: row.messageTraceId,
      Date: new Date(event.date),
      Event: event.event,
      Action: event.action,
      Detail: event.detail,
      Data: event.data,
      SenderAddress: null,
      RecipientAddress: null,
      StartDate: new Date(window.start.getTime()),
      EndDate: new Date(window.end.getTime()),
      Index: index,
    },
    DETAIL_TYPE,
  );
}

/** The filters Get-MessageTrace, Get-MessageTraceV2 and Get-MessageTraceDetailJoined share. */
export function traceQuery(p: ParamValues, window: TraceWindow): TraceQuery {
  return {
    window,
    senders: addressFilter(strings(p.SenderAddress), 'SenderAddress'),
    recipients: addressFilter(strings(p.RecipientAddress), 'RecipientAddress'),
    messageIds: strings(p.MessageId),
    messageTraceId: optString(p.MessageTraceId),
    statuses: strings(p.Status),
    fromIP: optString(p.FromIP),
    toIP: optString(p.ToIP),
  };
}

const warned = new WeakMap<object, Set<string>>();

/** Once per session: the classic cmdlets were retired on 2025-09-01; exosh still runs them. */
export function warnDeprecated(ctx: CmdletContext, now: Date, replacement: string): void {
  if (now.getTime() < Date.parse(DEPRECATION_DATE)) return;
  const seen = warned.get(ctx.session) ?? new Set<string>();
  warned.set(ctx.session, seen);
  if (seen.has(ctx.commandName)) return;
  seen.add(ctx.commandName);
  ctx.writeWarning(traceTexts.deprecated(ctx.commandName, replacement));
}

function rejectProbeTag(ctx: CmdletContext): void {
  if (ctx.bound.has('ProbeTag')) throw traceError(traceTexts.probeTag(), 'ProbeTagNotSupported', 'ArgumentException');
}

const PAGE = [
  { name: 'Page', type: 'int', range: [1, 1000], help: 'The page of results: 1 to 1000 (default 1).' },
  { name: 'PageSize', type: 'int', range: [1, 5000], help: 'Rows per page: 1 to 5000 (default 1000).' },
  { name: 'ProbeTag', type: 'string', help: 'Reserved for internal Microsoft use: exosh rejects it with an error.' },
] as const satisfies readonly ParamSpec[];

export const getMessageTraceCmdlet = defineCmdlet({
  name: 'Get-MessageTrace',
  module: EXCHANGE_MODULE,
  synopsis: 'Traces messages through the organization (classic; replaced by Get-MessageTraceV2): one row per message and recipient, newest first.',
  description:
    'Searches the last 10 days of message trace data (only the last 48 hours without -StartDate and -EndDate). Dates without a time zone are UTC, and so are the times shown. Results come in pages: -PageSize rows (default 1000, at most 5000) of page -Page (default 1, at most 1000). -SenderAddress and -RecipientAddress take several addresses, or one wildcard pattern such as *@contoso.com. Exchange Online retired this cmdlet on 2025-09-01: at later tenant times exosh still runs it, with a warning once per session. See docs/message-trace.md.',
  parameters: [
    { name: 'SenderAddress', type: 'string[]', fromPipelineByPropertyName: true, help: 'Sender addresses (several, or one wildcard pattern such as *@contoso.com).' },
    { name: 'RecipientAddress', type: 'string[]', fromPipelineByPropertyName: true, help: 'Recipient addresses (several, or one wildcard pattern).' },
    { name: 'MessageId', type: 'string[]', fromPipelineByPropertyName: true, help: 'Message-ID header values, with or without angle brackets.' },
    { name: 'MessageTraceId', type: 'guid', fromPipelineByPropertyName: true, help: 'The message trace ID of the message (one per message and recipient batch).' },
    { name: 'StartDate', type: 'datetime', fromPipelineByPropertyName: true, help: 'Start of the range (UTC when no zone is given); at most 10 days back.' },
    { name: 'EndDate', type: 'datetime', fromPipelineByPropertyName: true, help: 'End of the range (default: now).' },
    { name: 'Status', type: { enum: CLASSIC_STATUSES, array: true }, help: 'Delivery status: None, GettingStatus, Failed, Pending, Delivered, Expanded, Quarantined, FilteredAsSpam.' },
    { name: 'FromIP', type: 'string', fromPipelineByPropertyName: true, help: 'Only messages that came from this IP address.' },
    { name: 'ToIP', type: 'string', fromPipelineByPropertyName: true, help: 'Only messages sent to this IP address (outbound).' },
    ...PAGE,
  ],
  views: [TRACE_VIEW, DETAIL_VIEW],
  examples: [
    { code: 'Get-MessageTrace -SenderAddress user@contoso.com', remarks: "The messages user@contoso.com sent in the last 48 hours (the recall document's example)." },
    { code: 'Get-MessageTrace -SenderAddress user@contoso.com -StartDate 08/12/2023 -EndDate 08/15/2023', remarks: 'Messages sent by user@contoso.com between two dates (UTC).' },
    { code: 'Get-MessageTrace -RecipientAddress *@fabrikam.com -PageSize 5000 -Page 2', remarks: 'The second page of 5000 rows of mail to fabrikam.com.' },
  ],
  begin(ctx) {
    warnDeprecated(ctx, tenantOf(ctx).now(), 'Get-MessageTraceV2');
  },
  process(ctx, p) {
    rejectProbeTag(ctx);
    const tenant = tenantOf(ctx);
    const now = tenant.now();
    const window = traceWindow(CLASSIC_RULES, now, p.StartDate, p.EndDate);
    const query = traceQuery(p, window);
    const data = tenant.read();
    const size = p.PageSize ?? 1000;
    const first = ((p.Page ?? 1) - 1) * size;
    let n = 0;
    for (const row of traceRows(data, query)) {
      if (n >= first) ctx.write(traceObject(data, row, window, n));
      if (++n >= first + size) break;
    }
  },
});

export const getMessageTraceDetailCmdlet = defineCmdlet({
  name: 'Get-MessageTraceDetail',
  module: EXCHANGE_MODULE,
  synopsis: 'The events of one message for one recipient (classic; replaced by Get-MessageTraceDetailV2).',
  description:
    'Takes -MessageTraceId and -RecipientAddress, usually from piped Get-MessageTrace rows (with their -StartDate and -EndDate, -MessageId and -SenderAddress), and writes one object per event, oldest first: Receive, Deliver, Drop, Fail, Defer, ... -Event and -Action filter case-insensitively. The last 10 days only; the last 48 hours without dates. As in Exchange Online, SenderAddress and RecipientAddress are empty (see Get-MessageTraceDetailJoined).',
  parameters: [
    { name: 'MessageTraceId', type: 'guid', mandatory: true, fromPipelineByPropertyName: true, help: 'The message trace ID of the message.' },
    { name: 'RecipientAddress', type: 'string', mandatory: true, fromPipelineByPropertyName: true, help: 'The recipient whose events are shown.' },
    { name: 'Event', type: 'string[]', help: 'Event names such as Receive, Deliver, Drop, Fail, Defer, Expand, Send (case-insensitive).' },
    { name: 'Action', type: 'string[]', help: 'Actions taken by rules or filters (case-insensitive).' },
    { name: 'StartDate', type: 'datetime', fromPipelineByPropertyName: true, help: 'Start of the range of events (UTC when no zone is given).' },
    { name: 'EndDate', type: 'datetime', fromPipelineByPropertyName: true, help: 'End of the range of events.' },
    { name: 'MessageId', type: 'string', fromPipelineByPropertyName: true, help: 'The Message-ID header value, with or without angle brackets.' },
    { name: 'SenderAddress', type: 'string', fromPipelineByPropertyName: true, help: 'The sender address of the message.' },
    ...PAGE,
  ],
  views: [DETAIL_VIEW],
  examples: [
    {
      code: 'Get-MessageTrace -SenderAddress user@contoso.com -MessageId "<Message ID of recall message>" | Get-MessageTraceDetail -Event Drop | fl',
      remarks: 'The Drop event that shows whether a recall succeeded (Result:Success) or failed (Result:Failed).',
    },
    { code: 'Get-MessageTraceDetail -MessageTraceId ae5c1219-4c90-41bf-fef5-08d837917e7c -RecipientAddress robert@contoso.com', remarks: 'The events of one message for robert@contoso.com.' },
  ],
  begin(ctx) {
    warnDeprecated(ctx, tenantOf(ctx).now(), 'Get-MessageTraceDetailV2');
  },
  process(ctx, p) {
    rejectProbeTag(ctx);
    const tenant = tenantOf(ctx);
    const window = traceWindow(CLASSIC_DETAIL_RULES, tenant.now(), p.StartDate, p.EndDate);
    const data = tenant.read();
    const size = p.PageSize ?? 1000;
    const first = ((p.Page ?? 1) - 1) * size;
    let n = 0;
    for (const row of detailRows(data, p)) {
      for (const event of rowEvents(row, { window, events: strings(p.Event), actions: strings(p.Action) })) {
        if (n >= first) ctx.write(detailObject(data, row, event, window, n));
        if (++n >= first + size) return;
      }
    }
  },
});

/** The rows Get-MessageTraceDetail(V2) reads: -MessageTraceId + -RecipientAddress, narrowed by -MessageId and -SenderAddress. */
export function detailRows(data: TenantData, p: ParamValues): TraceRow[] {
  const id = optString(p.MessageId);
  const senders = addressFilter(optString(p.SenderAddress)?.split(','), 'SenderAddress');
  return rowsFor(data, String(p.MessageTraceId), String(p.RecipientAddress)).filter(
    (row) => (!id || messageIdKey(row.messageId) === messageIdKey(id)) && (!senders || matchesAddress(senders, row.senderAddress)),
  );
}

export const messageTraceCmdlets = [getMessageTraceCmdlet, getMessageTraceDetailCmdlet];
