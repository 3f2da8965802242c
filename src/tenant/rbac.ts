// Role-based access control as in Exchange Online: role groups hold management roles, and a
// role grants cmdlets. A cmdlet that none of the caller's roles grants is not in the caller's
// session at all (so it is "not recognized"), which is how Exchange Online behaves.

import { notFound, TenantError } from './errors.js';
import { resolveMailbox } from './recipients.js';
import type { Mailbox, RoleGroup, TenantData } from './schema.js';

/** Management roles and the cmdlets they grant (wildcards allowed). */
export const ROLE_CMDLETS: Record<string, string[]> = {
  'Organization Configuration': ['Get-OrganizationConfig', 'Set-OrganizationConfig', '*-AcceptedDomain', '*-TransportRule', '*-TenantClock'],
  'View-Only Configuration': ['Get-*'],
  'View-Only Recipients': [
    'Get-Mailbox',
    'Get-Recipient',
    'Get-DistributionGroup',
    'Get-DistributionGroupMember',
    'Get-MailContact',
    'Get-InboxRule',
    'Get-MailboxPermission',
    'Get-RecipientPermission',
    'Get-AcceptedDomain',
  ],
  'Mail Recipients': ['Get-Mailbox', 'Set-Mailbox', 'Get-Recipient', '*-MailContact', '*-InboxRule', '*-MailboxPermission', '*-RecipientPermission', 'Get-AcceptedDomain'],
  'Mail Recipient Creation': ['New-Mailbox', 'Remove-Mailbox', 'New-MailContact', 'Remove-MailContact'],
  'Distribution Groups': ['*-DistributionGroup', '*-DistributionGroupMember'],
  'Message Tracking': ['Get-MessageTrace', 'Get-MessageTraceDetail', 'Get-MessageTraceV2', 'Get-MessageTraceDetailV2', 'Get-MessageTraceDetailJoined', '*-HistoricalSearch'],
  'Role Management': ['*-RoleGroup', '*-RoleGroupMember'],
  'Transport Hygiene': ['*-QuarantineMessage'],
  /** What every mailbox user has (the default role assignment policy): acting on their own mail. */
  MyBaseOptions: [
    'Send-MailMessage',
    'Get-MailboxMessage',
    'Set-MailboxMessage',
    'Move-MailboxMessage',
    'Invoke-MessageRecall',
    'Get-MessageRecallReport',
    'Get-TenantClock',
    'Connect-ExchangeOnline',
    'Disconnect-ExchangeOnline',
  ],
};

/** The built-in role groups and their roles. */
export const DEFAULT_ROLE_GROUPS: { name: string; description: string; roles: string[] }[] = [
  {
    name: 'Organization Management',
    description: 'Members of this management role group have permissions to manage Exchange objects and their properties in the Exchange organization.',
    roles: Object.keys(ROLE_CMDLETS)
      .filter((r) => r !== 'MyBaseOptions')
      .concat('*'),
  },
  {
    name: 'View-Only Organization Management',
    description: 'Members of this management role group can view recipient and configuration objects and their properties in the Exchange organization.',
    roles: ['View-Only Configuration', 'View-Only Recipients', 'Message Tracking'],
  },
  {
    name: 'Compliance Management',
    description: 'This role group will allow a specified user, responsible for compliance, to properly configure and manage compliance settings within Exchange in accordance with their policy.',
    roles: ['Message Tracking', 'View-Only Configuration', 'View-Only Recipients'],
  },
  {
    name: 'Help Desk',
    description: 'Members of this management role group can view and manage the configuration for individual recipients and view recipients in an Exchange organization.',
    roles: ['View-Only Recipients', 'Message Tracking'],
  },
  {
    name: 'Recipient Management',
    description: 'Members of this management role group have rights to create, manage, and remove Exchange recipient objects in the Exchange organization.',
    roles: ['Mail Recipients', 'Mail Recipient Creation', 'Distribution Groups', 'View-Only Recipients'],
  },
];

function matches(pattern: string, cmdlet: string): boolean {
  const re = new RegExp(
    '^' +
      pattern
        .split('*')
        .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*') +
      '$',
    'i',
  );
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

// ---------- role group membership ----------

/** A role group by name or GUID, else Exchange's not-found error. */
export function resolveRoleGroup(data: TenantData, identity: string): RoleGroup {
  const l = identity.trim().toLowerCase();
  const hit = data.roleGroups.find((g) => g.name.toLowerCase() === l || g.guid.toLowerCase() === l);
  if (!hit) throw notFound(identity);
  return hit;
}

/** Role groups matching an identity with `*` wildcards (Get-RoleGroup). */
export function findRoleGroups(data: TenantData, identity: string): RoleGroup[] {
  if (!identity.includes('*')) return [resolveRoleGroup(data, identity)];
  const re = new RegExp(
    '^' +
      identity
        .trim()
        .split('*')
        .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*') +
      '$',
    'i',
  );
  return data.roleGroups.filter((g) => re.test(g.name));
}

export function addRoleGroupMember(data: TenantData, groupIdentity: string, memberIdentity: string): { group: RoleGroup; member: Mailbox } {
  const group = resolveRoleGroup(data, groupIdentity);
  const member = resolveMailbox(data, memberIdentity);
  if (group.members.includes(member.guid)) {
    throw new TenantError(`The recipient "${member.name}" is already a member of the group "${group.name}".`, 'InvalidArgument', 'MemberAlreadyExistsException', 'MemberAlreadyExistsException');
  }
  group.members.push(member.guid);
  return { group, member };
}

/** The role group that keeps the organization manageable: it may not lose its last member. */
export const ORGANIZATION_MANAGEMENT = 'Organization Management';

export function removeRoleGroupMember(data: TenantData, groupIdentity: string, memberIdentity: string): { group: RoleGroup; member: Mailbox } {
  const group = resolveRoleGroup(data, groupIdentity);
  const member = resolveMailbox(data, memberIdentity);
  if (!group.members.includes(member.guid)) {
    throw new TenantError(`The recipient "${member.name}" isn't a member of the group "${group.name}".`, 'InvalidArgument', 'MemberNotFoundException', 'MemberNotFoundException');
  }
  if (group.name === ORGANIZATION_MANAGEMENT && group.members.length === 1) {
    throw new TenantError(
      `The member "${member.name}" can't be removed from the role group "${group.name}" because it's the group's last member, and the organization would be left without anyone who can manage it.`,
      'InvalidOperation',
      'LastOrganizationManagementMember',
      'InvalidOperationException',
    );
  }
  group.members = group.members.filter((m) => m !== member.guid);
  return { group, member };
}

/** The cmdlet patterns a role grants ('*' for the all-cmdlets role). */
export function cmdletsOfRole(role: string): string[] {
  return role === '*' ? ['*'] : (ROLE_CMDLETS[role] ?? []);
}
