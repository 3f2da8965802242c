// Message recall: what Outlook's "Recall This Message" sets off. With Cloud-based Message
// Recall in force, the Transport Message Recall Agent intercepts the recall message and
// hard-deletes each recipient's copy, retrying copies not yet delivered for 24 hours, then
// Transport drops the recall message (trace: Failed + a Drop event with the result). With it
// off, the legacy experience delivers the recall message and Outlook removes only unread
// copies still in the Inbox.

import { itemsOf, messageById, removeItem, tracesOf } from './mail-index.js';
import { isoText } from '../clock.js';
import { hasFullAccess } from '../directory.js';
import { TenantError } from '../errors.js';
import { deterministicGuid } from '../ids.js';
import { isOn, settingsInForce } from '../org-config.js';
import { domainOf, isAcceptedDomain, recipientByAddress } from '../recipients.js';
import type { Mailbox, TenantData } from '../schema.js';
import { findMailbox, MailFlow, REPORTS_SENDER } from './flow.js';
import type { MailboxItem, MailMessage, RecallOutcome, RecallRecipientResult, RecallRequest, TraceRow } from './model.js';
import { schedule, unschedule } from './schedule.js';
import { event, RECALL_AGENT_DEFER, RECALL_AGENT_DROP } from './trace-text.js';

/** The agent keeps trying for this long. */
export const RECALL_WINDOW_MS = 24 * 60 * 60 * 1000;
/** The recall report arrives this long after an attempt. */
export const REPORT_DELAY_MS = 5 * 60 * 1000;

export const REASONS = {
  deleted: 'The message was deleted from the mailbox.',
  deletedHold: 'The message was deleted; the mailbox is on litigation hold, so a copy is kept in Recoverable Items for eDiscovery.',
  read: 'The message was already read, and recalling read messages is turned off (RecallReadMessagesEnabled).',
  external: 'The recipient is outside the organization; messages can only be recalled inside the tenant.',
  forwardedOutside: "The message was automatically forwarded outside the organization; that copy can't be recalled.",
  ruleForwarded: "The message was forwarded or redirected by an inbox rule; that copy can't be recalled.",
  neverDelivered: 'The message was never delivered to this recipient.',
  unknownRecipient: "The address doesn't belong to any mailbox in the organization; the message was never delivered to it.",
  alreadyRecalled: (at: string) => `The message was already recalled from this mailbox by the recall attempted at ${at}.`,
  notFound: "The message wasn't found in the mailbox (it was deleted, or recalled earlier).",
  waiting: "The message hasn't been delivered yet; the recall is retried until it is, for up to 24 hours.",
  timedOut: "The message wasn't delivered within 24 hours, so it couldn't be recalled.",
  legacyDeleted: 'The unread message was removed from the Inbox by the legacy recall.',
  legacyRead: 'The message was already read; the legacy recall only removes unread messages.',
  legacyMoved: (folder: string) => `The message was moved out of the Inbox (to ${folder}); the legacy recall only removes messages still in the Inbox.`,
  legacyNotDelivered: "The message hadn't been delivered when the recall request arrived.",
  legacyExternal: 'The recipient is outside the organization: they received the recall request as a message.',
};

export interface RecallInput {
  messageId: string;
  /** The mailbox whose Sent Items holds the original. */
  mailbox: Mailbox;
  caller: Mailbox;
  replaceSubject?: string;
  replaceBody?: string;
}

function recipientRows(data: TenantData, messageId: string): TraceRow[] {
  return tracesOf(data, messageId).filter((t) => t.status !== 'Expanded');
}

function internalMailbox(data: TenantData, address: string): Mailbox | undefined {
  if (!isAcceptedDomain(data, domainOf(address))) return undefined;
  const r = recipientByAddress(data, address);
  return r?.kind === 'mailbox' ? r.obj : undefined;
}

function copyIn(data: TenantData, mailbox: Mailbox, messageId: string): MailboxItem | undefined {
  return itemsOf(data, messageId).find((i) => i.mailbox === mailbox.guid && i.origin !== 'Sent' && !i.retainedForHold);
}

/** Hard-deletes a copy; a mailbox on litigation hold keeps it out of view for eDiscovery. */
function hardDelete(data: TenantData, mailbox: Mailbox, item: MailboxItem): string {
  if (mailbox.litigationHoldEnabled) {
    item.retainedForHold = true;
    item.folder = 'Recoverable Items\\Purges';
    return REASONS.deletedHold;
  }
  removeItem(data, item);
  return REASONS.deleted;
}

/** The cloud agent's verdict for one recipient row at time `at`. */
function cloudVerdict(data: TenantData, row: TraceRow, at: Date): { status: RecallOutcome; reason: string } {
  if (row.via === 'RuleForwarded') return { status: 'Failed', reason: REASONS.ruleForwarded };
  if (!isAcceptedDomain(data, domainOf(row.recipientAddress))) return { status: 'Failed', reason: row.via === 'AutoForwarded' ? REASONS.forwardedOutside : REASONS.external };
  const mailbox = internalMailbox(data, row.recipientAddress);
  if (!mailbox) return { status: 'Failed', reason: REASONS.unknownRecipient };
  if (row.status === 'Failed') return { status: 'Failed', reason: REASONS.neverDelivered };
  const item = copyIn(data, mailbox, row.messageId);
  if (item) {
    if (item.isRead && !isOn(settingsInForce(data, at).RecallReadMessagesEnabled)) return { status: 'Failed', reason: REASONS.read };
    return { status: 'Succeeded', reason: hardDelete(data, mailbox, item) };
  }
  if (row.status === 'Pending' || row.status === 'Quarantined' || row.status === 'GettingStatus') return { status: 'Pending', reason: REASONS.waiting };
  // A further attempt after one that removed the copy is not a failure (seed 001).
  const earlier = data.mail.recalls.find((r) => r.messageId === row.messageId && r.results.some((x) => x.status === 'Succeeded' && x.recipient.toLowerCase() === row.recipientAddress.toLowerCase()));
  if (earlier) return { status: 'Succeeded', reason: REASONS.alreadyRecalled(earlier.attemptedAt) };
  return { status: 'Failed', reason: REASONS.notFound };
}

function legacyVerdict(data: TenantData, row: TraceRow): { status: RecallOutcome; reason: string } {
  if (row.via === 'RuleForwarded') return { status: 'Failed', reason: REASONS.ruleForwarded };
  if (!isAcceptedDomain(data, domainOf(row.recipientAddress))) return { status: 'Failed', reason: REASONS.legacyExternal };
  const mailbox = internalMailbox(data, row.recipientAddress);
  if (!mailbox) return { status: 'Failed', reason: REASONS.unknownRecipient };
  const item = copyIn(data, mailbox, row.messageId);
  if (!item) return { status: 'Failed', reason: row.status === 'Delivered' || row.status === 'FilteredAsSpam' ? REASONS.notFound : REASONS.legacyNotDelivered };
  if (item.isRead) return { status: 'Failed', reason: REASONS.legacyRead };
  if (item.folder !== 'Inbox') return { status: 'Failed', reason: REASONS.legacyMoved(item.folder) };
  hardDelete(data, mailbox, item);
  return { status: 'Succeeded', reason: REASONS.legacyDeleted };
}

/** Marks the recall message's trace row for a recipient as dropped by Transport. */
function drop(data: TenantData, recall: RecallRequest, recipient: string, success: boolean, at: string): void {
  const row = tracesOf(data, recall.recallMessageId).find((t) => t.recipientAddress.toLowerCase() === recipient.toLowerCase());
  if (!row) return;
  row.status = 'Failed';
  row.events.push(event(at, 'Drop', RECALL_AGENT_DROP(success), { AgentName: 'Transport Message Recall Agent', Stage: 'OnPromotedEvent' }));
}

/** A recall message row the agent holds while the copy isn't delivered yet: Pending, with a Defer event saying why. */
function hold(data: TenantData, recall: RecallRequest, recipient: string, at: string): void {
  const row = tracesOf(data, recall.recallMessageId).find((t) => t.recipientAddress.toLowerCase() === recipient.toLowerCase());
  if (!row || row.events.some((e) => e.event === 'Defer')) return;
  row.status = 'Pending';
  row.events.push(event(at, 'Defer', RECALL_AGENT_DEFER, { AgentName: 'Transport Message Recall Agent', Stage: 'OnPromotedEvent' }));
}

function complete(data: TenantData, recall: RecallRequest, result: RecallRecipientResult, verdict: { status: RecallOutcome; reason: string }, at: string): void {
  result.status = verdict.status;
  result.reason = verdict.reason;
  if (verdict.status === 'Pending') {
    if (recall.mode === 'Cloud') hold(data, recall, result.recipient, at);
    return;
  }
  result.completedAt = at;
  drop(data, recall, result.recipient, verdict.status === 'Succeeded', at);
  // A result that changes after the report went out brings an updated report (seed 001).
  if (recall.reportMessageId && !data.mail.schedule.some((e) => e.kind === 'RecallReport' && e.recallId === recall.recallId)) {
    schedule(data, 'RecallReport', new Date(Date.parse(at) + REPORT_DELAY_MS), recall.messageId, '', recall.recallId);
  }
}

/** Outlook's "Recall This Message" (optionally "delete and replace"). */
export function requestRecall(data: TenantData, when: Date, input: RecallInput): RecallRequest {
  const id = input.messageId;
  const sent = itemsOf(data, id).find((i) => i.mailbox === input.mailbox.guid && i.origin === 'Sent' && i.folder === 'Sent Items');
  if (!sent) {
    throw new TenantError(
      `The message '${id}' wasn't found in the Sent Items folder of '${input.mailbox.primarySmtpAddress}'.`,
      'ObjectNotFound',
      'MessageNotFound',
      'ManagementObjectNotFoundException',
    );
  }
  if (!hasFullAccess(data, input.caller, input.mailbox)) {
    throw new TenantError(
      `'${input.caller.primarySmtpAddress}' doesn't have permission to recall messages from the mailbox '${input.mailbox.primarySmtpAddress}'.`,
      'PermissionDenied',
      'RecallAccessDenied',
      'UnauthorizedAccessException',
    );
  }
  const original = messageById(data, id)!;
  if (original.encryption !== 'None') {
    throw new TenantError(
      `The Recall This Message option isn't available for this message: it is ${original.encryption === 'OME' ? 'encrypted with Office 365 Message Encryption (OME)' : 'protected with a Microsoft Purview Information Protection (MIP) label'}.`,
      'InvalidOperation',
      'RecallNotAvailableForEncryptedMessage',
      'InvalidOperationException',
    );
  }
  const at = isoText(when);
  sent.recallAttempts.push(at);
  const mode = isOn(settingsInForce(data, when).MessageRecallEnabled) ? 'Cloud' : 'Legacy';
  const flow = new MailFlow(data, when);
  const recallInput = {
    from: original.from,
    submittedBy: input.caller,
    senderCopy: { mailbox: input.mailbox, folder: 'Recoverable Items\\Purges' },
    to: original.to,
    cc: original.cc,
    bcc: original.bcc,
    subject: `Recall: ${original.subject}`,
    body: `${original.from} would like to recall the message, "${original.subject}".`,
    kind: 'Recall' as const,
    messageClass: 'IPM.Outlook.Recall',
    relatesTo: original.messageId,
  };
  const targets = recipientRows(data, id);
  const recall: RecallRequest = {
    recallId: deterministicGuid(data.organization.guid, `recall:${id}:${data.mail.recalls.length}`),
    messageId: id,
    recallMessageId: '',
    mailbox: input.mailbox.guid,
    requestedBy: input.caller.guid,
    attemptedAt: at,
    mode,
    replaceSubject: input.replaceSubject ?? null,
    replaceBody: input.replaceBody ?? null,
    replacementMessageId: null,
    results: targets.map((t) => ({ recipient: t.recipientAddress, status: 'Pending', reason: REASONS.waiting, completedAt: null })),
    reportMessageId: null,
  };
  data.mail.recalls.push(recall);

  if (mode === 'Cloud') {
    // Intercepted by the agent: one row per original row (groups expanded), never delivered.
    const recallMessage = flow.createMessage(recallInput);
    recall.recallMessageId = recallMessage.messageId;
    for (const row of tracesOf(data, id).filter((t) => !t.via)) {
      const r = flow.newRow(recallMessage, row.recipientAddress, row.status === 'Expanded' ? 'Expanded' : 'Pending', row.toIP);
      if (row.status === 'Expanded') r.events.push(...row.events.filter((e) => e.event === 'Expand').map((e) => ({ ...e, date: at })));
    }
    targets.forEach((row, i) => {
      complete(data, recall, recall.results[i], cloudVerdict(data, row, when), at);
    });
    if (recall.results.some((r) => r.status === 'Pending')) schedule(data, 'RecallTimeout', new Date(when.getTime() + RECALL_WINDOW_MS), id, '', recall.recallId);
  } else {
    const recallMessage = flow.submit(recallInput);
    recall.recallMessageId = recallMessage.messageId;
    targets.forEach((row, i) => {
      const verdict = legacyVerdict(data, row);
      const result = recall.results[i];
      result.status = verdict.status;
      result.reason = verdict.reason;
      result.completedAt = at;
      const mailbox = internalMailbox(data, row.recipientAddress);
      if (verdict.status === 'Succeeded' && mailbox) {
        // Outlook consumes the recall request once it has removed the original.
        for (const it of itemsOf(data, recallMessage.messageId).filter((x) => x.mailbox === mailbox.guid)) removeItem(data, it);
      }
    });
  }

  if (input.replaceSubject !== undefined || input.replaceBody !== undefined) sendReplacement(data, when, recall, original, input.caller, input.mailbox);
  schedule(data, 'RecallReport', new Date(when.getTime() + REPORT_DELAY_MS), id, '', recall.recallId);
  return recall;
}

/** Delete-and-replace: cloud recall sends the new message to everyone; legacy only where removal succeeded. */
function sendReplacement(data: TenantData, when: Date, recall: RecallRequest, original: MailMessage, caller: Mailbox, mailbox: Mailbox): void {
  const ok = new Set(recall.results.filter((r) => r.status === 'Succeeded').map((r) => r.recipient.toLowerCase()));
  const keep = (list: string[]) => (recall.mode === 'Cloud' ? list : list.filter((a) => ok.has(a.toLowerCase())));
  const to = keep(original.to),
    cc = keep(original.cc),
    bcc = keep(original.bcc);
  if (to.length + cc.length + bcc.length === 0) return;
  const replacement = new MailFlow(data, when).submit({
    from: original.from,
    submittedBy: caller,
    senderCopy: { mailbox, folder: 'Sent Items' },
    to,
    cc,
    bcc,
    subject: recall.replaceSubject ?? original.subject,
    body: recall.replaceBody ?? original.body,
    bodyIsHtml: original.bodyIsHtml,
    relatesTo: original.messageId,
  });
  recall.replacementMessageId = replacement.messageId;
}

/** A copy that was waiting got delivered: pending cloud recalls of it act now. */
export function onCopyDelivered(data: TenantData, when: Date, messageId: string, recipient: string): void {
  const at = isoText(when);
  for (const recall of data.mail.recalls) {
    if (recall.messageId !== messageId || recall.mode !== 'Cloud') continue;
    const result = recall.results.find((r) => r.status === 'Pending' && r.recipient.toLowerCase() === recipient.toLowerCase());
    if (!result) continue;
    const row = tracesOf(data, messageId).find((t) => t.recipientAddress.toLowerCase() === recipient.toLowerCase());
    if (row) complete(data, recall, result, cloudVerdict(data, row, when), at);
  }
}

/** 24 hours after an attempt, what is still pending has failed. */
export function timeOutRecall(data: TenantData, when: Date, recallId: string): void {
  const recall = data.mail.recalls.find((r) => r.recallId === recallId);
  if (!recall) return;
  for (const result of recall.results) {
    if (result.status === 'Pending') complete(data, recall, result, { status: 'Failed', reason: REASONS.timedOut }, isoText(when));
  }
}

/** The recall report from Office365Reports@microsoft.com, a few minutes after the attempt. */
export function sendRecallReport(data: TenantData, when: Date, recallId: string): void {
  const recall = data.mail.recalls.find((r) => r.recallId === recallId);
  if (!recall) return;
  const updated = recall.reportMessageId !== null;
  const original = messageById(data, recall.messageId);
  const mailbox = findMailbox(data, recall.mailbox);
  if (!original || !mailbox) return;
  const group = data.groups.find((g) => g.primarySmtpAddress.toLowerCase() === original.from.toLowerCase());
  const to = group ? group.members.map((g) => data.mailboxes.find((m) => m.guid === g)?.primarySmtpAddress).filter((a): a is string => !!a) : [mailbox.primarySmtpAddress];
  if (to.length === 0) return;
  const lines = recall.results.map((r) => `${r.recipient}: ${r.status === 'Succeeded' ? 'Recall Success' : r.status === 'Pending' ? 'Recall Pending' : 'Recall Failure'}`);
  const report = new MailFlow(data, when).submit({
    from: REPORTS_SENDER,
    submittedBy: null,
    senderCopy: null,
    to,
    subject: `Message Recall Report for message: ${original.subject}${updated ? ' (updated)' : ''}`,
    body: `Recall report for the message "${original.subject}" sent ${original.submittedAt}.\n${lines.join('\n')}\nStatus keeps updating for 24 hours after the recall attempt.`,
    bodyIsHtml: false,
    kind: 'RecallReport',
    relatesTo: recall.messageId,
  });
  recall.reportMessageId = report.messageId;
  unschedule(data, (e) => e.kind === 'RecallReport' && e.recallId === recallId);
}
