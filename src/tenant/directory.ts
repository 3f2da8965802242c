// Directory changes: accepted domains, mailboxes, distribution groups, contacts, mailbox
// permissions and inbox rules, with the checks and error texts Exchange Online gives.

import { isoText } from './clock.js';
import { alreadyExists, notFound, TenantError } from './errors.js';
import { deterministicGuid } from './ids.js';
import {
  addressInUse,
  aliasFromName,
  aliasInUse,
  checkSmtp,
  defaultDomain,
  domainOf,
  isAcceptedDomain,
  nameInUse,
  noteRecipientAdded,
  noteRecipientChanged,
  noteRecipientRemoved,
  recipientByGuid,
  recipientKeys,
  resolveGroup,
  resolveMailbox,
  resolveRecipient,
} from './recipients.js';
import type { AcceptedDomain, DistributionGroup, InboxRule, MailContact, Mailbox, Permission, TenantData } from './schema.js';

function newGuid(data: TenantData, kind: string, name: string): string {
  const taken = (g: string) => [data.mailboxes, data.groups, data.contacts, data.inboxRules, data.acceptedDomains, data.roleGroups].some((list) => list.some((x) => x.guid === g));
  for (let n = 0; ; n++) {
    const g = deterministicGuid(data.organization.guid, `${kind}:${name.toLowerCase()}:${n}`);
    if (!taken(g)) return g;
  }
}

function requireAcceptedDomain(data: TenantData, address: string): void {
  const domain = domainOf(address);
  if (!isAcceptedDomain(data, domain)) {
    throw new TenantError(
      `The domain '${domain}' isn't an accepted domain for your organization. Use an accepted domain or add the domain to your accepted domains list.`,
      'InvalidArgument',
      'NotAcceptedDomain',
      'DataValidationException',
    );
  }
}

function requireFreeAddress(data: TenantData, address: string, except?: string): void {
  if (addressInUse(data, address, except)) {
    throw alreadyExists(`The proxy address "SMTP:${address}" is already being used by the proxy addresses or LegacyExchangeDN. Please choose another proxy address.`);
  }
}

function requireFreeName(data: TenantData, name: string, except?: string): void {
  if (nameInUse(data, name, except)) throw alreadyExists(`The name "${name}" is already being used. Please try another name.`);
}

// ---------- accepted domains ----------

export function addAcceptedDomain(data: TenantData, name: string, domainName: string, now: Date, domainType: AcceptedDomain['domainType'] = 'Authoritative'): AcceptedDomain {
  const d = domainName.trim().toLowerCase();
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(d)) throw new TenantError(`The value "${domainName}" isn't a valid domain name.`, 'InvalidArgument', 'InvalidDomainName', 'DataValidationException');
  if (isAcceptedDomain(data, d)) throw alreadyExists(`The accepted domain "${d}" already exists.`);
  if (name && data.acceptedDomains.some((x) => x.name.toLowerCase() === name.trim().toLowerCase())) throw alreadyExists(`An accepted domain with the name "${name.trim()}" already exists.`);
  const domain: AcceptedDomain = { guid: newGuid(data, 'domain', d), name: name.trim() || d, domainName: d, domainType, isDefault: false, initial: false, whenCreated: isoText(now) };
  data.acceptedDomains.push(domain);
  return domain;
}

// ---------- mailboxes ----------

export interface NewMailboxInput {
  name: string;
  alias?: string;
  displayName?: string;
  primarySmtpAddress?: string;
  /** -MicrosoftOnlineServicesID: the user principal name (and primary address unless one is given). */
  userPrincipalName?: string;
  shared?: boolean;
}

export function createMailbox(data: TenantData, input: NewMailboxInput, now: Date): Mailbox {
  const name = input.name.trim();
  if (!name) throw new TenantError('The Name parameter cannot be empty.', 'InvalidArgument', 'EmptyName', 'DataValidationException');
  requireFreeName(data, name);
  const alias = input.alias?.trim() || aliasFromName(name);
  if (aliasInUse(data, alias)) throw alreadyExists(`The alias "${alias}" is already being used. Please try another alias.`);
  const upn = input.userPrincipalName ? checkSmtp(input.userPrincipalName, 'MicrosoftOnlineServicesID') : undefined;
  const address = input.primarySmtpAddress ? checkSmtp(input.primarySmtpAddress, 'PrimarySmtpAddress') : (upn ?? `${alias}@${defaultDomain(data)}`);
  requireAcceptedDomain(data, address);
  requireFreeAddress(data, address);
  if (upn && upn.toLowerCase() !== address.toLowerCase()) {
    requireAcceptedDomain(data, upn);
    requireFreeAddress(data, upn);
  }
  const mailbox: Mailbox = {
    guid: newGuid(data, 'mailbox', name),
    name,
    alias,
    displayName: input.displayName?.trim() || name,
    userPrincipalName: upn ?? address,
    primarySmtpAddress: address,
    emailAddresses: [`SMTP:${address}`],
    type: input.shared ? 'SharedMailbox' : 'UserMailbox',
    litigationHoldEnabled: false,
    forwardingSmtpAddress: null,
    deliverToMailboxAndForward: false,
    whenCreated: isoText(now),
  };
  data.mailboxes.push(mailbox);
  noteRecipientAdded(data, { kind: 'mailbox', obj: mailbox });
  return mailbox;
}

export interface MailboxChanges {
  emailAddresses?: { replace?: string[]; add?: string[]; remove?: string[] };
  litigationHoldEnabled?: boolean;
  forwardingSmtpAddress?: string | null;
  deliverToMailboxAndForward?: boolean;
  displayName?: string;
}

/** Applies changes; returns true if anything changed. */
export function updateMailbox(data: TenantData, mailbox: Mailbox, changes: MailboxChanges): boolean {
  const before = JSON.stringify(mailbox);
  const keysBefore = recipientKeys({ kind: 'mailbox', obj: mailbox });
  if (changes.emailAddresses) {
    const normalize = (p: string) => (/^smtp:/i.test(p) ? p : `smtp:${p}`);
    let list = [...mailbox.emailAddresses];
    if (changes.emailAddresses.replace) list = changes.emailAddresses.replace.map(normalize);
    for (const a of changes.emailAddresses.add ?? []) {
      const p = normalize(a);
      if (!list.some((x) => x.toLowerCase() === p.toLowerCase())) list.push(p);
    }
    for (const a of changes.emailAddresses.remove ?? []) {
      const p = normalize(a).slice(5).toLowerCase();
      list = list.filter((x) => x.slice(5).toLowerCase() !== p);
    }
    for (const p of list) {
      const addr = checkSmtp(p.slice(5), 'EmailAddresses');
      requireAcceptedDomain(data, addr);
      requireFreeAddress(data, addr, mailbox.guid);
    }
    const primaries = list.filter((p) => p.startsWith('SMTP:'));
    if (primaries.length > 1)
      throw new TenantError('Only one primary SMTP address is allowed: use "SMTP:" (upper case) for exactly one address.', 'InvalidArgument', 'MultiplePrimarySmtpAddress', 'DataValidationException');
    if (primaries.length === 0) {
      const keep = list.findIndex((p) => p.slice(5).toLowerCase() === mailbox.primarySmtpAddress.toLowerCase());
      if (keep < 0)
        throw new TenantError(
          `The primary SMTP address "${mailbox.primarySmtpAddress}" can't be removed: make another address primary with "SMTP:" first.`,
          'InvalidArgument',
          'PrimarySmtpAddressRemoved',
          'DataValidationException',
        );
      list[keep] = 'SMTP:' + list[keep].slice(5);
    }
    mailbox.emailAddresses = list;
    mailbox.primarySmtpAddress = list.find((p) => p.startsWith('SMTP:'))!.slice(5);
  }
  if (changes.litigationHoldEnabled !== undefined) mailbox.litigationHoldEnabled = changes.litigationHoldEnabled;
  if (changes.forwardingSmtpAddress !== undefined) {
    mailbox.forwardingSmtpAddress =
      changes.forwardingSmtpAddress === null || changes.forwardingSmtpAddress === '' ? null : checkSmtp(changes.forwardingSmtpAddress.replace(/^smtp:/i, ''), 'ForwardingSmtpAddress');
  }
  if (changes.deliverToMailboxAndForward !== undefined) mailbox.deliverToMailboxAndForward = changes.deliverToMailboxAndForward;
  if (changes.displayName !== undefined) mailbox.displayName = changes.displayName;
  if (changes.emailAddresses) noteRecipientChanged(data, { kind: 'mailbox', obj: mailbox }, keysBefore);
  return JSON.stringify(mailbox) !== before;
}

export function deleteMailbox(data: TenantData, mailbox: Mailbox): void {
  const g = mailbox.guid;
  const at = data.mailboxes.findIndex((m) => m.guid === g);
  if (at < 0) return;
  data.mailboxes.splice(at, 1); // in place, so the recipient index stays valid across a pipeline
  noteRecipientRemoved(data, { kind: 'mailbox', obj: mailbox });
  for (const group of data.groups) {
    if (group.members.includes(g)) group.members = group.members.filter((m) => m !== g);
    if (group.managedBy.includes(g)) group.managedBy = group.managedBy.filter((m) => m !== g);
  }
  for (const rg of data.roleGroups) rg.members = rg.members.filter((m) => m !== g);
  data.permissions = data.permissions.filter((p) => p.mailbox !== g && p.user !== g);
  data.inboxRules = data.inboxRules.filter((r) => r.mailbox !== g);
  data.mail.items = data.mail.items.filter((i) => i.mailbox !== g);
  delete data.mail.unavailable[g];
}

// ---------- distribution groups ----------

export function createGroup(
  data: TenantData,
  input: { name: string; alias?: string; displayName?: string; primarySmtpAddress?: string; members?: string[]; managedBy?: string | string[] },
  now: Date,
): DistributionGroup {
  const name = input.name.trim();
  if (!name) throw new TenantError('The Name parameter cannot be empty.', 'InvalidArgument', 'EmptyName', 'DataValidationException');
  requireFreeName(data, name);
  const alias = input.alias?.trim() || aliasFromName(name);
  if (aliasInUse(data, alias)) throw alreadyExists(`The alias "${alias}" is already being used. Please try another alias.`);
  const address = input.primarySmtpAddress ? checkSmtp(input.primarySmtpAddress, 'PrimarySmtpAddress') : `${alias}@${defaultDomain(data)}`;
  requireAcceptedDomain(data, address);
  requireFreeAddress(data, address);
  const members = (input.members ?? []).map((m) => resolveRecipient(data, m, ['mailbox', 'group', 'contact']).obj.guid);
  const group: DistributionGroup = {
    guid: newGuid(data, 'group', name),
    name,
    alias,
    displayName: input.displayName?.trim() || name,
    primarySmtpAddress: address,
    emailAddresses: [`SMTP:${address}`],
    members: [...new Set(members)],
    managedBy: [...new Set((input.managedBy === undefined ? [] : Array.isArray(input.managedBy) ? input.managedBy : [input.managedBy]).map((m) => resolveMailbox(data, m).guid))],
    whenCreated: isoText(now),
  };
  data.groups.push(group);
  noteRecipientAdded(data, { kind: 'group', obj: group });
  return group;
}

export function addGroupMember(data: TenantData, groupIdentity: string, member: string): void {
  const group = resolveGroup(data, groupIdentity);
  const r = resolveRecipient(data, member, ['mailbox', 'group', 'contact']);
  if (r.obj.guid === group.guid) throw new TenantError(`The group "${group.name}" can't be a member of itself.`, 'InvalidOperation', 'GroupMemberOfItself', 'RecipientTaskException');
  if (group.members.includes(r.obj.guid)) {
    throw new TenantError(`The recipient "${r.obj.name}" is already a member of the group "${group.name}".`, 'InvalidArgument', 'MemberAlreadyExistsException', 'MemberAlreadyExistsException');
  }
  group.members.push(r.obj.guid);
}

export function removeGroupMember(data: TenantData, groupIdentity: string, member: string): void {
  const group = resolveGroup(data, groupIdentity);
  const r = resolveRecipient(data, member, ['mailbox', 'group', 'contact']);
  if (!group.members.includes(r.obj.guid)) {
    throw new TenantError(`The recipient "${r.obj.name}" isn't a member of the group "${group.name}".`, 'InvalidArgument', 'MemberNotFoundException', 'MemberNotFoundException');
  }
  group.members = group.members.filter((m) => m !== r.obj.guid);
}

export function groupMembers(data: TenantData, group: DistributionGroup) {
  return group.members.map((g) => recipientByGuid(data, g)).filter((r) => r !== undefined);
}

// ---------- contacts ----------

export function createContact(data: TenantData, input: { name: string; externalEmailAddress: string; alias?: string; displayName?: string }, now: Date): MailContact {
  const name = input.name.trim();
  if (!name) throw new TenantError('The Name parameter cannot be empty.', 'InvalidArgument', 'EmptyName', 'DataValidationException');
  requireFreeName(data, name);
  const address = checkSmtp(input.externalEmailAddress.replace(/^smtp:/i, ''), 'ExternalEmailAddress');
  requireFreeAddress(data, address);
  const contact: MailContact = {
    guid: newGuid(data, 'contact', name),
    name,
    alias: input.alias?.trim() || aliasFromName(name),
    displayName: input.displayName?.trim() || name,
    externalEmailAddress: address,
    whenCreated: isoText(now),
  };
  data.contacts.push(contact);
  noteRecipientAdded(data, { kind: 'contact', obj: contact });
  return contact;
}

// ---------- permissions ----------

export function grantPermission(
  data: TenantData,
  mailboxIdentity: string,
  userIdentity: string,
  right: Permission['accessRight'],
  now: Date,
): { permission: Permission; mailbox: Mailbox; user: Mailbox; existed: boolean } {
  const mailbox = resolveMailbox(data, mailboxIdentity);
  const user = resolveMailbox(data, userIdentity);
  const existing = data.permissions.find((p) => p.mailbox === mailbox.guid && p.user === user.guid && p.accessRight === right);
  if (existing) return { permission: existing, mailbox, user, existed: true };
  const permission: Permission = { mailbox: mailbox.guid, user: user.guid, accessRight: right, whenCreated: isoText(now) };
  data.permissions.push(permission);
  return { permission, mailbox, user, existed: false };
}

export function revokePermission(data: TenantData, mailboxIdentity: string, userIdentity: string, right: Permission['accessRight']): void {
  const mailbox = resolveMailbox(data, mailboxIdentity);
  const user = resolveMailbox(data, userIdentity);
  const before = data.permissions.length;
  data.permissions = data.permissions.filter((p) => !(p.mailbox === mailbox.guid && p.user === user.guid && p.accessRight === right));
  if (data.permissions.length === before) {
    throw new TenantError(
      `Can't remove the access control entry on the object "${mailbox.name}" for the user "${user.name}" because the ACE doesn't exist on the object.`,
      'InvalidOperation',
      'AceNotFound',
      'InvalidOperationException',
    );
  }
}

/** Whether `user` may send as `mailbox`: its own mailbox, or a SendAs grant. */
export function canSendAs(data: TenantData, user: Mailbox, mailbox: Mailbox): boolean {
  return user.guid === mailbox.guid || data.permissions.some((p) => p.mailbox === mailbox.guid && p.user === user.guid && p.accessRight === 'SendAs');
}

/** Whether `user` may act in `mailbox` (open it, recall from its Sent Items): own, or FullAccess. */
export function hasFullAccess(data: TenantData, user: Mailbox, mailbox: Mailbox): boolean {
  return user.guid === mailbox.guid || data.permissions.some((p) => p.mailbox === mailbox.guid && p.user === user.guid && p.accessRight === 'FullAccess');
}

// ---------- inbox rules ----------

export interface NewInboxRuleInput {
  mailbox: string;
  name: string;
  from?: string[];
  subjectContainsWords?: string[];
  moveToFolder?: string;
  forwardTo?: string[];
  redirectTo?: string[];
}

export function createInboxRule(data: TenantData, input: NewInboxRuleInput, now: Date): { rule: InboxRule; mailbox: Mailbox } {
  const mailbox = resolveMailbox(data, input.mailbox);
  const rules = data.inboxRules.filter((r) => r.mailbox === mailbox.guid);
  if (rules.some((r) => r.name.toLowerCase() === input.name.toLowerCase())) {
    throw alreadyExists(`An Inbox rule with the name "${input.name}" already exists. Please use a different name.`);
  }
  if (!input.moveToFolder && !input.forwardTo?.length && !input.redirectTo?.length) {
    throw new TenantError('The rule must have at least one action: MoveToFolder, ForwardTo or RedirectTo.', 'InvalidArgument', 'InboxRuleWithoutAction', 'ArgumentException');
  }
  const resolveTargets = (list: string[] | undefined) =>
    (list ?? []).map((x) => {
      const r = resolveRecipientOrAddress(data, x);
      return r;
    });
  const rule: InboxRule = {
    guid: newGuid(data, 'rule', `${mailbox.guid}:${input.name}`),
    mailbox: mailbox.guid,
    name: input.name,
    priority: rules.length + 1,
    enabled: true,
    from: (input.from ?? []).map((x) => resolveRecipientOrAddress(data, x)),
    subjectContainsWords: input.subjectContainsWords ?? [],
    moveToFolder: input.moveToFolder ? normalizeFolder(input.moveToFolder) : null,
    forwardTo: resolveTargets(input.forwardTo),
    redirectTo: resolveTargets(input.redirectTo),
    whenCreated: isoText(now),
  };
  data.inboxRules.push(rule);
  return { rule, mailbox };
}

/** `Mailbox:\Folder` or `\Folder` or `Folder` → `Folder` (the folder path inside the mailbox). */
export function normalizeFolder(folder: string): string {
  return folder.replace(/^[^:\\]*:/, '').replace(/^\\+/, '') || 'Inbox';
}

/** An SMTP address for a recipient identity, or the address itself if it is an external one. */
export function resolveRecipientOrAddress(data: TenantData, x: string): string {
  if (x.includes('@')) return checkSmtp(x, 'Recipient');
  const r = resolveRecipient(data, x, ['mailbox', 'group', 'contact']);
  return r.kind === 'contact' ? r.obj.externalEmailAddress : r.obj.primarySmtpAddress;
}

/**
 * Exchange's RuleIdentity, derived from the rule's GUID. Exchange's is a 64-bit number; this one
 * keeps to 52 bits so that it survives as a number in scripts (`-Identity 1234...` unquoted).
 */
export function ruleIdentityOf(rule: InboxRule): number {
  return parseInt(rule.guid.replace(/-/g, '').slice(0, 13), 16);
}

export function findInboxRules(data: TenantData, mailboxIdentity: string, ruleIdentity?: string): { rules: InboxRule[]; mailbox: Mailbox } {
  const mailbox = resolveMailbox(data, mailboxIdentity);
  let rules = data.inboxRules.filter((r) => r.mailbox === mailbox.guid).sort((a, b) => a.priority - b.priority);
  if (ruleIdentity !== undefined) {
    const id = (ruleIdentity.includes('\\') ? ruleIdentity.slice(ruleIdentity.lastIndexOf('\\') + 1) : ruleIdentity).trim().toLowerCase();
    rules = rules.filter((r) => r.name.toLowerCase() === id || r.guid === id || String(ruleIdentityOf(r)) === id);
    if (rules.length === 0) throw notFound(ruleIdentity);
  }
  return { rules, mailbox };
}

export function deleteInboxRule(data: TenantData, rule: InboxRule): void {
  data.inboxRules = data.inboxRules.filter((r) => r.guid !== rule.guid);
  let p = 1;
  for (const r of data.inboxRules.filter((x) => x.mailbox === rule.mailbox).sort((a, b) => a.priority - b.priority)) r.priority = p++;
}
