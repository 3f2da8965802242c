// Who may act in a mailbox for the simulation controls and recall cmdlets: its owner,
// a FullAccess delegate, or an Organization Management admin simulating the user.

import { hasFullAccess } from '../../tenant/directory.js';
import { TenantError } from '../../tenant/errors.js';
import { resolveMailbox } from '../../tenant/recipients.js';
import type { Mailbox, TenantData } from '../../tenant/schema.js';

export function mailboxForCaller(data: TenantData, caller: Mailbox, identity: string | undefined): Mailbox {
  const mailbox = identity ? resolveMailbox(data, identity) : caller;
  const isAdmin = data.roleGroups.some((g) => g.name === 'Organization Management' && g.members.includes(caller.guid));
  if (!isAdmin && !hasFullAccess(data, caller, mailbox)) {
    throw new TenantError(`'${caller.primarySmtpAddress}' doesn't have access to the mailbox '${mailbox.primarySmtpAddress}'.`, 'PermissionDenied', 'MailboxAccessDenied', 'UnauthorizedAccessException');
  }
  return mailbox;
}
