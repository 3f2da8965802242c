// Mail contacts: New-MailContact and Get-MailContact.

import { defineCmdlet } from '../../shell/cmdlet.js';
import { PSObject } from '../../shell/values.js';
import { createContact } from '../../tenant/directory.js';
import { ambiguous, notFound } from '../../tenant/errors.js';
import { findRecipients, recipientByGuid } from '../../tenant/recipients.js';
import type { MailContact } from '../../tenant/schema.js';
import { EXCHANGE_MODULE, tenantOf } from './common.js';
import { identityParam, pipedGuid, RESULT_SIZE_PARAM, writeLimited } from './mailbox.js';

export const CONTACT_TYPE = 'Microsoft.Exchange.Data.Directory.Management.MailContact';

export function contactObject(c: MailContact): PSObject {
  const created = new Date(c.whenCreated);
  return PSObject.from(
    {
      Name: c.name,
      Alias: c.alias,
      DisplayName: c.displayName,
      ExternalEmailAddress: `SMTP:${c.externalEmailAddress}`,
      PrimarySmtpAddress: c.externalEmailAddress,
      EmailAddresses: [`SMTP:${c.externalEmailAddress}`],
      RecipientType: 'MailContact',
      RecipientTypeDetails: 'MailContact',
      Guid: c.guid,
      Id: c.name,
      Identity: c.name,
      WhenCreated: created,
      WhenCreatedUTC: created,
    },
    CONTACT_TYPE,
  );
}

const CONTACT_VIEW = { typeName: CONTACT_TYPE, kind: 'table' as const, columns: ['Name', 'Alias', 'RecipientType'] };

export const newMailContactCmdlet = defineCmdlet({
  name: 'New-MailContact',
  module: EXCHANGE_MODULE,
  supportsShouldProcess: true,
  synopsis: 'Creates a mail contact: a recipient with an address outside the organization.',
  description:
    'Creates a contact for an external address. The name must be unique among recipients and the address must not belong to another recipient. The alias defaults to the name without spaces.',
  parameters: [
    { name: 'Name', type: 'string', mandatory: true, position: 0, help: 'The unique name of the contact.' },
    { name: 'ExternalEmailAddress', type: 'string', mandatory: true, help: "The contact's external address (x@fabrikam.com or SMTP:x@fabrikam.com)." },
    { name: 'Alias', type: 'string', help: 'The mail nickname.' },
    { name: 'DisplayName', type: 'string', help: 'The name shown in the address book (default: the name).' },
    { name: 'FirstName', type: 'string', help: 'Accepted for compatibility; not stored.' },
    { name: 'LastName', type: 'string', help: 'Accepted for compatibility; not stored.' },
  ],
  examples: [{ code: 'New-MailContact -Name "Chris Ashton" -ExternalEmailAddress chris@tailspintoys.com', remarks: 'Creates a contact.' }],
  views: [CONTACT_VIEW],
  process(ctx, p) {
    const tenant = tenantOf(ctx);
    const name = p.Name;
    if (!ctx.shouldProcess(name, 'New-MailContact')) return;
    const contact = tenant.write((d) =>
      createContact(
        d,
        {
          name,
          externalEmailAddress: p.ExternalEmailAddress,
          alias: p.Alias,
          displayName: p.DisplayName,
        },
        tenant.now(),
      ),
    );
    ctx.write(contactObject(contact));
  },
});

export const getMailContactCmdlet = defineCmdlet({
  name: 'Get-MailContact',
  module: EXCHANGE_MODULE,
  synopsis: 'Gets mail contacts.',
  description:
    'Without -Identity, returns the contacts (the first 1000 unless -ResultSize says otherwise). -Identity takes a name, alias, the external address or the GUID, or a pattern with * wildcards.',
  parameters: [identityParam('The contact: name, alias, external address or GUID; * wildcards allowed.'), RESULT_SIZE_PARAM],
  examples: [{ code: 'Get-MailContact | Format-Table Name,ExternalEmailAddress', remarks: "Every contact's address." }],
  views: [CONTACT_VIEW],
  process(ctx, p, input) {
    const data = tenantOf(ctx).read();
    if (p.Identity === undefined) {
      writeLimited(ctx, p, data.contacts, contactObject);
      return;
    }
    const identity = p.Identity;
    const guid = pipedGuid(input, CONTACT_TYPE, identity);
    const exact = guid ? recipientByGuid(data, guid) : undefined;
    const hits = exact?.kind === 'contact' ? [exact.obj] : findRecipients(data, identity, ['contact'], true).map((r) => r.obj as MailContact);
    if (hits.length === 0) return ctx.writeError(notFound(identity));
    if (hits.length > 1 && !identity.includes('*')) return ctx.writeError(ambiguous(identity));
    writeLimited(ctx, p, hits, contactObject);
  },
});

export const contactCmdlets = [newMailContactCmdlet, getMailContactCmdlet];
