// Inbox rules: New-InboxRule, Get-InboxRule and Remove-InboxRule.

import { defineCmdlet, type CmdletContext, type ParamSpec } from '../../shell/cmdlet.js';
import { PSObject, type PSValue } from '../../shell/values.js';
import { createInboxRule, deleteInboxRule, findInboxRules, ruleIdentityOf } from '../../tenant/directory.js';
import type { InboxRule, Mailbox, TenantData } from '../../tenant/schema.js';
import { EXCHANGE_MODULE, tenantOf } from './common.js';
import { mailboxFor, perItem } from './mailbox.js';

export const INBOX_RULE_TYPE = 'Microsoft.Exchange.Management.Common.InboxRule';

function describe(rule: InboxRule): string {
  const conditions: string[] = [];
  if (rule.from.length) conditions.push(`is from '${rule.from.join("' or '")}'`);
  if (rule.subjectContainsWords.length) conditions.push(`includes '${rule.subjectContainsWords.join("' or '")}' in the subject`);
  const actions: string[] = [];
  if (rule.moveToFolder) actions.push(`move the message to folder '${rule.moveToFolder}'`);
  if (rule.forwardTo.length) actions.push(`forward the message to '${rule.forwardTo.join("' and '")}'`);
  if (rule.redirectTo.length) actions.push(`redirect the message to '${rule.redirectTo.join("' and '")}'`);
  const head = conditions.length ? `If the message:\r\n\t${conditions.join('\r\n\tand ')}\r\n` : 'For every message:\r\n';
  return `${head}Take the following actions:\r\n\t${actions.join('\r\n\tand ')}\r\n`;
}

export function inboxRuleObject(mailbox: Mailbox, rule: InboxRule): PSObject {
  const ruleIdentity = ruleIdentityOf(rule);
  return PSObject.from(
    {
      Name: rule.name,
      Enabled: rule.enabled,
      Priority: rule.priority,
      RuleIdentity: ruleIdentity,
      Identity: `${mailbox.name}\\${ruleIdentity}`,
      MailboxOwnerId: mailbox.name,
      Description: describe(rule),
      From: [...rule.from],
      SubjectContainsWords: [...rule.subjectContainsWords],
      MoveToFolder: rule.moveToFolder,
      ForwardTo: [...rule.forwardTo],
      RedirectTo: [...rule.redirectTo],
      StopProcessingRules: false,
      InError: false,
      Guid: rule.guid,
    },
    INBOX_RULE_TYPE,
  );
}

// Exchange's view aligns every column left, numbers and booleans too.
const INBOX_RULE_VIEW = {
  typeName: INBOX_RULE_TYPE,
  kind: 'table' as const,
  columns: [{ label: 'Name' }, { label: 'Enabled', align: 'left' as const }, { label: 'Priority', align: 'left' as const }, { label: 'RuleIdentity', align: 'left' as const }],
};

/** -Mailbox, else the mailbox part of a `mailbox\rule` identity, else the caller's own mailbox (as in Exchange). */
function ownerOf(ctx: CmdletContext, data: TenantData, mailbox: string | undefined, identity: string | undefined, input: PSValue | undefined): Mailbox {
  if (mailbox !== undefined) return mailboxFor(data, mailbox, input, 'Identity');
  if (identity !== undefined && identity.includes('\\')) {
    const owner = identity.slice(0, identity.lastIndexOf('\\'));
    if (input instanceof PSObject && input.typeNames.includes(INBOX_RULE_TYPE) && input.get('Identity') === identity) {
      return mailboxFor(data, toText(input.get('MailboxOwnerId')) || owner);
    }
    return mailboxFor(data, owner);
  }
  return tenantOf(ctx).caller();
}

const toText = (v: PSValue | undefined) => (typeof v === 'string' ? v : '');

const mailboxParam = { name: 'Mailbox', type: 'string', fromPipeline: true, help: 'The mailbox that holds the rules (default: your own).' } as const satisfies ParamSpec;

export const newInboxRuleCmdlet = defineCmdlet({
  name: 'New-InboxRule',
  module: EXCHANGE_MODULE,
  supportsShouldProcess: true,
  synopsis: 'Creates an Inbox rule in a mailbox.',
  description:
    'Creates a rule with conditions (-From, -SubjectContainsWords) and at least one action (-MoveToFolder, -ForwardTo, -RedirectTo). The rule gets the next priority. Rule names are unique within a mailbox.',
  parameters: [
    { name: 'Name', type: 'string', mandatory: true, position: 0, help: "The rule's name, unique in the mailbox." },
    { name: 'Mailbox', type: 'string', help: 'The mailbox (default: your own).' },
    { name: 'From', type: 'string[]', help: 'Condition: the sender is one of these recipients or addresses.' },
    { name: 'SubjectContainsWords', type: 'string[]', help: 'Condition: the subject contains one of these words.' },
    { name: 'MoveToFolder', type: 'string', help: 'Action: moves the message to this folder (Folder, \\Folder or Mailbox:\\Folder).' },
    { name: 'ForwardTo', type: 'string[]', help: 'Action: forwards the message to these recipients or addresses.' },
    { name: 'RedirectTo', type: 'string[]', help: 'Action: redirects the message to these recipients or addresses.' },
  ],
  examples: [{ code: 'New-InboxRule -Mailbox dana -Name "Invoices" -SubjectContainsWords invoice -MoveToFolder "dana:\\Invoices"', remarks: 'Files invoices in a folder.' }],
  views: [INBOX_RULE_VIEW],
  process(ctx, p) {
    const tenant = tenantOf(ctx);
    const data = tenant.read();
    const owner = p.Mailbox !== undefined ? mailboxFor(data, p.Mailbox) : tenant.caller();
    if (!ctx.shouldProcess(owner.name, `New-InboxRule ${p.Name}`)) return;
    const { rule, mailbox } = tenant.write((d) =>
      createInboxRule(
        d,
        {
          mailbox: owner.guid,
          name: p.Name,
          from: p.From,
          subjectContainsWords: p.SubjectContainsWords,
          moveToFolder: p.MoveToFolder,
          forwardTo: p.ForwardTo,
          redirectTo: p.RedirectTo,
        },
        tenant.now(),
      ),
    );
    ctx.write(inboxRuleObject(mailbox, rule));
  },
});

export const getInboxRuleCmdlet = defineCmdlet({
  name: 'Get-InboxRule',
  module: EXCHANGE_MODULE,
  synopsis: 'Gets the Inbox rules of a mailbox.',
  description: "Lists a mailbox's rules in priority order (default mailbox: your own). -Identity picks one rule by name, RuleIdentity or mailbox\\RuleIdentity.",
  parameters: [{ name: 'Identity', type: 'string', position: 0, help: 'The rule: name, RuleIdentity, or mailbox\\RuleIdentity.' }, mailboxParam],
  examples: [
    { code: 'Get-InboxRule -Mailbox dana', remarks: "Dana's rules." },
    { code: 'Get-Mailbox | Get-InboxRule', remarks: "Every mailbox's rules." },
  ],
  views: [INBOX_RULE_VIEW],
  process(ctx, p, input) {
    const data = tenantOf(ctx).read();
    perItem(ctx, () => {
      const identity = p.Identity;
      const owner = ownerOf(ctx, data, p.Mailbox, identity, input);
      const { rules } = findInboxRules(data, owner.guid, identity);
      for (const r of rules) ctx.write(inboxRuleObject(owner, r));
    });
  },
});

export const removeInboxRuleCmdlet = defineCmdlet({
  name: 'Remove-InboxRule',
  module: EXCHANGE_MODULE,
  supportsShouldProcess: true,
  synopsis: 'Removes an Inbox rule.',
  description:
    'Removes a rule named by -Identity: mailbox\\RuleIdentity (as Get-InboxRule shows it), or a name or RuleIdentity together with -Mailbox (default: your own mailbox). The remaining rules keep their order.',
  parameters: [
    {
      name: 'Identity',
      type: 'string',
      mandatory: true,
      position: 0,
      fromPipeline: true,
      fromPipelineByPropertyName: true,
      help: 'The rule: mailbox\\RuleIdentity, or a name or RuleIdentity with -Mailbox.',
    },
    { name: 'Mailbox', type: 'string', help: 'The mailbox that holds the rule (default: your own).' },
  ],
  examples: [
    {
      code: 'New-InboxRule -Mailbox dana -Name "Invoices" -SubjectContainsWords invoice -MoveToFolder "dana:\\Invoices" | Out-Null; Remove-InboxRule -Mailbox dana -Identity "Invoices" -Confirm:$false',
      remarks: 'Removes the rule.',
    },
    { code: 'Get-InboxRule -Mailbox dana | Remove-InboxRule -Confirm:$false', remarks: "Removes all of Dana's rules." },
  ],
  process(ctx, p, input) {
    const tenant = tenantOf(ctx);
    perItem(ctx, () => {
      const data = tenant.read();
      const identity = p.Identity;
      const owner = ownerOf(ctx, data, p.Mailbox, identity, input);
      const { rules } = findInboxRules(data, owner.guid, identity);
      for (const rule of rules) {
        if (!ctx.shouldProcess(`${owner.name}\\${ruleIdentityOf(rule)}`, `Remove-InboxRule ${rule.name}`)) continue;
        tenant.write((d) => deleteInboxRule(d, rule));
      }
    });
  },
});

export const inboxRuleCmdlets = [newInboxRuleCmdlet, getInboxRuleCmdlet, removeInboxRuleCmdlet];
