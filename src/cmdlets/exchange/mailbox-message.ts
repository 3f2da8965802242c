// Simulation controls for what a user does in Outlook: list, read and move messages.

import { defineCmdlet, type ParamSpec } from '../../shell/cmdlet.js';
import { formatDate } from '../../shell/convert.js';
import { PSObject } from '../../shell/values.js';
import { mailboxForCaller } from '../../tenant/mail-access.js';
import { findItem, mailboxItems, moveItem } from '../../tenant/mail/contents.js';
import { messageById } from '../../tenant/mail/mail-index.js';
import type { MailboxItem } from '../../tenant/mail/model.js';
import type { Mailbox, TenantData } from '../../tenant/schema.js';
import { EXCHANGE_MODULE, tenantOf } from './common.js';

const TYPE = 'Exosh.MailboxMessage';

function itemObject(data: TenantData, mailbox: Mailbox, item: MailboxItem): PSObject {
  const m = messageById(data, item.messageId);
  return PSObject.from(
    {
      Mailbox: mailbox.primarySmtpAddress,
      MessageId: item.messageId,
      Subject: m?.subject ?? '',
      From: m?.from ?? '',
      Received: new Date(item.received),
      Folder: item.folder,
      IsRead: item.isRead,
      MessageClass: m?.messageClass ?? 'IPM.Note',
      RecallAnnotations: item.recallAttempts.map((t) => `Recall attempted at ${formatDate(new Date(t))}`),
      RetainedForEDiscovery: item.retainedForHold,
      ItemId: item.itemId,
    },
    TYPE,
  );
}

const mailboxParam = {
  name: 'Mailbox',
  type: 'string',
  position: 0,
  fromPipelineByPropertyName: true,
  aliases: ['Identity'],
  help: "The mailbox (default: the caller's own).",
} as const satisfies ParamSpec;
const messageIdParam = {
  name: 'MessageId',
  type: 'string',
  mandatory: true,
  fromPipelineByPropertyName: true,
  help: 'The Internet Message-ID, with or without angle brackets.',
} as const satisfies ParamSpec;

export const getMailboxMessageCmdlet = defineCmdlet({
  name: 'Get-MailboxMessage',
  module: EXCHANGE_MODULE,
  synopsis: 'exosh simulation control: lists the messages in a mailbox, as the user sees them in Outlook.',
  description:
    'Shows each item\'s MessageId, Subject, From, Received, Folder and IsRead; the sender\'s Sent Items copy carries "Recall attempted at ..." for every recall attempt. Recoverable Items (where recall messages and copies kept for eDiscovery go) are shown only with -IncludeRecoverableItems.',
  examples: [
    { code: "Get-MailboxMessage -Mailbox recipient1@contoso.com -Folder 'Junk Email'", remarks: "The messages in recipient1's Junk Email folder." },
    {
      code: 'Get-MailboxMessage -Mailbox recipient3@contoso.com -IncludeRecoverableItems | Format-Table Subject, Folder, RetainedForEDiscovery',
      remarks: 'Also shows the copy kept in Recoverable Items because the mailbox is on hold.',
    },
  ],
  parameters: [
    mailboxParam,
    { name: 'Folder', type: 'string', help: 'Only items in this folder (such as Inbox, Sent Items, Junk Email).' },
    { name: 'IncludeRecoverableItems', type: 'switch', help: 'Also shows items in Recoverable Items.' },
    { name: 'MessageId', type: 'string', help: 'Only the items of this Internet Message-ID.' },
  ],
  views: [{ typeName: TYPE, kind: 'table', columns: ['Received', 'From', 'Subject', 'Folder', 'IsRead'] }],
  process(ctx, p) {
    const tenant = tenantOf(ctx);
    const data = tenant.read();
    const mailbox = mailboxForCaller(data, tenant.caller(), p.Mailbox);
    let items = mailboxItems(data, mailbox, { folder: p.Folder, includeRecoverable: p.IncludeRecoverableItems === true });
    if (p.MessageId) {
      const id = p.MessageId.trim();
      const want = id.startsWith('<') ? id : `<${id}>`;
      items = items.filter((i) => i.messageId === want);
    }
    for (const item of [...items].sort((a, b) => Date.parse(b.received) - Date.parse(a.received))) ctx.write(itemObject(data, mailbox, item));
  },
});

export const setMailboxMessageCmdlet = defineCmdlet({
  name: 'Set-MailboxMessage',
  module: EXCHANGE_MODULE,
  supportsShouldProcess: true,
  synopsis: 'exosh simulation control: the recipient reads (or marks unread) a message.',
  examples: [{ code: 'Get-MailboxMessage -Mailbox admin@contoso.com -Folder Inbox | Set-MailboxMessage -IsRead $true', remarks: "Marks every message in admin's Inbox as read." }],
  parameters: [mailboxParam, messageIdParam, { name: 'IsRead', type: 'bool', mandatory: true, help: '$true marks the item read, $false unread.' }],
  process(ctx, p) {
    const tenant = tenantOf(ctx);
    const data = tenant.read();
    const mailbox = mailboxForCaller(data, tenant.caller(), p.Mailbox);
    const item = findItem(data, mailbox, p.MessageId);
    if (!ctx.shouldProcess(`${mailbox.primarySmtpAddress}\\${item.messageId}`, 'Set-MailboxMessage')) return;
    tenant.write(() => {
      item.isRead = p.IsRead;
    });
  },
});

export const moveMailboxMessageCmdlet = defineCmdlet({
  name: 'Move-MailboxMessage',
  module: EXCHANGE_MODULE,
  supportsShouldProcess: true,
  synopsis: 'exosh simulation control: the user moves a message to another folder.',
  examples: [
    {
      code: "Get-MailboxMessage -Mailbox recipient1@contoso.com -Folder 'Junk Email' | Move-MailboxMessage -TargetFolder Inbox",
      remarks: "Moves the messages in recipient1's Junk Email folder to the Inbox.",
    },
  ],
  parameters: [mailboxParam, messageIdParam, { name: 'TargetFolder', type: 'string', mandatory: true, help: 'The folder to move the item to (such as Inbox or Deleted Items).' }],
  process(ctx, p) {
    const tenant = tenantOf(ctx);
    const data = tenant.read();
    const mailbox = mailboxForCaller(data, tenant.caller(), p.Mailbox);
    const item = findItem(data, mailbox, p.MessageId);
    if (!ctx.shouldProcess(`${mailbox.primarySmtpAddress}\\${item.messageId}`, 'Move-MailboxMessage')) return;
    tenant.write(() => moveItem(item, p.TargetFolder));
  },
});

export const mailboxMessageCmdlets = [getMailboxMessageCmdlet, setMailboxMessageCmdlet, moveMailboxMessageCmdlet];
