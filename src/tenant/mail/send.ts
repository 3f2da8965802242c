// Sending as a user does in Outlook: who may send as which address, and where the sender's
// copy is kept.

import { canSendAs } from '../directory.js';
import { TenantError } from '../errors.js';
import { checkSmtp, domainOf, isAcceptedDomain, recipientByAddress, resolveRecipient } from '../recipients.js';
import type { Mailbox, TenantData } from '../schema.js';
import { MailFlow, type SubmitInput } from './flow.js';
import type { MailMessage } from './model.js';

/** What a user fills in: the message fields of a submission, with an optional From. */
export type SendInput = Pick<SubmitInput, 'to' | 'cc' | 'bcc' | 'subject' | 'body' | 'bodyIsHtml' | 'encryption' | 'fromIP'> & { from?: string };

/** A recipient given as an SMTP address or a tenant identity (name, alias). */
function recipientAddress(data: TenantData, value: string): string {
  if (value.includes('@')) return checkSmtp(value, 'To');
  const r = resolveRecipient(data, value, ['mailbox', 'group', 'contact']);
  return r.kind === 'contact' ? r.obj.externalEmailAddress : r.obj.primarySmtpAddress;
}

export function sendMessage(data: TenantData, at: Date, caller: Mailbox, input: SendInput): MailMessage {
  const to = input.to.map((x) => recipientAddress(data, x));
  const cc = (input.cc ?? []).map((x) => recipientAddress(data, x));
  const bcc = (input.bcc ?? []).map((x) => recipientAddress(data, x));
  if (to.length + cc.length + bcc.length === 0) {
    throw new TenantError('A message needs at least one recipient (-To, -Cc or -Bcc).', 'InvalidArgument', 'NoRecipients', 'ArgumentException');
  }
  const from = input.from ? checkSmtp(input.from, 'From') : caller.primarySmtpAddress;
  const flow = new MailFlow(data, at);
  const base = { to, cc, bcc, subject: input.subject, body: input.body, bodyIsHtml: input.bodyIsHtml, encryption: input.encryption, fromIP: input.fromIP };

  if (!isAcceptedDomain(data, domainOf(from))) {
    // Mail from the internet into the tenant (a simulation of an inbound message).
    return flow.submit({ ...base, from, submittedBy: null, senderCopy: null });
  }
  const owner = recipientByAddress(data, from);
  if (!owner) throw new TenantError(`The sender address '${from}' doesn't belong to any recipient in the organization.`, 'ObjectNotFound', 'SenderNotFound', 'ManagementObjectNotFoundException');
  if (owner.kind === 'mailbox') {
    if (!canSendAs(data, caller, owner.obj)) {
      throw new TenantError(
        `'${caller.primarySmtpAddress}' doesn't have permission to send as '${from}'. (550 5.7.60 SMTP; Client does not have permissions to send as this sender.)`,
        'PermissionDenied',
        'SendAsDenied',
        'UnauthorizedAccessException',
      );
    }
    // Outlook for Windows keeps mail sent as a shared or delegated mailbox in the sender's own Sent Items.
    return flow.submit({ ...base, from, submittedBy: caller, senderCopy: { mailbox: caller, folder: 'Sent Items' } });
  }
  if (owner.kind === 'group') {
    const group = owner.obj;
    if (!group.members.includes(caller.guid) && !group.managedBy.includes(caller.guid)) {
      throw new TenantError(
        `'${caller.primarySmtpAddress}' can't send on behalf of the group '${from}': only its members and owners can.`,
        'PermissionDenied',
        'SendOnBehalfDenied',
        'UnauthorizedAccessException',
      );
    }
    return flow.submit({ ...base, from, submittedBy: caller, senderCopy: { mailbox: caller, folder: 'Sent Items' } });
  }
  throw new TenantError(`'${from}' is a mail contact; mail can't be sent as a contact.`, 'InvalidArgument', 'SendAsContact', 'ArgumentException');
}
