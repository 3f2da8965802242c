// Get-MessageTraceDetailJoined (exosh's own): the recall document's loop as one cmdlet. It
// takes Get-MessageTrace's filters and streams the events of every matching row with the
// row's SenderAddress and RecipientAddress already filled in, in the columns and order of the
// document's `select organization, messageid, messagetraceid, date, event, action, detail,
// data, SenderAddress, RecipientAddress`, so `| Export-Csv` writes the same file without a loop.

import { defineCmdlet } from '../../shell/cmdlet.js';
import { PSObject } from '../../shell/values.js';
import { CLASSIC_STATUSES, rowEvents, traceRows } from '../../tenant/trace/query.js';
import { JOINED_RULES, traceWindow } from '../../tenant/trace/window.js';
import { EXCHANGE_MODULE, optString, strings, tenantOf } from './common.js';
import { traceQuery } from './message-trace.js';

export const JOINED_TYPE = 'Exosh.MessageTraceDetailJoined';

const ALL_TIME = { start: new Date(-8.64e15), end: new Date(8.64e15) };

export const getMessageTraceDetailJoinedCmdlet = defineCmdlet({
  name: 'Get-MessageTraceDetailJoined',
  module: EXCHANGE_MODULE,
  synopsis: 'exosh extension: message trace detail rows that carry the SenderAddress and RecipientAddress of their trace row.',
  description:
    "Not an Exchange Online cmdlet. Takes the filters of Get-MessageTrace (-SenderAddress, -RecipientAddress, -MessageId, -MessageTraceId, -StartDate, -EndDate, -Status, -FromIP, -ToIP, plus -Subject/-SubjectFilterType) and writes, for every matching row in Get-MessageTrace's order, all of that row's events (oldest first; -Event and -Action filter them) with the properties Organization, MessageId, MessageTraceId, Date, Event, Action, Detail, Data, SenderAddress, RecipientAddress: the columns of the recall document's join script. Rows may be up to 90 days old, with any span between -StartDate and -EndDate (the last 48 hours without dates), and there is no page limit, so a large export needs no loop.",
  parameters: [
    { name: 'SenderAddress', type: 'string[]', fromPipelineByPropertyName: true, help: 'Sender addresses (several, or one wildcard pattern such as *@contoso.com).' },
    { name: 'RecipientAddress', type: 'string[]', fromPipelineByPropertyName: true, help: 'Recipient addresses (several, or one wildcard pattern).' },
    { name: 'MessageId', type: 'string[]', fromPipelineByPropertyName: true, help: 'Message-ID header values, with or without angle brackets.' },
    { name: 'MessageTraceId', type: 'guid', fromPipelineByPropertyName: true, help: 'The message trace ID of the message.' },
    { name: 'StartDate', type: 'datetime', fromPipelineByPropertyName: true, help: 'Start of the range (UTC when no zone is given); at most 90 days back.' },
    { name: 'EndDate', type: 'datetime', fromPipelineByPropertyName: true, help: 'End of the range (default: now).' },
    {
      name: 'Status',
      type: { enum: CLASSIC_STATUSES, array: true },
      help: 'Delivery status of the trace rows: None, GettingStatus, Failed, Pending, Delivered, Expanded, Quarantined, FilteredAsSpam.',
    },
    { name: 'FromIP', type: 'string', help: 'Only messages that came from this IP address.' },
    { name: 'ToIP', type: 'string', help: 'Only messages sent to this IP address (outbound).' },
    { name: 'Subject', type: 'string', help: 'Only messages whose subject matches this text (see -SubjectFilterType).' },
    { name: 'SubjectFilterType', type: { enum: ['Contains', 'EndsWith', 'StartsWith'] }, help: 'How -Subject is matched: Contains (default), StartsWith or EndsWith.' },
    { name: 'Event', type: 'string[]', help: 'Only these events (case-insensitive), e.g. Drop.' },
    { name: 'Action', type: 'string[]', help: 'Only events with these actions taken by transport rules (case-insensitive).' },
  ],
  views: [
    {
      typeName: JOINED_TYPE,
      kind: 'table',
      columns: ['Date', 'Event', { label: 'Sender Address', property: 'SenderAddress' }, { label: 'Recipient Address', property: 'RecipientAddress' }, 'Detail'],
    },
  ],
  examples: [
    {
      code: 'Get-MessageTraceDetailJoined -MessageId "<message ID of recall message>" -StartDate 08/14/2023 -EndDate 08/15/2023 | Export-Csv msgtraceBrid.csv -Append -NoTypeInformation',
      remarks: "The recall document's three-statement export in one pipeline.",
    },
    {
      code: 'Get-MessageTraceDetailJoined -SenderAddress *@contoso.com -Event Drop -StartDate (Get-Date).AddDays(-30)',
      remarks: 'Every Drop event (recalls) of the last 30 days, with sender and recipient.',
    },
  ],
  process(ctx, p) {
    const tenant = tenantOf(ctx);
    const window = traceWindow(JOINED_RULES, tenant.now(), p.StartDate, p.EndDate);
    const query = traceQuery(p, window);
    const subject = optString(p.Subject);
    if (subject !== undefined) query.subject = { text: subject, type: p.SubjectFilterType ?? 'Contains' };
    const data = tenant.read();
    const events = strings(p.Event),
      actions = strings(p.Action);
    for (const row of traceRows(data, query)) {
      for (const e of rowEvents(row, { window: ALL_TIME, events, actions })) {
        ctx.write(
          PSObject.from(
            {
              Organization: data.organization.name,
              MessageId: row.messageId,
              MessageTraceId: row.messageTraceId,
              Date: new Date(e.date),
              Event: e.event,
              Action: e.action,
              Detail: e.detail,
              Data: e.data,
              SenderAddress: row.senderAddress,
              RecipientAddress: row.recipientAddress,
            },
            JOINED_TYPE,
          ),
        );
      }
    }
  },
});

export const traceJoinCmdlets = [getMessageTraceDetailJoinedCmdlet];
