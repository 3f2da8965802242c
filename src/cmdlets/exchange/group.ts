// Distribution groups: New-DistributionGroup, Get-DistributionGroup and the membership
// cmdlets (Add-, Remove-, Get-DistributionGroupMember).

import { defineCmdlet, type ParamSpec } from '../../shell/cmdlet.js';
import { PSObject, type PSValue } from '../../shell/values.js';
import { addGroupMember, createGroup, groupMembers, removeGroupMember } from '../../tenant/directory.js';
import { ambiguous, notFound } from '../../tenant/errors.js';
import { findRecipients, recipientByGuid, resolveGroup, type Recipient } from '../../tenant/recipients.js';
import type { DistributionGroup, TenantData } from '../../tenant/schema.js';
import { EXCHANGE_MODULE, tenantOf } from './common.js';
import { CONTACT_TYPE } from './contact.js';
import { identityParam, MAILBOX_TYPE, perItem, pipedGuid, RESULT_SIZE_PARAM, writeLimited } from './mailbox.js';

export const GROUP_TYPE = 'Microsoft.Exchange.Data.Directory.Management.DistributionGroup';
export const REDUCED_RECIPIENT_TYPE = 'Microsoft.Exchange.Data.Directory.Management.ReducedRecipient';

const RECIPIENT_TYPE: Record<Recipient['kind'], string> = { mailbox: 'UserMailbox', group: 'MailUniversalDistributionGroup', contact: 'MailContact' };

/** How a recipient reads in member lists (Get-DistributionGroupMember, Get-RoleGroupMember). */
export function reducedRecipient(r: Recipient): PSObject {
  const o = r.obj;
  const address = r.kind === 'contact' ? r.obj.externalEmailAddress : r.obj.primarySmtpAddress;
  return PSObject.from(
    {
      Name: o.name,
      Alias: o.alias,
      DisplayName: o.displayName,
      PrimarySmtpAddress: address,
      RecipientType: RECIPIENT_TYPE[r.kind],
      RecipientTypeDetails: r.kind === 'mailbox' ? r.obj.type : RECIPIENT_TYPE[r.kind],
      ExternalEmailAddress: r.kind === 'contact' ? `SMTP:${r.obj.externalEmailAddress}` : null,
      Guid: o.guid,
      Identity: o.name,
    },
    REDUCED_RECIPIENT_TYPE,
  );
}

export const REDUCED_RECIPIENT_VIEW = { typeName: REDUCED_RECIPIENT_TYPE, kind: 'table' as const, columns: ['Name', 'RecipientType'] };

function nameOfGuid(data: TenantData, guid: string): string {
  return recipientByGuid(data, guid)?.obj.name ?? guid;
}

export function groupObject(data: TenantData, g: DistributionGroup): PSObject {
  const created = new Date(g.whenCreated);
  return PSObject.from(
    {
      Name: g.name,
      DisplayName: g.displayName,
      Alias: g.alias,
      GroupType: 'Universal',
      PrimarySmtpAddress: g.primarySmtpAddress,
      EmailAddresses: [...g.emailAddresses],
      ManagedBy: g.managedBy.map((m) => nameOfGuid(data, m)),
      RecipientType: 'MailUniversalDistributionGroup',
      RecipientTypeDetails: 'MailUniversalDistributionGroup',
      Guid: g.guid,
      Id: g.name,
      Identity: g.name,
      WhenCreated: created,
      WhenCreatedUTC: created,
    },
    GROUP_TYPE,
  );
}

const GROUP_VIEW = { typeName: GROUP_TYPE, kind: 'table' as const, columns: ['Name', 'DisplayName', 'GroupType', 'PrimarySmtpAddress'] };

/** A group for an identity, exactly from a piped group object when there is one. */
function groupFor(data: TenantData, identity: string, input: PSValue | undefined): DistributionGroup {
  const guid = pipedGuid(input, GROUP_TYPE, identity);
  const exact = guid ? recipientByGuid(data, guid) : undefined;
  return exact?.kind === 'group' ? exact.obj : resolveGroup(data, identity);
}

export const newDistributionGroupCmdlet = defineCmdlet({
  name: 'New-DistributionGroup',
  module: EXCHANGE_MODULE,
  supportsShouldProcess: true,
  synopsis: 'Creates a distribution group.',
  description:
    'Creates a distribution group (GroupType Universal). The alias defaults to the name without spaces; the primary address to alias@<default accepted domain>. -Members adds mailboxes, contacts or groups; -ManagedBy sets the owners (default: the caller, as in Exchange Online).',
  parameters: [
    { name: 'Name', type: 'string', mandatory: true, position: 0, help: 'The unique name of the group.' },
    { name: 'Alias', type: 'string', help: 'The mail nickname; unique among mailboxes and groups.' },
    { name: 'DisplayName', type: 'string', help: 'The name shown in the address book (default: the name).' },
    { name: 'PrimarySmtpAddress', type: 'string', help: "The group's address, in an accepted domain." },
    { name: 'Members', type: 'string[]', help: 'Initial members: mailboxes, contacts or groups.' },
    { name: 'ManagedBy', type: 'string[]', help: 'The owners (mailboxes); default: the caller.' },
    { name: 'Type', type: { enum: ['Distribution'] }, help: 'Distribution (the only type exosh has).' },
  ],
  examples: [{ code: 'New-DistributionGroup -Name "Support" -Members dana,admin', remarks: 'Creates a group with two members.' }],
  views: [GROUP_VIEW],
  process(ctx, p) {
    const tenant = tenantOf(ctx);
    const name = p.Name;
    if (!ctx.shouldProcess(name, 'New-DistributionGroup')) return;
    const managedBy = p.ManagedBy ?? [tenant.caller().guid];
    const group = tenant.write((d) =>
      createGroup(
        d,
        {
          name,
          alias: p.Alias,
          displayName: p.DisplayName,
          primarySmtpAddress: p.PrimarySmtpAddress,
          members: p.Members,
          managedBy,
        },
        tenant.now(),
      ),
    );
    ctx.write(groupObject(tenant.read(), group));
  },
});

export const getDistributionGroupCmdlet = defineCmdlet({
  name: 'Get-DistributionGroup',
  module: EXCHANGE_MODULE,
  synopsis: 'Gets distribution groups.',
  description: 'Without -Identity, returns the groups (the first 1000 unless -ResultSize says otherwise). -Identity takes a name, alias, SMTP address or GUID, or a pattern with * wildcards.',
  parameters: [identityParam('The group: name, alias, SMTP address or GUID; * wildcards allowed.'), RESULT_SIZE_PARAM],
  examples: [{ code: 'Get-DistributionGroup "Recall*"', remarks: 'Groups whose name starts with Recall.' }],
  views: [GROUP_VIEW],
  process(ctx, p, input) {
    const data = tenantOf(ctx).read();
    if (p.Identity === undefined) {
      writeLimited(ctx, p, data.groups, (g) => groupObject(data, g));
      return;
    }
    const identity = p.Identity;
    const guid = pipedGuid(input, GROUP_TYPE, identity);
    const exact = guid ? recipientByGuid(data, guid) : undefined;
    const hits = exact?.kind === 'group' ? [exact.obj] : findRecipients(data, identity, ['group'], true).map((r) => r.obj as DistributionGroup);
    if (hits.length === 0) return ctx.writeError(notFound(identity));
    if (hits.length > 1 && !identity.includes('*')) return ctx.writeError(ambiguous(identity));
    writeLimited(ctx, p, hits, (g) => groupObject(data, g));
  },
});

const memberParam = { name: 'Member', type: 'string', fromPipeline: true, help: 'The member: a mailbox, contact or group (name, alias, SMTP address or GUID).' } as const satisfies ParamSpec;

/** The member identity; a piped mailbox, group or contact object is found by its GUID. */
function memberIdentity(data: TenantData, member: string, input: PSValue | undefined): string {
  for (const type of [MAILBOX_TYPE, GROUP_TYPE, REDUCED_RECIPIENT_TYPE, CONTACT_TYPE]) {
    const guid = pipedGuid(input, type, member);
    if (guid && recipientByGuid(data, guid)) return guid;
  }
  return member;
}

export const addDistributionGroupMemberCmdlet = defineCmdlet({
  name: 'Add-DistributionGroupMember',
  module: EXCHANGE_MODULE,
  supportsShouldProcess: true,
  synopsis: 'Adds a member to a distribution group.',
  description: 'Adds one mailbox, contact or group to the group. Adding a recipient that is already a member is an error, as in Exchange.',
  parameters: [identityParam('The group: name, alias, SMTP address or GUID.', { mandatory: true }), memberParam],
  examples: [{ code: 'Add-DistributionGroupMember -Identity "Recall Testers" -Member dana', remarks: 'Adds a mailbox to the group.' }],
  process(ctx, p, input) {
    const tenant = tenantOf(ctx);
    perItem(ctx, () => {
      const data = tenant.read();
      const group = groupFor(data, p.Identity, input);
      if (p.Member === undefined) return; // as in Exchange, -Member is optional and its absence changes nothing
      const member = memberIdentity(data, p.Member, input);
      if (!ctx.shouldProcess(group.name, `Add-DistributionGroupMember ${p.Member}`)) return;
      tenant.write((d) => addGroupMember(d, group.guid, member));
    });
  },
});

export const removeDistributionGroupMemberCmdlet = defineCmdlet({
  name: 'Remove-DistributionGroupMember',
  module: EXCHANGE_MODULE,
  supportsShouldProcess: true,
  synopsis: 'Removes a member from a distribution group.',
  description: 'Removes one member from the group; a recipient that is not a member is an error.',
  parameters: [identityParam('The group: name, alias, SMTP address or GUID.', { mandatory: true }), memberParam],
  examples: [{ code: 'Remove-DistributionGroupMember -Identity "Recall Testers" -Member recipient1 -Confirm:$false', remarks: 'Removes a member.' }],
  process(ctx, p, input) {
    const tenant = tenantOf(ctx);
    perItem(ctx, () => {
      const data = tenant.read();
      const group = groupFor(data, p.Identity, input);
      if (p.Member === undefined) return;
      const member = memberIdentity(data, p.Member, input);
      if (!ctx.shouldProcess(group.name, `Remove-DistributionGroupMember ${p.Member}`)) return;
      tenant.write((d) => removeGroupMember(d, group.guid, member));
    });
  },
});

export const getDistributionGroupMemberCmdlet = defineCmdlet({
  name: 'Get-DistributionGroupMember',
  module: EXCHANGE_MODULE,
  synopsis: 'Gets the members of a distribution group.',
  description: "Returns the group's members (mailboxes, contacts and groups, not expanded), the first 1000 unless -ResultSize says otherwise.",
  parameters: [identityParam('The group: name, alias, SMTP address or GUID, or a group piped from Get-DistributionGroup.', { mandatory: true }), RESULT_SIZE_PARAM],
  examples: [{ code: 'Get-DistributionGroupMember "Recall Testers" | Select-Object Name,PrimarySmtpAddress', remarks: "Lists the members' addresses." }],
  views: [REDUCED_RECIPIENT_VIEW],
  process(ctx, p, input) {
    const data = tenantOf(ctx).read();
    perItem(ctx, () => {
      const group = groupFor(data, p.Identity, input);
      writeLimited(ctx, p, groupMembers(data, group), reducedRecipient);
    });
  },
});

export const groupCmdlets = [newDistributionGroupCmdlet, getDistributionGroupCmdlet, addDistributionGroupMemberCmdlet, removeDistributionGroupMemberCmdlet, getDistributionGroupMemberCmdlet];
