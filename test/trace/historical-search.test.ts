// Start-, Get-, Stop-HistoricalSearch: validation, the status over tenant time, the CSV report
// beside the store, the notification mail, the daily quota.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { PSObject } from '../../src/shell/values.js';
import { doneAt, historicalReportPath, MESSAGE_TRACE_COLUMNS, MESSAGE_TRACE_DETAIL_COLUMNS } from '../../src/tenant/trace/historical.js';
import type { HistoricalSearch } from '../../src/tenant/mail/model.js';
import { RECALL_MESSAGE_ID, SAMPLE_NOW, openShell, prop, props, removeTempDirs, sampleStore } from './helpers.js';

afterAll(removeTempDirs);

const at = (iso: string) => new Date(iso);
const START = 'Start-HistoricalSearch -ReportTitle "Recall search" -StartDate 07/01/2023 -EndDate 08/15/2023 -ReportType MessageTrace -SenderAddress user@contoso.com -NotifyAddress admin@contoso.com';

function started(path: string): HistoricalSearch {
  const s = openShell(path, { now: SAMPLE_NOW });
  s.ok(START);
  s.dispose();
  return s.data().mail.historicalSearches![0];
}

describe('Start-HistoricalSearch', () => {
  it('submits a search: NotStarted, with the parameters it was given', () => {
    const path = sampleStore();
    const s = openShell(path, { now: SAMPLE_NOW });
    const r = s.ok(START);
    const o = r.output[0] as PSObject;
    expect(o.typeNames[0]).toBe('Microsoft.Exchange.Management.FfoReporting.HistoricalSearch');
    expect(o.names()).toEqual([
      'JobId',
      'SubmitDate',
      'ReportTitle',
      'Status',
      'Rows',
      'FileRows',
      'ErrorCode',
      'ErrorDescription',
      'FileUrl',
      'ReportType',
      'NotifyAddress',
      'StartDate',
      'EndDate',
      'DeliveryStatus',
      'SenderAddress',
      'RecipientAddress',
      'OriginalClientIP',
      'MessageID',
      'DLPPolicy',
      'TransportRule',
      'Locale',
      'Direction',
    ]);
    expect(prop(o, 'Status')).toBe('NotStarted');
    expect(prop(o, 'SubmitDate')).toEqual(SAMPLE_NOW);
    expect(prop(o, 'Rows')).toBe(0);
    expect(prop(o, 'FileUrl')).toBeNull();
    expect(prop(o, 'SenderAddress')).toEqual(['user@contoso.com']);
    expect(prop(o, 'NotifyAddress')).toEqual(['admin@contoso.com']);
    expect(prop(o, 'StartDate')).toEqual(at('2023-07-01T00:00:00Z'));
    expect(prop(o, 'EndDate')).toEqual(at('2023-08-15T00:00:00Z'));
    expect(String(prop(o, 'JobId'))).toMatch(/^[0-9a-f-]{36}$/);
    const text = s.render(r.output);
    expect(text.split('\n')[1]).toMatch(/^JobId +SubmitDate +ReportTitle +Status +Rows ErrorCode ErrorDescription$/);
    s.dispose();
    expect(s.data().mail.historicalSearches).toHaveLength(1);
  });

  it('needs MessageID, RecipientAddress or SenderAddress, and a MessageTrace or MessageTraceDetail report', () => {
    const s = openShell(sampleStore(), { now: SAMPLE_NOW });
    const base = 'Start-HistoricalSearch -ReportTitle t -StartDate 08/01/2023 -EndDate 08/15/2023';
    expect(s.run(`${base} -ReportType MessageTrace`).errors).toEqual([
      'Start-HistoricalSearch: You need to use at least one of the following parameters in the command: MessageID, RecipientAddress, or SenderAddress.',
    ]);
    expect(s.run(`${base} -ReportType SPAM -SenderAddress a@contoso.com`).errors).toEqual([
      "Start-HistoricalSearch: The report type 'SPAM' isn't supported by exosh: Start-HistoricalSearch runs only MessageTrace and MessageTraceDetail reports.",
    ]);
    expect(s.run(`${base} -ReportType Bogus -SenderAddress a@contoso.com`).errors[0]).toContain(
      'does not belong to the set "ATPReport,ConnectorReport,DLP,MessageTrace,MessageTraceDetail,OutboundSecurityReport,P2SenderAttribution,SPAM,Spoof,TransportRule,UnifiedDLP"',
    );
    expect(s.run('Start-HistoricalSearch -ReportTitle t -StartDate 08/01/2023 -ReportType MessageTrace -SenderAddress a@contoso.com').errors).toEqual([
      'Start-HistoricalSearch: Cannot process command because of one or more missing mandatory parameters: EndDate.',
    ]);
    expect(s.run(`${base} -ReportType MessageTrace -MessageID "${RECALL_MESSAGE_ID}" -NotifyAddress chris@fabrikam.com`).errors).toEqual([
      "Start-HistoricalSearch: The NotifyAddress 'chris@fabrikam.com' isn't in an accepted domain of the organization: notifications go only to internal addresses.",
    ]);
    expect(s.run('Start-HistoricalSearch -ReportTitle t -StartDate 05/16/2023 -EndDate 05/20/2023 -ReportType MessageTrace -SenderAddress a@contoso.com').errors).toEqual([
      "Start-HistoricalSearch: Invalid StartDate value. The StartDate can't be older than 90 days from today.",
    ]);
    expect(s.run('Start-HistoricalSearch -ReportTitle t -StartDate 08/10/2023 -EndDate 08/01/2023 -ReportType MessageTrace -SenderAddress a@contoso.com').errors).toEqual([
      "Start-HistoricalSearch: Invalid EndDate value. The EndDate can't be earlier than the StartDate.",
    ]);
    const many = Array.from({ length: 101 }, (_, i) => `u${i}@contoso.com`).join(',');
    expect(s.run(`${base} -ReportType MessageTrace -RecipientAddress ${many}`).errors).toEqual(['Start-HistoricalSearch: The RecipientAddress parameter accepts at most 100 addresses.']);
    expect(s.run(`${base} -ReportType MessageTrace -RecipientAddress *@contoso.com, a@contoso.com`).errors).toEqual([
      "Start-HistoricalSearch: When you use a wildcard (*) in the RecipientAddress parameter, you can't specify any other values.",
    ]);
    s.dispose();
    expect(s.data().mail.historicalSearches ?? []).toEqual([]);
  });

  it('allows 250 searches in 24 hours, warning from the 225th', () => {
    const s = openShell(sampleStore(), { now: SAMPLE_NOW });
    const one = 'Start-HistoricalSearch -ReportTitle q -StartDate 08/01/2023 -EndDate 08/15/2023 -ReportType MessageTrace -SenderAddress a@contoso.com';
    const r = s.ok(`foreach ($i in 1..224) { ${one} | Out-Null }`);
    expect(r.warnings).toEqual([]);
    expect(s.ok(one).warnings).toEqual(['You have submitted 225 of the 250 historical searches allowed in a 24-hour period.']);
    s.ok(`foreach ($i in 1..25) { ${one} | Out-Null }`);
    expect(s.run(one).errors).toEqual(["Start-HistoricalSearch: You can't submit more than 250 historical searches in a 24-hour period. Try again later."]);
    s.dispose();
    const later = openShell(s.storePath, { now: at('2023-08-16T09:00:01Z') });
    expect(later.run(one).errors).toEqual([]);
    later.dispose();
  });
});

describe('a historical search over tenant time', () => {
  it('is NotStarted, then InProgress after 30 minutes, then Done 2 to 4 hours after submission', () => {
    const path = sampleStore();
    const search = started(path);
    const done = doneAt(search);
    expect(done - SAMPLE_NOW.getTime()).toBeGreaterThanOrEqual(2 * 3_600_000);
    expect(done - SAMPLE_NOW.getTime()).toBeLessThanOrEqual(4 * 3_600_000);
    const status = (now: Date) => {
      const s = openShell(path, { now });
      const r = s.ok('Get-HistoricalSearch');
      s.dispose();
      return prop(r.output[0], 'Status');
    };
    expect(status(at('2023-08-15T09:29:59Z'))).toBe('NotStarted');
    expect(status(at('2023-08-15T09:30:00Z'))).toBe('InProgress');
    expect(status(new Date(done - 1000))).toBe('InProgress');
    expect(status(new Date(done))).toBe('Done');
    // the same JobId finishes at the same time on every run
    expect(doneAt({ ...search })).toBe(done);
  });

  it('when Done, writes its CSV report beside the store and notifies each NotifyAddress', () => {
    const path = sampleStore();
    const search = started(path);
    const report = historicalReportPath(path, search.jobId);
    expect(report).toBe(`${path}.reports/${search.jobId}.csv`);
    const before = openShell(path, { now: new Date(doneAt(search) - 60_000) });
    before.ok('Get-HistoricalSearch');
    before.dispose();
    expect(existsSync(report)).toBe(false);

    const s = openShell(path, { now: at('2023-08-15T14:00:00Z') });
    const o = s.ok(`Get-HistoricalSearch -JobId ${search.jobId}`).output[0];
    expect(prop(o, 'Status')).toBe('Done');
    expect(prop(o, 'Rows')).toBe(2);
    expect(prop(o, 'FileRows')).toBe(2);
    expect(fileURLToPath(prop(o, 'FileUrl') as string)).toBe(report);
    const lines = readFileSync(report, 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe(MESSAGE_TRACE_COLUMNS.map((c) => `"${c}"`).join(','));
    expect(lines[1]).toBe(
      `"2023-08-14T21:51:20.0000000Z","user@contoso.com","recipient1@contoso.com##Receive, Drop;recipient2@contoso.com##Receive, Drop;recipient3@contoso.com##Receive, Drop","Recall: Testing recall functionality","${prop(s.ok(`Get-MessageTrace -MessageId "${RECALL_MESSAGE_ID}"`).output[0], 'Size')}","${RECALL_MESSAGE_ID}","${prop(s.ok(`Get-MessageTrace -MessageId "${RECALL_MESSAGE_ID}"`).output[0], 'MessageTraceId')}","2603:10b6:494:3::d4","Originating","","Normal"`,
    );
    expect(lines[2]).toMatch(/^"2023-08-12T16:20:00.0000000Z","user@contoso.com","recipient1@contoso.com##Receive, Deliver;/);
    // the notification, sent when the search finished
    const mail = s.ok('Get-MessageTrace -RecipientAddress admin@contoso.com -SenderAddress Office365Reports@microsoft.com -StartDate 08/15/2023').output;
    expect(props(mail, 'Subject')).toEqual(['Your historical search "Recall search" is complete']);
    expect(prop(mail[0], 'Received')).toEqual(new Date(doneAt(search)));
    expect(prop(mail[0], 'Status')).toBe('Delivered');
    s.dispose();
    // settled once: a later read neither sends it again nor changes the rows
    const again = openShell(path, { now: at('2023-08-15T20:00:00Z') });
    expect(again.ok('Get-MessageTrace -RecipientAddress admin@contoso.com -SenderAddress Office365Reports@microsoft.com -StartDate 08/15/2023').output).toHaveLength(1);
    again.dispose();
    expect(again.data().mail.historicalSearches![0].completedAt).toBe(new Date(doneAt(search)).toISOString().replace('.000Z', 'Z'));
  });

  it('is settled by whichever trace cmdlet runs first after it finishes', () => {
    const path = sampleStore();
    const search = started(path);
    const s = openShell(path, { now: at('2023-08-15T14:00:00Z') });
    s.ok('Get-MessageTraceV2 -SenderAddress nobody@contoso.com');
    s.dispose();
    expect(existsSync(historicalReportPath(path, search.jobId))).toBe(true);
  });

  it('is settled by any command that reads the tenant, a mailbox read included', () => {
    const path = sampleStore();
    const search = started(path);
    expect(existsSync(historicalReportPath(path, search.jobId))).toBe(false);
    const s = openShell(path, { now: at('2023-08-15T14:00:00Z') });
    s.ok('Get-MailboxMessage -Mailbox admin@contoso.com | Out-Null');
    s.dispose();
    expect(existsSync(historicalReportPath(path, search.jobId))).toBe(true);
  });

  it('a MessageTraceDetail report has a line per event, and filters by DeliveryStatus, Direction and OriginalClientIP', () => {
    const path = sampleStore();
    const s = openShell(path, { now: SAMPLE_NOW });
    const ids = [
      s.ok('Start-HistoricalSearch -ReportTitle d -StartDate 08/01/2023 -EndDate 08/16/2023 -ReportType MessageTraceDetail -RecipientAddress recipient3@contoso.com -DeliveryStatus Delivered')
        .output[0],
      s.ok('Start-HistoricalSearch -ReportTitle o -StartDate 08/01/2023 -EndDate 08/16/2023 -ReportType MessageTrace -SenderAddress *@fabrikam.com -OriginalClientIP 198.51.100.24').output[0],
      s.ok('Start-HistoricalSearch -ReportTitle s -StartDate 08/01/2023 -EndDate 08/16/2023 -ReportType MessageTrace -RecipientAddress *@fabrikam.com -Direction Received').output[0],
    ].map((o) => String(prop(o, 'JobId')));
    s.dispose();
    const later = openShell(path, { now: at('2023-08-15T14:00:00Z') });
    const found = later.ok('Get-HistoricalSearch').output;
    later.dispose();
    expect(props(found, 'ReportTitle')).toEqual(['s', 'o', 'd']);
    const detail = readFileSync(historicalReportPath(path, ids[0]), 'utf8').trimEnd().split('\n');
    expect(detail[0]).toBe(MESSAGE_TRACE_DETAIL_COLUMNS.map((c) => `"${c}"`).join(','));
    // the original (Receive, Deliver), the "Recall test plan" (Receive, Deliver) and "Invoice 4712" (five events)
    expect(detail.slice(1).map((l) => l.split('","')[1])).toEqual(['RECEIVE', 'TRANSPORT RULE', 'QUARANTINE', 'RELEASE', 'DELIVER', 'RECEIVE', 'DELIVER', 'RECEIVE', 'DELIVER']);
    const byIP = readFileSync(historicalReportPath(path, ids[1]), 'utf8').trimEnd().split('\n');
    expect(byIP.slice(1).map((l) => l.split('","')[3])).toEqual(['Invoice 4711', 'Invoice 4712']);
    const received = readFileSync(historicalReportPath(path, ids[2]), 'utf8').trimEnd().split('\n');
    expect(received).toHaveLength(1);
  });
});

describe('Get-HistoricalSearch and Stop-HistoricalSearch', () => {
  it('lists the searches of the last ten days, newest first; -JobId finds one', () => {
    const path = sampleStore();
    const s = openShell(path, { now: SAMPLE_NOW });
    const first = s.ok('Start-HistoricalSearch -ReportTitle first -StartDate 08/01/2023 -EndDate 08/15/2023 -ReportType MessageTrace -SenderAddress user@contoso.com').output[0];
    s.dispose();
    const next = openShell(path, { now: at('2023-08-20T09:00:00Z') });
    next.ok('Start-HistoricalSearch -ReportTitle second -StartDate 08/01/2023 -EndDate 08/15/2023 -ReportType MessageTrace -SenderAddress user@contoso.com');
    expect(props(next.ok('Get-HistoricalSearch').output, 'ReportTitle')).toEqual(['second', 'first']);
    next.dispose();
    const late = openShell(path, { now: at('2023-08-25T09:00:01Z') });
    expect(props(late.ok('Get-HistoricalSearch').output, 'ReportTitle')).toEqual(['second']);
    expect(props(late.ok(`Get-HistoricalSearch -JobId ${prop(first, 'JobId')}`).output, 'ReportTitle')).toEqual(['first']);
    expect(late.run('Get-HistoricalSearch -JobId f9c66f83-b5c8-4a0c-91f4-a38376f74182').errors).toEqual([
      "Get-HistoricalSearch: The historical search with the JobId 'f9c66f83-b5c8-4a0c-91f4-a38376f74182' couldn't be found.",
    ]);
    late.dispose();
  });

  it('stops a search only while it is NotStarted; it is then Cancelled and never runs', () => {
    const path = sampleStore();
    const search = started(path);
    const s = openShell(path, { now: at('2023-08-15T09:10:00Z') });
    const r = s.ok(`Stop-HistoricalSearch -JobId ${search.jobId}`);
    expect(r.output).toEqual([]);
    expect(prop(s.ok('Get-HistoricalSearch').output[0], 'Status')).toBe('Cancelled');
    expect(s.run(`Stop-HistoricalSearch ${search.jobId}`).errors).toEqual([
      `Stop-HistoricalSearch: The historical search '${search.jobId}' can't be stopped because its status is Cancelled: only a search with the status NotStarted can be stopped.`,
    ]);
    s.dispose();
    const later = openShell(path, { now: at('2023-08-15T20:00:00Z') });
    expect(prop(later.ok('Get-HistoricalSearch').output[0], 'Status')).toBe('Cancelled');
    later.dispose();
    expect(existsSync(historicalReportPath(path, search.jobId))).toBe(false);

    const path2 = sampleStore();
    const other = started(path2);
    const running = openShell(path2, { now: at('2023-08-15T09:45:00Z') });
    expect(running.run(`Get-HistoricalSearch | Stop-HistoricalSearch`).errors).toEqual([
      `Stop-HistoricalSearch: The historical search '${other.jobId}' can't be stopped because its status is InProgress: only a search with the status NotStarted can be stopped.`,
    ]);
    expect(running.run('Stop-HistoricalSearch -JobId f9c66f83-b5c8-4a0c-91f4-a38376f74182').errors).toEqual([
      "Stop-HistoricalSearch: The historical search with the JobId 'f9c66f83-b5c8-4a0c-91f4-a38376f74182' couldn't be found.",
    ]);
    running.dispose();
  });

  it('reads stores written before historical searches existed', () => {
    const path = sampleStore();
    const data = JSON.parse(readFileSync(path, 'utf8'));
    delete data.mail.historicalSearches;
    writeFileSync(path, JSON.stringify(data, null, 2) + '\n');
    const s = openShell(path, { now: SAMPLE_NOW });
    expect(s.ok('Get-HistoricalSearch').output).toEqual([]);
    s.ok('Get-MessageTrace; Get-MessageTraceV2');
    s.dispose();
    expect(s.data().mail.historicalSearches).toBeUndefined();
    const w = openShell(path, { now: SAMPLE_NOW });
    w.ok(START);
    w.dispose();
    expect(w.data().mail.historicalSearches).toHaveLength(1);
  });
});
