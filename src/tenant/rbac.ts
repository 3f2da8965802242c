// Role-based access control as in Exchange Online: role groups hold management roles, and a
// role grants cmdlets. A cmdlet that none of the caller's roles grants is not in the caller's
// session at all (so it is "not recognized"), which is how Exchange Online behaves.

import type { RoleGroup, TenantData } from './schema.js';

/** Management roles and the cmdlets they grant (wildcards allowed). */
export const ROLE_CMDLETS: Record<string, string[]> = {
  'Organization Configuration': ['Get-OrganizationConfig', 'Set-OrganizationConfig', '*-AcceptedDomain', '*-TransportRule', '*-TenantClock'],
  'View-Only Configuration': ['Get-*'],
  'View-Only Recipients': ['Get-Mailbox', 'Get-Recipient', 'Get-DistributionGroup', 'Get-DistributionGroupMember', 'Get-MailContact', 'Get-InboxRule', 'Get-MailboxPermission', 'Get-RecipientPermission', 'Get-AcceptedDomain'],
  'Mail Recipients': ['Get-Mailbox', 'Set-Mailbox', 'Get-Recipient', '*-MailContact', '*-InboxRule', '*-MailboxPermission', '*-RecipientPermission', 'Get-AcceptedDomain'],
  'Mail Recipient Creation': ['New-Mailbox', 'Remove-Mailbox', 'New-MailContact', 'Remove-MailContact'],
  'Distribution Groups': ['*-DistributionGroup', '*-DistributionGroupMember'],
  'Message Tracking': ['Get-MessageTrace', 'Get-MessageTraceDetail', 'Get-MessageTraceV2', 'Get-MessageTraceDetailV2', 'Get-MessageTraceDetailJoined', '*-HistoricalSearch'],
  'Role Management': ['*-RoleGroup', '*-RoleGroupMember'],
  'Transport Hygiene': ['*-QuarantineMessage'],
  /** What every mailbox user has (the default role assignment policy): acting on their own mail. */
  MyBaseOptions: ['Send-MailMessage', 'Get-MailboxMessage', 'Set-MailboxMessage', 'Move-MailboxMessage', 'Invoke-MessageRecall', 'Get-MessageRecallReport', 'Get-TenantClock', 'Connect-ExchangeOnline', 'Disconnect-ExchangeOnline'],
};

/** The built-in role groups and their roles. */
export const DEFAULT_ROLE_GROUPS: { name: string; description: string; roles: string[] }[] = [
  { name: 'Organization Management', description: 'Members of this management role group have permissions to manage Exchange objects and their properties in the Exchange organization.', roles: Object.keys(ROLE_CMDLETS).filter((r) => r !== 'MyBaseOptions').concat('*') },
  { name: 'View-Only Organization Management', description: 'Members of this management role group can view recipient and configuration objects and their properties in the Exchange organization.', roles: ['View-Only Configuration', 'View-Only Recipients', 'Message Tracking'] },
  { name: 'Compliance Management', description: 'This role group will allow a specified user, responsible for compliance, to properly configure and manage compliance settings within Exchange in accordance with their policy.', roles: ['Message Tracking', 'View-Only Configuration', 'View-Only Recipients'] },
  { name: 'Help Desk', description: 'Members of this management role group can view and manage the configuration for individual recipients and view recipients in an Exchange organization.', roles: ['View-Only Recipients', 'Message Tracking'] },
  { name: 'Recipient Management', description: 'Members of this management role group have rights to create, manage, and remove Exchange recipient objects in the Exchange organization.', roles: ['Mail Recipients', 'Mail Recipient Creation', 'Distribution Groups', 'View-Only Recipients'] },
];

function matches(pattern: string, cmdlet: string): boolean {
  const re = new RegExp('^' + pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$', 'i');
  return re.test(cmdlet);
}

export function roleGroupsOf(data: TenantData, mailboxGuid: string): RoleGroup[] {
  return data.roleGroups.filter((g) => g.members.includes(mailboxGuid));
}

/** Whether the caller's roles grant the cmdlet. The role '*' grants every cmdlet. */
export function canRun(data: TenantData, mailboxGuid: string | undefined, cmdlet: string): boolean {
  const roles = new Set<string>(['MyBaseOptions']);
  if (mailboxGuid) for (const g of roleGroupsOf(data, mailboxGuid)) for (const r of g.roles) roles.add(r);
  if (roles.has('*')) return true;
  for (const r of roles) if ((ROLE_CMDLETS[r] ?? []).some((p) => matches(p, cmdlet))) return true;
  return false;
}
