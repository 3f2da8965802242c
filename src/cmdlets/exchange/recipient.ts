// Get-Recipient: every kind of recipient (mailboxes, groups, contacts) in one list.

import { defineCmdlet } from '../../shell/cmdlet.js';
import { PSObject } from '../../shell/values.js';
import { ambiguous, notFound } from '../../tenant/errors.js';
import { allRecipients, findRecipients, type Recipient, type RecipientKind } from '../../tenant/recipients.js';
import { EXCHANGE_MODULE, tenantOf } from './common.js';
import { identityParam, RESULT_SIZE_PARAM, writeLimited } from './mailbox.js';

const TYPE = 'Microsoft.Exchange.Data.Directory.Management.ReducedRecipient';

const RECIPIENT_TYPES = ['UserMailbox', 'MailUniversalDistributionGroup', 'MailContact'] as const;

function typeOf(r: Recipient): { type: string; details: string } {
  switch (r.kind) {
    case 'mailbox':
      return { type: 'UserMailbox', details: r.obj.type };
    case 'group':
      return { type: 'MailUniversalDistributionGroup', details: 'MailUniversalDistributionGroup' };
    case 'contact':
      return { type: 'MailContact', details: 'MailContact' };
  }
}

function recipientObject(r: Recipient): PSObject {
  const { type, details } = typeOf(r);
  const primary = r.kind === 'contact' ? r.obj.externalEmailAddress : r.obj.primarySmtpAddress;
  return PSObject.from(
    {
      Name: r.obj.name,
      RecipientType: type,
      RecipientTypeDetails: details,
      Alias: r.obj.alias,
      DisplayName: r.obj.displayName,
      PrimarySmtpAddress: primary,
      EmailAddresses: r.kind === 'contact' ? [`SMTP:${primary}`] : [...r.obj.emailAddresses],
      ExternalEmailAddress: r.kind === 'contact' ? `SMTP:${primary}` : null,
      Guid: r.obj.guid,
      Identity: r.obj.name,
      WhenCreated: new Date(r.obj.whenCreated),
    },
    TYPE,
  );
}

const KIND_OF: Record<string, RecipientKind> = { UserMailbox: 'mailbox', MailUniversalDistributionGroup: 'group', MailContact: 'contact' };

export const getRecipientCmdlet = defineCmdlet({
  name: 'Get-Recipient',
  module: EXCHANGE_MODULE,
  synopsis: 'Gets the recipients of the organization: mailboxes, distribution groups and mail contacts.',
  description:
    'Without -Identity, lists every recipient (the first 1000 unless -ResultSize says otherwise). -Identity takes a name, alias, SMTP address or GUID, or a pattern with * wildcards. -RecipientType narrows the kinds.',
  parameters: [
    identityParam('The recipient: name, alias, SMTP address or GUID; * wildcards allowed.'),
    { name: 'RecipientType', type: { enum: RECIPIENT_TYPES, array: true }, help: 'Only these kinds: UserMailbox, MailUniversalDistributionGroup, MailContact.' },
    RESULT_SIZE_PARAM,
  ],
  views: [
    {
      typeName: TYPE,
      kind: 'table',
      columns: [
        { label: 'Name', width: 30 },
        { label: 'RecipientType', width: 30 },
      ],
    },
  ],
  examples: [{ code: 'Get-Recipient -RecipientType MailContact', remarks: 'The external contacts.' }],
  process(ctx, p) {
    const data = tenantOf(ctx).read();
    const kinds = (p.RecipientType ?? [...RECIPIENT_TYPES]).map((t) => KIND_OF[t]);
    if (p.Identity === undefined) {
      writeLimited(ctx, p, allRecipients(data, kinds), recipientObject);
      return;
    }
    const identity = p.Identity;
    const hits = findRecipients(data, identity, kinds, true);
    if (hits.length > 1 && !identity.includes('*')) {
      ctx.writeError(ambiguous(identity));
      return;
    }
    if (hits.length === 0) {
      ctx.writeError(notFound(identity));
      return;
    }
    writeLimited(ctx, p, hits, recipientObject);
  },
});

export const recipientCmdlets = [getRecipientCmdlet];
