// Transport rules, quarantine, and the simulation control for a mailbox that can't take mail.

import { defineCmdlet } from '../../shell/cmdlet.js';
import { PSObject } from '../../shell/values.js';
import { createTransportRule, findQuarantined, findTransportRule, releaseQuarantined, removeTransportRule, setMailboxAvailability } from '../../tenant/mail/hygiene.js';
import type { QuarantineEntry, TransportRule } from '../../tenant/mail/model.js';
import { resolveMailbox } from '../../tenant/recipients.js';
import { EXCHANGE_MODULE, tenantOf } from './common.js';

const RULE_TYPE = 'Microsoft.Exchange.MessagingPolicies.Rules.Tasks.Rule';
const QUARANTINE_TYPE = 'Microsoft.Exchange.Management.FfoQuarantine.QuarantineMessage';

function ruleObject(r: TransportRule): PSObject {
  const conditions = [
    r.subjectContainsWords.length ? `If the subject includes '${r.subjectContainsWords.join("' or '")}'` : '',
    r.from.length ? `If the message is received from '${r.from.join("' or '")}'` : '',
  ].filter(Boolean);
  const actions = [r.setSCL !== null ? `Set the spam confidence level (SCL) to '${r.setSCL}'` : '', r.quarantine ? 'Deliver the message to the hosted quarantine' : ''].filter(Boolean);
  return PSObject.from(
    {
      Name: r.name,
      State: r.state,
      Mode: 'Enforce',
      Priority: r.priority,
      Guid: r.guid,
      Identity: r.name,
      SubjectContainsWords: r.subjectContainsWords,
      From: r.from,
      SetSCL: r.setSCL,
      Quarantine: r.quarantine,
      Description: `${conditions.join('\nand ')}\nTake the following actions:\n${actions.join('\nand ')}`,
      WhenChanged: new Date(r.whenCreated),
    },
    RULE_TYPE,
  );
}

export const newTransportRuleCmdlet = defineCmdlet({
  name: 'New-TransportRule',
  module: EXCHANGE_MODULE,
  supportsShouldProcess: true,
  synopsis: 'Creates a mail flow (transport) rule: spam to Junk Email (-SetSCL) or hold in quarantine (-Quarantine $true).',
  examples: [
    { code: "New-TransportRule 'Quarantine wire transfers' -SubjectContainsWords 'wire transfer' -Quarantine $true", remarks: 'Holds messages whose subject contains "wire transfer" in quarantine.' },
    { code: "New-TransportRule 'Junk offers' -From offers@fabrikam.com -SetSCL 6", remarks: 'Delivers mail from offers@fabrikam.com to Junk Email.' },
  ],
  parameters: [
    { name: 'Name', type: 'string', mandatory: true, position: 0, help: 'A unique name for the rule.' },
    { name: 'SubjectContainsWords', type: 'string[]', help: 'The rule applies to messages whose subject contains one of these words.' },
    { name: 'From', type: 'string[]', help: 'The rule applies to messages from these senders.' },
    { name: 'SetSCL', type: 'int', range: [-1, 9], help: 'Spam confidence level: 5 to 9 deliver to Junk Email (Filtered as spam); -1 bypasses.' },
    { name: 'Quarantine', type: 'bool', help: '$true holds matching messages in hosted quarantine.' },
    { name: 'Priority', type: 'int', range: [0, 1000], help: 'Order among the rules: 0 is evaluated first (default: after the existing rules).' },
  ],
  views: [{ typeName: RULE_TYPE, kind: 'table', columns: ['Name', 'State', 'Mode', 'Priority', 'Comments'] }],
  process(ctx, p) {
    const tenant = tenantOf(ctx);
    if (!ctx.shouldProcess(p.Name, 'New-TransportRule')) return;
    const now = tenant.now();
    const rule = tenant.write((d) =>
      createTransportRule(
        d,
        {
          name: p.Name,
          subjectContainsWords: p.SubjectContainsWords,
          from: p.From,
          setSCL: p.SetSCL,
          quarantine: p.Quarantine,
          priority: p.Priority,
        },
        now,
      ),
    );
    ctx.write(ruleObject(rule));
  },
});

export const getTransportRuleCmdlet = defineCmdlet({
  name: 'Get-TransportRule',
  module: EXCHANGE_MODULE,
  synopsis: 'Lists mail flow (transport) rules.',
  examples: [{ code: "Get-TransportRule 'Junk cheap offers' | Format-List", remarks: "Shows the rule's conditions and actions." }],
  parameters: [{ name: 'Identity', type: 'string', position: 0, help: 'The rule (name or GUID); all rules when omitted.' }],
  process(ctx, p) {
    const data = tenantOf(ctx).read();
    const rules = p.Identity ? [findTransportRule(data, p.Identity)] : [...data.mail.transportRules].sort((a, b) => a.priority - b.priority);
    for (const r of rules) ctx.write(ruleObject(r));
  },
});

export const removeTransportRuleCmdlet = defineCmdlet({
  name: 'Remove-TransportRule',
  module: EXCHANGE_MODULE,
  supportsShouldProcess: true,
  synopsis: 'Removes a mail flow (transport) rule.',
  examples: [{ code: "Remove-TransportRule 'Junk cheap offers'", remarks: 'Removes the rule; the rules after it move up one priority.' }],
  parameters: [{ name: 'Identity', type: 'string', mandatory: true, position: 0, fromPipelineByPropertyName: true, help: 'The rule to remove (name or GUID).' }],
  process(ctx, p) {
    const tenant = tenantOf(ctx);
    const rule = findTransportRule(tenant.read(), p.Identity);
    if (!ctx.shouldProcess(rule.name, 'Remove-TransportRule')) return;
    tenant.write((d) => removeTransportRule(d, rule));
  },
});

function quarantineObject(q: QuarantineEntry): PSObject {
  return PSObject.from(
    {
      Identity: q.identity,
      ReceivedTime: new Date(q.receivedTime),
      SenderAddress: q.senderAddress,
      RecipientAddress: [q.recipient],
      Subject: q.subject,
      Type: 'Transport rule',
      QuarantineTypes: q.quarantineTypes,
      ReleaseStatus: q.released ? 'RELEASED' : 'NOTRELEASED',
      Released: q.released,
      Expires: new Date(q.expires),
      MessageId: q.messageId,
    },
    QUARANTINE_TYPE,
  );
}

export const getQuarantineMessageCmdlet = defineCmdlet({
  name: 'Get-QuarantineMessage',
  module: EXCHANGE_MODULE,
  synopsis: 'Lists messages held in quarantine.',
  examples: [{ code: 'Get-QuarantineMessage -ReleaseStatus NotReleased', remarks: 'The quarantined messages that have not been released.' }],
  parameters: [
    { name: 'Identity', type: 'string', position: 0, help: 'One quarantined message (as Identity shows it: <GUID>\\<recipient>).' },
    { name: 'RecipientAddress', type: 'string[]', help: 'Only messages sent to these addresses.' },
    { name: 'SenderAddress', type: 'string[]', help: 'Only messages from these senders.' },
    { name: 'ReleaseStatus', type: { enum: ['NotReleased', 'Released'] }, help: 'Only messages that are (Released) or are not yet (NotReleased) released.' },
  ],
  views: [{ typeName: QUARANTINE_TYPE, kind: 'table', columns: ['ReceivedTime', 'Type', 'SenderAddress', 'Subject', 'ReleaseStatus'] }],
  process(ctx, p) {
    const data = tenantOf(ctx).read();
    const lower = (x: unknown) => ((x as string[] | undefined) ?? []).map((s) => s.toLowerCase());
    const recipients = lower(p.RecipientAddress),
      senders = lower(p.SenderAddress);
    const entries = p.Identity ? [findQuarantined(data, p.Identity)] : data.mail.quarantine;
    for (const q of entries) {
      if (recipients.length && !recipients.includes(q.recipient.toLowerCase())) continue;
      if (senders.length && !senders.includes(q.senderAddress.toLowerCase())) continue;
      if (p.ReleaseStatus && (p.ReleaseStatus === 'Released') !== q.released) continue;
      ctx.write(quarantineObject(q));
    }
  },
});

export const releaseQuarantineMessageCmdlet = defineCmdlet({
  name: 'Release-QuarantineMessage',
  module: EXCHANGE_MODULE,
  supportsShouldProcess: true,
  synopsis: 'Releases a quarantined message: it is delivered to its recipient now.',
  examples: [
    {
      code: 'Get-QuarantineMessage -RecipientAddress recipient2@contoso.com | Release-QuarantineMessage -ReleaseToAll',
      remarks: 'Releases the messages held for recipient2@contoso.com: they are delivered now.',
    },
  ],
  parameters: [
    { name: 'Identity', type: 'string', mandatory: true, position: 0, fromPipelineByPropertyName: true, help: 'The quarantined message to release (as Identity shows it).' },
    { name: 'ReleaseToAll', type: 'switch', help: 'Releases the message to all its recipients.' },
  ],
  process(ctx, p) {
    const tenant = tenantOf(ctx);
    const entry = findQuarantined(tenant.read(), p.Identity);
    if (!ctx.shouldProcess(entry.identity, 'Release-QuarantineMessage')) return;
    const now = tenant.now();
    const by = tenant.caller().primarySmtpAddress;
    tenant.write((d) => releaseQuarantined(d, entry, now, by));
  },
});

export const setMailboxAvailabilityCmdlet = defineCmdlet({
  name: 'Set-MailboxAvailability',
  module: EXCHANGE_MODULE,
  supportsShouldProcess: true,
  synopsis: 'exosh simulation control: makes a mailbox unable to take mail for now (deliveries are deferred and retried), or able again.',
  description:
    'Not an Exchange Online cmdlet. While a mailbox is unavailable, deliveries to it are deferred (trace: Defer event, Status Pending) and retried every 15 minutes of tenant time; they are delivered once it is available again, or fail after 24 hours with a non-delivery report.',
  examples: [
    { code: 'Set-MailboxAvailability sales@contoso.com -Available; Set-TenantClock -Advance 30m', remarks: 'The sales mailbox takes mail again; its deferred message is delivered at the next retry.' },
    { code: 'Set-MailboxAvailability recipient1@contoso.com -Unavailable -Until 2023-08-15T12:00:00Z', remarks: 'Deliveries to recipient1 are deferred until noon UTC.' },
  ],
  defaultSet: 'Unavailable',
  parameters: [
    { name: 'Identity', type: 'string', mandatory: true, position: 0, help: 'The mailbox (name, alias or address).' },
    { name: 'Unavailable', type: 'switch', sets: ['Unavailable'], help: 'The mailbox cannot take mail: deliveries to it are deferred and retried.' },
    { name: 'Until', type: 'datetime', sets: ['Unavailable'], help: 'Unavailable until this tenant time (default: until -Available).' },
    { name: 'Available', type: 'switch', sets: ['Available'], help: 'The mailbox can take mail again; deferred messages are delivered at their next retry.' },
  ],
  process(ctx, p) {
    const tenant = tenantOf(ctx);
    const mailbox = resolveMailbox(tenant.read(), p.Identity);
    if (!p.Available && !p.Unavailable) throw Object.assign(new Error('Specify -Unavailable [-Until <DateTime>] or -Available.'), { errorCategory: 'InvalidArgument', errorId: 'MissingAvailability' });
    if (!ctx.shouldProcess(mailbox.primarySmtpAddress, 'Set-MailboxAvailability')) return;
    tenant.write((d) => setMailboxAvailability(d, mailbox, p.Available ? null : (p.Until ?? 'Indefinitely')));
  },
});

export const hygieneCmdlets = [newTransportRuleCmdlet, getTransportRuleCmdlet, removeTransportRuleCmdlet, getQuarantineMessageCmdlet, releaseQuarantineMessageCmdlet, setMailboxAvailabilityCmdlet];
