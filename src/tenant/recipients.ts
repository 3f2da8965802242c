// Recipients and addresses: resolving an identity (name, alias, any SMTP address, GUID,
// UPN) to a mailbox, group or contact, with Exchange's not-found and ambiguity errors.

import { ambiguous, notFound, TenantError } from './errors.js';
import type { DistributionGroup, MailContact, Mailbox, TenantData } from './schema.js';

export type Recipient =
  | { kind: 'mailbox'; obj: Mailbox }
  | { kind: 'group'; obj: DistributionGroup }
  | { kind: 'contact'; obj: MailContact };

export type RecipientKind = Recipient['kind'];

const SMTP = /^[^@\s"<>(),;:]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;

export function isSmtpAddress(s: string): boolean {
  return SMTP.test(s);
}

/** Validates an SMTP address, with Exchange's error text. */
export function checkSmtp(address: string, parameter: string): string {
  const a = address.trim();
  if (!isSmtpAddress(a)) {
    throw new TenantError(`Cannot bind parameter '${parameter}' to the target. Exception setting "${parameter}": "The email address "${address}" isn't correct. Please use this format: user name, the @ sign, followed by the domain name. For example, tonysmith@contoso.com or tony.smith@contoso.com."`, 'InvalidArgument', 'ParameterBindingFailed', 'ParameterBindingException');
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
    case 'mailbox': return [r.obj.primarySmtpAddress, r.obj.userPrincipalName, ...smtpAddresses(r.obj.emailAddresses)];
    case 'group': return [r.obj.primarySmtpAddress, ...smtpAddresses(r.obj.emailAddresses)];
    case 'contact': return [r.obj.externalEmailAddress];
  }
}

export function allRecipients(data: TenantData, kinds: RecipientKind[] = ['mailbox', 'group', 'contact']): Recipient[] {
  const out: Recipient[] = [];
  if (kinds.includes('mailbox')) for (const m of data.mailboxes) out.push({ kind: 'mailbox', obj: m });
  if (kinds.includes('group')) for (const g of data.groups) out.push({ kind: 'group', obj: g });
  if (kinds.includes('contact')) for (const c of data.contacts) out.push({ kind: 'contact', obj: c });
  return out;
}

function identityMatches(r: Recipient, id: string): boolean {
  const l = id.toLowerCase();
  const o = r.obj;
  if (o.guid.toLowerCase() === l || o.name.toLowerCase() === l || o.alias.toLowerCase() === l) return true;
  return addressesOf(r).some((a) => a.toLowerCase() === l);
}

/** Recipients matching an identity; wildcards (`*`) allowed when `wildcards` is set (Get-* cmdlets). */
export function findRecipients(data: TenantData, identity: string, kinds: RecipientKind[], wildcards = false): Recipient[] {
  const id = identity.trim();
  if (wildcards && id.includes('*')) {
    const re = new RegExp('^' + id.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*') + '$', 'i');
    return allRecipients(data, kinds).filter((r) => re.test(r.obj.name) || re.test(r.obj.alias) || addressesOf(r).some((a) => re.test(a)));
  }
  return allRecipients(data, kinds).filter((r) => identityMatches(r, id));
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

/** The recipient that owns an SMTP address in this tenant, if any. */
export function recipientByAddress(data: TenantData, address: string): Recipient | undefined {
  const l = address.toLowerCase();
  return allRecipients(data, ['mailbox', 'group']).find((r) => addressesOf(r).some((a) => a.toLowerCase() === l));
}

export function recipientByGuid(data: TenantData, guid: string): Recipient | undefined {
  return allRecipients(data).find((r) => r.obj.guid === guid);
}

/** Whether any recipient already uses this address (for uniqueness checks). */
export function addressInUse(data: TenantData, address: string, except?: string): boolean {
  const l = address.toLowerCase();
  return allRecipients(data).some((r) => r.obj.guid !== except && addressesOf(r).some((a) => a.toLowerCase() === l));
}

export function nameInUse(data: TenantData, name: string, except?: string): boolean {
  const l = name.toLowerCase();
  return allRecipients(data).some((r) => r.obj.guid !== except && r.obj.name.toLowerCase() === l);
}

/** An alias derived from a name, as Exchange derives one (letters, digits and a few symbols). */
export function aliasFromName(name: string): string {
  const a = name.replace(/[^A-Za-z0-9!#$%&'*+\-/=?^_`{|}~.]/g, '').replace(/^\.+|\.+$/g, '');
  return a || 'user';
}
