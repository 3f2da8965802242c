// Get-MessageTraceDetailJoined: the recall document's join script as one cmdlet.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PSObject } from '../../src/shell/values.js';
import { RECALL_MESSAGE_ID, ROOT, prop, props, removeTempDirs, sampleShell, tempDir } from './helpers.js';

afterAll(removeTempDirs);

describe('Get-MessageTraceDetailJoined', () => {
  it("writes the same CSV as the document's three-statement script, without a loop", () => {
    const cwd = tempDir();
    const s = sampleShell({ cwd });
    s.ok(readFileSync(join(ROOT, 'samples', 'trace-join.ps1'), 'utf8'));
    s.ok(`Get-MessageTraceDetailJoined -MessageID "${RECALL_MESSAGE_ID}" -StartDate 08/14/2023 -EndDate 08/15/2023 | Export-Csv joined.csv -NoTypeInformation`);
    const script = readFileSync(join(cwd, 'msgtraceBrid.csv'), 'utf8');
    const joined = readFileSync(join(cwd, 'joined.csv'), 'utf8');
    expect(joined).toBe(script);
    const lines = joined.trimEnd().split(/\r?\n/);
    expect(lines[0]).toBe('"Organization","MessageId","MessageTraceId","Date","Event","Action","Detail","Data","SenderAddress","RecipientAddress"');
    expect(lines).toHaveLength(7);
    expect(lines[2]).toContain('"Drop",,"Reason: [Stage: OnPromotedEvent][Agent: Transport Message Recall Agent];Message recall process complete, dropping the recall email. Result:Success"');
    expect(lines[2].endsWith('"user@contoso.com","recipient1@contoso.com"')).toBe(true);
    s.dispose();
  });

  it("writes objects in the columns of the document's select, rows in Get-MessageTrace's order", () => {
    const s = sampleShell();
    const r = s.ok('Get-MessageTraceDetailJoined -SenderAddress user@contoso.com -Event drop');
    const first = r.output[0] as PSObject;
    expect(first.typeNames[0]).toBe('Exosh.MessageTraceDetailJoined');
    expect(first.names()).toEqual(['Organization', 'MessageId', 'MessageTraceId', 'Date', 'Event', 'Action', 'Detail', 'Data', 'SenderAddress', 'RecipientAddress']);
    expect(props(r.output, 'RecipientAddress')).toEqual(['recipient1@contoso.com', 'recipient2@contoso.com', 'recipient3@contoso.com']);
    expect(props(r.output, 'SenderAddress')).toEqual(['user@contoso.com', 'user@contoso.com', 'user@contoso.com']);
    expect(props(r.output, 'Detail').map((d) => (d as string).replace(/.*Result:/, ''))).toEqual(['Success', 'Failed', 'Success']);
    expect(s.render(r.output)).toBe(
      [
        '',
        'Date                 Event Sender Address   Recipient Address      Detail',
        '----                 ----- --------------   -----------------      ------',
        '8/14/2023 9:51:20 PM Drop  user@contoso.com recipient1@contoso.com Reason: [Stage: OnPromotedEvent][Agent: Transport M…',
        '8/14/2023 9:51:20 PM Drop  user@contoso.com recipient2@contoso.com Reason: [Stage: OnPromotedEvent][Agent: Transport M…',
        '8/14/2023 9:51:20 PM Drop  user@contoso.com recipient3@contoso.com Reason: [Stage: OnPromotedEvent][Agent: Transport M…',
        '',
        '',
      ].join('\n'),
    );
    s.dispose();
  });

  it("takes Get-MessageTrace's filters, reaches 90 days back with any span, and shows every event of the rows it finds", () => {
    const s = sampleShell();
    // the original message of 8/12, beyond the last 48 hours, with all its events
    const original = s.ok('Get-MessageTrace -SenderAddress user@contoso.com -StartDate 08/12/2023 -EndDate 08/13/2023').output[0];
    const all = s.ok('Get-MessageTraceDetailJoined -StartDate 07/01/2023');
    const events = all.output.filter((o) => prop(o, 'MessageId') === prop(original, 'MessageId'));
    expect(props(events, 'Event')).toEqual(['Receive', 'Deliver', 'Receive', 'Deliver', 'Receive', 'Deliver']);
    expect(props(events, 'RecipientAddress')).toEqual([
      'recipient1@contoso.com',
      'recipient1@contoso.com',
      'recipient2@contoso.com',
      'recipient2@contoso.com',
      'recipient3@contoso.com',
      'recipient3@contoso.com',
    ]);
    // without dates: the rows of the last 48 hours
    expect(s.ok('Get-MessageTraceDetailJoined').output.filter((o) => prop(o, 'MessageId') === prop(original, 'MessageId'))).toEqual([]);
    expect(props(s.ok('Get-MessageTraceDetailJoined -RecipientAddress recipient3@contoso.com -Status Delivered -Subject invoice').output, 'Event')).toEqual([
      'Receive',
      'Transport rule',
      'Quarantine',
      'Release',
      'Deliver',
    ]);
    expect(props(s.ok('Get-MessageTraceDetailJoined -SenderAddress *@fabrikam.com -Action quarantine').output, 'RecipientAddress')).toEqual(['recipient2@contoso.com', 'recipient3@contoso.com']);
    expect(s.ok('Get-MessageTraceDetailJoined -Subject Invoice -SubjectFilterType EndsWith').output).toEqual([]);
    expect(s.run('Get-MessageTraceDetailJoined -StartDate 05/01/2023').errors).toEqual([
      "Get-MessageTraceDetailJoined: Invalid StartDate value. The StartDate can't be older than 90 days from today.",
    ]);
    expect(s.run('Get-MessageTraceDetailJoined -StartDate 08/14/2023 -EndDate 08/13/2023').errors).toEqual([
      "Get-MessageTraceDetailJoined: Invalid EndDate value. The EndDate can't be earlier than the StartDate.",
    ]);
    s.dispose();
  });
});
