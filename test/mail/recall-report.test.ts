// What the sender sees (seeds 000 and 001): the original stays in Sent Items with one "Recall
// attempted at ..." annotation per attempt, the recall message goes to Recoverable Items\Purges,
// and the recall report from Office365Reports@microsoft.com arrives in the Inbox five minutes
// after each attempt, with an updated report when a pending result changes.

import { afterAll, describe, expect, it } from 'vitest';
import {
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
  recallMessage,
  recallOf,
  removeLabStores,
  row,
  SUBJECT,
  timeline,
  USER,
} from './harness.js';

afterAll(removeLabStores);

const REPORTER = 'Office365Reports@microsoft.com';
const REPORT_SUBJECT = `Message Recall Report for message: ${SUBJECT}`;

describe('the sender side of a recall', () => {
  it('the recall message goes to Recoverable Items\\Purges, never to Sent Items; the original stays, annotated', () => {
    const lab = new MailLab(PEOPLE);
    const id = lab.send(USER, `-To ${R1} -Subject '${SUBJECT}'`);
    lab.advance('2m');
    lab.recall(USER, id);

    expect(lab.items('user').map((i) => [i.subject, i.folder])).toEqual([[SUBJECT, 'Sent Items']]);
    expect(lab.items('user', { folder: 'Sent Items' })[0].annotations).toEqual(['Recall attempted at 8/14/2023 9:53:20 PM']);
    const all = lab.items('user', { recoverable: true });
    const purged = all.filter((i) => i.folder === 'Recoverable Items\\Purges');
    expect(purged.map((i) => [i.subject, i.messageClass, i.received])).toEqual([[`Recall: ${SUBJECT}`, 'IPM.Outlook.Recall', at(2)]]);

    const d = lab.state();
    const rm = recallMessage(d, id);
    expect(purged[0].messageId).toBe(rm.messageId);
    expect(rm.messageId).not.toBe(id);
    expect(row(d, rm.messageId, R1).status).toBe('Failed');
    expect(lab.report(id)[0].status).toBe('Succeeded');
  });

  it("the report arrives from Office365Reports@microsoft.com in the sender's Inbox 5 minutes after the attempt, not before", () => {
    const lab = new MailLab(PEOPLE);
    const id = lab.send(USER, `-To ${R1},${R2},chris@fabrikam.com -Subject '${SUBJECT}'`);
    lab.markRead('recipient2', id);
    lab.advance('10m');
    lab.recall(USER, id);

    lab.advance('00:04:59');
    expect(lab.items('user', { folder: 'Inbox' })).toEqual([]);
    expect(messagesBySubject(lab.state(), REPORT_SUBJECT)).toEqual([]);
    expect(recallOf(lab.state(), id).reportMessageId).toBeNull();

    lab.advance('00:00:01');
    const inbox = lab.items('user', { folder: 'Inbox' });
    expect(inbox.map((i) => [i.subject, i.from, i.received, i.isRead])).toEqual([[REPORT_SUBJECT, REPORTER, at(15), false]]);

    const d = lab.state();
    const report = message(d, recallOf(d, id).reportMessageId!);
    expect(report).toMatchObject({ kind: 'RecallReport', from: REPORTER, to: [USER], relatesTo: id, submittedAt: at(15) });
    expect(report.body).toContain(`${R1}: Recall Success`);
    expect(report.body).toContain(`${R2}: Recall Success`);
    expect(report.body).toContain('chris@fabrikam.com: Recall Failure');
    // the report has its own trace row, so an admin can check it wasn't blocked
    const tr = row(d, report.messageId, USER);
    expect(tr).toMatchObject({ senderAddress: REPORTER, status: 'Delivered' });
    expect(timeline(tr)).toEqual(['Receive@15', 'Deliver@15']);
    // the report agrees with Get-MessageRecallReport
    expect(lab.report(id, USER).map((e) => [e.recipient, e.status])).toEqual([
      [R1, 'Succeeded'],
      [R2, 'Succeeded'],
      ['chris@fabrikam.com', 'Failed'],
    ]);
  });

  it('a pending result that changes later brings an updated report', () => {
    const lab = new MailLab(PEOPLE + '; Set-MailboxAvailability recipient2 -Unavailable');
    const id = lab.send(USER, `-To ${R1},${R2} -Subject '${SUBJECT}'`);
    lab.advance('1m');
    lab.recall(USER, id);
    lab.advance('5m');
    let d = lab.state();
    const first = message(d, recallOf(d, id).reportMessageId!);
    expect(first.submittedAt).toBe(at(6));
    expect(first.body).toContain(`${R2}: Recall Pending`);

    lab.ok('Set-MailboxAvailability recipient2 -Available');
    lab.advance('9m'); // the retry at +15 delivers, the agent recalls at once
    expect(lab.result(id, R2)).toMatchObject({ status: 'Succeeded', completedAt: at(15) });
    lab.advance('5m');
    d = lab.state();
    const updated = message(d, recallOf(d, id).reportMessageId!);
    expect(updated).toMatchObject({ subject: `${REPORT_SUBJECT} (updated)`, submittedAt: at(20), from: REPORTER });
    expect(updated.body).toContain(`${R2}: Recall Success`);
    expect(lab.items('user', { folder: 'Inbox' }).map((i) => i.subject)).toEqual([`${REPORT_SUBJECT} (updated)`, REPORT_SUBJECT]);
    expect(lab.items('recipient2')).toEqual([]);
    expect(inconsistencies(d)).toEqual([]);
  });

  it('a report held by a transport rule shows Quarantined in message trace, and arrives once released', () => {
    const lab = new MailLab(PEOPLE + `; $null = New-TransportRule -Name 'Hold reports' -From ${REPORTER} -Quarantine $true`);
    const id = lab.send(USER, `-To ${R1} -Subject '${SUBJECT}'`);
    lab.recall(USER, id);
    lab.advance('5m');
    expect(lab.items('user', { folder: 'Inbox' })).toEqual([]);
    let d = lab.state();
    const reportId = recallOf(d, id).reportMessageId!;
    expect(row(d, reportId, USER).status).toBe('Quarantined');
    expect(eventNames(row(d, reportId, USER))).toEqual(['Receive', 'Transport rule', 'Quarantine']);

    const identity = lab.ok(`(Get-QuarantineMessage -SenderAddress ${REPORTER}).Identity`).output[0] as string;
    lab.advance('1m');
    lab.ok(`Release-QuarantineMessage -Identity '${identity}'`);
    d = lab.state();
    expect(row(d, reportId, USER).status).toBe('Delivered');
    expect(timeline(row(d, reportId, USER))).toEqual(['Receive@5', 'Transport rule@5', 'Quarantine@5', 'Release@6', 'Deliver@6']);
    expect(lab.items('user', { folder: 'Inbox' }).map((i) => i.subject)).toEqual([REPORT_SUBJECT]);
  });
});

describe('repeated recall attempts', () => {
  it('each attempt is recorded: an annotation, a recall message, trace rows, report entries and a report', () => {
    const lab = new MailLab(PEOPLE + '; Set-OrganizationConfig -RecallReadMessagesEnabled $false');
    lab.advance('1h');
    const id = lab.send(USER, `-To ${R1},${R2} -Subject '${SUBJECT}'`);
    lab.markRead('recipient2', id);
    lab.advance('10m');
    lab.recall(USER, id);
    lab.advance('10m');
    lab.recall(USER, id);
    lab.advance('10m');
    lab.recall(USER, id);
    lab.advance('5m');

    // Sent Items: still the original, with one annotation per attempt
    const sent = lab.items('user', { folder: 'Sent Items' });
    expect(sent.map((i) => i.subject)).toEqual([SUBJECT]);
    expect(sent[0].annotations).toEqual(['Recall attempted at 8/14/2023 11:01:20 PM', 'Recall attempted at 8/14/2023 11:11:20 PM', 'Recall attempted at 8/14/2023 11:21:20 PM']);
    // Purges: one recall message per attempt; Inbox: one report per attempt
    expect(lab.items('user', { folder: 'Recoverable Items\\Purges', recoverable: true }).map((i) => i.subject)).toEqual(Array(3).fill(`Recall: ${SUBJECT}`));
    expect(lab.items('user', { folder: 'Inbox' }).map((i) => [i.subject, i.received])).toEqual([
      [REPORT_SUBJECT, at(95)],
      [REPORT_SUBJECT, at(85)],
      [REPORT_SUBJECT, at(75)],
    ]);
    // recipients: the unread copy went at the first attempt; the read copy stays
    expect(lab.items('recipient1')).toEqual([]);
    expect(lab.subjects('recipient2')).toEqual([SUBJECT]);

    // trace: three recall messages, each Failed per recipient with its own Drop
    const d = lab.state();
    const recalls = d.mail.recalls.filter((r) => r.messageId === id);
    expect(recalls).toHaveLength(3);
    expect(new Set(recalls.map((r) => r.recallMessageId)).size).toBe(3);
    for (const [n, r] of recalls.entries()) {
      expect(timeline(row(d, r.recallMessageId, R1))).toEqual([`Receive@${70 + 10 * n}`, `Drop@${70 + 10 * n}`]);
      expect(lastEvent(row(d, r.recallMessageId, R1), 'Drop').detail).toBe(DROP_SUCCESS);
      expect(lastEvent(row(d, r.recallMessageId, R2), 'Drop').detail).toBe(DROP_FAILED);
    }

    // the report aggregates per recipient and per attempt: a further attempt after a success is no failure
    const report = lab.report(id, USER);
    expect(report.map((e) => [e.attemptedAt, e.recipient, e.status])).toEqual([
      [at(70), R1, 'Succeeded'],
      [at(70), R2, 'Failed'],
      [at(80), R1, 'Succeeded'],
      [at(80), R2, 'Failed'],
      [at(90), R1, 'Succeeded'],
      [at(90), R2, 'Failed'],
    ]);
    expect(report[2].reason).toBe(`The message was already recalled from this mailbox by the recall attempted at ${at(70)}.`);
    expect(inconsistencies(d)).toEqual([]);
  });
});
