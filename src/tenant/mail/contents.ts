// What a user does with their mail in Outlook (simulation controls): read, move; and the
// mailbox contents the admin can list.

import { itemsOf } from './mail-index.js';
import { TenantError } from '../errors.js';
import type { Mailbox, TenantData } from '../schema.js';
import type { MailboxItem } from './model.js';
import { normalizeMessageId } from './ids.js';

export const WELL_KNOWN_FOLDERS = ['Inbox', 'Sent Items', 'Deleted Items', 'Junk Email', 'Drafts', 'Archive'];

export function mailboxItems(data: TenantData, mailbox: Mailbox, options: { folder?: string; includeRecoverable?: boolean } = {}): MailboxItem[] {
  return data.mail.items.filter((i) => {
    if (i.mailbox !== mailbox.guid) return false;
    const recoverable = i.folder.startsWith('Recoverable Items');
    if (recoverable && !options.includeRecoverable) return false;
    if (options.folder && i.folder.toLowerCase() !== options.folder.toLowerCase()) return false;
    return true;
  });
}

export function findItem(data: TenantData, mailbox: Mailbox, messageId: string): MailboxItem {
  const id = normalizeMessageId(messageId);
  const copies = itemsOf(data, id).filter((i) => i.mailbox === mailbox.guid && !i.folder.startsWith('Recoverable Items'));
  const item = copies.find((i) => i.origin !== 'Sent') ?? copies[0];
  if (!item) throw new TenantError(`The message '${id}' wasn't found in the mailbox '${mailbox.primarySmtpAddress}'.`, 'ObjectNotFound', 'MessageNotFound', 'ManagementObjectNotFoundException');
  return item;
}

export function moveItem(item: MailboxItem, folder: string): void {
  const target = folder.replace(/^\\+/, '');
  if (!target || target.startsWith('Recoverable Items')) {
    throw new TenantError(`'${folder}' isn't a folder a user can move messages to.`, 'InvalidArgument', 'InvalidFolder', 'ArgumentException');
  }
  item.folder = target;
}
