// Mail flow as message trace shows it (seed 002): routing per recipient, the status and events
// written for each case, transport rules (spam, quarantine), deferral and expiry, forwarding,
// non-delivery reports. Each test checks mailbox contents and trace rows together.

import { afterAll, describe, expect, it } from 'vitest';
import {
  at,
  eventNames,
  inconsistencies,
  itemsOf,
  lastEvent,
  MailLab,
  message,
  messagesBySubject,
  PEOPLE,
  R1,
  R2,
  R3,
  recallMessage,
  removeLabStores,
  row,
  rows,
  SUBJECT,
  timeline,
  USER,
  DROP_SUCCESS,
} from './harness.js';

afterAll(removeLabStores);

describe('routing and the trace it writes', () => {
  it('a message to mailboxes: one row per recipient, Receive then Deliver, status Delivered; the sender keeps a read copy in Sent Items', () => {
    const lab = new MailLab(PEOPLE);
    const id = lab.send(USER, `-To ${R1} -Cc ${R2} -Bcc ${R3} -Subject '${SUBJECT}'`);
    expect(id).toMatch(/^<[A-Z0-9]+@[A-Z0-9]+\.namprd01\.prod\.outlook\.com>$/);

    const d = lab.state();
    const rs = rows(d, id);
    expect(rs.map((t) => [t.recipientAddress, t.status])).toEqual([
      [R1, 'Delivered'],
      [R2, 'Delivered'],
      [R3, 'Delivered'],
    ]);
    expect(new Set(rs.map((t) => t.messageTraceId)).size).toBe(1);
    for (const t of rs) {
      expect(t).toMatchObject({ senderAddress: USER, subject: SUBJECT, received: at(0), toIP: null });
      expect(timeline(t)).toEqual(['Receive@0', 'Deliver@0']);
      expect(t.fromIP).toMatch(/^2603:10b6:/);
      expect(lastEvent(t, 'Deliver').detail).toBe('The message was successfully delivered.');
    }
    expect(message(d, id)).toMatchObject({ from: USER, to: [R1], cc: [R2], bcc: [R3], kind: 'Normal', messageClass: 'IPM.Note', encryption: 'None' });

    for (const r of ['recipient1', 'recipient2', 'recipient3']) {
      expect(lab.items(r).map((i) => [i.subject, i.folder, i.isRead, i.from])).toEqual([[SUBJECT, 'Inbox', false, USER]]);
    }
    expect(lab.items('user').map((i) => [i.subject, i.folder, i.isRead])).toEqual([[SUBJECT, 'Sent Items', true]]);
  });

  it('an alias address: a Resolved event, delivered to the mailbox it belongs to', () => {
    const lab = new MailLab(PEOPLE + `; Set-Mailbox recipient1 -EmailAddresses @{Add='r.one@contoso.com'}`);
    const id = lab.send(USER, `-To r.one@contoso.com -Subject '${SUBJECT}'`);
    const d = lab.state();
    const t = row(d, id, 'r.one@contoso.com');
    expect(t.status).toBe('Delivered');
    expect(eventNames(t)).toEqual(['Receive', 'Resolved', 'Deliver']);
    expect(lastEvent(t, 'Resolved').detail).toBe(`The message was resolved from r.one@contoso.com to ${R1}.`);
    expect(lab.subjects('recipient1')).toEqual([SUBJECT]);
    // and the recall finds it through the alias
    lab.recall(USER, id);
    expect(lab.items('recipient1')).toEqual([]);
    expect(lab.result(id, 'r.one@contoso.com').status).toBe('Succeeded');
  });

  it('a group: an Expanded row, then a row per member; a member addressed twice gets one copy; a contact member is sent out', () => {
    const lab = new MailLab(PEOPLE + `; $null = New-MailContact -Name Chris -ExternalEmailAddress chris@fabrikam.com; $null = New-DistributionGroup -Name Team -Members recipient1,recipient2,Chris`);
    const id = lab.send(USER, `-To team@contoso.com,${R1} -Subject '${SUBJECT}'`);
    const d = lab.state();
    expect(rows(d, id).map((t) => [t.recipientAddress.toLowerCase(), t.status])).toEqual([
      ['team@contoso.com', 'Expanded'],
      [R1, 'Delivered'],
      [R2, 'Delivered'],
      ['chris@fabrikam.com', 'Delivered'],
    ]);
    expect(eventNames(row(d, id, 'team@contoso.com'))).toEqual(['Receive', 'Expand']);
    expect(eventNames(row(d, id, 'chris@fabrikam.com'))).toEqual(['Receive', 'Send']);
    expect(lastEvent(row(d, id, 'chris@fabrikam.com'), 'Send').detail).toMatch(/^Message sent to \S+ at fabrikam\.com using TLS1\.2 with AES256$/);
    expect(itemsOf(d, R1, id)).toHaveLength(1);
    expect(lab.subjects('recipient2')).toEqual([SUBJECT]);
  });

  it('an unknown address in an accepted domain: Fail with RecipientNotFound, and an NDR to the sender', () => {
    const lab = new MailLab(PEOPLE);
    const id = lab.send(USER, `-To nobody@contoso.com -Subject '${SUBJECT}'`);
    const d = lab.state();
    expect(row(d, id, 'nobody@contoso.com').status).toBe('Failed');
    expect(eventNames(row(d, id, 'nobody@contoso.com'))).toEqual(['Receive', 'Fail']);
    const [ndr] = messagesBySubject(d, `Undeliverable: ${SUBJECT}`);
    expect(ndr.from).toMatch(/^MicrosoftExchange[0-9a-f]+@contoso\.onmicrosoft\.com$/);
    expect(ndr.body).toContain('nobody@contoso.com');
    expect(lab.items('user', { folder: 'Inbox' }).map((i) => [i.subject, i.messageClass])).toEqual([[`Undeliverable: ${SUBJECT}`, 'REPORT.IPM.Note.NDR']]);
    expect(row(d, ndr.messageId, USER).status).toBe('Delivered');
    expect(inconsistencies(d)).toEqual([]);
  });

  it('mail from the internet: no sender copy, From IP as given', () => {
    const lab = new MailLab(PEOPLE);
    const id = lab.send(USER, `-From alerts@fabrikam.com -To ${R1} -Subject 'Hello' -FromIP 203.0.113.7`);
    const d = lab.state();
    expect(row(d, id, R1)).toMatchObject({ senderAddress: 'alerts@fabrikam.com', fromIP: '203.0.113.7', status: 'Delivered' });
    expect(message(d, id).submittedBy).toBeNull();
    expect(lab.items('user')).toEqual([]);
    expect(lab.subjects('recipient1')).toEqual(['Hello']);
  });
});

describe('transport rules and quarantine', () => {
  it('a spam rule (SCL 5 or more): Junk Email and FilteredAsSpam; the recall finds it there', () => {
    const lab = new MailLab(PEOPLE + `; $null = New-TransportRule -Name 'Lottery is spam' -SubjectContainsWords lottery -SetSCL 6`);
    const id = lab.send(USER, `-To ${R1},${R2} -Subject 'You won the lottery'`);
    const ok = lab.send(USER, `-To ${R1} -Subject 'Lunch'`);
    let d = lab.state();
    const t = row(d, id, R1);
    expect(t.status).toBe('FilteredAsSpam');
    expect(eventNames(t)).toEqual(['Receive', 'Transport rule', 'Deliver']);
    expect(t.events[1]).toMatchObject({ action: 'SetSCL 6' });
    expect(t.events[1].detail).toContain("Transport rule: 'Lottery is spam'");
    expect(lastEvent(t, 'Deliver').detail).toBe('The message was marked as spam (SCL 6) and delivered to the Junk Email folder.');
    expect(row(d, ok, R1).status).toBe('Delivered');
    expect(lab.subjects('recipient1', 'Junk Email')).toEqual(['You won the lottery']);
    expect(lab.subjects('recipient1')).toEqual(['Lunch']);

    lab.recall(USER, id);
    expect(lab.items('recipient1', { folder: 'Junk Email' })).toEqual([]);
    d = lab.state();
    expect(lastEvent(row(d, recallMessage(d, id).messageId, R1), 'Drop').detail).toBe(DROP_SUCCESS);
    expect(lab.report(id).map((e) => e.status)).toEqual(['Succeeded', 'Succeeded']);
  });

  it('a quarantine rule: Quarantined until Release-QuarantineMessage, then Delivered', () => {
    const lab = new MailLab(PEOPLE + `; $null = New-TransportRule -Name 'Hold invoices' -SubjectContainsWords invoice -Quarantine $true`);
    const id = lab.send(USER, `-To ${R1} -Subject 'Invoice 42'`);
    let d = lab.state();
    expect(row(d, id, R1).status).toBe('Quarantined');
    expect(eventNames(row(d, id, R1))).toEqual(['Receive', 'Transport rule', 'Quarantine']);
    expect(lab.items('recipient1')).toEqual([]);
    const q = lab.ok(`Get-QuarantineMessage -RecipientAddress ${R1}`).output;
    expect(q).toHaveLength(1);
    const identity = (q[0] as { get(n: string): unknown }).get('Identity') as string;
    expect((q[0] as { get(n: string): unknown }).get('ReleaseStatus')).toBe('NOTRELEASED');

    lab.advance('30m');
    lab.ok(`Release-QuarantineMessage -Identity '${identity}'`);
    d = lab.state();
    expect(row(d, id, R1).status).toBe('Delivered');
    expect(timeline(row(d, id, R1))).toEqual(['Receive@0', 'Transport rule@0', 'Quarantine@0', 'Release@30', 'Deliver@30']);
    expect(lastEvent(row(d, id, R1), 'Release').detail).toBe('The message was released from quarantine by admin@contoso.com.');
    expect(lab.items('recipient1').map((i) => [i.subject, i.folder, i.received])).toEqual([['Invoice 42', 'Inbox', at(30)]]);
    expect(lab.fails(`Release-QuarantineMessage -Identity '${identity}'`).errors[0]).toContain('has already been released');
    expect(lab.ok(`(Get-QuarantineMessage -Identity '${identity}').ReleaseStatus`).output).toEqual(['RELEASED']);
  });

  it('a recall of a quarantined message waits, and removes the copy the moment it is released', () => {
    const lab = new MailLab(PEOPLE + `; $null = New-TransportRule -Name 'Hold invoices' -SubjectContainsWords invoice -Quarantine $true`);
    const id = lab.send(USER, `-To ${R1} -Subject 'Invoice 42'`);
    lab.recall(USER, id);
    expect(lab.result(id, R1).status).toBe('Pending');
    lab.advance('2h');
    const identity = lab.ok(`(Get-QuarantineMessage -RecipientAddress ${R1}).Identity`).output[0] as string;
    lab.ok(`Release-QuarantineMessage -Identity '${identity}'`);
    expect(lab.items('recipient1')).toEqual([]);
    const d = lab.state();
    expect(row(d, id, R1).status).toBe('Delivered');
    expect(timeline(row(d, recallMessage(d, id).messageId, R1))).toEqual(['Receive@0', 'Defer@0', 'Drop@120']);
    expect(lab.result(id, R1)).toMatchObject({ status: 'Succeeded', completedAt: at(120) });
    expect(inconsistencies(d)).toEqual([]);
  });
});

describe('deferral', () => {
  it('a mailbox unavailable until a time: Pending with a Defer event, delivered at the first retry after it', () => {
    const lab = new MailLab(PEOPLE + `; Set-MailboxAvailability recipient1 -Unavailable -Until '${at(20)}'`);
    const id = lab.send(USER, `-To ${R1},${R2} -Subject '${SUBJECT}'`);
    let d = lab.state();
    expect(row(d, id, R1).status).toBe('Pending');
    expect(lastEvent(row(d, id, R1), 'Defer').detail).toContain('432 4.2.1 STOREDRV.Deliver; mailbox temporarily unavailable');
    expect(row(d, id, R2).status).toBe('Delivered');
    lab.advance('15m');
    expect(lab.items('recipient1')).toEqual([]); // the retry at +15 is still inside the window
    lab.advance('15m');
    d = lab.state();
    expect(timeline(row(d, id, R1))).toEqual(['Receive@0', 'Defer@0', 'Deliver@30']);
    expect(lab.items('recipient1').map((i) => [i.subject, i.received])).toEqual([[SUBJECT, at(30)]]);
    expect(d.mail.schedule.filter((e) => e.messageId === id)).toEqual([]);
  });

  it('never available: Failed with QUEUE.Expired 24 hours after it was sent, and an NDR', () => {
    const lab = new MailLab(PEOPLE + '; Set-MailboxAvailability recipient1 -Unavailable');
    const id = lab.send(USER, `-To ${R1} -Subject '${SUBJECT}'`);
    lab.advance('23:59:59');
    expect(row(lab.state(), id, R1).status).toBe('Pending');
    lab.advance('00:00:01');
    const d = lab.state();
    expect(row(d, id, R1).status).toBe('Failed');
    expect(timeline(row(d, id, R1))).toEqual(['Receive@0', 'Defer@0', `Fail@${24 * 60}`]);
    const [ndr] = messagesBySubject(d, `Undeliverable: ${SUBJECT}`);
    expect(ndr.body).toContain('expired');
    expect(lab.subjects('user')).toEqual([`Undeliverable: ${SUBJECT}`]);
    expect(inconsistencies(d)).toEqual([]);
  });
});

describe('forwarding', () => {
  it('mailbox forwarding without keeping a copy: only the target holds it', () => {
    const lab = new MailLab(PEOPLE + `; Set-Mailbox recipient1 -ForwardingSmtpAddress ${R2}`);
    const id = lab.send(USER, `-To ${R1} -Subject '${SUBJECT}'`);
    const d = lab.state();
    expect(row(d, id, R1).status).toBe('Delivered');
    expect(row(d, id, R2).via).toBe('AutoForwarded');
    expect(lab.items('recipient1')).toEqual([]);
    expect(lab.subjects('recipient2')).toEqual([SUBJECT]);
    lab.recall(USER, id);
    expect(lab.items('recipient2')).toEqual([]);
    expect(lab.result(id, R2).status).toBe('Succeeded');
  });

  it('a forwarding loop stops: each mailbox forwards a message once', () => {
    const lab = new MailLab(
      PEOPLE + `; Set-Mailbox recipient1 -ForwardingSmtpAddress ${R2} -DeliverToMailboxAndForward $true; Set-Mailbox recipient2 -ForwardingSmtpAddress ${R1} -DeliverToMailboxAndForward $true`,
    );
    const id = lab.send(USER, `-To ${R1} -Subject '${SUBJECT}'`);
    const d = lab.state();
    expect(rows(d, id).length).toBeLessThanOrEqual(3);
    expect(lab.subjects('recipient2')).toEqual([SUBJECT]);
    expect(inconsistencies(d)).toEqual([]);
  });

  it("inbox rules run on delivery: move to a folder, forward (a new row with the rule's note)", () => {
    const lab = new MailLab(PEOPLE + `; $null = New-InboxRule -Mailbox recipient1 -Name Archive -SubjectContainsWords Testing -MoveToFolder Archive -ForwardTo ${R3}`);
    const id = lab.send(USER, `-To ${R1} -Subject '${SUBJECT}'`);
    const d = lab.state();
    expect(lab.items('recipient1').map((i) => i.folder)).toEqual(['Archive']);
    expect(lastEvent(row(d, id, R1), 'Deliver').detail).toBe('The message was successfully delivered.');
    expect(row(d, id, R3).via).toBe('RuleForwarded');
    expect(timeline(row(d, id, R3))).toEqual(['Receive@0', 'Receive@0', 'Deliver@0']);
    expect(lab.subjects('recipient3')).toEqual([SUBJECT]);
  });
});
