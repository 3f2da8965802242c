// New-Mailbox, Get-Mailbox, Set-Mailbox and Remove-Mailbox, plus what the other directory
// cmdlets share: -ResultSize, and resolving an -Identity that came down the pipeline.

import { defineCmdlet, type CmdletContext, type ParamSpec, type ParamValues } from '../../shell/cmdlet.js';
import { toStr } from '../../shell/convert.js';
import { Hashtable, PSObject, type PSValue } from '../../shell/values.js';
import { createMailbox, deleteMailbox, updateMailbox, type MailboxChanges } from '../../tenant/directory.js';
import { ambiguous, notFound, TenantError } from '../../tenant/errors.js';
import { deterministicGuid } from '../../tenant/ids.js';
import { findRecipients, recipientByGuid, resolveMailbox } from '../../tenant/recipients.js';
import type { Mailbox, MailboxType, TenantData } from '../../tenant/schema.js';
import { EXCHANGE_MODULE, noChangeWarning, tenantOf } from './common.js';

export const MAILBOX_TYPE = 'Microsoft.Exchange.Data.Directory.Management.Mailbox';

// ---------- shared by the directory cmdlets ----------

/** Exchange's default page of results for Get-* cmdlets. */
export const DEFAULT_RESULT_SIZE = 1000;

export const DEFAULT_RESULT_SIZE_WARNING =
  'By default, only the first 1000 items are returned. Use the ResultSize parameter to specify the number of items returned. To return all items, specify "-ResultSize Unlimited". Be aware that, depending upon the actual number of items, returning all items can take a long time and consume a large amount of memory. Also, we don\'t recommend storing the results in a variable. Instead, pipe the results to another task or script to perform batch changes.';

export const MORE_RESULTS_WARNING = 'There are more results available than are currently displayed. To view them, increase the value for the ResultSize parameter.';

function parseResultSize(v: PSValue): number | undefined {
  const s = toStr(v).trim();
  if (/^unlimited$/i.test(s)) return Infinity;
  if (/^\d+$/.test(s) && Number(s) >= 1 && Number(s) <= 4294967295) return Number(s);
  return undefined;
}

export const RESULT_SIZE_PARAM = {
  name: 'ResultSize',
  type: 'string',
  validate: (v) => (parseResultSize(v) === undefined ? `The value "${toStr(v)}" isn't valid for ResultSize. Use a whole number from 1 to 4294967295, or Unlimited.` : undefined),
  help: 'The most objects to return: a number, or Unlimited. The default is 1000.',
} as const satisfies ParamSpec;

/** Writes at most -ResultSize objects, with Exchange's warning when more were available. */
export function writeLimited<T>(ctx: CmdletContext, p: ParamValues, items: Iterable<T>, toObject: (item: T) => PSValue): void {
  const explicit = p.ResultSize !== undefined;
  const limit = p.ResultSize !== undefined ? parseResultSize(p.ResultSize)! : DEFAULT_RESULT_SIZE;
  let n = 0;
  for (const item of items) {
    if (n === limit) {
      ctx.writeWarning(explicit ? MORE_RESULTS_WARNING : DEFAULT_RESULT_SIZE_WARNING);
      return;
    }
    ctx.write(toObject(item));
    n++;
  }
}

/** The pipeline-capable -Identity parameter that Exchange's directory cmdlets take. */
export function identityParam<M extends boolean = false>(help: string, options: { mandatory?: M; position?: number } = {}): IdentitySpec<NoInfer<M>> {
  return { name: 'Identity', type: 'string', mandatory: options.mandatory, position: options.position ?? 0, fromPipeline: true, fromPipelineByPropertyName: true, help } as IdentitySpec<NoInfer<M>>;
}

type IdentitySpec<M extends boolean> = ParamSpec & {
  readonly name: 'Identity';
  readonly type: 'string';
  readonly mandatory: M;
  readonly fromPipeline: true;
  readonly fromPipelineByPropertyName: true;
};

/**
 * The GUID of the object a piped Exchange object stands for, when -Identity was bound from it
 * (Get-Mailbox | Set-Mailbox): the object is then found exactly, as Exchange does, instead of
 * by its name.
 */
export function pipedGuid(input: PSValue | undefined, typeName: string, identity: string, property = 'Identity'): string | undefined {
  if (!(input instanceof PSObject) || !input.typeNames.includes(typeName)) return undefined;
  if (toStr(input.get(property) ?? null) !== identity) return undefined;
  const guid = input.get('Guid');
  return typeof guid === 'string' ? guid : undefined;
}

/** A mailbox for an identity, exactly from a piped mailbox object when there is one. */
export function mailboxFor(data: TenantData, identity: string, input?: PSValue, property = 'Identity'): Mailbox {
  const guid = pipedGuid(input, MAILBOX_TYPE, identity, property);
  if (guid) {
    const r = recipientByGuid(data, guid);
    if (r?.kind === 'mailbox') return r.obj;
  }
  return resolveMailbox(data, identity);
}

/** Runs one pipeline item's work; a domain error becomes a non-terminating error of the cmdlet. */
export function perItem(ctx: CmdletContext, work: () => void): void {
  try {
    work();
  } catch (e) {
    if (e instanceof TenantError) ctx.writeError(e);
    else throw e;
  }
}

/** Exchange's "x GB (n bytes)" quota text. */
export function quotaText(gb: number): string {
  const bytes = BigInt(Math.round(gb * 1024)) * 1024n * 1024n;
  // Digit grouping by hand: Intl at module load would cost every exosh start several ms.
  return `${gb} GB (${bytes.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')} bytes)`;
}

const SEND_QUOTA = quotaText(99);
const SEND_RECEIVE_QUOTA = quotaText(100);
const WARNING_QUOTA = quotaText(98);

/** A mailbox database name in Exchange Online's form (NAMPR01DG001-db001), stable for a mailbox. */
export function databaseOf(guid: string): string {
  const n = parseInt(guid.slice(0, 8), 16);
  const dg = String((n % 999) + 1).padStart(3, '0');
  const db = String((Math.floor(n / 999) % 299) + 1).padStart(3, '0');
  return `NAMPR01DG${dg}-db${db}`;
}

export function mailboxObject(m: Mailbox): PSObject {
  const created = new Date(m.whenCreated);
  const obj = PSObject.from(
    {
      Name: m.name,
      Alias: m.alias,
      DisplayName: m.displayName,
      UserPrincipalName: m.userPrincipalName,
      PrimarySmtpAddress: m.primarySmtpAddress,
      WindowsEmailAddress: m.primarySmtpAddress,
      EmailAddresses: [...m.emailAddresses],
      RecipientType: 'UserMailbox',
      RecipientTypeDetails: m.type,
      IsShared: m.type === 'SharedMailbox',
      LitigationHoldEnabled: m.litigationHoldEnabled,
      ForwardingAddress: null,
      ForwardingSmtpAddress: m.forwardingSmtpAddress ? `smtp:${m.forwardingSmtpAddress}` : null,
      DeliverToMailboxAndForward: m.deliverToMailboxAndForward,
      Database: databaseOf(m.guid),
      ProhibitSendQuota: SEND_QUOTA,
      ProhibitSendReceiveQuota: SEND_RECEIVE_QUOTA,
      IssueWarningQuota: WARNING_QUOTA,
      ExchangeGuid: deterministicGuid(m.guid, 'exchange-guid'),
      ExternalDirectoryObjectId: deterministicGuid(m.guid, 'external-directory-object-id'),
      Guid: m.guid,
      Id: m.name,
      Identity: m.name,
      WhenCreated: created,
      WhenCreatedUTC: created,
      WhenMailboxCreated: created,
    },
    MAILBOX_TYPE,
  );
  return obj;
}

const MAILBOX_VIEW = {
  typeName: MAILBOX_TYPE,
  kind: 'table' as const,
  columns: [{ label: 'Name', width: 25 }, { label: 'Alias', width: 15 }, { label: 'Database', width: 30 }, { label: 'ProhibitSendQuota', width: 20 }, { label: 'ExternalDirectoryObjectId' }],
};

const RECIPIENT_TYPE_DETAILS = [
  'UserMailbox',
  'SharedMailbox',
  'RoomMailbox',
  'EquipmentMailbox',
  'SchedulingMailbox',
  'DiscoveryMailbox',
  'GroupMailbox',
  'TeamMailbox',
  'LinkedMailbox',
  'LinkedRoomMailbox',
  'LegacyMailbox',
] as const;

// ---------- the cmdlets ----------

export const newMailboxCmdlet = defineCmdlet({
  name: 'New-Mailbox',
  module: EXCHANGE_MODULE,
  supportsShouldProcess: true,
  synopsis: 'Creates a user mailbox or a shared mailbox.',
  description:
    'Creates a mailbox in the tenant. The alias defaults to the name without spaces and other characters an alias may not hold; the primary SMTP address defaults to -MicrosoftOnlineServicesID, else alias@<default accepted domain>. Addresses must be in an accepted domain and unused by any recipient; the name must be unique.',
  parameters: [
    { name: 'Name', type: 'string', mandatory: true, position: 0, help: 'The unique name of the mailbox (also its Identity).' },
    { name: 'Alias', type: 'string', help: 'The mail nickname; it must be unique among mailboxes and groups.' },
    { name: 'DisplayName', type: 'string', help: 'The name shown in the address book (default: the name).' },
    { name: 'PrimarySmtpAddress', type: 'string', help: 'The primary return address, in an accepted domain.' },
    { name: 'MicrosoftOnlineServicesID', type: 'string', help: 'The user principal name (user ID) of the account; also the primary address unless -PrimarySmtpAddress is given.' },
    { name: 'Shared', type: 'switch', help: 'Creates a shared mailbox (RecipientTypeDetails SharedMailbox).' },
    { name: 'FirstName', type: 'string', help: 'Accepted for compatibility; not stored.' },
    { name: 'LastName', type: 'string', help: 'Accepted for compatibility; not stored.' },
    { name: 'Password', type: 'object', help: 'Accepted for compatibility; exosh has no sign-in, so it is not stored.' },
    { name: 'ResetPasswordOnNextLogon', type: 'bool', help: 'Accepted for compatibility; not stored.' },
  ],
  examples: [
    { code: 'New-Mailbox -Name "Lynne Robbins" -Alias lynner -MicrosoftOnlineServicesID lynne@contoso.com', remarks: 'Creates a user mailbox.' },
    { code: 'New-Mailbox -Shared -Name "Sales Department" -DisplayName "Sales Department" -Alias salesdept', remarks: 'Creates a shared mailbox.' },
  ],
  views: [MAILBOX_VIEW],
  process(ctx, p) {
    const tenant = tenantOf(ctx);
    const name = p.Name;
    if (!ctx.shouldProcess(name, 'New-Mailbox')) return;
    const mailbox = tenant.write((d) =>
      createMailbox(
        d,
        {
          name,
          alias: p.Alias,
          displayName: p.DisplayName,
          primarySmtpAddress: p.PrimarySmtpAddress,
          userPrincipalName: p.MicrosoftOnlineServicesID,
          shared: p.Shared === true,
        },
        tenant.now(),
      ),
    );
    ctx.write(mailboxObject(mailbox));
  },
});

export const getMailboxCmdlet = defineCmdlet({
  name: 'Get-Mailbox',
  module: EXCHANGE_MODULE,
  synopsis: 'Gets mailboxes and their properties.',
  description:
    "Without -Identity, returns the mailboxes in the tenant (the first 1000 unless -ResultSize says otherwise, with Exchange's warning when more exist). -Identity takes a name, alias, any SMTP address, the user principal name or the GUID, or a pattern with * wildcards; an identity that matches nothing is a (non-terminating) error.",
  parameters: [
    identityParam('The mailbox: name, alias, SMTP address, UPN or GUID; * wildcards allowed.'),
    RESULT_SIZE_PARAM,
    { name: 'RecipientTypeDetails', type: { enum: RECIPIENT_TYPE_DETAILS, array: true }, help: 'Only mailboxes of these types (UserMailbox, SharedMailbox).' },
  ],
  examples: [
    { code: 'Get-Mailbox -ResultSize Unlimited', remarks: 'Every mailbox.' },
    { code: 'Get-Mailbox -RecipientTypeDetails SharedMailbox', remarks: 'The shared mailboxes.' },
    { code: 'Get-Mailbox admin | Format-List Name,EmailAddresses,LitigationHoldEnabled', remarks: "One mailbox's details." },
  ],
  views: [MAILBOX_VIEW],
  process(ctx, p, input) {
    const data = tenantOf(ctx).read();
    const types = p.RecipientTypeDetails;
    const wanted = (m: Mailbox) => !types || types.includes(m.type);
    if (p.Identity === undefined) {
      writeLimited(ctx, p, filtered(data.mailboxes, wanted), mailboxObject);
      return;
    }
    const identity = p.Identity;
    let hits: Mailbox[];
    const guid = pipedGuid(input, MAILBOX_TYPE, identity);
    const exact = guid ? recipientByGuid(data, guid) : undefined;
    if (exact?.kind === 'mailbox') hits = [exact.obj];
    else {
      hits = findRecipients(data, identity, ['mailbox'], true).map((r) => r.obj as Mailbox);
      if (hits.length > 1 && !identity.includes('*')) {
        ctx.writeError(ambiguous(identity));
        return;
      }
    }
    if (hits.length === 0) {
      ctx.writeError(notFound(identity));
      return;
    }
    writeLimited(ctx, p, hits.filter(wanted), mailboxObject);
  },
});

function* filtered<T>(items: T[], keep: (item: T) => boolean): Iterable<T> {
  for (const item of items) if (keep(item)) yield item;
}

/** -EmailAddresses: a list replaces the addresses; @{Add=...; Remove=...} changes them. */
function emailAddressChanges(value: PSValue): NonNullable<MailboxChanges['emailAddresses']> {
  const list = (v: PSValue | undefined) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]).map((x) => toStr(x).trim()).filter((x) => x !== '');
  if (value instanceof Hashtable) {
    const out: NonNullable<MailboxChanges['emailAddresses']> = {};
    for (const [k, v] of value.entries()) {
      const key = toStr(k).toLowerCase();
      if (key === 'add' || key === '+') out.add = [...(out.add ?? []), ...list(v)];
      else if (key === 'remove' || key === '-') out.remove = [...(out.remove ?? []), ...list(v)];
      else
        throw new TenantError(
          `Cannot bind parameter 'EmailAddresses': the hashtable key "${toStr(k)}" isn't valid. Use @{Add="address1","address2"; Remove="address3"}.`,
          'InvalidArgument',
          'ParameterBindingFailed',
          'ParameterBindingException',
        );
    }
    return out;
  }
  return { replace: list(value) };
}

export const setMailboxCmdlet = defineCmdlet({
  name: 'Set-Mailbox',
  module: EXCHANGE_MODULE,
  supportsShouldProcess: true,
  synopsis: 'Changes the settings of a mailbox.',
  description:
    'Changes addresses, litigation hold, forwarding, the display name and the type (-Type Shared or Regular) of a mailbox. -EmailAddresses replaces the whole list ("SMTP:" marks the primary address, "smtp:" the others), or changes it with @{Add="a@contoso.com"; Remove="b@contoso.com"}. -ForwardingSmtpAddress $null stops forwarding. When nothing changes, Exchange\'s warning says so.',
  parameters: [
    identityParam('The mailbox: name, alias, SMTP address, UPN or GUID, or a mailbox piped from Get-Mailbox.', { mandatory: true }),
    { name: 'EmailAddresses', type: 'object', help: 'The proxy addresses: a list replaces them; @{Add=...; Remove=...} adds and removes.' },
    { name: 'LitigationHoldEnabled', type: 'bool', help: 'Places the mailbox on litigation hold ($true) or releases it ($false).' },
    { name: 'ForwardingSmtpAddress', type: 'string', allowNull: true, help: "Forwards the mailbox's mail to this address; $null stops forwarding." },
    { name: 'DeliverToMailboxAndForward', type: 'bool', help: 'Keeps a copy in the mailbox when forwarding ($true) or not ($false).' },
    { name: 'DisplayName', type: 'string', help: 'The name shown in the address book.' },
    { name: 'Type', type: { enum: ['Regular', 'Shared'] }, help: 'Converts the mailbox to a user mailbox (Regular) or a shared mailbox (Shared).' },
  ],
  examples: [
    { code: 'Set-Mailbox dana -EmailAddresses @{Add="dana.delegate@contoso.com"}', remarks: 'Adds a proxy address.' },
    { code: 'Get-Mailbox -ResultSize Unlimited | Set-Mailbox -LitigationHoldEnabled $true', remarks: 'Places every mailbox on litigation hold.' },
    { code: 'Set-Mailbox dana -ForwardingSmtpAddress $null', remarks: 'Stops forwarding.' },
  ],
  process(ctx, p, input) {
    const tenant = tenantOf(ctx);
    perItem(ctx, () => {
      const identity = p.Identity;
      const mailbox = mailboxFor(tenant.read(), identity, input);
      const changes: MailboxChanges = {};
      if (p.EmailAddresses !== undefined) changes.emailAddresses = emailAddressChanges(p.EmailAddresses);
      if (ctx.bound.has('LitigationHoldEnabled')) changes.litigationHoldEnabled = p.LitigationHoldEnabled;
      if (ctx.bound.has('ForwardingSmtpAddress')) changes.forwardingSmtpAddress = p.ForwardingSmtpAddress;
      if (ctx.bound.has('DeliverToMailboxAndForward')) changes.deliverToMailboxAndForward = p.DeliverToMailboxAndForward;
      if (ctx.bound.has('DisplayName')) changes.displayName = p.DisplayName;
      if (!ctx.shouldProcess(mailbox.name, 'Set-Mailbox')) return;
      const changed = tenant.write((d) => {
        let any = updateMailbox(d, mailbox, changes);
        if (ctx.bound.has('Type')) {
          const type: MailboxType = p.Type === 'Shared' ? 'SharedMailbox' : 'UserMailbox';
          if (mailbox.type !== type) {
            mailbox.type = type;
            any = true;
          }
        }
        return any;
      });
      if (!changed) ctx.writeWarning(noChangeWarning(mailbox.name));
    });
  },
});

export const removeMailboxCmdlet = defineCmdlet({
  name: 'Remove-Mailbox',
  module: EXCHANGE_MODULE,
  supportsShouldProcess: true,
  synopsis: 'Removes a mailbox.',
  description:
    'Removes the mailbox and everything that refers to it: its group and role group memberships, group ownership, the mailbox and recipient permissions it holds or grants, and its inbox rules. Exchange Online keeps a removed mailbox soft-deleted for 30 days; exosh removes it at once.',
  parameters: [
    identityParam('The mailbox: name, alias, SMTP address, UPN or GUID, or a mailbox piped from Get-Mailbox.', { mandatory: true }),
    { name: 'Permanent', type: 'bool', help: 'Accepted for compatibility; the removal is always permanent in exosh.' },
  ],
  examples: [{ code: 'Remove-Mailbox -Identity dana -Confirm:$false', remarks: 'Removes the mailbox.' }],
  process(ctx, p, input) {
    const tenant = tenantOf(ctx);
    perItem(ctx, () => {
      const mailbox = mailboxFor(tenant.read(), p.Identity, input);
      if (!ctx.shouldProcess(mailbox.name, 'Remove-Mailbox')) return;
      tenant.write((d) => deleteMailbox(d, mailbox));
    });
  },
});

export const mailboxCmdlets = [newMailboxCmdlet, getMailboxCmdlet, setMailboxCmdlet, removeMailboxCmdlet];
