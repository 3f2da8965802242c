// Start-HistoricalSearch, Get-HistoricalSearch, Stop-HistoricalSearch. The searches live in
// the store (data.mail.historicalSearches); their status follows tenant time. When a search is
// Done, its report is written as CSV beside the store, in `<store file>.reports/<JobId>.csv`
// (by the tenant, whenever it is read after the search finished).

import { pathToFileURL } from 'node:url';
import { defineCmdlet } from '../../shell/cmdlet.js';
import { PSObject } from '../../shell/values.js';
import type { HistoricalSearch } from '../../tenant/mail/model.js';
import {
  findHistoricalSearch,
  HISTORICAL_REPORT_TYPES,
  historicalReportPath,
  QUOTA_WARNING_AT,
  DAILY_QUOTA,
  recentHistoricalSearches,
  startHistoricalSearch,
  statusOf,
  stopHistoricalSearch,
} from '../../tenant/trace/historical.js';
import { historicalTexts } from '../../tenant/trace/texts.js';
import type { Tenant } from '../../tenant/tenant.js';
import { EXCHANGE_MODULE, tenantOf } from './common.js';

export const HISTORICAL_SEARCH_TYPE = 'Microsoft.Exchange.Management.FfoReporting.HistoricalSearch';

function searchObject(tenant: Tenant, s: HistoricalSearch, now: Date): PSObject {
  const status = statusOf(s, now);
  const done = status === 'Done' && s.completedAt !== null;
  return PSObject.from(
    {
      JobId: s.jobId,
      SubmitDate: new Date(s.submitDate),
      ReportTitle: s.reportTitle,
      Status: status,
      Rows: done ? (s.rows ?? 0) : 0,
      FileRows: done ? (s.fileRows ?? 0) : 0,
      ErrorCode: null,
      ErrorDescription: null,
      FileUrl: done ? pathToFileURL(historicalReportPath(tenant.store.path, s.jobId)).href : null,
      ReportType: s.reportType,
      NotifyAddress: [...s.notifyAddress],
      StartDate: new Date(s.startDate),
      EndDate: new Date(s.endDate),
      DeliveryStatus: s.deliveryStatus,
      SenderAddress: [...s.senderAddress],
      RecipientAddress: [...s.recipientAddress],
      OriginalClientIP: s.originalClientIP,
      MessageID: [...s.messageId],
      DLPPolicy: [],
      TransportRule: [],
      Locale: null,
      Direction: s.direction ?? 'All',
    },
    HISTORICAL_SEARCH_TYPE,
  );
}

const VIEW = { typeName: HISTORICAL_SEARCH_TYPE, kind: 'table' as const, columns: ['JobId', 'SubmitDate', 'ReportTitle', 'Status', 'Rows', 'ErrorCode', 'ErrorDescription'] };

export const startHistoricalSearchCmdlet = defineCmdlet({
  name: 'Start-HistoricalSearch',
  module: EXCHANGE_MODULE,
  synopsis: 'Starts a historical search: a message trace report over up to the last 90 days, ready in a few hours.',
  description:
    'Needs -ReportTitle, -ReportType (MessageTrace or MessageTraceDetail; the other report types are not emulated), -StartDate and -EndDate (at most 90 days back), and at least one of -MessageID, -RecipientAddress, -SenderAddress. The search is NotStarted for 30 minutes, then InProgress, and Done 2 to 4 hours after submission (tenant time). When Done, its CSV report is written beside the store, in <store file>.reports/<JobId>.csv (Get-HistoricalSearch shows it as FileUrl), and each -NotifyAddress (internal addresses only) gets a notification message. At most 250 searches per 24 hours.',
  parameters: [
    { name: 'ReportTitle', type: 'string', mandatory: true, help: 'A descriptive name for the search.' },
    { name: 'ReportType', type: { enum: HISTORICAL_REPORT_TYPES }, mandatory: true, help: 'The kind of report: MessageTrace (one line per message) or MessageTraceDetail (one line per event).' },
    { name: 'StartDate', type: 'datetime', mandatory: true, fromPipelineByPropertyName: true, help: 'Start of the range (at most 90 days back).' },
    { name: 'EndDate', type: 'datetime', mandatory: true, fromPipelineByPropertyName: true, help: 'End of the range.' },
    { name: 'SenderAddress', type: 'string[]', help: 'Up to 100 sender addresses (or one wildcard pattern).' },
    { name: 'RecipientAddress', type: 'string[]', help: 'Up to 100 recipient addresses (or one wildcard pattern).' },
    { name: 'MessageID', type: 'string[]', help: 'Message-ID header values, with or without angle brackets.' },
    { name: 'NotifyAddress', type: 'string[]', fromPipelineByPropertyName: true, help: 'Internal addresses told when the search is complete.' },
    { name: 'DeliveryStatus', type: { enum: ['Delivered', 'Expanded', 'Failed'] }, help: 'Only messages with this delivery status: Delivered, Expanded or Failed.' },
    { name: 'Direction', type: { enum: ['All', 'Received', 'Sent'] }, help: 'Only messages Sent from, or Received by, the organization (default: All).' },
    { name: 'OriginalClientIP', type: 'string', help: 'Only messages whose original client had this IP address.' },
  ],
  views: [VIEW],
  examples: [
    {
      code: 'Start-HistoricalSearch -ReportTitle "Recall audit" -StartDate 8/1/2023 -EndDate 8/15/2023 -ReportType MessageTrace -SenderAddress user@contoso.com -NotifyAddress admin@contoso.com',
      remarks: 'A message trace report of what user@contoso.com sent in the first half of August 2023; admin@contoso.com is told when it is done.',
    },
  ],
  process(ctx, p) {
    const tenant = tenantOf(ctx);
    const now = tenant.now();
    const caller = tenant.caller();
    const { search, submittedToday } = tenant.write((d) =>
      startHistoricalSearch(d, now, caller, {
        reportTitle: String(p.ReportTitle),
        reportType: String(p.ReportType),
        startDate: p.StartDate,
        endDate: p.EndDate,
        senderAddress: p.SenderAddress,
        recipientAddress: p.RecipientAddress,
        messageId: p.MessageID,
        notifyAddress: p.NotifyAddress,
        deliveryStatus: p.DeliveryStatus,
        direction: p.Direction,
        originalClientIP: p.OriginalClientIP,
      }),
    );
    if (submittedToday >= QUOTA_WARNING_AT) ctx.writeWarning(historicalTexts.quotaWarning(submittedToday, DAILY_QUOTA));
    ctx.write(searchObject(tenant, search, now));
  },
});

export const getHistoricalSearchCmdlet = defineCmdlet({
  name: 'Get-HistoricalSearch',
  module: EXCHANGE_MODULE,
  synopsis: 'Lists the historical searches of the last ten days (newest first), or one by -JobId.',
  description: 'Status is NotStarted, InProgress, Done or Cancelled, from tenant time. A Done search shows its Rows and the FileUrl of its CSV report (written beside the store).',
  parameters: [{ name: 'JobId', type: 'guid', position: 0, fromPipelineByPropertyName: true, help: 'The search (its GUID); all searches when omitted.' }],
  views: [VIEW],
  examples: [
    { code: 'Get-HistoricalSearch', remarks: 'The searches of the last ten days.' },
    {
      code: '$job = Start-HistoricalSearch -ReportTitle "Recall audit" -ReportType MessageTrace -StartDate 8/1/2023 -EndDate 8/15/2023 -SenderAddress user@contoso.com; Get-HistoricalSearch -JobId $job.JobId | Format-List',
      remarks: 'One search in detail.',
    },
  ],
  process(ctx, p) {
    const tenant = tenantOf(ctx);
    const data = tenant.read();
    const now = tenant.now();
    const searches = p.JobId !== undefined && p.JobId !== null ? [findHistoricalSearch(data, String(p.JobId))] : recentHistoricalSearches(data, now);
    for (const s of searches) ctx.write(searchObject(tenant, s, now));
  },
});

export const stopHistoricalSearchCmdlet = defineCmdlet({
  name: 'Stop-HistoricalSearch',
  module: EXCHANGE_MODULE,
  synopsis: 'Stops a historical search that has not started yet (status NotStarted); it becomes Cancelled.',
  description: "A search that is InProgress, Done or Cancelled can't be stopped: that is an error. Cancelled searches count against the daily quota.",
  parameters: [{ name: 'JobId', type: 'guid', mandatory: true, position: 0, fromPipelineByPropertyName: true, help: 'The search to cancel (its GUID).' }],
  examples: [
    {
      code: '$job = Start-HistoricalSearch -ReportTitle "Recall audit" -ReportType MessageTrace -StartDate 8/1/2023 -EndDate 8/15/2023 -SenderAddress user@contoso.com; Stop-HistoricalSearch -JobId $job.JobId',
      remarks: 'Cancels the search.',
    },
  ],
  process(ctx, p) {
    const tenant = tenantOf(ctx);
    const now = tenant.now();
    tenant.write((d) => stopHistoricalSearch(d, now, String(p.JobId)));
  },
});

export const historicalSearchCmdlets = [startHistoricalSearchCmdlet, getHistoricalSearchCmdlet, stopHistoricalSearchCmdlet];
