// Get-MessageTrace and Get-MessageTraceDetail (classic) on the recall documents' sample tenant:
// every parameter, the limits and the error texts, the output objects and default views.

import { afterAll, describe, expect, it } from 'vitest';
import { PSObject } from '../../src/shell/values.js';
import { RECALL_MESSAGE_ID, SAMPLE_NOW, SENDER_TRACE_TABLE, openShell, prop, props, removeTempDirs, sampleShell, sampleStore } from './helpers.js';

afterAll(removeTempDirs);

const TRACE_PROPERTIES = [
  'Organization',
  'MessageId',
  'Received',
  'SenderAddress',
  'RecipientAddress',
  'Subject',
  'Status',
  'ToIP',
  'FromIP',
  'Size',
  'MessageTraceId',
  'StartDate',
  'EndDate',
  'Index',
];
const DETAIL_PROPERTIES = ['Organization', 'MessageId', 'MessageTraceId', 'Date', 'Event', 'Action', 'Detail', 'Data', 'SenderAddress', 'RecipientAddress', 'StartDate', 'EndDate', 'Index'];

describe("Get-MessageTrace: the recall document's example", () => {
  it("lists the recall rows with Status Failed, under the headers of the document's table", () => {
    const s = sampleShell();
    const r = s.ok('Get-MessageTrace -SenderAddress user@contoso.com');
    expect(s.render(r.output)).toBe(SENDER_TRACE_TABLE);
    s.dispose();
  });

  it("writes MessageTrace objects with the service's properties in its order", () => {
    const s = sampleShell();
    const [row] = s.ok('Get-MessageTrace -SenderAddress user@contoso.com -RecipientAddress recipient1@contoso.com').output as PSObject[];
    expect(row.typeNames[0]).toBe('Microsoft.Exchange.Management.FfoReporting.MessageTrace');
    expect(row.names()).toEqual(TRACE_PROPERTIES);
    expect(prop(row, 'Organization')).toBe('contoso.onmicrosoft.com');
    expect(prop(row, 'MessageId')).toBe(RECALL_MESSAGE_ID);
    expect(prop(row, 'Received')).toEqual(new Date('2023-08-14T21:51:20Z'));
    expect(prop(row, 'Subject')).toBe('Recall: Testing recall functionality');
    expect(prop(row, 'Status')).toBe('Failed');
    expect(prop(row, 'ToIP')).toBeNull();
    expect(typeof prop(row, 'Size')).toBe('number');
    expect(prop(row, 'MessageTraceId')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    // without dates: the last 48 hours, which the object reports
    expect(prop(row, 'StartDate')).toEqual(new Date('2023-08-13T09:00:00Z'));
    expect(prop(row, 'EndDate')).toEqual(SAMPLE_NOW);
    expect(prop(row, 'Index')).toBe(0);
    s.dispose();
  });
});

describe('Get-MessageTrace: dates', () => {
  it('covers the last 48 hours without dates, newest first, rows of one instant by recipient', () => {
    const s = sampleShell();
    const rows = s.ok('Get-MessageTrace').output;
    const received = props(rows, 'Received').map((d) => (d as Date).getTime());
    expect(received).toEqual([...received].sort((a, b) => b - a));
    expect(Math.min(...received)).toBeGreaterThanOrEqual(Date.parse('2023-08-13T09:00:00Z'));
    // the original message of 8/12 is older than 48 hours
    expect(props(rows, 'Subject')).not.toContain('Testing recall functionality');
    expect(props(rows, 'Subject')[0]).toBe('Weekly sales figures');
    const at2210 = rows.filter((r) => (prop(r, 'Received') as Date).toISOString() === '2023-08-14T22:10:00.000Z');
    const recipients = props(at2210, 'RecipientAddress') as string[];
    expect(recipients).toEqual([...recipients].sort());
    expect(props(rows, 'Index')).toEqual(rows.map((_, i) => i));
    s.dispose();
  });

  it('takes a date without a time zone as UTC and includes both ends', () => {
    const s = sampleShell();
    const r = s.ok('Get-MessageTrace -StartDate "08/14/2023 21:51:20" -EndDate "8/14/2023 9:51:20 PM"');
    expect(props(r.output, 'RecipientAddress')).toEqual(['recipient1@contoso.com', 'recipient2@contoso.com', 'recipient3@contoso.com']);
    expect(s.ok('Get-MessageTrace -StartDate 2023-08-14T23:51:20+02:00 -EndDate 2023-08-14T21:51:20Z').output).toHaveLength(3);
    s.dispose();
  });

  it('reaches back 10 days with -StartDate; StartDate alone runs to now', () => {
    const s = sampleShell();
    const r = s.ok('Get-MessageTrace -SenderAddress user@contoso.com -StartDate 08/05/2023');
    expect(r.output).toHaveLength(6);
    expect(props(r.output, 'Subject').slice(3)).toEqual(['Testing recall functionality', 'Testing recall functionality', 'Testing recall functionality']);
    expect(prop(r.output[0], 'EndDate')).toEqual(SAMPLE_NOW);
    // EndDate alone: the 48 hours before it
    const e = s.ok('Get-MessageTrace -EndDate "08/13/2023"').output;
    expect(props(e, 'Subject')).toEqual(['Testing recall functionality', 'Testing recall functionality', 'Testing recall functionality']);
    expect(prop(e[0], 'StartDate')).toEqual(new Date('2023-08-11T00:00:00Z'));
    s.dispose();
  });

  it("refuses a StartDate older than 10 days with the service's error, and writes nothing", () => {
    const s = sampleShell();
    const r = s.run('Get-MessageTrace -SenderAddress user@contoso.com -StartDate 08/04/2023 -EndDate 08/15/2023; "next statement"');
    expect(r.errors).toEqual(["Get-MessageTrace: Invalid StartDate value. The StartDate can't be older than 10 days from today."]);
    expect(r.output).toEqual(['next statement']);
    expect(r.errorRecords[0].category).toBe('InvalidArgument');
    expect(r.errorRecords[0].exception).toBe('InvalidExpressionException');
    // the limit counts whole days: 00:00 UTC ten days before today is still accepted
    expect(s.run('Get-MessageTrace -StartDate "08/05/2023 00:00"').errors).toEqual([]);
    expect(s.run('Get-MessageTrace -StartDate "08/04/2023 23:59:59"').errors).toHaveLength(1);
    s.dispose();
  });

  it('refuses an EndDate before the StartDate', () => {
    const s = sampleShell();
    const r = s.run('Get-MessageTrace -StartDate 08/14/2023 -EndDate 08/13/2023');
    expect(r.errors).toEqual(["Get-MessageTrace: Invalid EndDate value. The EndDate can't be earlier than the StartDate."]);
    expect(r.output).toEqual([]);
    // a StartDate in the future, with the default EndDate (now)
    expect(s.run('Get-MessageTrace -StartDate 08/16/2023').errors).toEqual(["Get-MessageTrace: Invalid EndDate value. The EndDate can't be earlier than the StartDate."]);
    s.dispose();
  });
});

describe('Get-MessageTrace: filters', () => {
  it('-SenderAddress and -RecipientAddress take several values, case-insensitively', () => {
    const s = sampleShell();
    const r = s.ok('Get-MessageTrace -SenderAddress ADMIN@contoso.com, sales@CONTOSO.com -RecipientAddress sales@contoso.com,partner@fabrikam.com,nobody@contoso.com');
    expect(props(r.output, 'Subject')).toEqual(['Weekly sales figures', 'Quote for Fabrikam', 'Lost message']);
    s.dispose();
  });

  it('accepts one wildcard pattern such as *@contoso.com or user@*, but not with other values', () => {
    const s = sampleShell();
    expect(props(s.ok('Get-MessageTrace -RecipientAddress *@fabrikam.com').output, 'RecipientAddress')).toEqual(['partner@fabrikam.com']);
    // rows of one instant come by recipient: recipient1, recipient2, recipient3
    expect(props(s.ok('Get-MessageTrace -SenderAddress *@fabrikam.com').output, 'Subject')).toEqual(['Cheap licences', 'Invoice 4711', 'Invoice 4712']);
    expect(props(s.ok('Get-MessageTrace -SenderAddress billing@*').output, 'Subject')).toEqual(['Invoice 4711', 'Invoice 4712']);
    expect(props(s.ok('Get-MessageTrace -RecipientAddress recipient?@contoso.com').output, 'Subject')).toEqual([]);
    expect(s.ok('Get-MessageTrace -RecipientAddress *').output).toHaveLength(s.ok('Get-MessageTrace').output.length);
    expect(props(s.ok('Get-MessageTrace -RecipientAddress *recall*').output, 'RecipientAddress')).toEqual(['recalltesters@contoso.com']);
    const r = s.run('Get-MessageTrace -RecipientAddress *@contoso.com, partner@fabrikam.com');
    expect(r.errors).toEqual(["Get-MessageTrace: When you use a wildcard (*) in the RecipientAddress parameter, you can't specify any other values."]);
    s.dispose();
  });

  it('-MessageId matches with or without angle brackets, and takes several values', () => {
    const s = sampleShell();
    const bare = RECALL_MESSAGE_ID.slice(1, -1);
    expect(s.ok(`Get-MessageTrace -MessageId "${RECALL_MESSAGE_ID}"`).output).toHaveLength(3);
    expect(s.ok(`Get-MessageTrace -MessageId ${bare}`).output).toHaveLength(3);
    expect(s.ok(`Get-MessageTrace -MessageID "${bare.toLowerCase()}"`).output).toHaveLength(3);
    const welcome = prop(s.ok('Get-MessageTrace -RecipientAddress r1@contoso.com').output[0], 'MessageId') as string;
    expect(s.ok(`Get-MessageTrace -MessageId "${RECALL_MESSAGE_ID}", "${welcome}"`).output).toHaveLength(4);
    s.dispose();
  });

  it("-MessageTraceId selects one message's rows", () => {
    const s = sampleShell();
    const id = prop(s.ok('Get-MessageTrace -RecipientAddress recalltesters@contoso.com').output[0], 'MessageTraceId') as string;
    const r = s.ok(`Get-MessageTrace -MessageTraceId ${id}`);
    expect(props(r.output, 'RecipientAddress')).toEqual(['recalltesters@contoso.com', 'recipient1@contoso.com', 'recipient2@contoso.com', 'recipient3@contoso.com']);
    expect(props(r.output, 'Status')).toEqual(['Expanded', 'Delivered', 'Delivered', 'Delivered']);
    // the 32-digit form without dashes of the reference's example
    expect(s.ok(`Get-MessageTrace -MessageTraceId ${id.replace(/-/g, '')}`).output).toHaveLength(4);
    s.dispose();
  });

  it('-Status takes the documented values, several at once, and None matches nothing', () => {
    const s = sampleShell();
    const statuses = (x: string) => props(s.ok(`Get-MessageTrace -Status ${x}`).output, 'Status');
    expect(statuses('Quarantined')).toEqual(['Quarantined']);
    expect(statuses('pending, filteredasspam')).toEqual(['Pending', 'FilteredAsSpam']);
    expect(statuses('Expanded')).toEqual(['Expanded']);
    expect(statuses('Failed')).toEqual(['Failed', 'Failed', 'Failed', 'Failed']);
    expect(statuses('None')).toEqual([]);
    expect(statuses('GettingStatus')).toEqual([]);
    const r = s.run('Get-MessageTrace -Status Bounced');
    expect(r.errors[0]).toContain('The argument "Bounced" does not belong to the set "None,GettingStatus,Failed,Pending,Delivered,Expanded,Quarantined,FilteredAsSpam"');
    s.dispose();
  });

  it("-FromIP and -ToIP match the row's addresses", () => {
    const s = sampleShell();
    expect(props(s.ok('Get-MessageTrace -FromIP 198.51.100.24').output, 'Subject')).toEqual(['Invoice 4711', 'Invoice 4712']);
    const toIP = prop(s.ok('Get-MessageTrace -RecipientAddress partner@fabrikam.com').output[0], 'ToIP') as string;
    expect(toIP).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(props(s.ok(`Get-MessageTrace -ToIP ${toIP}`).output, 'RecipientAddress')).toEqual(['partner@fabrikam.com']);
    expect(s.ok('Get-MessageTrace -ToIP 192.0.2.1').output).toEqual([]);
    s.dispose();
  });

  it('binds its filters by property name from piped objects', () => {
    const s = sampleShell();
    const r = s.ok('[pscustomobject]@{SenderAddress = "user@contoso.com"; RecipientAddress = "recipient2@contoso.com"} | Get-MessageTrace');
    expect(props(r.output, 'Subject')).toEqual(['Recall: Testing recall functionality']);
    s.dispose();
  });
});

describe('Get-MessageTrace: pages', () => {
  it('pages with -PageSize and -Page, and Index counts across pages', () => {
    const s = sampleShell();
    const all = s.ok('Get-MessageTrace').output;
    expect(all.length).toBeGreaterThan(10);
    const pages = [1, 2, 3, 4, 5, 6, 7].flatMap((p) => s.ok(`Get-MessageTrace -PageSize 3 -Page ${p}`).output);
    expect(props(pages, 'Index')).toEqual(props(all, 'Index'));
    expect(pages.map((o) => `${prop(o, 'MessageTraceId')}/${prop(o, 'RecipientAddress')}`)).toEqual(all.map((o) => `${prop(o, 'MessageTraceId')}/${prop(o, 'RecipientAddress')}`));
    expect(s.ok('Get-MessageTrace -PageSize 5 -Page 1000').output).toEqual([]);
    expect(s.ok('Get-MessageTrace -PageSize 2').output).toHaveLength(2);
    s.dispose();
  });

  it('limits -PageSize to 1..5000 and -Page to 1..1000', () => {
    const s = sampleShell();
    expect(s.run('Get-MessageTrace -PageSize 5001').errors).toEqual([
      "Get-MessageTrace: Cannot validate argument on parameter 'PageSize'. The 5001 argument is greater than the maximum allowed range of 5000. Supply an argument that is less than or equal to 5000 and then try the command again.",
    ]);
    expect(s.run('Get-MessageTrace -PageSize 0').errors).toEqual([
      "Get-MessageTrace: Cannot validate argument on parameter 'PageSize'. The 0 argument is less than the minimum allowed range of 1. Supply an argument that is greater than or equal to 1 and then try the command again.",
    ]);
    expect(s.run('Get-MessageTrace -Page 1001').errors).toEqual([
      "Get-MessageTrace: Cannot validate argument on parameter 'Page'. The 1001 argument is greater than the maximum allowed range of 1000. Supply an argument that is less than or equal to 1000 and then try the command again.",
    ]);
    expect(s.run('Get-MessageTrace -Page 0').errors).toHaveLength(1);
    expect(s.run('Get-MessageTrace -PageSize 5000 -Page 1000').errors).toEqual([]);
    s.dispose();
  });

  it('rejects -ProbeTag (reserved for internal Microsoft use)', () => {
    const s = sampleShell();
    expect(s.run('Get-MessageTrace -ProbeTag x').errors).toEqual(["Get-MessageTrace: The ProbeTag parameter is reserved for internal Microsoft use and isn't supported."]);
    expect(s.run('Get-MessageTraceDetail -MessageTraceId 6301e59d-79e7-5ea2-a83a-e1b6c518f3ea -RecipientAddress a@contoso.com -ProbeTag x').errors).toEqual([
      "Get-MessageTraceDetail: The ProbeTag parameter is reserved for internal Microsoft use and isn't supported.",
    ]);
    s.dispose();
  });
});

describe('the classic cmdlets after their retirement (2025-09-01)', () => {
  it('still run, with one warning per session naming the V2 cmdlet', () => {
    const s = openShell(sampleStore(), { now: new Date('2025-09-02T10:00:00Z') });
    const r = s.ok('Get-MessageTrace; Get-MessageTrace -SenderAddress user@contoso.com');
    expect(r.output).toEqual([]);
    expect(r.warnings).toEqual([
      'Get-MessageTrace will start deprecating on September 1st, 2025. Please refer to: https://learn.microsoft.com/en-us/powershell/module/exchange/get-messagetracev2?view=exchange-ps to switch to Get-MessageTraceV2.',
    ]);
    expect(s.ok('Get-MessageTrace').warnings).toEqual([]);
    const d = s.ok('Get-MessageTraceDetail -MessageTraceId 6301e59d-79e7-5ea2-a83a-e1b6c518f3ea -RecipientAddress recipient1@contoso.com -WarningVariable w; $w');
    expect(d.warnings).toEqual([
      'Get-MessageTraceDetail will start deprecating on September 1st, 2025. Please refer to: https://learn.microsoft.com/en-us/powershell/module/exchange/get-messagetracedetailv2?view=exchange-ps to switch to Get-MessageTraceDetailV2.',
    ]);
    expect(d.output).toEqual(d.warnings);
    expect(s.ok('Get-MessageTraceV2').warnings).toEqual([]);
    s.dispose();
    // a new session warns again; before the date nobody is warned
    const again = openShell(s.storePath, { now: new Date('2025-09-02T10:00:00Z') });
    expect(again.ok('Get-MessageTrace').warnings).toHaveLength(1);
    again.dispose();
    const before = openShell(s.storePath, { now: new Date('2025-08-31T23:59:59Z') });
    expect(before.ok('Get-MessageTrace; Get-MessageTraceDetail -MessageTraceId 6301e59d-79e7-5ea2-a83a-e1b6c518f3ea -RecipientAddress recipient1@contoso.com').warnings).toEqual([]);
    before.dispose();
  });
});

describe('role-based access', () => {
  it('Message Tracking (Help Desk) runs the trace cmdlets; a user without it does not see them', () => {
    const path = sampleStore();
    const desk = openShell(path, { now: SAMPLE_NOW, user: 'helpdesk@contoso.com' });
    expect(desk.ok('Get-MessageTrace -SenderAddress user@contoso.com').output).toHaveLength(3);
    expect(desk.ok('Get-MessageTraceV2 -SenderAddress user@contoso.com').output).toHaveLength(3);
    expect(desk.ok('Get-HistoricalSearch').output).toEqual([]);
    desk.dispose();
    const user = openShell(path, { now: SAMPLE_NOW, user: 'user@contoso.com' });
    for (const cmd of [
      'Get-MessageTrace',
      'Get-MessageTraceDetail',
      'Get-MessageTraceV2',
      'Get-MessageTraceDetailV2',
      'Get-MessageTraceDetailJoined',
      'Get-HistoricalSearch',
      'Start-HistoricalSearch',
      'Stop-HistoricalSearch',
    ]) {
      expect(user.run(cmd).errors[0]).toContain(`The term '${cmd}' is not recognized`);
    }
    user.dispose();
  });
});

describe('Get-MessageTraceDetail', () => {
  it('shows the Drop event of the recall, with its Result, as in the document (| fl)', () => {
    const s = sampleShell();
    const r = s.ok(`Get-MessageTrace -SenderAddress user@contoso.com -MessageId "${RECALL_MESSAGE_ID}" | Get-MessageTraceDetail -Event Drop | fl`);
    // Format-List wraps at the session's 120 columns; the document's page shows the lines whole
    const text = s.render(r.output).replace(/ \n {19}/g, ' ');
    const entries = text.split('\n\n').filter((e) => e.trim() !== '');
    expect(entries).toHaveLength(3);
    for (const [i, result] of ['Success', 'Failed', 'Success'].entries()) {
      expect(entries[i]).toContain(
        [
          'Event            : Drop',
          'Action           : ',
          `Detail           : Reason: [Stage: OnPromotedEvent][Agent: Transport Message Recall Agent];Message recall process complete, dropping the recall email. Result:${result}`,
        ].join('\n'),
      );
    }
    s.dispose();
  });

  it("writes MessageTraceDetail objects: the document's columns, then the (empty) sender and recipient", () => {
    const s = sampleShell();
    const r = s.ok(`Get-MessageTrace -MessageId "${RECALL_MESSAGE_ID}" -RecipientAddress recipient2@contoso.com | Get-MessageTraceDetail`);
    expect(props(r.output, 'Event')).toEqual(['Receive', 'Drop']);
    const drop = r.output[1] as PSObject;
    expect(drop.typeNames[0]).toBe('Microsoft.Exchange.Management.FfoReporting.MessageTraceDetail');
    expect(drop.names()).toEqual(DETAIL_PROPERTIES);
    expect(prop(drop, 'Detail')).toMatch(/Result:Failed$/);
    expect(prop(drop, 'Action')).toBeNull();
    expect(prop(drop, 'SenderAddress')).toBeNull();
    expect(prop(drop, 'RecipientAddress')).toBeNull();
    expect(prop(drop, 'Data')).toBe('<root><MEP Name="AgentName" String="Transport Message Recall Agent"/><MEP Name="Stage" String="OnPromotedEvent"/></root>');
    expect(prop(drop, 'Date')).toEqual(new Date('2023-08-14T21:51:20Z'));
    expect(props(r.output, 'Index')).toEqual([0, 1]);
    expect(s.render(r.output)).toBe(
      [
        '',
        'Date                 Event   Detail',
        '----                 -----   ------',
        '8/14/2023 9:51:20 PM Receive Message received by: SN6PRDAMB27110.namprd01.prod.outlook.com',
        '8/14/2023 9:51:20 PM Drop    Reason: [Stage: OnPromotedEvent][Agent: Transport Message Recall Agent];Message recall pr…',
        '',
        '',
      ].join('\n'),
    );
    s.dispose();
  });

  it('takes -MessageTraceId and -RecipientAddress as parameters; -Event and -Action are case-insensitive lists', () => {
    const s = sampleShell();
    const row = s.ok('Get-MessageTrace -RecipientAddress recipient2@contoso.com -Status Quarantined').output[0];
    const id = prop(row, 'MessageTraceId');
    const events = (extra: string) => props(s.ok(`Get-MessageTraceDetail -MessageTraceId ${id} -RecipientAddress RECIPIENT2@contoso.com ${extra}`).output, 'Event');
    expect(events('')).toEqual(['Receive', 'Transport rule', 'Quarantine']);
    expect(events('-Event QUARANTINE, receive')).toEqual(['Receive', 'Quarantine']);
    expect(events('-Action quarantine')).toEqual(['Transport rule']);
    expect(events('-Event Drop')).toEqual([]);
    expect(events('-MessageId nothing@example.com')).toEqual([]);
    expect(events('-SenderAddress billing@fabrikam.com')).toHaveLength(3);
    expect(events('-SenderAddress someone@fabrikam.com')).toEqual([]);
    expect(events('-PageSize 2')).toEqual(['Receive', 'Transport rule']);
    expect(events('-PageSize 2 -Page 2')).toEqual(['Quarantine']);
    expect(s.ok(`Get-MessageTraceDetail -MessageTraceId ${id} -RecipientAddress nobody@contoso.com`).output).toEqual([]);
    s.dispose();
  });

  it('needs -MessageTraceId and -RecipientAddress', () => {
    const s = sampleShell();
    expect(s.run('Get-MessageTraceDetail -RecipientAddress a@contoso.com').errors).toEqual([
      'Get-MessageTraceDetail: Cannot process command because of one or more missing mandatory parameters: MessageTraceId.',
    ]);
    expect(s.run('Get-MessageTraceDetail -MessageTraceId 6301e59d-79e7-5ea2-a83a-e1b6c518f3ea').errors).toEqual([
      'Get-MessageTraceDetail: Cannot process command because of one or more missing mandatory parameters: RecipientAddress.',
    ]);
    s.dispose();
  });

  it('reads the last 48 hours without dates, and at most 10 days back', () => {
    const s = sampleShell();
    const original = s.ok('Get-MessageTrace -SenderAddress user@contoso.com -StartDate 08/12/2023 -EndDate 08/13/2023').output[0];
    const args = `-MessageTraceId ${prop(original, 'MessageTraceId')} -RecipientAddress recipient1@contoso.com`;
    // its events are of 8/12: outside the default 48 hours (issue office-docs-powershell#8953)
    expect(s.ok(`Get-MessageTraceDetail ${args}`).output).toEqual([]);
    expect(props(s.ok(`Get-MessageTraceDetail ${args} -StartDate 08/12/2023 -EndDate 08/13/2023`).output, 'Event')).toEqual(['Receive', 'Deliver']);
    // piped rows bring their query's dates with them
    expect(
      props(s.ok('Get-MessageTrace -SenderAddress user@contoso.com -StartDate 08/12/2023 -EndDate 08/13/2023 -RecipientAddress recipient1@contoso.com | Get-MessageTraceDetail').output, 'Event'),
    ).toEqual(['Receive', 'Deliver']);
    const r = s.run(`Get-MessageTraceDetail ${args} -StartDate 08/01/2023`);
    expect(r.errors).toEqual(["Get-MessageTraceDetail: Invalid StartDate value. The StartDate can't be older than 10 days from today."]);
    expect(r.errorRecords[0].exception).toBe('ValidationException');
    expect(s.run(`Get-MessageTraceDetail ${args} -StartDate 08/13/2023 -EndDate 08/12/2023`).errors).toEqual([
      "Get-MessageTraceDetail: Invalid EndDate value. The EndDate can't be earlier than the StartDate.",
    ]);
    s.dispose();
  });
});
