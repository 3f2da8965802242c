// Address and message-id matching for the trace filters: exact addresses (case-insensitive),
// or one wildcard pattern such as *@contoso.com or user@* (as the EAC and many community
// scripts use; a wildcard value must be the only value of its parameter).

import { normalizeMessageId } from '../mail/ids.js';
import { traceError, traceTexts } from './texts.js';

export interface AddressFilter {
  /** Lower-case addresses, when the values are plain addresses. */
  exact?: ReadonlySet<string>;
  /** Lower-case domain, for the pattern *@domain (served by the domain index). */
  domain?: string;
  /** Any other wildcard pattern. */
  pattern?: RegExp;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
}

/** The filter for a -SenderAddress / -RecipientAddress value list; undefined matches everything. */
export function addressFilter(values: readonly string[] | undefined, parameter: string): AddressFilter | undefined {
  const list = (values ?? []).map((v) => v.trim().toLowerCase()).filter((v) => v !== '');
  if (list.length === 0) return undefined;
  const wild = list.filter((v) => v.includes('*'));
  if (wild.length === 0) return { exact: new Set(list) };
  if (list.length > 1) throw traceError(traceTexts.wildcardWithOthers(parameter), 'WildcardWithOtherValues', 'ArgumentException');
  const only = wild[0];
  if (/^\*+(@\*+)?$/.test(only)) return undefined;
  const domain = /^\*@([^*]+)$/.exec(only);
  if (domain) return { domain: domain[1] };
  return { pattern: new RegExp('^' + only.split('*').map(escapeRegExp).join('.*') + '$') };
}

export function matchesAddress(filter: AddressFilter, address: string): boolean {
  const a = address.toLowerCase();
  if (filter.exact) return filter.exact.has(a);
  if (filter.domain !== undefined) return domainKey(a) === filter.domain;
  return filter.pattern!.test(a);
}

/** The lower-case domain of an address ('' when it has none). */
export function domainKey(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : address.slice(at + 1).toLowerCase();
}

/** Message-ID keys: with angle brackets, lower case. */
export function messageIdKey(id: string): string {
  return normalizeMessageId(id).toLowerCase();
}
