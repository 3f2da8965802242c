// Get-MessageTraceV2 and Get-MessageTraceDetailV2: parameters and positions, the 90-day /
// 10-day limits, -ResultSize and the continuation warning that scripts run from -WarningVariable.

import { afterAll, describe, expect, it } from 'vitest';
import type { PSValue } from '../../src/shell/values.js';
import { RECALL_MESSAGE_ID, prop, props, removeTempDirs, sampleShell, type TraceShell } from './helpers.js';

afterAll(removeTempDirs);

const MORE = 'There are more results, use the following command to get more. ';

const key = (o: PSValue) => `${prop(o, 'MessageTraceId')}/${prop(o, 'RecipientAddress')}`;

/** Follows the continuation warnings as a script does, returning every page. */
function walk(s: TraceShell, first: string): { pages: PSValue[][]; commands: string[] } {
  const pages: PSValue[][] = [];
  const commands: string[] = [];
  let command = first;
  for (let guard = 0; guard < 100; guard++) {
    const r = s.ok(`${command} -WarningVariable more; ($more -join "") -replace "${MORE}", ""`);
    const next = r.output.pop() as string;
    pages.push(r.output);
    if (r.warnings.length === 0) {
      expect(next).toBe('');
      break;
    }
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0].startsWith(MORE)).toBe(true);
    expect(next).toBe(r.warnings[0].slice(MORE.length));
    commands.push(next);
    command = next;
  }
  return { pages, commands };
}

describe('Get-MessageTraceV2', () => {
  it("finds the document's recall rows like the classic cmdlet, with the same objects and view", () => {
    const s = sampleShell();
    const v2 = s.ok('Get-MessageTraceV2 -SenderAddress user@contoso.com');
    const v1 = s.ok('Get-MessageTrace -SenderAddress user@contoso.com');
    expect(s.render(v2.output)).toBe(s.render(v1.output));
    expect(v2.warnings).toEqual([]);
    s.dispose();
  });

  it('returns at most -ResultSize rows and warns with the command for the next ones', () => {
    const s = sampleShell();
    const r = s.ok('Get-MessageTraceV2 -StartDate 08/06/2023 -EndDate "08/15/2023 09:00" -ResultSize 4');
    expect(r.output).toHaveLength(4);
    const last = r.output[3];
    expect(prop(last, 'Received')).toEqual(new Date('2023-08-14T23:00:00Z'));
    expect(prop(last, 'RecipientAddress')).toBe('recipient3@contoso.com');
    expect(r.warnings).toEqual([
      `${MORE}Get-MessageTraceV2 -StartDate "2023-08-06T00:00:00.0000000Z" -EndDate "2023-08-14T23:00:00.0000000Z" -StartingRecipientAddress "recipient3@contoso.com" -ResultSize 4`,
    ]);
    s.dispose();
  });

  it("pages through everything by running the warning's command, without duplicates or gaps", () => {
    const s = sampleShell();
    const all = s.ok('Get-MessageTraceV2 -StartDate 08/06/2023 -EndDate "08/15/2023 09:00"').output;
    expect(all.length).toBe(19);
    for (const size of [1, 2, 3, 5, 7]) {
      const { pages, commands } = walk(s, `Get-MessageTraceV2 -StartDate 08/06/2023 -EndDate "08/15/2023 09:00" -ResultSize ${size}`);
      const rows = pages.flat();
      expect(rows.map(key)).toEqual(all.map(key));
      expect(pages.slice(0, -1).every((p) => p.length === size)).toBe(true);
      expect(commands).toHaveLength(Math.ceil(19 / size) - 1);
    }
    s.dispose();
  });

  it('carries the other filters into the continuation command', () => {
    const s = sampleShell();
    const r = s.ok('Get-MessageTraceV2 -StartDate 08/13/2023 -SenderAddress admin@contoso.com, user@contoso.com -Status Delivered,Failed -Subject "Recall" -SubjectFilterType Contains -ResultSize 3');
    expect(r.warnings).toEqual([
      `${MORE}Get-MessageTraceV2 -StartDate "2023-08-13T00:00:00.0000000Z" -EndDate "2023-08-14T22:10:00.0000000Z" -StartingRecipientAddress "recipient3@contoso.com" -ResultSize 3 -SenderAddress "admin@contoso.com","user@contoso.com" -Status "Delivered","Failed" -Subject "Recall" -SubjectFilterType "Contains"`,
    ]);
    const { pages } = walk(
      s,
      'Get-MessageTraceV2 -StartDate 08/13/2023 -SenderAddress admin@contoso.com, user@contoso.com -Status Delivered,Failed -Subject "Recall" -SubjectFilterType Contains -ResultSize 3',
    );
    expect(pages.flat().map(key)).toEqual(
      s.ok('Get-MessageTraceV2 -StartDate 08/13/2023 -SenderAddress admin@contoso.com, user@contoso.com -Status Delivered,Failed -Subject "Recall"').output.map(key),
    );
    s.dispose();
  });

  it("-StartingRecipientAddress continues after that recipient's row at EndDate", () => {
    const s = sampleShell();
    const r = s.ok('Get-MessageTraceV2 -StartDate 08/14/2023 -EndDate "08/14/2023 21:51:20" -StartingRecipientAddress recipient1@contoso.com');
    expect(props(r.output, 'RecipientAddress')).toEqual(['recipient2@contoso.com', 'recipient3@contoso.com']);
    s.dispose();
  });

  it('filters by -Subject per -SubjectFilterType (Contains by default), case-insensitively', () => {
    const s = sampleShell();
    const subjects = (args: string) => props(s.ok(`Get-MessageTraceV2 ${args}`).output, 'Subject');
    expect(subjects('-Subject invoice')).toEqual(['Invoice 4711', 'Invoice 4712']);
    expect(subjects('-Subject "INVOICE 47" -SubjectFilterType StartsWith')).toEqual(['Invoice 4711', 'Invoice 4712']);
    expect(subjects('-Subject 4712 -SubjectFilterType EndsWith')).toEqual(['Invoice 4712']);
    expect(subjects('-Subject 4712 -SubjectFilterType StartsWith')).toEqual([]);
    expect(subjects('-Subject "recall functionality" -SubjectFilterType EndsWith')).toEqual([
      'Message Recall Report for message: Testing recall functionality',
      'Recall: Testing recall functionality',
      'Recall: Testing recall functionality',
      'Recall: Testing recall functionality',
    ]);
    expect(s.run('Get-MessageTraceV2 -SubjectFilterType StartsWith').errors).toEqual(['Get-MessageTraceV2: The SubjectFilterType parameter can only be used together with the Subject parameter.']);
    expect(s.run('Get-MessageTraceV2 -Subject x -SubjectFilterType Matches').errors[0]).toContain('does not belong to the set "Contains,EndsWith,StartsWith"');
    s.dispose();
  });

  it('rejects the Status None, and takes the other statuses', () => {
    const s = sampleShell();
    const r = s.run('Get-MessageTraceV2 -Status Delivered, None');
    expect(r.errors).toEqual(["Get-MessageTraceV2: Invalid delivery status 'None'. Valid values are: Delivered, Expanded, Failed, FilteredAsSpam, GettingStatus, Pending, Quarantined."]);
    expect(props(s.ok('Get-MessageTraceV2 -Status Quarantined, Expanded').output, 'Status')).toEqual(['Quarantined', 'Expanded']);
    s.dispose();
  });

  it('searches 90 days back, at most 10 days per query', () => {
    const s = sampleShell();
    expect(s.run('Get-MessageTraceV2 -StartDate 05/17/2023 -EndDate 05/27/2023').errors).toEqual([]);
    expect(s.run('Get-MessageTraceV2 -StartDate "05/16/2023 23:59" -EndDate 05/20/2023').errors).toEqual([
      "Get-MessageTraceV2: Invalid StartDate value. The StartDate can't be older than 90 days from today.",
    ]);
    expect(s.run('Get-MessageTraceV2 -StartDate 08/01/2023 -EndDate 08/11/2023').errors).toEqual([]);
    const long = s.run('Get-MessageTraceV2 -StartDate 08/01/2023 -EndDate "08/11/2023 00:01:01"');
    expect(long.errors).toEqual(["Get-MessageTraceV2: Invalid date range. You can only return 10 days worth of data per query: the EndDate can't be more than 10 days after the StartDate."]);
    // StartDate alone runs to now: 14 days here
    expect(s.run('Get-MessageTraceV2 -StartDate 08/01/2023').errors).toHaveLength(1);
    expect(s.run('Get-MessageTraceV2 -StartDate 08/12/2023 -EndDate 08/11/2023').errors).toEqual(["Get-MessageTraceV2: Invalid EndDate value. The EndDate can't be earlier than the StartDate."]);
    // the original message of 8/12, older than 48 hours, is there with dates
    expect(props(s.ok('Get-MessageTraceV2 -SenderAddress user@contoso.com -StartDate 08/12/2023 -EndDate 08/13/2023').output, 'Subject')).toEqual([
      'Testing recall functionality',
      'Testing recall functionality',
      'Testing recall functionality',
    ]);
    s.dispose();
  });

  it('limits -ResultSize to 1..5000 (default 1000)', () => {
    const s = sampleShell();
    expect(s.run('Get-MessageTraceV2 -ResultSize 0').errors).toEqual([
      "Get-MessageTraceV2: Cannot validate argument on parameter 'ResultSize'. The 0 argument is less than the minimum allowed range of 1. Supply an argument that is greater than or equal to 1 and then try the command again.",
    ]);
    expect(s.run('Get-MessageTraceV2 -ResultSize 5001').errors).toEqual([
      "Get-MessageTraceV2: Cannot validate argument on parameter 'ResultSize'. The 5001 argument is greater than the maximum allowed range of 5000. Supply an argument that is less than or equal to 5000 and then try the command again.",
    ]);
    expect(s.run('Get-MessageTraceV2 -Page 2').errors).toEqual(["Get-MessageTraceV2: A parameter cannot be found that matches parameter name 'Page'."]);
    s.dispose();
  });

  it('binds by position in the documented order (EndDate first)', () => {
    const s = sampleShell();
    const r = s.ok('Get-MessageTraceV2 "08/14/2023 22:00"');
    expect(prop(r.output[0], 'EndDate')).toEqual(new Date('2023-08-14T22:00:00Z'));
    expect(props(r.output, 'Subject')).toEqual([
      'Message Recall Report for message: Testing recall functionality',
      'Recall: Testing recall functionality',
      'Recall: Testing recall functionality',
      'Recall: Testing recall functionality',
    ]);
    // EndDate, FromIP
    expect(props(s.ok('Get-MessageTraceV2 08/15/2023 198.51.100.24').output, 'Subject')).toEqual(['Invoice 4711', 'Invoice 4712']);
    // ... MessageId (3), RecipientAddress (5), ResultSize (6), SenderAddress (7), StartDate (8) after named ones
    const traceId = prop(s.ok(`Get-MessageTraceV2 -MessageId "${RECALL_MESSAGE_ID}"`).output[0], 'MessageTraceId');
    const byPosition = s.ok(`Get-MessageTraceV2 -EndDate 08/15/2023 -FromIP $null "${RECALL_MESSAGE_ID}" ${traceId} recipient2@contoso.com 2 user@contoso.com 08/13/2023`);
    expect(props(byPosition.output, 'Subject')).toEqual(['Recall: Testing recall functionality']);
    expect(prop(byPosition.output[0], 'StartDate')).toEqual(new Date('2023-08-13T00:00:00Z'));
    s.dispose();
  });
});

describe('Get-MessageTraceDetailV2', () => {
  it('takes piped Get-MessageTraceV2 rows and writes their events', () => {
    const s = sampleShell();
    const r = s.ok(`Get-MessageTraceV2 -MessageId "${RECALL_MESSAGE_ID}" | Get-MessageTraceDetailV2 -Event drop`);
    expect(props(r.output, 'Detail').map((d) => (d as string).replace(/.*Result:/, ''))).toEqual(['Success', 'Failed', 'Success']);
    expect(props(r.output, 'Event')).toEqual(['Drop', 'Drop', 'Drop']);
    s.dispose();
  });

  it('reaches 90 days back, 10 days per query; 48 hours without dates', () => {
    const s = sampleShell();
    const original = s.ok('Get-MessageTraceV2 -SenderAddress user@contoso.com -StartDate 08/12/2023 -EndDate 08/13/2023').output[0];
    const args = `-MessageTraceId ${prop(original, 'MessageTraceId')} -RecipientAddress recipient1@contoso.com`;
    expect(s.ok(`Get-MessageTraceDetailV2 ${args}`).output).toEqual([]);
    expect(props(s.ok(`Get-MessageTraceDetailV2 ${args} -StartDate 08/12/2023 -EndDate 08/13/2023`).output, 'Event')).toEqual(['Receive', 'Deliver']);
    expect(s.run(`Get-MessageTraceDetailV2 ${args} -StartDate 05/01/2023 -EndDate 05/02/2023`).errors).toEqual([
      "Get-MessageTraceDetailV2: Invalid StartDate value. The StartDate can't be older than 90 days from today.",
    ]);
    expect(s.run(`Get-MessageTraceDetailV2 ${args} -StartDate 08/01/2023 -EndDate 08/15/2023`).errors[0]).toContain('Invalid date range.');
    // positions: Action, EndDate, Event, MessageId, MessageTraceId, RecipientAddress, SenderAddress, StartDate
    const positional = s.ok(`Get-MessageTraceDetailV2 $null 08/13/2023 deliver $null ${prop(original, 'MessageTraceId')} recipient1@contoso.com user@contoso.com 08/12/2023`);
    expect(props(positional.output, 'Event')).toEqual(['Deliver']);
    expect(s.run('Get-MessageTraceDetailV2 -RecipientAddress a@contoso.com').errors).toEqual([
      'Get-MessageTraceDetailV2: Cannot process command because of one or more missing mandatory parameters: MessageTraceId.',
    ]);
    s.dispose();
  });
});
