// The special cases of the source documents: delete and replace, distribution groups and mail
// sent on behalf of a group, litigation hold, the kinds of forwarding, encrypted messages, who
// may recall, and shared or delegated mailboxes (seed 000 FAQ, seed 001).

import { afterAll, describe, expect, it } from 'vitest';
import {
  ADMIN,
  at,
  DROP_FAILED,
  DROP_SUCCESS,
  eventNames,
  inconsistencies,
  lastEvent,
  MailLab,
  message,
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

describe('delete and replace (cloud)', () => {
  it('deletes the original and delivers the replacement, which has its own trace', () => {
    const lab = new MailLab(PEOPLE + '; Set-OrganizationConfig -RecallReadMessagesEnabled $false');
    lab.advance('1h');
    const id = lab.send(USER, `-To ${R1},${R2} -Cc chris@fabrikam.com -Subject '${SUBJECT}' -Body 'Wrong numbers'`);
    lab.markRead('recipient2', id);
    lab.advance('3m');
    const req = lab.recall(USER, id, `-ReplaceSubject '${SUBJECT} (corrected)' -ReplaceBody 'Right numbers'`);

    const d = lab.state();
    const replacementId = req.get('ReplacementMessageId') as string;
    const replacement = message(d, replacementId);
    expect(replacement).toMatchObject({
      kind: 'Normal',
      subject: `${SUBJECT} (corrected)`,
      body: 'Right numbers',
      from: USER,
      to: [R1, R2],
      cc: ['chris@fabrikam.com'],
      relatesTo: id,
      submittedAt: at(63),
    });

    // mailboxes: the unread original replaced; the read original (setting off) stays, and the new message is processed normally
    expect(lab.subjects('recipient1')).toEqual([`${SUBJECT} (corrected)`]);
    expect(lab.subjects('recipient2')).toEqual([SUBJECT, `${SUBJECT} (corrected)`]);
    expect(
      lab
        .items('user', { folder: 'Sent Items' })
        .map((i) => i.subject)
        .sort(),
    ).toEqual([SUBJECT, `${SUBJECT} (corrected)`]);

    // trace: the replacement is an ordinary message with its own rows; the recall message is dropped
    expect(rows(d, replacementId).map((t) => [t.recipientAddress, t.status])).toEqual([
      [R1, 'Delivered'],
      [R2, 'Delivered'],
      ['chris@fabrikam.com', 'Delivered'],
    ]);
    expect(timeline(row(d, replacementId, R1))).toEqual(['Receive@63', 'Deliver@63']);
    expect(row(d, replacementId, R1).messageTraceId).not.toBe(row(d, id, R1).messageTraceId);
    const rm = recallMessage(d, id);
    expect(lastEvent(row(d, rm.messageId, R1), 'Drop').detail).toBe(DROP_SUCCESS);
    expect(lastEvent(row(d, rm.messageId, R2), 'Drop').detail).toBe(DROP_FAILED);

    // report
    expect(lab.report(id, USER).map((e) => [e.recipient, e.status])).toEqual([
      [R1, 'Succeeded'],
      [R2, 'Failed'],
      ['chris@fabrikam.com', 'Failed'],
    ]);
    expect(recallOf(d, id).replacementMessageId).toBe(replacementId);
  });
});

describe('distribution groups', () => {
  const setup = PEOPLE + '; $null = New-DistributionGroup -Name Sales -Members recipient1,recipient2,recipient3; Set-OrganizationConfig -RecallReadMessagesEnabled $false';

  it('a message to a group: Expanded row plus member rows; each member is recalled individually', () => {
    const lab = new MailLab(setup);
    lab.advance('1h');
    const id = lab.send(USER, `-To sales@contoso.com -Subject '${SUBJECT}'`);
    lab.markRead('recipient3', id);
    lab.recall(USER, id);

    const d = lab.state();
    const g = row(d, id, 'sales@contoso.com');
    expect(g.status).toBe('Expanded');
    expect(eventNames(g)).toEqual(['Receive', 'Expand']);
    expect(lastEvent(g, 'Expand').detail).toBe('The message was sent to the distribution group Sales@contoso.com and was distributed to its 3 members.');
    for (const r of [R1, R2, R3]) expect(row(d, id, r).status).toBe('Delivered');

    // the recall message is expanded the same way, then dropped per member
    const rm = recallMessage(d, id);
    expect(row(d, rm.messageId, 'sales@contoso.com').status).toBe('Expanded');
    expect(lastEvent(row(d, rm.messageId, R1), 'Drop').detail).toBe(DROP_SUCCESS);
    expect(lastEvent(row(d, rm.messageId, R3), 'Drop').detail).toBe(DROP_FAILED);

    expect(lab.items('recipient1')).toEqual([]);
    expect(lab.items('recipient2')).toEqual([]);
    expect(lab.subjects('recipient3')).toEqual([SUBJECT]);
    expect(lab.report(id).map((e) => [e.recipient, e.status])).toEqual([
      [R1, 'Succeeded'],
      [R2, 'Succeeded'],
      [R3, 'Failed'],
    ]);
    expect(inconsistencies(d)).toEqual([]);
  });

  it('a message sent on behalf of a group: the recall report goes to every member of the group', () => {
    const lab = new MailLab(PEOPLE + '; $null = New-DistributionGroup -Name Sales -Members user,recipient1,recipient2');
    const id = lab.send(USER, `-From sales@contoso.com -To ${R3} -Subject '${SUBJECT}'`);
    const d0 = lab.state();
    expect(row(d0, id, R3).senderAddress).toBe('sales@contoso.com');
    expect(lab.items('user', { folder: 'Sent Items' }).map((i) => [i.subject, i.from])).toEqual([[SUBJECT, 'sales@contoso.com']]);

    lab.recall(USER, id);
    expect(lab.items('recipient3')).toEqual([]);
    lab.advance('5m');
    const d = lab.state();
    const report = message(d, recallOf(d, id).reportMessageId!);
    expect(report.to.sort()).toEqual([R1, R2, USER].sort());
    for (const member of [USER, R1, R2]) {
      expect(lab.subjects(member.split('@')[0])).toEqual([`Message Recall Report for message: ${SUBJECT}`]);
      expect(row(d, report.messageId, member).status).toBe('Delivered');
    }
    expect(row(d, recallMessage(d, id).messageId, R3).senderAddress).toBe('sales@contoso.com');
    expect(lab.report(id, USER).map((e) => [e.recipient, e.status])).toEqual([[R3, 'Succeeded']]);
  });
});

describe('litigation hold', () => {
  it('the recalled copy is gone from view but kept in Recoverable Items for eDiscovery', () => {
    const lab = new MailLab(PEOPLE + '; Set-Mailbox recipient1 -LitigationHoldEnabled $true');
    const id = lab.send(USER, `-To ${R1},${R2} -Subject '${SUBJECT}'`);
    lab.recall(USER, id);

    expect(lab.items('recipient1')).toEqual([]);
    const kept = lab.items('recipient1', { recoverable: true });
    expect(kept.map((i) => [i.subject, i.folder, i.retained, i.messageId])).toEqual([[SUBJECT, 'Recoverable Items\\Purges', true, id]]);
    expect(lab.items('recipient2', { recoverable: true })).toEqual([]);
    const d = lab.state();
    expect(lastEvent(row(d, recallMessage(d, id).messageId, R1), 'Drop').detail).toBe(DROP_SUCCESS);
    expect(lab.result(id, R1)).toMatchObject({ status: 'Succeeded', reason: 'The message was deleted; the mailbox is on litigation hold, so a copy is kept in Recoverable Items for eDiscovery.' });
    // a kept copy is not recallable again, nor something a user can act on
    expect(lab.fails(`Set-MailboxMessage -Mailbox recipient1 -MessageId '${id}' -IsRead $true`).errors[0]).toContain("wasn't found in the mailbox");
  });
});

describe('forwarding', () => {
  it('mailbox forwarding inside the tenant is recalled; forwarding outside is Failed', () => {
    const lab = new MailLab(
      PEOPLE +
        `; Set-Mailbox recipient1 -ForwardingSmtpAddress ${R3} -DeliverToMailboxAndForward $true; Set-Mailbox recipient2 -ForwardingSmtpAddress chris@fabrikam.com -DeliverToMailboxAndForward $true`,
    );
    const id = lab.send(USER, `-To ${R1},${R2} -Subject '${SUBJECT}'`);
    expect(lab.subjects('recipient1')).toEqual([SUBJECT]);
    expect(lab.subjects('recipient3')).toEqual([SUBJECT]);
    let d = lab.state();
    expect(eventNames(row(d, id, R3))).toEqual(['Receive', 'Receive', 'Deliver']);
    expect(row(d, id, R3).events[1].detail).toBe('The message was forwarded by mailbox forwarding of recipient1@contoso.com.');
    expect(eventNames(row(d, id, 'chris@fabrikam.com'))).toEqual(['Receive', 'Receive', 'Send']);

    lab.recall(USER, id);
    expect(lab.items('recipient1')).toEqual([]);
    expect(lab.items('recipient2')).toEqual([]);
    expect(lab.items('recipient3')).toEqual([]);
    d = lab.state();
    const report = lab.report(id, USER);
    expect(report.map((e) => [e.recipient, e.status])).toEqual([
      [R1, 'Succeeded'],
      [R3, 'Succeeded'],
      [R2, 'Succeeded'],
      ['chris@fabrikam.com', 'Failed'],
    ]);
    expect(report[3].reason).toBe("The message was automatically forwarded outside the organization; that copy can't be recalled.");
    const rm = recallMessage(d, id);
    expect(lastEvent(row(d, rm.messageId, R1), 'Drop').detail).toBe(DROP_SUCCESS);
  });

  it("a copy forwarded or redirected by an inbox rule is not recalled; the rule owner's own copy is", () => {
    const lab = new MailLab(
      PEOPLE +
        `; $null = New-Mailbox -Name auditor; $null = New-InboxRule -Mailbox recipient1 -Name Fwd -SubjectContainsWords Testing -ForwardTo ${R3}; $null = New-InboxRule -Mailbox recipient2 -Name Redir -SubjectContainsWords Testing -RedirectTo auditor@contoso.com`,
    );
    const id = lab.send(USER, `-To ${R1},${R2} -Subject '${SUBJECT}'`);
    let d = lab.state();
    expect(row(d, id, R3).events[1].detail).toBe(`The message was forwarded by the inbox rule 'Fwd' (forward) of ${R1}.`);
    expect(row(d, id, 'auditor@contoso.com').events[1].detail).toBe(`The message was forwarded by the inbox rule 'Redir' (redirect) of ${R2}.`);

    lab.recall(USER, id);
    expect(lab.items('recipient1')).toEqual([]);
    expect(lab.items('recipient2')).toEqual([]);
    expect(lab.subjects('recipient3')).toEqual([SUBJECT]);
    expect(lab.subjects('auditor')).toEqual([SUBJECT]);
    const report = lab.report(id, USER);
    expect(report.map((e) => [e.recipient, e.status])).toEqual([
      [R1, 'Succeeded'],
      [R3, 'Failed'],
      [R2, 'Succeeded'],
      ['auditor@contoso.com', 'Failed'],
    ]);
    expect(report[1].reason).toBe("The message was forwarded or redirected by an inbox rule; that copy can't be recalled.");
    d = lab.state();
    expect(inconsistencies(d)).toEqual([]);
  });
});

describe('refused up front, with nothing created', () => {
  for (const [kind, text] of [
    ['OME', 'encrypted with Office 365 Message Encryption (OME)'],
    ['MIP', 'protected with a Microsoft Purview Information Protection (MIP) label'],
  ]) {
    it(`a message with ${kind} encryption can't be recalled`, () => {
      const lab = new MailLab(PEOPLE);
      const id = lab.send(USER, `-To ${R1} -Subject '${SUBJECT}' -Encryption ${kind}`);
      lab.state(); // nothing due is left to run
      const before = lab.bytes();
      const r = lab.fails(`Invoke-MessageRecall -MessageId '${id}'`, USER);
      expect(r.errors[0]).toContain(`The Recall This Message option isn't available for this message: it is ${text}.`);
      expect(r.errorRecords[0].errorId).toContain('RecallNotAvailableForEncryptedMessage');
      expect(lab.bytes()).toBe(before);
      expect(lab.subjects('recipient1')).toEqual([SUBJECT]);
      expect(lab.items('user', { folder: 'Sent Items' })[0].annotations).toEqual([]);
      expect(lab.state().mail.recalls).toEqual([]);
      expect(lab.fails(`Get-MessageRecallReport -MessageId '${id}'`, USER).errors[0]).toContain('No recall was requested');
    });
  }

  it('a caller who may not act for the mailbox is refused; a FullAccess delegate may recall', () => {
    const lab = new MailLab(PEOPLE);
    const id = lab.send(USER, `-To ${R1} -Subject '${SUBJECT}'`);
    lab.state();
    const before = lab.bytes();
    expect(lab.fails(`Invoke-MessageRecall -MessageId '${id}' -Mailbox user`, R2).errors[0]).toContain(`'${R2}' doesn't have access to the mailbox '${USER}'.`);
    expect(lab.bytes()).toBe(before);
    // Organization Management may look at mailboxes, but recalling is the owner's (or a delegate's) act
    expect(lab.fails(`Invoke-MessageRecall -MessageId '${id}' -Mailbox user`, ADMIN).errors[0]).toContain(`'${ADMIN}' doesn't have permission to recall messages from the mailbox '${USER}'.`);
    expect(lab.bytes()).toBe(before);
    // the recipient can't recall a message it received: it isn't in its Sent Items
    expect(lab.fails(`Invoke-MessageRecall -MessageId '${id}'`, R1).errors[0]).toContain(`wasn't found in the Sent Items folder of '${R1}'`);
    expect(lab.bytes()).toBe(before);

    lab.ok('Add-MailboxPermission user -User recipient2 -AccessRights FullAccess');
    const req = lab.recall(R2, id, '-Mailbox user');
    expect([req.get('Mailbox'), req.get('RequestedBy'), req.get('Succeeded')]).toEqual([USER, R2, 1]);
    expect(lab.items('recipient1')).toEqual([]);
    expect(lab.items('user', { folder: 'Sent Items' })[0].annotations).toHaveLength(1);
    lab.advance('5m');
    expect(lab.subjects('user')).toEqual([`Message Recall Report for message: ${SUBJECT}`]);
    expect(lab.subjects('recipient2')).toEqual([]);
    // the report is the mailbox's: the delegate can read it, a stranger can't
    expect(lab.report(id, R2)).toHaveLength(1);
    expect(lab.fails(`Get-MessageRecallReport -MessageId '${id}'`, R3).errors[0]).toContain("doesn't have access");
  });
});

describe('shared and delegated mailboxes', () => {
  const setup = PEOPLE + '; $null = New-Mailbox -Shared -Name Support; Add-RecipientPermission Support -Trustee recipient2 -AccessRights SendAs -Confirm:$false | Out-Null';

  it("mail sent as a shared mailbox is kept in the sender's own Sent Items and recalled from there", () => {
    const lab = new MailLab(setup);
    const id = lab.send(R2, `-From support@contoso.com -To ${R1} -Subject '${SUBJECT}'`);
    expect(lab.items('recipient2', { folder: 'Sent Items' }).map((i) => [i.subject, i.from])).toEqual([[SUBJECT, 'support@contoso.com']]);
    expect(lab.items('support')).toEqual([]);
    expect(lab.fails(`Send-MailMessage -From support@contoso.com -To ${R1} -Subject x`, R3).errors[0]).toContain('550 5.7.60');

    lab.recall(R2, id);
    expect(lab.items('recipient1')).toEqual([]);
    const d = lab.state();
    expect(row(d, id, R1).senderAddress).toBe('support@contoso.com');
    const rm = recallMessage(d, id);
    expect(rm.from).toBe('support@contoso.com');
    expect(lastEvent(row(d, rm.messageId, R1), 'Drop').detail).toBe(DROP_SUCCESS);
    expect(lab.items('recipient2', { folder: 'Recoverable Items\\Purges', recoverable: true }).map((i) => i.subject)).toEqual([`Recall: ${SUBJECT}`]);
    expect(lab.report(id, R2).map((e) => e.status)).toEqual(['Succeeded']);
  });

  it('messages sent to a shared mailbox can be recalled by the sender', () => {
    const lab = new MailLab(setup);
    const id = lab.send(USER, `-To support@contoso.com -Subject '${SUBJECT}'`);
    expect(lab.subjects('support')).toEqual([SUBJECT]);
    lab.recall(USER, id);
    expect(lab.items('support')).toEqual([]);
    expect(lab.result(id, 'support@contoso.com').status).toBe('Succeeded');
    expect(messagesBySubject(lab.state(), `Recall: ${SUBJECT}`)).toHaveLength(1);
  });
});
