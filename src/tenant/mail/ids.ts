// Deterministic message identifiers in Exchange Online's shapes, from a per-tenant counter.

import { createHash } from 'node:crypto';
import { deterministicGuid } from '../ids.js';
import type { TenantData } from '../schema.js';

/** The mailbox server that "handles" the tenant's mail, as in the service's Message-IDs. */
export function serverName(data: TenantData): string {
  const h = createHash('sha1').update(data.organization.guid).digest('hex').toUpperCase();
  return `SN6PR${h.slice(0, 2)}MB${parseInt(h.slice(2, 6), 16) % 10000}`.padEnd(14, '0');
}

export function nextCounter(data: TenantData): number {
  data.mail.counter += 1;
  return data.mail.counter;
}

/** An Internet Message-ID such as <SN6PR01MB4880D9...@SN6PR01MB4880.namprd01.prod.outlook.com>. */
export function newMessageId(data: TenantData, n: number): string {
  const server = serverName(data);
  const h = createHash('sha1').update(`${data.organization.guid}:message:${n}`).digest('hex').toUpperCase().slice(0, 24);
  return `<${server}${h}@${server}.namprd01.prod.outlook.com>`;
}

export function newTraceId(data: TenantData, n: number): string {
  return deterministicGuid(data.organization.guid, `trace:${n}`);
}

export function newItemId(data: TenantData, n: number): string {
  return 'AAMk' + createHash('sha1').update(`${data.organization.guid}:item:${n}`).digest('base64url').slice(0, 40);
}

/** A stable public IP for a host name (used for From IP / To IP of internet hops). */
export function ipFor(name: string): string {
  const h = createHash('sha1').update(name.toLowerCase()).digest();
  return `${[40, 52, 104, 13][h[0] % 4]}.${(h[1] % 200) + 10}.${h[2]}.${(h[3] % 250) + 1}`;
}

/** Normalizes a Message-ID typed with or without angle brackets. */
export function normalizeMessageId(id: string): string {
  const t = id.trim();
  return t.startsWith('<') ? t : `<${t}>`;
}
