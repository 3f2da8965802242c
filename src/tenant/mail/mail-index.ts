// In-memory indexes over a loaded tenant's mail, so that recalls, retries and lookups by
// Message-ID do not scan every item and trace row. The index follows the arrays: rows and
// items appended later are picked up on the next lookup, removals go through removeItem(),
// and an array replaced wholesale (a filter elsewhere) rebuilds the index.

import type { TenantData } from '../schema.js';
import type { MailboxItem, MailData, MailMessage, TraceRow } from './model.js';

interface Tracked<T> {
  array: T[];
  indexed: number;
  byMessage: Map<string, T[]>;
}

interface MailIndex {
  items: Tracked<MailboxItem>;
  traces: Tracked<TraceRow>;
  messages: Tracked<MailMessage>;
}

const cache = new WeakMap<MailData, MailIndex>();

function tracked<T extends { messageId: string }>(array: T[]): Tracked<T> {
  return { array, indexed: 0, byMessage: new Map() };
}

/** Brings one tracked array up to date: rebuild if replaced, else index the new tail. */
function sync<T extends { messageId: string }>(t: Tracked<T>, array: T[]): Tracked<T> {
  if (t.array !== array || array.length < t.indexed) t = tracked(array);
  for (let i = t.indexed; i < array.length; i++) {
    const x = array[i];
    const list = t.byMessage.get(x.messageId);
    if (list) list.push(x);
    else t.byMessage.set(x.messageId, [x]);
  }
  t.indexed = array.length;
  return t;
}

function indexOf(data: TenantData): MailIndex {
  const mail = data.mail;
  let ix = cache.get(mail);
  if (!ix) {
    ix = { items: tracked(mail.items), traces: tracked(mail.traces), messages: tracked(mail.messages) };
    cache.set(mail, ix);
  }
  ix.items = sync(ix.items, mail.items);
  ix.traces = sync(ix.traces, mail.traces);
  ix.messages = sync(ix.messages, mail.messages);
  return ix;
}

/** The copies of a message in all mailboxes (sender's copy included). */
export function itemsOf(data: TenantData, messageId: string): readonly MailboxItem[] {
  return indexOf(data).items.byMessage.get(messageId) ?? [];
}

/** The trace rows of a message, in the order they were written. */
export function tracesOf(data: TenantData, messageId: string): readonly TraceRow[] {
  return indexOf(data).traces.byMessage.get(messageId) ?? [];
}

export function messageById(data: TenantData, messageId: string): MailMessage | undefined {
  return indexOf(data).messages.byMessage.get(messageId)?.[0];
}

/** Removes a copy from its mailbox (and from the index). */
export function removeItem(data: TenantData, item: MailboxItem): void {
  const ix = indexOf(data);
  const at = data.mail.items.indexOf(item);
  if (at < 0) return;
  data.mail.items.splice(at, 1);
  ix.items.indexed -= 1;
  const list = ix.items.byMessage.get(item.messageId);
  if (list) {
    const i = list.indexOf(item);
    if (i >= 0) list.splice(i, 1);
  }
}
