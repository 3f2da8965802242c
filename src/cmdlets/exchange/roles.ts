// Role-based access: role groups and their members (Get-RoleGroup, Get-, Add-, Remove-RoleGroupMember),
// and the session's caller (Connect-ExchangeOnline, Disconnect-ExchangeOnline).

import { defineCmdlet, type ParamSpec } from '../../shell/cmdlet.js';
import { PSObject, type PSValue } from '../../shell/values.js';
import { TenantError } from '../../tenant/errors.js';
import { addRoleGroupMember, findRoleGroups, removeRoleGroupMember, resolveRoleGroup } from '../../tenant/rbac.js';
import { recipientByGuid } from '../../tenant/recipients.js';
import type { RoleGroup, TenantData } from '../../tenant/schema.js';
import { EXCHANGE_MODULE, tenantOf } from './common.js';
import { REDUCED_RECIPIENT_VIEW, reducedRecipient } from './group.js';
import { MAILBOX_TYPE, pipedGuid, RESULT_SIZE_PARAM, writeLimited } from './mailbox.js';

const ROLE_GROUP_TYPE = 'Microsoft.Exchange.Management.RbacTasks.RoleGroup';

function roleGroupObject(data: TenantData, g: RoleGroup): PSObject {
  const members = g.members.map((m) => recipientByGuid(data, m)?.obj.name ?? m);
  return PSObject.from(
    {
      Name: g.name,
      DisplayName: g.name,
      Description: g.description,
      AssignedRoles: [...g.roles],
      Roles: [...g.roles],
      RoleAssignments: g.roles.map((r) => `${r}-${g.name}`),
      ManagedBy: [],
      Members: members,
      RoleGroupType: 'Standard',
      Capabilities: [],
      Guid: g.guid,
      ExchangeObjectId: g.guid,
      Id: g.name,
      Identity: g.name,
    },
    ROLE_GROUP_TYPE,
  );
}

const ROLE_GROUP_VIEW = {
  typeName: ROLE_GROUP_TYPE,
  kind: 'table' as const,
  columns: [{ label: 'Name', width: 30 }, { label: 'AssignedRoles', width: 30 }, { label: 'RoleAssignments', width: 30 }, { label: 'ManagedBy' }],
};

const roleGroupIdentity = {
  name: 'Identity',
  type: 'string',
  mandatory: true,
  position: 0,
  fromPipeline: true,
  fromPipelineByPropertyName: true,
  help: 'The role group: its name or GUID.',
} as const satisfies ParamSpec;

export const getRoleGroupCmdlet = defineCmdlet({
  name: 'Get-RoleGroup',
  module: EXCHANGE_MODULE,
  synopsis: 'Gets management role groups.',
  description:
    'Lists the role groups with their roles (AssignedRoles) and members. A member of a role group may run every cmdlet its roles grant; see docs/roles.md for which roles grant which cmdlets. -Identity takes a name or GUID (* wildcards allowed).',
  parameters: [{ ...roleGroupIdentity, mandatory: false, fromPipeline: false }, RESULT_SIZE_PARAM],
  examples: [{ code: 'Get-RoleGroup "Help Desk" | Format-List Name,AssignedRoles,Members', remarks: 'What the Help Desk may do, and who is in it.' }],
  views: [ROLE_GROUP_VIEW],
  process(ctx, p) {
    const data = tenantOf(ctx).read();
    const groups = p.Identity !== undefined ? findRoleGroups(data, p.Identity) : data.roleGroups;
    writeLimited(ctx, p, groups, (g) => roleGroupObject(data, g));
  },
});

export const getRoleGroupMemberCmdlet = defineCmdlet({
  name: 'Get-RoleGroupMember',
  module: EXCHANGE_MODULE,
  synopsis: 'Gets the members of a management role group.',
  description: 'Returns the mailboxes that are members of the role group.',
  parameters: [roleGroupIdentity, RESULT_SIZE_PARAM],
  examples: [{ code: 'Get-RoleGroupMember "Organization Management"', remarks: "The organization's administrators." }],
  views: [REDUCED_RECIPIENT_VIEW],
  process(ctx, p) {
    const data = tenantOf(ctx).read();
    const group = resolveRoleGroup(data, p.Identity);
    const members = group.members.map((m) => recipientByGuid(data, m)).filter((r) => r !== undefined);
    writeLimited(ctx, p, members, reducedRecipient);
  },
});

const roleMemberParams = [
  { ...roleGroupIdentity, fromPipeline: false },
  { name: 'Member', type: 'string', mandatory: true, fromPipeline: true, help: 'The mailbox: name, alias, SMTP address, UPN or GUID, or a mailbox piped from Get-Mailbox.' },
  { name: 'BypassSecurityGroupManagerCheck', type: 'switch', help: 'Accepted for compatibility (exosh role groups have no managers).' },
] as const satisfies readonly ParamSpec[];

/** The member identity; a piped mailbox is found exactly by its GUID. */
function memberOf(p: { Member: string }, input: PSValue | undefined): string {
  return pipedGuid(input, MAILBOX_TYPE, p.Member) ?? p.Member;
}

export const addRoleGroupMemberCmdlet = defineCmdlet({
  name: 'Add-RoleGroupMember',
  module: EXCHANGE_MODULE,
  supportsShouldProcess: true,
  synopsis: 'Adds a mailbox to a management role group.',
  description: "The member gets the permissions of the group's roles at once (in Exchange Online, at the member's next connection). Adding a member twice is an error.",
  parameters: roleMemberParams,
  examples: [
    { code: 'Add-RoleGroupMember "Help Desk" -Member dana', remarks: 'Dana joins the Help Desk.' },
    { code: 'Get-Mailbox -RecipientTypeDetails UserMailbox | Add-RoleGroupMember "View-Only Organization Management" -WhatIf', remarks: 'Shows what adding every user would do.' },
  ],
  process(ctx, p, input) {
    const tenant = tenantOf(ctx);
    const group = resolveRoleGroup(tenant.read(), p.Identity);
    if (!ctx.shouldProcess(group.name, `Add-RoleGroupMember ${p.Member}`)) return;
    try {
      tenant.write((d) => addRoleGroupMember(d, group.guid, memberOf(p, input)));
    } catch (e) {
      if (e instanceof TenantError && input !== undefined) ctx.writeError(e);
      else throw e;
    }
  },
});

export const removeRoleGroupMemberCmdlet = defineCmdlet({
  name: 'Remove-RoleGroupMember',
  module: EXCHANGE_MODULE,
  supportsShouldProcess: true,
  synopsis: 'Removes a mailbox from a management role group.',
  description:
    "The member loses the permissions of the group's roles at once. Removing a mailbox that is not a member is an error, and so is removing the last member of Organization Management (exosh would be left without an administrator).",
  parameters: roleMemberParams,
  examples: [{ code: 'Remove-RoleGroupMember "Help Desk" -Member helpdesk -Confirm:$false', remarks: 'Helen Desk leaves the Help Desk.' }],
  process(ctx, p, input) {
    const tenant = tenantOf(ctx);
    const group = resolveRoleGroup(tenant.read(), p.Identity);
    if (!ctx.shouldProcess(group.name, `Remove-RoleGroupMember ${p.Member}`)) return;
    try {
      tenant.write((d) => removeRoleGroupMember(d, group.guid, memberOf(p, input)));
    } catch (e) {
      if (e instanceof TenantError && input !== undefined) ctx.writeError(e);
      else throw e;
    }
  },
});

// ---------- the session's caller ----------

export const connectExchangeOnlineCmdlet = defineCmdlet({
  name: 'Connect-ExchangeOnline',
  module: EXCHANGE_MODULE,
  synopsis: 'Connects as a user of the tenant: the caller for the rest of the session.',
  description:
    'exosh makes no network connection. -UserPrincipalName (any identity of a mailbox) becomes the caller for the rest of the session, so the cmdlets available are those its role groups grant. Without it, the caller stays as it was (--as / EXOSH_USER, an earlier Connect-ExchangeOnline, else the first member of Organization Management). Other sign-in parameters are accepted and ignored.',
  parameters: [
    { name: 'UserPrincipalName', type: 'string', help: 'The user to act as: UPN or any identity of a mailbox.' },
    { name: 'ShowBanner', type: 'switch', help: 'Shows the connection banner (default); -ShowBanner:$false hides it.' },
    { name: 'Organization', type: 'string', help: 'The tenant: its onmicrosoft.com name or an accepted domain; another organization is an error.' },
    { name: 'ShowProgress', type: 'bool', help: 'Accepted for compatibility.' },
    { name: 'Credential', type: 'object', help: 'Accepted for compatibility; not used.' },
    { name: 'AppId', type: 'string', help: 'Accepted for compatibility; not used.' },
    { name: 'CertificateThumbprint', type: 'string', help: 'Accepted for compatibility; not used.' },
    { name: 'DelegatedOrganization', type: 'string', help: 'Accepted for compatibility; not used.' },
    { name: 'Device', type: 'switch', help: 'Accepted for compatibility; not used.' },
    { name: 'ManagedIdentity', type: 'switch', help: 'Accepted for compatibility; not used.' },
    { name: 'SkipLoadingFormatData', type: 'switch', help: 'Accepted for compatibility; not used.' },
  ],
  examples: [{ code: 'Connect-ExchangeOnline -UserPrincipalName helpdesk@contoso.com -ShowBanner:$false', remarks: 'Acts as the help desk user from now on.' }],
  process(ctx, p) {
    const tenant = tenantOf(ctx);
    const data = tenant.read();
    if (p.Organization !== undefined) {
      const org = p.Organization.trim().toLowerCase();
      if (org !== data.organization.name.toLowerCase() && !data.acceptedDomains.some((d) => d.domainName.toLowerCase() === org)) {
        throw new TenantError(
          `The organization '${p.Organization}' isn't this tenant ('${data.organization.name}'). Use --store to open another tenant.`,
          'PermissionDenied',
          'UnknownOrganization',
          'UnauthorizedAccessException',
        );
      }
    }
    let upn: string;
    if (p.UserPrincipalName !== undefined) {
      const who = p.UserPrincipalName;
      try {
        upn = tenant.connect(who).userPrincipalName;
      } catch (e) {
        if (!(e instanceof TenantError)) throw e;
        throw new TenantError(
          `The user '${who}' isn't a user of the tenant '${data.organization.name}': connect with the UserPrincipalName of one of its mailboxes.`,
          'PermissionDenied',
          'UnknownCaller',
          'UnauthorizedAccessException',
        );
      }
    } else {
      upn = tenant.caller().userPrincipalName;
    }
    if (p.ShowBanner === false) return;
    const rule = '-'.repeat(88);
    ctx.writeHost(
      [
        rule,
        `exosh: connected to ${data.organization.name} as ${upn}.`,
        'This is a local emulation of Exchange Online: no network connection was made, and the',
        'cmdlets in this session are the ones the role groups of this user grant (Get-Command).',
        rule,
      ].join('\n'),
    );
  },
});

export const disconnectExchangeOnlineCmdlet = defineCmdlet({
  name: 'Disconnect-ExchangeOnline',
  module: EXCHANGE_MODULE,
  supportsShouldProcess: true,
  synopsis: 'Ends the Exchange Online session.',
  description: "Ends the identity chosen by Connect-ExchangeOnline: the caller is again the one exosh started with (--as / EXOSH_USER, or the tenant's first Organization Management member).",
  parameters: [],
  examples: [{ code: 'Disconnect-ExchangeOnline -Confirm:$false', remarks: 'Ends the session without asking.' }],
  process(ctx) {
    if (!ctx.shouldProcess('Exchange Online', 'Disconnect-ExchangeOnline')) return;
    tenantOf(ctx).disconnect();
  },
});

export const roleCmdlets = [getRoleGroupCmdlet, getRoleGroupMemberCmdlet, addRoleGroupMemberCmdlet, removeRoleGroupMemberCmdlet];
export const connectionCmdlets = [connectExchangeOnlineCmdlet, disconnectExchangeOnlineCmdlet];
