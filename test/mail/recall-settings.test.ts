// The two organization settings (seed 000): RecallReadMessagesEnabled and MessageRecallEnabled,
// $null behaving as $true, the one-hour delay before a change is in force, and the legacy recall
// experience when cloud recall is off.

import { afterAll, describe, expect, it } from 'vitest';
import {
  at,
  DROP_FAILED,
  DROP_SUCCESS,
  eventNames,
  inconsistencies,
  itemsOf,
  lastEvent,
  MailLab,
  messagesBySubject,
  PEOPLE,
  R1,
  R2,
  R3,
  recallMessage,
  recallOf,
  removeLabStores,
  row,
  rows,
  SUBJECT,
  timeline,
  USER,
} from './harness.js';

afterAll(removeLabStores);

describe('the settings take effect one hour after they are changed', () => {
  it('Get-OrganizationConfig shows a change at once; mail flow obeys it from one hour later', () => {
    const lab = new MailLab(PEOPLE);
    lab.ok('Set-OrganizationConfig -RecallReadMessagesEnabled $false');
    expect(lab.ok('(Get-OrganizationConfig).RecallReadMessagesEnabled').output).toEqual([false]);
    const inForce = (text: string) => lab.ok(`(Get-OrganizationConfigInForce ${text}).ReadMessagesRecallable`).output[0];
    expect(inForce('')).toBe(true);
    expect(inForce(`-At '${at(59)}'`)).toBe(true);
    expect(inForce(`-At '${at(60)}'`)).toBe(false);
  });

  it('RecallReadMessagesEnabled $false changed less than an hour before the recall is not yet in force', () => {
    const lab = new MailLab(PEOPLE);
    const early = lab.send(USER, `-To ${R1} -Subject 'Early'`);
    const late = lab.send(USER, `-To ${R1} -Subject 'Late'`);
    lab.markRead('recipient1', early);
    lab.markRead('recipient1', late);
    lab.ok('Set-OrganizationConfig -RecallReadMessagesEnabled $false');

    lab.advance('59m');
    lab.recall(USER, early);
    lab.advance('1m');
    lab.recall(USER, late);

    // mailbox: the early recall (old value $null = $true) deleted the read copy; the late one (in force) didn't
    expect(lab.items('recipient1').map((i) => i.subject)).toEqual(['Late']);
    const d = lab.state();
    expect(lastEvent(row(d, recallMessage(d, early).messageId, R1), 'Drop').detail).toBe(DROP_SUCCESS);
    expect(lastEvent(row(d, recallMessage(d, late).messageId, R1), 'Drop').detail).toBe(DROP_FAILED);
    expect(lab.result(early, R1)).toMatchObject({ status: 'Succeeded', attemptedAt: at(59) });
    expect(lab.result(late, R1)).toMatchObject({ status: 'Failed', attemptedAt: at(60) });
  });

  it('turning RecallReadMessagesEnabled back on: a later attempt succeeds once the change is in force', () => {
    const lab = new MailLab(PEOPLE + '; Set-OrganizationConfig -RecallReadMessagesEnabled $false');
    lab.advance('1h');
    const id = lab.send(USER, `-To ${R1} -Subject '${SUBJECT}'`);
    lab.markRead('recipient1', id);
    lab.recall(USER, id);
    lab.ok('Set-OrganizationConfig -RecallReadMessagesEnabled $null');
    lab.advance('30m');
    lab.recall(USER, id);
    lab.advance('30m');
    lab.recall(USER, id);

    expect(lab.report(id).map((e) => [e.attemptedAt, e.status])).toEqual([
      [at(60), 'Failed'],
      [at(90), 'Failed'],
      [at(120), 'Succeeded'],
    ]);
    expect(lab.items('recipient1')).toEqual([]);
    const d = lab.state();
    expect([0, 1, 2].map((n) => lastEvent(row(d, recallMessage(d, id, n).messageId, R1), 'Drop').detail)).toEqual([DROP_FAILED, DROP_FAILED, DROP_SUCCESS]);
  });

  it('MessageRecallEnabled $false changed less than an hour before: the recall is still a cloud recall', () => {
    const lab = new MailLab(PEOPLE);
    const a = lab.send(USER, `-To ${R1} -Subject 'A'`);
    const b = lab.send(USER, `-To ${R2} -Subject 'B'`);
    lab.ok('Set-OrganizationConfig -MessageRecallEnabled $false');
    lab.advance('59m');
    expect(lab.recall(USER, a).get('Mode')).toBe('Cloud');
    lab.advance('1m');
    expect(lab.recall(USER, b).get('Mode')).toBe('Legacy');

    const d = lab.state();
    // cloud: dropped by Transport, never delivered; legacy: delivered to the recipient
    expect(eventNames(row(d, recallMessage(d, a).messageId, R1))).toEqual(['Receive', 'Drop']);
    expect(eventNames(row(d, recallMessage(d, b).messageId, R2))).toEqual(['Receive', 'Deliver']);
    expect(lab.report(a)[0].mode).toBe('Cloud');
    expect(lab.report(b)[0].mode).toBe('Legacy');
  });
});

describe('legacy recall (MessageRecallEnabled $false in force)', () => {
  const setup = PEOPLE + '; Set-OrganizationConfig -MessageRecallEnabled $false';

  it('delivers the recall message; removes only unread copies still in the Inbox; replaces only where removal succeeded', () => {
    const lab = new MailLab(setup);
    lab.advance('1h');
    const id = lab.send(USER, `-To ${R1},${R2},${R3},chris@fabrikam.com -Subject '${SUBJECT}'`);
    lab.markRead('recipient2', id);
    lab.move('recipient3', id, 'Projects');
    lab.advance('10m');
    const req = lab.recall(USER, id, `-ReplaceSubject 'Corrected' -ReplaceBody 'The right numbers'`);
    expect([req.get('Mode'), req.get('Succeeded'), req.get('Failed'), req.get('Pending')]).toEqual(['Legacy', 1, 3, 0]);

    // mailbox contents
    const recallSubject = `Recall: ${SUBJECT}`;
    expect(lab.subjects('recipient1')).toEqual(['Corrected']); // original removed, the request consumed, the replacement delivered
    expect(lab.subjects('recipient2')).toEqual([recallSubject, SUBJECT]); // read: stays, the request sits in the Inbox
    expect(lab.subjects('recipient3')).toEqual([recallSubject]);
    expect(lab.subjects('recipient3', 'Projects')).toEqual([SUBJECT]); // moved: stays
    expect(lab.items('recipient2').find((i) => i.subject === recallSubject)?.messageClass).toBe('IPM.Outlook.Recall');
    expect(
      lab
        .items('user', { folder: 'Sent Items' })
        .map((i) => i.subject)
        .sort(),
    ).toEqual(['Corrected', SUBJECT]);
    expect(lab.items('user', { recoverable: true, folder: 'Recoverable Items\\Purges' }).map((i) => i.subject)).toEqual([recallSubject]);

    // trace: the recall message is delivered like any message (no Drop event); it goes out to the external recipient
    const d = lab.state();
    const rm = recallMessage(d, id);
    for (const r of [R1, R2, R3]) {
      expect(row(d, rm.messageId, r).status).toBe('Delivered');
      expect(timeline(row(d, rm.messageId, r))).toEqual(['Receive@70', 'Deliver@70']);
    }
    expect(eventNames(row(d, rm.messageId, 'chris@fabrikam.com'))).toEqual(['Receive', 'Send']);
    const replacement = messagesBySubject(d, 'Corrected');
    expect(replacement).toHaveLength(1);
    expect(rows(d, replacement[0].messageId).map((t) => [t.recipientAddress, t.status])).toEqual([[R1, 'Delivered']]);
    expect(recallOf(d, id).replacementMessageId).toBe(replacement[0].messageId);

    // report
    const report = lab.report(id, USER);
    expect(report.map((e) => [e.recipient, e.status, e.mode])).toEqual([
      [R1, 'Succeeded', 'Legacy'],
      [R2, 'Failed', 'Legacy'],
      [R3, 'Failed', 'Legacy'],
      ['chris@fabrikam.com', 'Failed', 'Legacy'],
    ]);
    expect(report.map((e) => e.reason)).toEqual([
      'The unread message was removed from the Inbox by the legacy recall.',
      'The message was already read; the legacy recall only removes unread messages.',
      'The message was moved out of the Inbox (to Projects); the legacy recall only removes messages still in the Inbox.',
      'The recipient is outside the organization: they received the recall request as a message.',
    ]);
    expect(inconsistencies(d)).toEqual([]);
  });

  it('legacy recall ignores RecallReadMessagesEnabled: a read copy is never removed', () => {
    const lab = new MailLab(setup + '; Set-OrganizationConfig -RecallReadMessagesEnabled $true');
    lab.advance('1h');
    const id = lab.send(USER, `-To ${R1} -Subject '${SUBJECT}'`);
    lab.markRead('recipient1', id);
    lab.recall(USER, id);
    expect(lab.subjects('recipient1')).toEqual([`Recall: ${SUBJECT}`, SUBJECT]);
    expect(lab.result(id, R1).status).toBe('Failed');
    const d = lab.state();
    expect(itemsOf(d, R1, id)).toHaveLength(1);
  });

  it('legacy recall: mailbox forwarding inside the tenant is followed, an inbox-rule forward is not', () => {
    const lab = new MailLab(
      setup +
        `; Set-Mailbox recipient1 -ForwardingSmtpAddress ${R3} -DeliverToMailboxAndForward $true; $null = New-InboxRule -Mailbox recipient2 -Name Fwd -SubjectContainsWords Testing -ForwardTo admin@contoso.com`,
    );
    lab.advance('1h');
    const id = lab.send(USER, `-To ${R1},${R2} -Subject '${SUBJECT}'`);
    lab.recall(USER, id);
    const report = lab.report(id, USER);
    expect(report.map((e) => [e.recipient, e.status])).toEqual([
      [R1, 'Succeeded'],
      [R3, 'Succeeded'],
      [R2, 'Succeeded'],
      ['admin@contoso.com', 'Failed'],
    ]);
    expect(report[3].reason).toBe("The message was forwarded or redirected by an inbox rule; that copy can't be recalled.");
    expect(lab.items('recipient3').map((i) => i.subject)).toEqual([]);
    // the rule forwards the recall request too (its subject matches): the forwarded original stays beside it
    expect(lab.subjects('admin')).toEqual([`Recall: ${SUBJECT}`, SUBJECT]);
    expect(inconsistencies(lab.state())).toEqual([]);
  });

  it('turning cloud recall back on reverts to cloud recall one hour later', () => {
    const lab = new MailLab(setup);
    lab.advance('1h');
    const id = lab.send(USER, `-To ${R1} -Subject '${SUBJECT}'`);
    lab.ok('Set-OrganizationConfig -MessageRecallEnabled $true');
    lab.advance('30m');
    expect(lab.recall(USER, id).get('Mode')).toBe('Legacy');
    lab.advance('30m');
    expect(lab.recall(USER, id).get('Mode')).toBe('Cloud');
    // the legacy attempt already removed the unread copy: the cloud attempt reports it as recalled
    expect(lab.report(id).map((e) => [e.mode, e.status])).toEqual([
      ['Legacy', 'Succeeded'],
      ['Cloud', 'Succeeded'],
    ]);
    expect(lab.result(id, R1).reason).toBe(`The message was already recalled from this mailbox by the recall attempted at ${at(90)}.`);
  });
});
