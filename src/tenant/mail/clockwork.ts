// Runs what has fallen due in tenant time: deferred deliveries are retried or expire,
// pending recalls time out, recall reports arrive. Each runs at its own scheduled time.

import { messageById, tracesOf } from './mail-index.js';
import { isoText } from '../clock.js';
import { recipientByAddress } from '../recipients.js';
import type { TenantData } from '../schema.js';
import { DELIVERY_EXPIRY_MS, MailFlow, RETRY_INTERVAL_MS } from './flow.js';
import { onCopyDelivered, sendRecallReport, timeOutRecall } from './recall.js';
import { schedule, takeDue, unschedule } from './schedule.js';
import { event, texts } from './trace-text.js';

/** Runs every event due by `now`; returns true if anything changed. */
export function runDueEvents(data: TenantData, now: Date): boolean {
  let changed = false;
  for (let e = takeDue(data, now); e; e = takeDue(data, now)) {
    changed = true;
    const at = new Date(e.at);
    switch (e.kind) {
      case 'RetryDelivery':
        retryDelivery(data, at, e.messageId, e.recipient);
        break;
      case 'ExpireDelivery':
        expireDelivery(data, at, e.messageId, e.recipient);
        break;
      case 'RecallTimeout':
        if (e.recallId) timeOutRecall(data, at, e.recallId);
        break;
      case 'RecallReport':
        if (e.recallId) sendRecallReport(data, at, e.recallId);
        break;
      default:
        break;
    }
  }
  return changed;
}

function pendingRow(data: TenantData, messageId: string, recipient: string) {
  const l = recipient.toLowerCase();
  return tracesOf(data, messageId).find((t) => t.recipientAddress.toLowerCase() === l && t.status === 'Pending');
}

/** Delivers a waiting copy now that its mailbox may take mail again. */
export function deliverWaitingCopy(data: TenantData, at: Date, messageId: string, recipient: string, note?: string): boolean {
  const row = tracesOf(data, messageId).find((t) => t.recipientAddress.toLowerCase() === recipient.toLowerCase() && (t.status === 'Pending' || t.status === 'Quarantined'));
  const message = messageById(data, messageId);
  const r = recipientByAddress(data, recipient);
  if (!row || !message || r?.kind !== 'mailbox') return false;
  const flow = new MailFlow(data, at);
  if (row.status === 'Pending' && flow.isUnavailable(r.obj)) return false;
  if (note) row.events.push(event(isoText(at), 'Release', note));
  flow.deliver(message, r.obj, row, row.via ?? 'Delivered', new Set());
  unschedule(data, (e) => (e.kind === 'RetryDelivery' || e.kind === 'ExpireDelivery') && e.messageId === messageId && e.recipient.toLowerCase() === recipient.toLowerCase());
  onCopyDelivered(data, at, messageId, recipient);
  return true;
}

function retryDelivery(data: TenantData, at: Date, messageId: string, recipient: string): void {
  if (!pendingRow(data, messageId, recipient)) return;
  if (deliverWaitingCopy(data, at, messageId, recipient)) return;
  const message = messageById(data, messageId);
  const next = at.getTime() + RETRY_INTERVAL_MS;
  if (message && next < Date.parse(message.submittedAt) + DELIVERY_EXPIRY_MS) schedule(data, 'RetryDelivery', new Date(next), messageId, recipient);
}

function expireDelivery(data: TenantData, at: Date, messageId: string, recipient: string): void {
  const row = pendingRow(data, messageId, recipient);
  const message = messageById(data, messageId);
  if (!row || !message) return;
  row.status = 'Failed';
  row.events.push(event(isoText(at), 'Fail', texts.expired()));
  unschedule(data, (e) => e.kind === 'RetryDelivery' && e.messageId === messageId && e.recipient.toLowerCase() === recipient.toLowerCase());
  new MailFlow(data, at).nonDeliveryReport(message, recipient, 'the message expired before the mailbox could take it');
}
