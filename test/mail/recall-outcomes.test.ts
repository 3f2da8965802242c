// Cloud-based Message Recall, one test per recipient outcome (seed 000, seed 001): each test
// checks the mailbox contents, the message trace rows and events, and the recall report.

import { afterAll, describe, expect, it } from 'vitest';
import {
  at,
  DROP_FAILED,
  DROP_SUCCESS,
  lastEvent,
  MailLab,
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
  eventNames,
  messagesBySubject,
  inconsistencies,
} from './harness.js';

afterAll(removeLabStores);

const REASON_DELETED = 'The message was deleted from the mailbox.';

describe('cloud recall: each recipient outcome', () => {
  it('deletes a delivered, unread copy: report Succeeded, recall row Failed with Drop Result:Success', () => {
    const lab = new MailLab(PEOPLE);
    const id = lab.send(USER, `-To ${R1} -Subject '${SUBJECT}'`);
    expect(lab.subjects('recipient1')).toEqual([SUBJECT]);
    lab.advance('10m');
    const req = lab.recall(USER, id);
    expect(req.get('Mode')).toBe('Cloud');
    expect([req.get('Recipients'), req.get('Succeeded'), req.get('Failed'), req.get('Pending')]).toEqual([1, 1, 0, 0]);

    // mailbox contents: the recipient's copy is gone; the sender's original stays in Sent Items.
    expect(lab.items('recipient1', { recoverable: true })).toEqual([]);
    const sent = lab.items('user', { folder: 'Sent Items' });
    expect(sent.map((i) => i.subject)).toEqual([SUBJECT]);
    expect(sent[0].annotations).toEqual(['Recall attempted at 8/14/2023 10:01:20 PM']);

    // trace: the original was delivered; the recall message shows Failed with the Drop event.
    const d = lab.state();
    expect(row(d, id, R1)).toMatchObject({ status: 'Delivered', senderAddress: USER, subject: SUBJECT });
    expect(timeline(row(d, id, R1))).toEqual(['Receive@0', 'Deliver@0']);
    const rm = recallMessage(d, id);
    expect(rm).toMatchObject({ kind: 'Recall', messageClass: 'IPM.Outlook.Recall', subject: `Recall: ${SUBJECT}`, from: USER, relatesTo: id });
    const rr = row(d, rm.messageId, R1);
    expect(rr.status).toBe('Failed');
    expect(timeline(rr)).toEqual(['Receive@10', 'Drop@10']);
    expect(lastEvent(rr, 'Drop').detail).toBe(DROP_SUCCESS);

    // report
    expect(lab.report(id, USER)).toEqual([{ recipient: R1, status: 'Succeeded', reason: REASON_DELETED, attemptedAt: at(10), completedAt: at(10), mode: 'Cloud' }]);
    expect(inconsistencies(lab.state())).toEqual([]);
  });

  it('a read copy with RecallReadMessagesEnabled $false in force: Failed, the copy stays, Drop Result:Failed', () => {
    const lab = new MailLab(PEOPLE + '; Set-OrganizationConfig -RecallReadMessagesEnabled $false');
    lab.advance('1h');
    const id = lab.send(USER, `-To ${R1},${R2} -Subject '${SUBJECT}'`);
    lab.markRead('recipient1', id);
    lab.recall(USER, id);

    expect(lab.items('recipient1').map((i) => [i.subject, i.folder, i.isRead])).toEqual([[SUBJECT, 'Inbox', true]]);
    expect(lab.items('recipient2')).toEqual([]);

    const d = lab.state();
    const rm = recallMessage(d, id);
    expect(row(d, rm.messageId, R1).status).toBe('Failed');
    expect(lastEvent(row(d, rm.messageId, R1), 'Drop').detail).toBe(DROP_FAILED);
    expect(lastEvent(row(d, rm.messageId, R2), 'Drop').detail).toBe(DROP_SUCCESS);

    const report = lab.report(id, USER);
    expect(report.map((e) => [e.recipient, e.status])).toEqual([
      [R1, 'Failed'],
      [R2, 'Succeeded'],
    ]);
    expect(report[0].reason).toBe('The message was already read, and recalling read messages is turned off (RecallReadMessagesEnabled).');
  });

  for (const setting of ['$true', '$null']) {
    it(`a read copy with RecallReadMessagesEnabled ${setting} in force is deleted`, () => {
      const lab = new MailLab(PEOPLE + (setting === '$true' ? '; Set-OrganizationConfig -RecallReadMessagesEnabled $true' : ''));
      lab.advance('1h');
      const id = lab.send(USER, `-To ${R1} -Subject '${SUBJECT}'`);
      lab.markRead('recipient1', id);
      lab.recall(USER, id);
      expect(lab.items('recipient1')).toEqual([]);
      const d = lab.state();
      expect(lastEvent(row(d, recallMessage(d, id).messageId, R1), 'Drop').detail).toBe(DROP_SUCCESS);
      expect(lab.report(id).map((e) => [e.status, e.reason])).toEqual([['Succeeded', REASON_DELETED]]);
    });
  }

  it('an external recipient: Failed (recall works only inside the tenant), Drop Result:Failed', () => {
    const lab = new MailLab(PEOPLE);
    const id = lab.send(USER, `-To ${R1},chris@fabrikam.com -Subject '${SUBJECT}'`);
    lab.recall(USER, id);

    expect(lab.items('recipient1')).toEqual([]);
    const d = lab.state();
    const ext = row(d, id, 'chris@fabrikam.com');
    expect(ext.status).toBe('Delivered');
    expect(eventNames(ext)).toEqual(['Receive', 'Send']);
    expect(ext.toIP).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    const rr = row(d, recallMessage(d, id).messageId, 'chris@fabrikam.com');
    expect(rr.status).toBe('Failed');
    expect(lastEvent(rr, 'Drop').detail).toBe(DROP_FAILED);
    // Transport drops it: the recall request never leaves the tenant in cloud mode.
    expect(eventNames(rr)).not.toContain('Send');

    const e = lab.result(id, 'chris@fabrikam.com');
    expect(e.status).toBe('Failed');
    expect(e.reason).toBe('The recipient is outside the organization; messages can only be recalled inside the tenant.');
    expect(lab.result(id, R1).status).toBe('Succeeded');
  });

  it('an unknown internal address: Fail event and an NDR to the sender; the recall fails for it (never delivered)', () => {
    const lab = new MailLab(PEOPLE);
    const id = lab.send(USER, `-To ${R1},ghost@contoso.com -Subject '${SUBJECT}'`);

    const d0 = lab.state();
    const ghost = row(d0, id, 'ghost@contoso.com');
    expect(ghost.status).toBe('Failed');
    expect(eventNames(ghost)).toEqual(['Receive', 'Fail']);
    expect(lastEvent(ghost, 'Fail').detail).toContain('550 5.1.10 RESOLVER.ADR.RecipientNotFound');
    const ndr = messagesBySubject(d0, `Undeliverable: ${SUBJECT}`);
    expect(ndr).toHaveLength(1);
    expect(ndr[0]).toMatchObject({ kind: 'NonDeliveryReport', messageClass: 'REPORT.IPM.Note.NDR', relatesTo: id });
    expect(row(d0, ndr[0].messageId, USER).status).toBe('Delivered');
    expect(lab.subjects('user')).toEqual([`Undeliverable: ${SUBJECT}`]);

    lab.recall(USER, id);
    const d = lab.state();
    expect(lastEvent(row(d, recallMessage(d, id).messageId, 'ghost@contoso.com'), 'Drop').detail).toBe(DROP_FAILED);
    const e = lab.result(id, 'ghost@contoso.com');
    expect(e.status).toBe('Failed');
    expect(e.reason).toBe("The address doesn't belong to any mailbox in the organization; the message was never delivered to it.");
    expect(lab.result(id, R1).status).toBe('Succeeded');
  });

  it('a copy moved to another folder (by the user or an inbox rule) is still found and deleted', () => {
    const lab = new MailLab(PEOPLE + `; $null = New-InboxRule -Mailbox recipient2 -Name Tests -SubjectContainsWords Testing -MoveToFolder 'recipient2:\\Tests'`);
    const id = lab.send(USER, `-To ${R1},${R2} -Subject '${SUBJECT}'`);
    lab.move('recipient1', id, 'Projects');
    expect(lab.items('recipient1').map((i) => i.folder)).toEqual(['Projects']);
    expect(lab.items('recipient2').map((i) => i.folder)).toEqual(['Tests']);

    lab.recall(USER, id);
    expect(lab.items('recipient1')).toEqual([]);
    expect(lab.items('recipient2')).toEqual([]);
    const d = lab.state();
    expect(lastEvent(row(d, id, R2), 'Deliver').data).toContain('DeliveryFolder');
    for (const r of [R1, R2]) expect(lastEvent(row(d, recallMessage(d, id).messageId, r), 'Drop').detail).toBe(DROP_SUCCESS);
    expect(lab.report(id).map((e) => e.status)).toEqual(['Succeeded', 'Succeeded']);
  });

  it('a deferred copy: recall Pending, then delivered when the mailbox is available: Succeeded at that time, Drop then', () => {
    const lab = new MailLab(PEOPLE + '; Set-MailboxAvailability recipient2 -Unavailable');
    const id = lab.send(USER, `-To ${R1},${R2} -Subject '${SUBJECT}'`);
    lab.advance('5m');
    const req = lab.recall(USER, id);
    expect([req.get('Succeeded'), req.get('Pending')]).toEqual([1, 1]);

    let d = lab.state();
    expect(row(d, id, R2).status).toBe('Pending');
    expect(timeline(row(d, id, R2))).toEqual(['Receive@0', 'Defer@0']);
    const rmId = recallMessage(d, id).messageId;
    expect(row(d, rmId, R2).status).toBe('Pending');
    expect(timeline(row(d, rmId, R2))).toEqual(['Receive@5', 'Defer@5']);
    expect(lab.result(id, R2)).toMatchObject({ status: 'Pending', completedAt: null });
    expect(lab.items('recipient2')).toEqual([]);

    // Available again at +20 minutes; the next retry (every 15 minutes from +0) is at +30.
    lab.advance('15m');
    lab.ok('Set-MailboxAvailability recipient2 -Available');
    lab.advance('5m');
    expect(lab.result(id, R2).status).toBe('Pending');
    lab.advance('5m');
    expect(lab.now()).toBe(at(30));

    d = lab.state();
    expect(timeline(row(d, id, R2))).toEqual(['Receive@0', 'Defer@0', 'Deliver@30']);
    expect(row(d, id, R2).status).toBe('Delivered');
    expect(timeline(row(d, rmId, R2))).toEqual(['Receive@5', 'Defer@5', 'Drop@30']);
    expect(row(d, rmId, R2).status).toBe('Failed');
    expect(lastEvent(row(d, rmId, R2), 'Drop').detail).toBe(DROP_SUCCESS);
    expect(lab.result(id, R2)).toMatchObject({ status: 'Succeeded', completedAt: at(30), reason: REASON_DELETED });
    expect(lab.items('recipient2')).toEqual([]);
    expect(inconsistencies(d)).toEqual([]);
  });

  it('a copy still undelivered after 24 hours: the recall fails, Drop Result:Failed, the original expires with an NDR', () => {
    const lab = new MailLab(PEOPLE + '; Set-MailboxAvailability recipient3 -Unavailable');
    const id = lab.send(USER, `-To ${R3} -Subject '${SUBJECT}'`);
    lab.advance('10m');
    lab.recall(USER, id);
    lab.advance('23h');
    expect(lab.result(id, R3).status).toBe('Pending');
    lab.advance('59m');
    expect(lab.result(id, R3).status).toBe('Pending');
    lab.advance('1m');
    expect(lab.now()).toBe(at(24 * 60 + 10));

    const d = lab.state();
    // the original: deferred, then expired at 24 hours after it was sent
    expect(row(d, id, R3).status).toBe('Failed');
    expect(timeline(row(d, id, R3))).toEqual(['Receive@0', 'Defer@0', `Fail@${24 * 60}`]);
    expect(lastEvent(row(d, id, R3), 'Fail').detail).toContain('QUEUE.Expired');
    expect(messagesBySubject(d, `Undeliverable: ${SUBJECT}`)).toHaveLength(1);
    // the recall message: held, then dropped at 24 hours after the attempt
    const rr = row(d, recallMessage(d, id).messageId, R3);
    expect(rr.status).toBe('Failed');
    expect(timeline(rr)).toEqual(['Receive@10', 'Defer@10', `Drop@${24 * 60 + 10}`]);
    expect(lastEvent(rr, 'Drop').detail).toBe(DROP_FAILED);
    expect(lab.result(id, R3)).toMatchObject({ status: 'Failed', completedAt: at(24 * 60 + 10), reason: "The message wasn't delivered within 24 hours, so it couldn't be recalled." });
    expect(recallOf(d, id).results[0].status).toBe('Failed');

    // Available afterwards: nothing is delivered any more.
    lab.ok('Set-MailboxAvailability recipient3 -Available');
    lab.advance('1h');
    expect(lab.items('recipient3')).toEqual([]);
    expect(rows(lab.state(), id)).toHaveLength(1);
    expect(inconsistencies(lab.state())).toEqual([]);
  });
});
