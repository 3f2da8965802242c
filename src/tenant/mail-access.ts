// Who may act in a mailbox for the simulation controls and recall cmdlets: its owner,
// a FullAccess delegate, or an Organization Management admin simulating the user.

import { hasFullAccess } from './directory.js';
import { TenantError } from './errors.js';
import { resolveMailbox } from './recipients.js';
import type { Mailbox, TenantData } from './schema.js';

/** Whether the caller is a member of the Organization Management role group. */
export function isOrganizationAdmin(data: TenantData, caller: Mailbox): boolean {
  return data.roleGroups.some((g) => g.name === 'Organization Management' && g.members.includes(caller.guid));
}

/**
 * The mailbox the caller means (`identity`, or their own), when the caller may act in it:
 * its owner, a FullAccess delegate, or an Organization Management admin. Otherwise the
 * Exchange access-denied error.
 */
export function mailboxForCaller(data: TenantData, caller: Mailbox, identity: string | undefined): Mailbox {
  const mailbox = identity ? resolveMailbox(data, identity) : caller;
  if (!isOrganizationAdmin(data, caller) && !hasFullAccess(data, caller, mailbox)) {
    throw new TenantError(
      `'${caller.primarySmtpAddress}' doesn't have access to the mailbox '${mailbox.primarySmtpAddress}'.`,
      'PermissionDenied',
      'MailboxAccessDenied',
      'UnauthorizedAccessException',
    );
  }
  return mailbox;
}
