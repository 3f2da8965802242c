// Invoke-MessageRecall (what Outlook's "Recall This Message" does) and Get-MessageRecallReport.

import { defineCmdlet } from '../../shell/cmdlet.js';
import { PSObject } from '../../shell/values.js';
import { canSendAs, hasFullAccess } from '../../tenant/directory.js';
import { TenantError } from '../../tenant/errors.js';
import { mailboxForCaller } from '../../tenant/mail-access.js';
import { normalizeMessageId } from '../../tenant/mail/ids.js';
import { itemsOf } from '../../tenant/mail/mail-index.js';
import type { RecallRequest } from '../../tenant/mail/model.js';
import { requestRecall } from '../../tenant/mail/recall.js';
import { canRun } from '../../tenant/rbac.js';
import type { Mailbox, TenantData } from '../../tenant/schema.js';
import { EXCHANGE_MODULE, tenantOf } from './common.js';

const REQUEST_TYPE = 'Exosh.MessageRecallRequest';
const REPORT_TYPE = 'Exosh.MessageRecallReportEntry';

function address(data: TenantData, guid: string): string {
  return data.mailboxes.find((m) => m.guid === guid)?.primarySmtpAddress ?? guid;
}

/**
 * Who may read the recall report of mail sent from `mailboxGuid`: the mailbox's owner, its
 * delegates (FullAccess or SendAs: SendOnBehalf isn't modelled), and whoever may run message
 * trace, which shows every recall's outcome anyway (the recall message's Drop event).
 */
function mayReadRecallsOf(data: TenantData, caller: Mailbox, mailboxGuid: string): boolean {
  if (canRun(data, caller.guid, 'Get-MessageTrace')) return true;
  const mailbox = data.mailboxes.find((m) => m.guid === mailboxGuid);
  return !!mailbox && (hasFullAccess(data, caller, mailbox) || canSendAs(data, caller, mailbox));
}

function recallReportAccessDenied(caller: Mailbox, messageId: string): TenantError {
  return new TenantError(
    `'${caller.primarySmtpAddress}' doesn't have access to the recall report of the message '${messageId}': only its sender, the sender's delegates (FullAccess or SendAs) and role groups with the Message Tracking role may read it.`,
    'PermissionDenied',
    'RecallReportAccessDenied',
    'UnauthorizedAccessException',
  );
}

function requestObject(data: TenantData, r: RecallRequest): PSObject {
  const count = (s: string) => r.results.filter((x) => x.status === s).length;
  return PSObject.from(
    {
      RecallId: r.recallId,
      MessageId: r.messageId,
      RecallMessageId: r.recallMessageId,
      Mailbox: address(data, r.mailbox),
      RequestedBy: address(data, r.requestedBy),
      Mode: r.mode,
      AttemptedAt: new Date(r.attemptedAt),
      Recipients: r.results.length,
      Succeeded: count('Succeeded'),
      Failed: count('Failed'),
      Pending: count('Pending'),
      ReplacementMessageId: r.replacementMessageId,
    },
    REQUEST_TYPE,
  );
}

export const invokeMessageRecallCmdlet = defineCmdlet({
  name: 'Invoke-MessageRecall',
  module: EXCHANGE_MODULE,
  synopsis: 'exosh simulation control: Outlook\'s "Recall This Message" (optionally delete and replace).',
  description:
    'Recalls a message from the Sent Items of -Mailbox (default: the caller\'s). Refused, with nothing created, for OME-encrypted or MIP-protected messages and when the caller may not act for the mailbox. The recall message (IPM.Outlook.Recall, "Recall: <subject>") goes to Recoverable Items\\Purges, and the original in Sent Items records "Recall attempted at <time>". What happens next follows the recall settings in force: see docs/recall.md.',
  parameters: [
    { name: 'MessageId', type: 'string', mandatory: true, position: 0, fromPipelineByPropertyName: true, help: "The original message's Internet Message-ID (with or without angle brackets)." },
    { name: 'Mailbox', type: 'string', help: "The mailbox whose Sent Items holds the original (default: the caller's)." },
    { name: 'ReplaceSubject', type: 'string', help: "Delete and replace: the new message's subject." },
    { name: 'ReplaceBody', type: 'string', help: "Delete and replace: the new message's body." },
  ],
  views: [{ typeName: REQUEST_TYPE, kind: 'table', columns: ['AttemptedAt', 'Mode', 'Recipients', 'Succeeded', 'Failed', 'Pending'] }],
  examples: [
    {
      code: '$m = Send-MailMessage -To recipient1@contoso.com -Subject "Budget" -PassThru; Invoke-MessageRecall -MessageId $m.MessageId',
      remarks: 'Recalls a message sent with Send-MailMessage -PassThru.',
    },
  ],
  process(ctx, p) {
    const tenant = tenantOf(ctx);
    const data = tenant.read();
    const caller = tenant.caller();
    const mailbox = mailboxForCaller(data, caller, p.Mailbox);
    const now = tenant.now();
    const recall = tenant.write((d) =>
      requestRecall(d, now, {
        messageId: normalizeMessageId(p.MessageId),
        mailbox,
        caller,
        replaceSubject: p.ReplaceSubject,
        replaceBody: p.ReplaceBody,
      }),
    );
    ctx.write(requestObject(tenant.read(), recall));
  },
});

export const getMessageRecallReportCmdlet = defineCmdlet({
  name: 'Get-MessageRecallReport',
  module: EXCHANGE_MODULE,
  synopsis: 'exosh simulation control: the recall report, per recipient and per attempt.',
  description:
    "What the recall report's status page shows: for every recall attempt of the message, each recipient's Status (Pending, Succeeded, Failed), the Reason, AttemptedAt and CompletedAt. Pending entries are resolved as tenant time moves on, for up to 24 hours after the attempt. Only the sender, the sender's delegates (FullAccess or SendAs) and those who may run message trace can read a report; anyone else gets an access-denied error, whether or not the message was recalled.",
  examples: [
    { code: "Get-MailboxMessage -Mailbox user@contoso.com -Folder 'Sent Items' | Get-MessageRecallReport", remarks: "The recall results, per recipient, of the messages in user's Sent Items." },
    {
      code: "Get-MessageRecallReport -MessageId (Get-MailboxMessage -Mailbox user@contoso.com -Folder 'Sent Items').MessageId | Where-Object Status -eq Failed",
      remarks: 'Only the recipients for whom the recall failed.',
    },
  ],
  parameters: [{ name: 'MessageId', type: 'string', mandatory: true, position: 0, fromPipelineByPropertyName: true, help: "The original message's Internet Message-ID." }],
  views: [{ typeName: REPORT_TYPE, kind: 'table', columns: ['AttemptedAt', 'Recipient', 'Status', 'CompletedAt', 'Reason'] }],
  process(ctx, p) {
    const tenant = tenantOf(ctx);
    const data = tenant.read();
    const id = normalizeMessageId(p.MessageId);
    const caller = tenant.caller();
    const allRecalls = data.mail.recalls.filter((r) => r.messageId === id);
    const recalls = allRecalls.filter((r) => mayReadRecallsOf(data, caller, r.mailbox));
    if (recalls.length === 0) {
      // Someone who may not read the sender's reports gets the same answer whether or not the
      // message exists or was recalled: "no recall" would tell them more than they may know.
      const senders = new Set([
        ...allRecalls.map((r) => r.mailbox),
        ...itemsOf(data, id)
          .filter((i) => i.origin === 'Sent')
          .map((i) => i.mailbox),
      ]);
      const mayKnow = canRun(data, caller.guid, 'Get-MessageTrace') || [...senders].some((m) => mayReadRecallsOf(data, caller, m));
      if (!mayKnow) throw recallReportAccessDenied(caller, id);
      throw Object.assign(new Error(`No recall was requested for the message '${id}'.`), { errorCategory: 'ObjectNotFound', errorId: 'RecallNotFound' });
    }
    const subject = data.mail.messages.find((m) => m.messageId === id)?.subject ?? '';
    for (const r of recalls) {
      for (const result of r.results) {
        ctx.write(
          PSObject.from(
            {
              MessageId: id,
              Subject: subject,
              Recipient: result.recipient,
              Status: result.status,
              Reason: result.reason,
              AttemptedAt: new Date(r.attemptedAt),
              CompletedAt: result.completedAt ? new Date(result.completedAt) : null,
              Mode: r.mode,
              RecallId: r.recallId,
            },
            REPORT_TYPE,
          ),
        );
      }
    }
  },
});

export const recallCmdlets = [invokeMessageRecallCmdlet, getMessageRecallReportCmdlet];
