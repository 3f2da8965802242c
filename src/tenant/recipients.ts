// Recipients and addresses: resolving an identity (name, alias, any SMTP address, GUID,
// UPN) to a mailbox, group or contact, with Exchange's not-found and ambiguity errors.

import { ambiguous, notFound, TenantError } from './errors.js';
import type { DistributionGroup, MailContact, Mailbox, TenantData } from './schema.js';

export type Recipient = { kind: 'mailbox'; obj: Mailbox } | { kind: 'group'; obj: DistributionGroup } | { kind: 'contact'; obj: MailContact };

export type RecipientKind = Recipient['kind'];

const SMTP = /^[^@\s"<>(),;:]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

export function isSmtpAddress(s: string): boolean {
  return SMTP.test(s);
}

/** Validates an SMTP address, with Exchange's error text. */
export function checkSmtp(address: string, parameter: string): string {
  const a = address.trim();
  if (!isSmtpAddress(a)) {
    throw new TenantError(
      `Cannot bind parameter '${parameter}' to the target. Exception setting "${parameter}": "The email address "${address}" isn't correct. Please use this format: user name, the @ sign, followed by the domain name. For example, tonysmith@contoso.com or tony.smith@contoso.com."`,
      'InvalidArgument',
      'ParameterBindingFailed',
      'ParameterBindingException',
    );
  }
  return a;
}

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

export function isAcceptedDomain(data: TenantData, domain: string): boolean {
  const d = domain.toLowerCase();
  return data.acceptedDomains.some((a) => a.domainName.toLowerCase() === d);
}

export function defaultDomain(data: TenantData): string {
  return (data.acceptedDomains.find((d) => d.isDefault) ?? data.acceptedDomains[0]).domainName;
}

/** Plain SMTP addresses of a proxy list (`SMTP:a@x`, `smtp:b@x` → a@x, b@x). */
export function smtpAddresses(proxies: string[]): string[] {
  return proxies.filter((p) => /^smtp:/i.test(p)).map((p) => p.slice(5));
}

function addressesOf(r: Recipient): string[] {
  switch (r.kind) {
    case 'mailbox':
      return [r.obj.primarySmtpAddress, r.obj.userPrincipalName, ...smtpAddresses(r.obj.emailAddresses)];
    case 'group':
      return [r.obj.primarySmtpAddress, ...smtpAddresses(r.obj.emailAddresses)];
    case 'contact':
      return [r.obj.externalEmailAddress];
  }
}

export function allRecipients(data: TenantData, kinds: RecipientKind[] = ['mailbox', 'group', 'contact']): Recipient[] {
  const out: Recipient[] = [];
  if (kinds.includes('mailbox')) for (const m of data.mailboxes) out.push({ kind: 'mailbox', obj: m });
  if (kinds.includes('group')) for (const g of data.groups) out.push({ kind: 'group', obj: g });
  if (kinds.includes('contact')) for (const c of data.contacts) out.push({ kind: 'contact', obj: c });
  return out;
}

// ---------- identity lookup ----------
//
// An identity is compared with each recipient's GUID, name, alias and addresses. One lookup
// is a single pass over the recipients that allocates nothing per recipient; when the same
// data is looked up repeatedly (a pipeline such as Get-Mailbox | Set-Mailbox, or bulk
// creation), an index of every identity key is built once and kept up to date by the
// directory functions that add, change or remove recipients (noteRecipient*).

/** Lookups on one data object before an index is built for it. */
const INDEX_AFTER_LOOKUPS = 4;

interface RecipientIndex {
  mailboxes: Mailbox[];
  groups: DistributionGroup[];
  contacts: MailContact[];
  counts: [number, number, number];
  /** Lower-case GUID, name, alias and addresses → the recipients that have that key. */
  byKey: Map<string, Recipient[]>;
}

const lookupState = new WeakMap<TenantData, { lookups: number; index?: RecipientIndex }>();

function stateOf(data: TenantData): { lookups: number; index?: RecipientIndex } {
  let st = lookupState.get(data);
  if (!st) lookupState.set(data, (st = { lookups: 0 }));
  return st;
}

/** The index, if one exists and still describes the data's recipient lists. */
function currentIndex(data: TenantData): RecipientIndex | undefined {
  const st = lookupState.get(data);
  const ix = st?.index;
  if (!ix) return undefined;
  if (
    ix.mailboxes === data.mailboxes &&
    ix.groups === data.groups &&
    ix.contacts === data.contacts &&
    ix.counts[0] === data.mailboxes.length &&
    ix.counts[1] === data.groups.length &&
    ix.counts[2] === data.contacts.length
  )
    return ix;
  st!.index = undefined;
  return undefined;
}

/** Every lower-case key an identity may name the recipient by. */
export function recipientKeys(r: Recipient): string[] {
  const o = r.obj;
  return [...new Set([o.guid, o.name, o.alias, ...addressesOf(r)].map((k) => k.toLowerCase()))];
}

function indexAdd(ix: RecipientIndex, r: Recipient, keys = recipientKeys(r)): void {
  for (const k of keys) {
    const list = ix.byKey.get(k);
    if (list) list.push(r);
    else ix.byKey.set(k, [r]);
  }
}

function indexRemove(ix: RecipientIndex, obj: Recipient['obj'], keys: string[]): void {
  for (const k of keys) {
    const list = ix.byKey.get(k);
    if (!list) continue;
    const rest = list.filter((x) => x.obj !== obj);
    if (rest.length) ix.byKey.set(k, rest);
    else ix.byKey.delete(k);
  }
}

function buildIndex(data: TenantData): RecipientIndex {
  const ix: RecipientIndex = {
    mailboxes: data.mailboxes,
    groups: data.groups,
    contacts: data.contacts,
    counts: [data.mailboxes.length, data.groups.length, data.contacts.length],
    byKey: new Map(),
  };
  for (const r of allRecipients(data)) indexAdd(ix, r);
  return ix;
}

const kindCount = (kind: RecipientKind): 0 | 1 | 2 => (kind === 'mailbox' ? 0 : kind === 'group' ? 1 : 2);

/** A recipient was appended to its list (call after the push). */
export function noteRecipientAdded(data: TenantData, r: Recipient): void {
  const st = lookupState.get(data);
  const ix = st?.index;
  if (!ix) return;
  ix.counts[kindCount(r.kind)]++;
  if (currentIndex(data)) indexAdd(ix, r);
}

/** A recipient's name, alias or addresses changed; `oldKeys` are its recipientKeys before the change. */
export function noteRecipientChanged(data: TenantData, r: Recipient, oldKeys: string[]): void {
  const ix = currentIndex(data);
  if (!ix) return;
  indexRemove(ix, r.obj, oldKeys);
  indexAdd(ix, r);
}

/** A recipient was spliced out of its list (call after the splice). */
export function noteRecipientRemoved(data: TenantData, r: Recipient): void {
  const st = lookupState.get(data);
  const ix = st?.index;
  if (!ix) return;
  ix.counts[kindCount(r.kind)]--;
  if (currentIndex(data)) indexRemove(ix, r.obj, recipientKeys(r));
}

const same = (a: string, lower: string) => a.length === lower.length && a.toLowerCase() === lower;

function hasProxy(proxies: string[], lower: string): boolean {
  for (const p of proxies) if (p.length === lower.length + 5 && /^smtp:/i.test(p) && p.slice(5).toLowerCase() === lower) return true;
  return false;
}

/** One pass over the recipients of the given kinds, without allocating per recipient. */
function scan(data: TenantData, lower: string, kinds: RecipientKind[]): Recipient[] {
  const out: Recipient[] = [];
  if (kinds.includes('mailbox')) {
    for (const m of data.mailboxes) {
      if (same(m.guid, lower) || same(m.name, lower) || same(m.alias, lower) || same(m.primarySmtpAddress, lower) || same(m.userPrincipalName, lower) || hasProxy(m.emailAddresses, lower))
        out.push({ kind: 'mailbox', obj: m });
    }
  }
  if (kinds.includes('group')) {
    for (const g of data.groups) {
      if (same(g.guid, lower) || same(g.name, lower) || same(g.alias, lower) || same(g.primarySmtpAddress, lower) || hasProxy(g.emailAddresses, lower)) out.push({ kind: 'group', obj: g });
    }
  }
  if (kinds.includes('contact')) {
    for (const c of data.contacts) {
      if (same(c.guid, lower) || same(c.name, lower) || same(c.alias, lower) || same(c.externalEmailAddress, lower)) out.push({ kind: 'contact', obj: c });
    }
  }
  return out;
}

/** Recipients of the given kinds that have `key` (any case) as GUID, name, alias or address. */
function lookup(data: TenantData, key: string, kinds: RecipientKind[]): Recipient[] {
  const lower = key.toLowerCase();
  let ix = currentIndex(data);
  if (!ix) {
    const st = stateOf(data);
    if (++st.lookups > INDEX_AFTER_LOOKUPS) ix = st.index = buildIndex(data);
  }
  if (!ix) return scan(data, lower, kinds);
  return (ix.byKey.get(lower) ?? []).filter((r) => kinds.includes(r.kind));
}

/** Recipients matching an identity; wildcards (`*`) allowed when `wildcards` is set (Get-* cmdlets). */
export function findRecipients(data: TenantData, identity: string, kinds: RecipientKind[], wildcards = false): Recipient[] {
  const id = identity.trim();
  if (wildcards && id.includes('*')) {
    const re = wildcardRegex(id);
    return allRecipients(data, kinds).filter((r) => re.test(r.obj.name) || re.test(r.obj.alias) || addressesOf(r).some((a) => re.test(a)));
  }
  return lookup(data, id, kinds);
}

/** A case-insensitive regular expression for a `*` wildcard pattern. */
export function wildcardRegex(pattern: string): RegExp {
  return new RegExp(
    '^' +
      pattern
        .split('*')
        .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*') +
      '$',
    'i',
  );
}

/** Exactly one recipient for an identity, else Exchange's not-found or ambiguity error. */
export function resolveRecipient(data: TenantData, identity: string, kinds: RecipientKind[]): Recipient {
  const hits = findRecipients(data, identity, kinds);
  if (hits.length === 0) throw notFound(identity);
  if (hits.length > 1) throw ambiguous(identity);
  return hits[0];
}

export function resolveMailbox(data: TenantData, identity: string): Mailbox {
  return resolveRecipient(data, identity, ['mailbox']).obj as Mailbox;
}

export function resolveGroup(data: TenantData, identity: string): DistributionGroup {
  return resolveRecipient(data, identity, ['group']).obj as DistributionGroup;
}

export function resolveContact(data: TenantData, identity: string): MailContact {
  return resolveRecipient(data, identity, ['contact']).obj as MailContact;
}

/** The recipient that owns an SMTP address in this tenant, if any. */
export function recipientByAddress(data: TenantData, address: string): Recipient | undefined {
  const l = address.trim().toLowerCase();
  return lookup(data, l, ['mailbox', 'group']).find((r) => addressesOf(r).some((a) => a.toLowerCase() === l));
}

export function recipientByGuid(data: TenantData, guid: string): Recipient | undefined {
  const l = guid.toLowerCase();
  return lookup(data, l, ['mailbox', 'group', 'contact']).find((r) => r.obj.guid.toLowerCase() === l);
}

/** Whether any recipient already uses this address (for uniqueness checks). */
export function addressInUse(data: TenantData, address: string, except?: string): boolean {
  const l = address.trim().toLowerCase();
  return lookup(data, l, ['mailbox', 'group', 'contact']).some((r) => r.obj.guid !== except && addressesOf(r).some((a) => a.toLowerCase() === l));
}

export function nameInUse(data: TenantData, name: string, except?: string): boolean {
  const l = name.trim().toLowerCase();
  return lookup(data, l, ['mailbox', 'group', 'contact']).some((r) => r.obj.guid !== except && r.obj.name.toLowerCase() === l);
}

/** Whether a mailbox or group other than `except` already has this alias. */
export function aliasInUse(data: TenantData, alias: string, except?: string): boolean {
  const l = alias.trim().toLowerCase();
  return lookup(data, l, ['mailbox', 'group']).some((r) => r.obj.guid !== except && r.obj.alias.toLowerCase() === l);
}

/** An alias derived from a name, as Exchange derives one (letters, digits and a few symbols). */
export function aliasFromName(name: string): string {
  const a = name.replace(/[^A-Za-z0-9!#$%&'*+\-/=?^_`{|}~.]/g, '').replace(/^\.+|\.+$/g, '');
  return a || 'user';
}
