// Historical searches (Start-, Get-, Stop-HistoricalSearch): message trace reports over the
// last 90 days, produced some hours after they are submitted.
//
// A search's status follows from tenant time whenever it is read: NotStarted for the first
// 30 minutes, then InProgress, then Done between 2 and 4 hours after submission (the exact
// delay is derived from the JobId, so it is the same on every run); Cancelled once stopped.
// settleHistoricalSearches() completes the searches that are Done: it counts their rows, marks
// them complete and delivers the notification to each -NotifyAddress through MailFlow, dated
// at the moment the search finished. It returns the CSV text of each report; writing the file
// (beside the store, see historicalReportPath) is left to the caller, the tenant, which first
// makes sure the reports folder can take it (prepareReportsFolder).

import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { writeFileAtomic } from '../../lib/atomic-write.js';
import { quotedCsvLine } from '../../lib/csv.js';
import { createHash } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { isoText } from '../clock.js';
import { TenantError, notFound } from '../errors.js';
import { deterministicGuid } from '../ids.js';
import { MailFlow, REPORTS_SENDER } from '../mail/flow.js';
import type { HistoricalSearch, TraceRow } from '../mail/model.js';
import { domainOf, isAcceptedDomain } from '../recipients.js';
import { isGuid, type Mailbox, type TenantData } from '../schema.js';
import { addressFilter } from './match.js';
import { traceRows } from './query.js';
import { historicalTexts } from './texts.js';
import { HISTORICAL_RULES, traceWindow } from './window.js';

export type HistoricalSearchStatus = 'NotStarted' | 'InProgress' | 'Done' | 'Cancelled';
export const HISTORICAL_REPORT_TYPES = [
  'ATPReport',
  'ConnectorReport',
  'DLP',
  'MessageTrace',
  'MessageTraceDetail',
  'OutboundSecurityReport',
  'P2SenderAttribution',
  'SPAM',
  'Spoof',
  'TransportRule',
  'UnifiedDLP',
] as const;

const MINUTE = 60_000;
export const START_DELAY_MS = 30 * MINUTE;
export const MIN_RUN_MS = 2 * 60 * MINUTE;
export const MAX_RUN_MS = 4 * 60 * MINUTE;
/** Searches a tenant may submit in 24 hours, and the count from which each submission warns. */
export const DAILY_QUOTA = 250;
export const QUOTA_WARNING_AT = 225;
/** Rows per report file. */
export const MAX_FILE_ROWS = 100_000;
export const MAX_ADDRESSES = 100;
/** Get-HistoricalSearch lists the searches of the last ten days. */
export const LIST_DAYS = 10;

export function searchesOf(data: TenantData): HistoricalSearch[] {
  return (data.mail.historicalSearches ??= []);
}

/** When the search is Done: 2 to 4 hours after submission, fixed by its JobId. */
export function doneAt(search: HistoricalSearch): number {
  const h = createHash('sha1').update(search.jobId).digest();
  const minutes = h.readUInt32BE(0) % ((MAX_RUN_MS - MIN_RUN_MS) / MINUTE + 1);
  return Date.parse(search.submitDate) + MIN_RUN_MS + minutes * MINUTE;
}

export function statusOf(search: HistoricalSearch, now: Date): HistoricalSearchStatus {
  if (search.cancelledAt) return 'Cancelled';
  const t = now.getTime(),
    submitted = Date.parse(search.submitDate);
  if (t >= doneAt(search)) return 'Done';
  if (t >= submitted + START_DELAY_MS) return 'InProgress';
  return 'NotStarted';
}

export interface StartInput {
  reportTitle: string;
  reportType: string;
  startDate: Date;
  endDate: Date;
  senderAddress?: string[];
  recipientAddress?: string[];
  messageId?: string[];
  notifyAddress?: string[];
  deliveryStatus?: string;
  direction?: string;
  originalClientIP?: string;
}

/** Submits a search; returns it and the number of searches submitted in the last 24 hours (it included). */
export function startHistoricalSearch(data: TenantData, now: Date, caller: Mailbox, input: StartInput): { search: HistoricalSearch; submittedToday: number } {
  if (input.reportType !== 'MessageTrace' && input.reportType !== 'MessageTraceDetail') {
    throw new TenantError(historicalTexts.reportTypeNotSupported(input.reportType), 'InvalidArgument', 'ReportTypeNotSupported', 'ArgumentException');
  }
  const list = (v: string[] | undefined) => (v ?? []).map((s) => s.trim()).filter((s) => s !== '');
  const senders = list(input.senderAddress),
    recipients = list(input.recipientAddress),
    ids = list(input.messageId),
    notify = list(input.notifyAddress);
  if (senders.length + recipients.length + ids.length === 0) {
    throw new TenantError(historicalTexts.needsAddressOrId(), 'InvalidArgument', 'MissingSearchCriteria', 'ArgumentException');
  }
  for (const [name, values] of [
    ['SenderAddress', senders],
    ['RecipientAddress', recipients],
  ] as const) {
    if (values.length > MAX_ADDRESSES) throw new TenantError(historicalTexts.tooManyAddresses(name, MAX_ADDRESSES), 'InvalidArgument', 'TooManyAddresses', 'ArgumentException');
    addressFilter(values, name); // rejects a wildcard mixed with other values
  }
  for (const a of notify) {
    if (!isAcceptedDomain(data, domainOf(a))) throw new TenantError(historicalTexts.notifyNotInternal(a), 'InvalidArgument', 'NotifyAddressNotInternal', 'ArgumentException');
  }
  const window = traceWindow(HISTORICAL_RULES, now, input.startDate, input.endDate);
  const searches = searchesOf(data);
  const dayAgo = now.getTime() - 86_400_000;
  const recent = searches.filter((s) => Date.parse(s.submitDate) > dayAgo).length;
  if (recent >= DAILY_QUOTA) throw new TenantError(historicalTexts.quotaExceeded(DAILY_QUOTA), 'InvalidOperation', 'HistoricalSearchQuotaExceeded', 'InvalidOperationException');
  const submitDate = isoText(now);
  const search: HistoricalSearch = {
    jobId: deterministicGuid(data.organization.guid, `historical-search:${searches.length}:${submitDate}:${input.reportTitle}`),
    reportTitle: input.reportTitle,
    reportType: input.reportType,
    submitDate,
    submittedBy: caller.primarySmtpAddress,
    startDate: isoText(window.start),
    endDate: isoText(window.end),
    senderAddress: senders,
    recipientAddress: recipients,
    messageId: ids,
    notifyAddress: notify,
    deliveryStatus: input.deliveryStatus ?? null,
    direction: input.direction ?? null,
    originalClientIP: input.originalClientIP ?? null,
    cancelledAt: null,
    completedAt: null,
    rows: null,
    fileRows: null,
  };
  searches.push(search);
  return { search, submittedToday: recent + 1 };
}

export function findHistoricalSearch(data: TenantData, jobId: string): HistoricalSearch {
  const l = jobId.trim().toLowerCase();
  const hit = searchesOf(data).find((s) => s.jobId.toLowerCase() === l);
  if (!hit) {
    const e = notFound(jobId);
    throw new TenantError(historicalTexts.notFound(jobId), e.errorCategory, e.errorId, e.exceptionName);
  }
  return hit;
}

/** The searches submitted in the last ten days, newest first. */
export function recentHistoricalSearches(data: TenantData, now: Date): HistoricalSearch[] {
  const since = now.getTime() - LIST_DAYS * 86_400_000;
  // reversed first, so that searches submitted at the same instant come latest first too
  return [...searchesOf(data)]
    .reverse()
    .filter((s) => Date.parse(s.submitDate) >= since)
    .sort((a, b) => Date.parse(b.submitDate) - Date.parse(a.submitDate));
}

export function stopHistoricalSearch(data: TenantData, now: Date, jobId: string): HistoricalSearch {
  const search = findHistoricalSearch(data, jobId);
  const status = statusOf(search, now);
  if (status !== 'NotStarted') {
    throw new TenantError(historicalTexts.cannotStop(search.jobId, status), 'InvalidOperation', 'HistoricalSearchCannotBeStopped', 'InvalidOperationException');
  }
  search.cancelledAt = isoText(now);
  return search;
}

/** The folder a store's reports go to: `<store dir>/<store file name>.reports`. */
export function historicalReportsFolder(storePath: string): string {
  const store = resolve(storePath);
  return join(dirname(store), `${basename(store)}.reports`);
}

/**
 * Where a report is written: `<store dir>/<store file name>.reports/<JobId>.csv`. The JobId
 * comes from the store, which a person may edit: the store validator already insists on a
 * GUID, and this refuses anything else again (and any path that would leave the folder), so
 * that no value in the store can make exosh write elsewhere.
 */
export function historicalReportPath(storePath: string, jobId: string): string {
  const folder = historicalReportsFolder(storePath);
  const path = resolve(folder, `${jobId}.csv`);
  if (!isGuid(jobId) || dirname(path) !== folder) {
    throw new TenantError(`The historical search JobId '${jobId}' isn't a GUID, so exosh won't use it to name a report file.`, 'InvalidData', 'InvalidHistoricalSearchJobId', 'ArgumentException');
  }
  return path;
}

/**
 * Makes sure the reports folder exists and can take files. The tenant calls this before it
 * marks any search Done, so that a folder that can't be written fails the statement (which
 * then changes nothing) instead of leaving a Done search without its report.
 */
export function prepareReportsFolder(storePath: string): void {
  const folder = historicalReportsFolder(storePath);
  const refuse = (why: string): never => {
    throw new TenantError(
      `The historical search reports can't be written to '${folder}': ${why}. Nothing was changed; the searches are completed, and their reports written, by the first command that runs once the folder can be written.`,
      'WriteError',
      'HistoricalReportFolderUnavailable',
      'IOException',
    );
  };
  try {
    mkdirSync(folder, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTDIR') refuse(isFile(folder) ? 'a file of that name is in the way' : 'a file in its path is in the way');
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') refuse("it can't be created, as its directory is not writable");
    refuse((e as Error).message);
  }
  try {
    accessSync(folder, constants.W_OK | constants.X_OK);
  } catch {
    refuse('the folder is not writable');
  }
}

function isFile(path: string): boolean {
  try {
    return !statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export interface HistoricalReport {
  search: HistoricalSearch;
  /** The CSV text of the report (header and rows, CRLF-free, UTF-8). */
  csv: string;
}

/**
 * Completes every search that is Done by `now` but not yet completed: computes its report,
 * records Rows/FileRows and the completion time, and sends the notification. Returns the
 * reports so that the caller can write them.
 */
export function settleHistoricalSearches(data: TenantData, now: Date): HistoricalReport[] {
  const due = searchesOf(data)
    .filter((s) => !s.completedAt && statusOf(s, now) === 'Done')
    .sort((a, b) => doneAt(a) - doneAt(b));
  const reports: HistoricalReport[] = [];
  for (const search of due) {
    const at = new Date(doneAt(search));
    const { csv, rows, fileRows } = historicalReportCsv(data, search);
    search.completedAt = isoText(at);
    search.rows = rows;
    search.fileRows = fileRows;
    if (search.notifyAddress.length) notify(data, at, search);
    reports.push({ search, csv });
  }
  return reports;
}

function notify(data: TenantData, at: Date, search: HistoricalSearch): void {
  new MailFlow(data, at).submit({
    from: REPORTS_SENDER,
    submittedBy: null,
    senderCopy: null,
    to: search.notifyAddress,
    subject: `Your historical search "${search.reportTitle}" is complete`,
    body: [
      `The historical search "${search.reportTitle}" (${search.reportType}) submitted by ${search.submittedBy} on ${search.submitDate} is complete.`,
      `JobId: ${search.jobId}`,
      `Rows: ${search.rows}`,
      'Download the report from Mail flow > Message trace, or run: Get-HistoricalSearch -JobId ' + search.jobId + ' | Format-List FileUrl',
    ].join('\n'),
    kind: 'Notification',
  });
}

/** The rows a search covers: received in its window, and no later than its submission. */
function* searchRows(data: TenantData, search: HistoricalSearch): Generator<TraceRow> {
  const submitted = Date.parse(search.submitDate);
  const end = new Date(Math.min(Date.parse(search.endDate), submitted));
  const start = new Date(search.startDate);
  if (end.getTime() < start.getTime()) return;
  const clientIP = search.originalClientIP?.toLowerCase();
  const status = search.deliveryStatus?.toLowerCase();
  for (const row of traceRows(data, {
    window: { start, end },
    senders: addressFilter(search.senderAddress, 'SenderAddress'),
    recipients: addressFilter(search.recipientAddress, 'RecipientAddress'),
    messageIds: search.messageId.length ? search.messageId : undefined,
  })) {
    if (status && row.status.toLowerCase() !== status) continue;
    if (clientIP && (row.fromIP ?? '').toLowerCase() !== clientIP) continue;
    if (search.direction === 'Sent' && !isAcceptedDomain(data, domainOf(row.senderAddress))) continue;
    if (search.direction === 'Received' && !isAcceptedDomain(data, domainOf(row.recipientAddress))) continue;
    yield row;
  }
}

/** .NET's round-trip ("o") form of a store timestamp: 2023-08-14T21:51:20.0000000Z. */
export function roundTrip(iso: string | number | Date): string {
  const d = iso instanceof Date ? iso : new Date(iso);
  return d.toISOString().replace(/Z$/, '0000Z');
}

export const MESSAGE_TRACE_COLUMNS = [
  'origin_timestamp_utc',
  'sender_address',
  'recipient_status',
  'message_subject',
  'total_bytes',
  'message_id',
  'network_message_id',
  'original_client_ip',
  'directionality',
  'connector_id',
  'delivery_priority',
];
export const MESSAGE_TRACE_DETAIL_COLUMNS = [
  'date_time_utc',
  'event_id',
  'sender_address',
  'recipient_address',
  'recipient_status',
  'message_subject',
  'total_bytes',
  'message_id',
  'network_message_id',
  'original_client_ip',
  'directionality',
  'custom_data',
];

/** The report: MessageTrace has one line per message; MessageTraceDetail one line per event of each recipient. */
export function historicalReportCsv(data: TenantData, search: HistoricalSearch): { csv: string; rows: number; fileRows: number } {
  const direction = (row: TraceRow) => (isAcceptedDomain(data, domainOf(row.senderAddress)) ? 'Originating' : 'Incoming');
  const lines: string[] = [];
  let rows = 0;
  const add = (values: (string | number)[]) => {
    rows++;
    if (lines.length < MAX_FILE_ROWS) lines.push(quotedCsvLine(values));
  };
  if (search.reportType === 'MessageTrace') {
    // Rows come newest first; a message's recipient rows are grouped under its first row.
    const messages = new Map<string, TraceRow[]>();
    for (const row of searchRows(data, search)) {
      const list = messages.get(row.messageTraceId);
      if (list) list.push(row);
      else messages.set(row.messageTraceId, [row]);
    }
    for (const group of messages.values()) {
      const first = group[0];
      const status = group.map((r) => `${r.recipientAddress}##${r.events.map((e) => e.event).join(', ')}`).join(';');
      add([roundTrip(first.received), first.senderAddress, status, first.subject, first.size, first.messageId, first.messageTraceId, first.fromIP ?? '', direction(first), '', 'Normal']);
    }
    return { csv: [quotedCsvLine(MESSAGE_TRACE_COLUMNS), ...lines].join('\n') + '\n', rows, fileRows: lines.length };
  }
  for (const row of searchRows(data, search)) {
    for (const e of row.events) {
      add([
        roundTrip(e.date),
        e.event.toUpperCase(),
        row.senderAddress,
        row.recipientAddress,
        e.detail,
        row.subject,
        row.size,
        row.messageId,
        row.messageTraceId,
        row.fromIP ?? '',
        direction(row),
        e.data,
      ]);
    }
  }
  return { csv: [quotedCsvLine(MESSAGE_TRACE_DETAIL_COLUMNS), ...lines].join('\n') + '\n', rows, fileRows: lines.length };
}

/** Writes a report file atomically (temporary file, then rename), as the store itself is written. */
export function writeReportFile(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  // a unique O_EXCL temp file: a link planted in the reports folder is never followed
  writeFileAtomic(path, text);
}
