// Mailbox permissions (FullAccess: Add-, Get-, Remove-MailboxPermission) and recipient
// permissions (SendAs: Add-, Get-, Remove-RecipientPermission).

import { defineCmdlet, type CmdletContext, type ParamSpec } from '../../shell/cmdlet.js';
import { PSObject, type PSValue } from '../../shell/values.js';
import { grantPermission, revokePermission } from '../../tenant/directory.js';
import { TenantError } from '../../tenant/errors.js';
import { recipientByGuid } from '../../tenant/recipients.js';
import type { Mailbox, Permission, TenantData } from '../../tenant/schema.js';
import { EXCHANGE_MODULE, tenantOf } from './common.js';
import { identityParam, mailboxFor, perItem, RESULT_SIZE_PARAM, writeLimited } from './mailbox.js';

export const MAILBOX_PERMISSION_TYPE = 'Microsoft.Exchange.Management.RecipientTasks.MailboxAcePresentationObject';
export const RECIPIENT_PERMISSION_TYPE = 'Microsoft.Exchange.Management.RecipientTasks.RecipientPermission';

/** The entry every mailbox has for its own account (not stored; shown as Exchange shows it). */
export const SELF = 'NT AUTHORITY\\SELF';

const INHERITANCE_TYPES = ['None', 'All', 'Descendents', 'SelfAndChildren', 'Children'] as const;

function mailboxPermissionObject(identity: string, user: string, rights: string[], inheritanceType = 'All'): PSObject {
  return PSObject.from(
    {
      AccessRights: rights,
      Deny: false,
      InheritanceType: inheritanceType,
      User: user,
      Identity: identity,
      IsInherited: false,
      IsValid: true,
      ObjectState: 'Unchanged',
    },
    MAILBOX_PERMISSION_TYPE,
  );
}

function recipientPermissionObject(identity: string, trustee: string, rights: string[]): PSObject {
  return PSObject.from(
    {
      Identity: identity,
      Trustee: trustee,
      AccessControlType: 'Allow',
      AccessRights: rights,
      IsInherited: false,
      InheritanceType: 'None',
      IsValid: true,
      ObjectState: 'Unchanged',
    },
    RECIPIENT_PERMISSION_TYPE,
  );
}

const MAILBOX_PERMISSION_VIEW = {
  typeName: MAILBOX_PERMISSION_TYPE,
  kind: 'table' as const,
  columns: [
    { label: 'Identity', width: 20 },
    { label: 'User', width: 20 },
    { label: 'AccessRights' },
    { label: 'IsInherited', width: 11, align: 'left' as const },
    { label: 'Deny', width: 5, align: 'left' as const },
  ],
};

const RECIPIENT_PERMISSION_VIEW = {
  typeName: RECIPIENT_PERMISSION_TYPE,
  kind: 'table' as const,
  columns: [
    { label: 'Identity', width: 36 },
    { label: 'Trustee', width: 36 },
    { label: 'AccessControlType', width: 17 },
    { label: 'AccessRights', width: 12 },
    { label: 'Inherited', property: 'IsInherited', align: 'left' as const },
  ],
};

function alreadyPresent(mailbox: Mailbox, user: Mailbox): string {
  return `The appropriate access control entry is already present on the object "${mailbox.name}" for account "${user.userPrincipalName}".`;
}

/** Removing an entry that does not exist is a warning in Exchange, not an error. */
function revokeOrWarn(ctx: CmdletContext, run: () => void): void {
  try {
    run();
  } catch (e) {
    if (e instanceof TenantError && e.errorId === 'AceNotFound') ctx.writeWarning(e.message);
    else throw e;
  }
}

function userOf(data: TenantData, guid: string): string {
  const r = recipientByGuid(data, guid);
  return r?.kind === 'mailbox' ? r.obj.userPrincipalName : guid;
}

function grantsOn(data: TenantData, mailbox: Mailbox, right: Permission['accessRight'], user?: Mailbox): Permission[] {
  return data.permissions.filter((x) => x.mailbox === mailbox.guid && x.accessRight === right && (!user || x.user === user.guid));
}

// ---------- mailbox permissions ----------

const mailboxIdentity = <const M extends boolean>(mandatory: M) => identityParam('The mailbox: name, alias, SMTP address, UPN or GUID, or a mailbox piped from Get-Mailbox.', { mandatory });

const userParam = <M extends boolean>(mandatory: M) =>
  ({ name: 'User', type: 'string', mandatory: mandatory as NoInfer<M>, fromPipelineByPropertyName: true, help: 'The mailbox user who holds (or gets) the permission.' }) as const satisfies ParamSpec;

const fullAccessRights = {
  name: 'AccessRights',
  type: { enum: ['FullAccess'], array: true },
  mandatory: true,
  fromPipelineByPropertyName: true,
  help: 'FullAccess (the only mailbox right exosh keeps).',
} as const satisfies ParamSpec;

export const addMailboxPermissionCmdlet = defineCmdlet({
  name: 'Add-MailboxPermission',
  module: EXCHANGE_MODULE,
  supportsShouldProcess: true,
  synopsis: 'Grants a user FullAccess to a mailbox.',
  description:
    "Grants FullAccess: the user can open the mailbox and act in it (for example recall messages from its Sent Items). Granting an entry that already exists writes Exchange's warning and changes nothing.",
  parameters: [
    mailboxIdentity(true),
    userParam(true),
    fullAccessRights,
    { name: 'InheritanceType', type: { enum: INHERITANCE_TYPES }, help: 'Shown on the output; exosh grants on the whole mailbox (All).' },
    { name: 'AutoMapping', type: 'bool', help: 'Accepted for compatibility (Outlook auto-mapping has no meaning in exosh).' },
  ],
  examples: [
    {
      code: 'Add-MailboxPermission -Identity sales -User helpdesk -AccessRights FullAccess -InheritanceType All -AutoMapping $false',
      remarks: 'Gives Helen Desk full access to the Sales Team mailbox.',
    },
  ],
  views: [MAILBOX_PERMISSION_VIEW],
  process(ctx, p, input) {
    const tenant = tenantOf(ctx);
    perItem(ctx, () => {
      const data = tenant.read();
      const mailbox = mailboxFor(data, p.Identity, input);
      if (!ctx.shouldProcess(mailbox.name, `Add-MailboxPermission ${p.User} FullAccess`)) return;
      const r = tenant.write((d) => grantPermission(d, mailbox.guid, p.User, 'FullAccess', tenant.now()));
      if (r.existed) ctx.writeWarning(alreadyPresent(mailbox, r.user));
      else ctx.write(mailboxPermissionObject(mailbox.name, r.user.userPrincipalName, ['FullAccess'], p.InheritanceType ?? 'All'));
    });
  },
});

export const getMailboxPermissionCmdlet = defineCmdlet({
  name: 'Get-MailboxPermission',
  module: EXCHANGE_MODULE,
  synopsis: 'Gets the permissions on a mailbox.',
  description: `Lists the mailbox's own entry (${SELF}, {FullAccess, ReadPermission}) and every FullAccess grant. -User shows only that user's entries.`,
  parameters: [mailboxIdentity(true), userParam(false)],
  examples: [{ code: 'Get-MailboxPermission sales | Where-Object { $_.User -ne "NT AUTHORITY\\SELF" }', remarks: 'Who has full access to the Sales mailbox.' }],
  views: [MAILBOX_PERMISSION_VIEW],
  process(ctx, p, input) {
    const data = tenantOf(ctx).read();
    perItem(ctx, () => {
      const mailbox = mailboxFor(data, p.Identity, input);
      const user = p.User !== undefined ? mailboxFor(data, p.User) : undefined;
      if (!user) ctx.write(mailboxPermissionObject(mailbox.name, SELF, ['FullAccess', 'ReadPermission']));
      for (const g of grantsOn(data, mailbox, 'FullAccess', user)) ctx.write(mailboxPermissionObject(mailbox.name, userOf(data, g.user), ['FullAccess']));
    });
  },
});

export const removeMailboxPermissionCmdlet = defineCmdlet({
  name: 'Remove-MailboxPermission',
  module: EXCHANGE_MODULE,
  supportsShouldProcess: true,
  synopsis: "Removes a user's FullAccess to a mailbox.",
  description: "Removes the grant; removing one that does not exist writes Exchange's warning. Entries piped from Get-MailboxPermission bind -Identity, -User and -AccessRights by name.",
  parameters: [mailboxIdentity(true), userParam(true), fullAccessRights, { name: 'InheritanceType', type: { enum: INHERITANCE_TYPES }, help: 'Accepted for compatibility.' }],
  examples: [{ code: 'Remove-MailboxPermission -Identity sales -User dana -AccessRights FullAccess -Confirm:$false', remarks: "Removes Dana's full access to the Sales Team mailbox." }],
  process(ctx, p, input) {
    const tenant = tenantOf(ctx);
    perItem(ctx, () => {
      const mailbox = mailboxFor(tenant.read(), p.Identity, input);
      if (!ctx.shouldProcess(mailbox.name, `Remove-MailboxPermission ${p.User} FullAccess`)) return;
      revokeOrWarn(ctx, () => tenant.write((d) => revokePermission(d, mailbox.guid, p.User, 'FullAccess')));
    });
  },
});

// ---------- recipient permissions ----------

const trusteeParam = <M extends boolean>(mandatory: M) =>
  ({ name: 'Trustee', type: 'string', mandatory: mandatory as NoInfer<M>, fromPipelineByPropertyName: true, help: 'The mailbox user who holds (or gets) SendAs.' }) as const satisfies ParamSpec;

const sendAsRights = <M extends boolean>(mandatory: M) =>
  ({
    name: 'AccessRights',
    type: { enum: ['SendAs'], array: true },
    mandatory: mandatory as NoInfer<M>,
    fromPipelineByPropertyName: true,
    help: 'SendAs (the only recipient permission).',
  }) as const satisfies ParamSpec;

export const addRecipientPermissionCmdlet = defineCmdlet({
  name: 'Add-RecipientPermission',
  module: EXCHANGE_MODULE,
  supportsShouldProcess: true,
  synopsis: 'Grants a user SendAs on a mailbox.',
  description: "Grants SendAs: the trustee can send mail that appears to come from the mailbox. Granting an entry that already exists writes Exchange's warning and changes nothing.",
  parameters: [identityParam('The mailbox: name, alias, SMTP address, UPN or GUID.', { mandatory: true }), trusteeParam(true), sendAsRights(true)],
  examples: [{ code: 'Add-RecipientPermission -Identity sales -Trustee helpdesk -AccessRights SendAs -Confirm:$false', remarks: 'Helen Desk may send as the Sales Team mailbox.' }],
  views: [RECIPIENT_PERMISSION_VIEW],
  process(ctx, p, input) {
    const tenant = tenantOf(ctx);
    perItem(ctx, () => {
      const mailbox = mailboxFor(tenant.read(), p.Identity, input);
      if (!ctx.shouldProcess(mailbox.name, `Add-RecipientPermission ${p.Trustee} SendAs`)) return;
      const r = tenant.write((d) => grantPermission(d, mailbox.guid, p.Trustee, 'SendAs', tenant.now()));
      if (r.existed) ctx.writeWarning(alreadyPresent(mailbox, r.user));
      else ctx.write(recipientPermissionObject(mailbox.name, r.user.userPrincipalName, ['SendAs']));
    });
  },
});

export const getRecipientPermissionCmdlet = defineCmdlet({
  name: 'Get-RecipientPermission',
  module: EXCHANGE_MODULE,
  synopsis: 'Gets SendAs permissions.',
  description: `With -Identity, the mailbox's own entry (${SELF}) and its SendAs grants; without it, every SendAs grant in the tenant (the first 1000 unless -ResultSize says otherwise). -Trustee shows only that user's grants.`,
  parameters: [identityParam('The mailbox: name, alias, SMTP address, UPN or GUID.'), trusteeParam(false), sendAsRights(false), RESULT_SIZE_PARAM],
  examples: [{ code: 'Get-RecipientPermission -Trustee dana', remarks: 'The mailboxes Dana may send as.' }],
  views: [RECIPIENT_PERMISSION_VIEW],
  process(ctx, p, input) {
    const data = tenantOf(ctx).read();
    perItem(ctx, () => {
      const trustee = p.Trustee !== undefined ? mailboxFor(data, p.Trustee) : undefined;
      if (p.Identity === undefined) {
        const grants = data.permissions.filter((x) => x.accessRight === 'SendAs' && (!trustee || x.user === trustee.guid));
        writeLimited(ctx, p, grants, (g) => recipientPermissionObject(recipientByGuid(data, g.mailbox)?.obj.name ?? g.mailbox, userOf(data, g.user), ['SendAs']));
        return;
      }
      const mailbox = mailboxFor(data, p.Identity, input);
      const entries: PSValue[] = [];
      if (!trustee) entries.push(recipientPermissionObject(mailbox.name, SELF, ['SendAs']));
      for (const g of grantsOn(data, mailbox, 'SendAs', trustee)) entries.push(recipientPermissionObject(mailbox.name, userOf(data, g.user), ['SendAs']));
      writeLimited(ctx, p, entries, (e) => e);
    });
  },
});

export const removeRecipientPermissionCmdlet = defineCmdlet({
  name: 'Remove-RecipientPermission',
  module: EXCHANGE_MODULE,
  supportsShouldProcess: true,
  synopsis: "Removes a user's SendAs on a mailbox.",
  description: "Removes the grant; removing one that does not exist writes Exchange's warning.",
  parameters: [identityParam('The mailbox: name, alias, SMTP address, UPN or GUID.', { mandatory: true }), trusteeParam(true), sendAsRights(true)],
  examples: [{ code: 'Remove-RecipientPermission -Identity sales -Trustee dana -AccessRights SendAs -Confirm:$false', remarks: 'Dana may no longer send as the Sales Team mailbox.' }],
  process(ctx, p, input) {
    const tenant = tenantOf(ctx);
    perItem(ctx, () => {
      const mailbox = mailboxFor(tenant.read(), p.Identity, input);
      if (!ctx.shouldProcess(mailbox.name, `Remove-RecipientPermission ${p.Trustee} SendAs`)) return;
      revokeOrWarn(ctx, () => tenant.write((d) => revokePermission(d, mailbox.guid, p.Trustee, 'SendAs')));
    });
  },
});

export const permissionCmdlets = [
  addMailboxPermissionCmdlet,
  getMailboxPermissionCmdlet,
  removeMailboxPermissionCmdlet,
  addRecipientPermissionCmdlet,
  getRecipientPermissionCmdlet,
  removeRecipientPermissionCmdlet,
];
