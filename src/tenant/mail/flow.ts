// Mail flow: submitting a message, routing each recipient (aliases, groups, external
// addresses, unknown addresses), transport rules, delivery or deferral, inbox rules and
// mailbox forwarding, writing the message trace rows and events Exchange Online writes.

import { removeItem, tracesOf } from './mail-index.js';
import { isoText } from '../clock.js';
import { domainOf, isAcceptedDomain, recipientByAddress, recipientByGuid } from '../recipients.js';
import type { Mailbox, TenantData } from '../schema.js';
import { ipFor, newItemId, newMessageId, newTraceId, nextCounter, serverName } from './ids.js';
import type { Encryption, MailboxItem, MailMessage, MessageKind, TraceRow, TraceStatus, TransportRule } from './model.js';
import { schedule } from './schedule.js';
import { event, texts } from './trace-text.js';

/** How often a deferred delivery is retried, and how long before it expires. */
export const RETRY_INTERVAL_MS = 15 * 60 * 1000;
export const DELIVERY_EXPIRY_MS = 24 * 60 * 60 * 1000;

export const REPORTS_SENDER = 'Office365Reports@microsoft.com';

export interface SubmitInput {
  from: string;
  submittedBy: Mailbox | null;
  /** Where the sender's copy is kept (Sent Items), or null for none. */
  senderCopy: { mailbox: Mailbox; folder: string } | null;
  to: string[];
  cc?: string[];
  bcc?: string[];
  subject: string;
  body: string;
  bodyIsHtml?: boolean;
  encryption?: Encryption;
  fromIP?: string;
  kind?: MessageKind;
  messageClass?: string;
  relatesTo?: string | null;
}

type Origin = MailboxItem['origin'];

/** Routes and delivers mail at one instant of tenant time. */
export class MailFlow {
  readonly at: string;
  private readonly server: string;

  constructor(
    readonly data: TenantData,
    at: Date,
  ) {
    this.at = isoText(at);
    this.server = serverName(data);
  }

  /** Submits a message and routes it to every recipient. */
  submit(input: SubmitInput): MailMessage {
    const message = this.createMessage(input);
    const seen = new Set<string>();
    for (const address of [...message.to, ...message.cc, ...message.bcc]) {
      const key = address.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      // One copy per recipient: a member already reached through a group isn't routed again.
      if (this.alreadyRouted(message, address, true)) continue;
      this.route(message, address, 'Delivered', new Set());
    }
    return message;
  }

  /** Records a message (and the sender's copy) without routing it. */
  createMessage(input: SubmitInput): MailMessage {
    const n = nextCounter(this.data);
    const to = input.to,
      cc = input.cc ?? [],
      bcc = input.bcc ?? [];
    const message: MailMessage = {
      messageId: newMessageId(this.data, n),
      messageTraceId: newTraceId(this.data, n),
      kind: input.kind ?? 'Normal',
      messageClass: input.messageClass ?? 'IPM.Note',
      subject: input.subject,
      body: input.body,
      bodyIsHtml: input.bodyIsHtml ?? false,
      from: input.from,
      submittedBy: input.submittedBy?.guid ?? null,
      to,
      cc,
      bcc,
      size: messageSize(input),
      submittedAt: this.at,
      encryption: input.encryption ?? 'None',
      fromIP: input.fromIP ?? (input.submittedBy ? ipv6For(input.submittedBy.guid) : ipFor(domainOf(input.from))),
      relatesTo: input.relatesTo ?? null,
    };
    this.data.mail.messages.push(message);
    if (input.senderCopy) this.addItem(input.senderCopy.mailbox, message, input.senderCopy.folder, 'Sent', message.from, true);
    return message;
  }

  /** The trace row of a message for one recipient address. */
  newRow(message: MailMessage, recipient: string, status: TraceStatus, toIP: string | null = null, via?: TraceRow['via']): TraceRow {
    const row: TraceRow = {
      messageId: message.messageId,
      messageTraceId: message.messageTraceId,
      received: this.at,
      senderAddress: message.from,
      recipientAddress: recipient,
      subject: message.subject,
      status,
      toIP,
      fromIP: message.fromIP,
      size: message.size,
      events: [event(this.at, 'Receive', texts.receive(this.server), { ClientSubmitTime: this.at, ReturnPath: message.from })],
    };
    if (via) row.via = via;
    this.data.mail.traces.push(row);
    return row;
  }

  /** Routes one recipient address; `forwardedFrom` tracks mailboxes already forwarding (loop guard). */
  route(message: MailMessage, address: string, origin: Origin, forwardedFrom: Set<string>, note?: string): void {
    const domain = domainOf(address);
    const via = origin === 'AutoForwarded' || origin === 'RuleForwarded' ? origin : undefined;
    if (!isAcceptedDomain(this.data, domain)) {
      const ip = ipFor(domain);
      const row = this.newRow(message, address, 'Delivered', ip, via);
      if (note) row.events.push(event(this.at, 'Receive', note));
      row.events.push(event(this.at, 'Send', texts.send(ip, domain), { RecipientDomain: domain }));
      return;
    }
    const recipient = recipientByAddress(this.data, address);
    if (!recipient) {
      const row = this.newRow(message, address, 'Failed');
      row.events.push(event(this.at, 'Fail', texts.notFound(address)));
      this.nonDeliveryReport(message, address);
      return;
    }
    if (recipient.kind === 'group') {
      const members = recipient.obj.members.map((g) => recipientByGuid(this.data, g)).filter((r) => r !== undefined);
      const row = this.newRow(message, address, 'Expanded');
      row.events.push(event(this.at, 'Expand', texts.expand(recipient.obj.primarySmtpAddress, members.length)));
      for (const m of members) {
        const memberAddress = m.kind === 'contact' ? m.obj.externalEmailAddress : m.obj.primarySmtpAddress;
        if (this.alreadyRouted(message, memberAddress)) continue;
        this.route(message, memberAddress, origin, forwardedFrom);
      }
      return;
    }
    if (recipient.kind === 'contact') {
      this.route(message, recipient.obj.externalEmailAddress, origin, forwardedFrom);
      return;
    }
    const mailbox = recipient.obj;
    const row = this.newRow(message, address, 'GettingStatus', null, via);
    if (note) row.events.push(event(this.at, 'Receive', note));
    if (address.toLowerCase() !== mailbox.primarySmtpAddress.toLowerCase()) {
      row.events.push(event(this.at, 'Resolved', texts.resolved(address, mailbox.primarySmtpAddress), { ResolvedAddress: mailbox.primarySmtpAddress }));
    }
    const rule = this.applyTransportRules(message, row);
    if (rule === 'quarantine') return;
    this.deliver(message, mailbox, row, origin, forwardedFrom, rule === undefined ? 'Inbox' : 'Junk Email', rule);
  }

  private alreadyRouted(message: MailMessage, address: string, directOnly = false): boolean {
    const l = address.toLowerCase();
    return tracesOf(this.data, message.messageId).some((t) => t.recipientAddress.toLowerCase() === l && !(directOnly && t.via));
  }

  /** Applies transport rules to a row: the SCL of a spam verdict (to Junk Email), 'quarantine', or undefined. */
  private applyTransportRules(message: MailMessage, row: TraceRow): number | 'quarantine' | undefined {
    let verdict: number | 'quarantine' | undefined;
    const rules = [...this.data.mail.transportRules].filter((r) => r.state === 'Enabled').sort((a, b) => a.priority - b.priority);
    for (const rule of rules) {
      if (!ruleMatches(rule, message)) continue;
      row.events.push(
        event(this.at, 'Transport rule', texts.transportRule(rule.name, rule.guid), { RuleId: rule.guid }, rule.quarantine ? 'Quarantine' : rule.setSCL !== null ? `SetSCL ${rule.setSCL}` : null),
      );
      if (rule.quarantine) verdict = 'quarantine';
      else if (rule.setSCL !== null && rule.setSCL >= 5 && verdict === undefined) verdict = rule.setSCL;
    }
    if (verdict === 'quarantine') {
      row.status = 'Quarantined';
      row.events.push(event(this.at, 'Quarantine', texts.quarantine()));
      this.data.mail.quarantine.push({
        identity: `${message.messageTraceId}\\${row.recipientAddress.toLowerCase()}`,
        messageId: message.messageId,
        recipient: row.recipientAddress,
        senderAddress: message.from,
        subject: message.subject,
        receivedTime: this.at,
        quarantineTypes: 'TransportRule',
        released: false,
        releasedAt: null,
        expires: isoText(new Date(Date.parse(this.at) + 30 * 86_400_000)),
      });
    }
    return verdict;
  }

  /** Delivers (or defers) the copy for a mailbox row. */
  deliver(message: MailMessage, mailbox: Mailbox, row: TraceRow, origin: Origin, forwardedFrom: Set<string>, folder = 'Inbox', scl = 5): void {
    if (this.isUnavailable(mailbox)) {
      row.status = 'Pending';
      row.events.push(event(this.at, 'Defer', texts.defer()));
      schedule(this.data, 'RetryDelivery', new Date(Date.parse(this.at) + RETRY_INTERVAL_MS), message.messageId, row.recipientAddress);
      schedule(this.data, 'ExpireDelivery', new Date(Date.parse(message.submittedAt) + DELIVERY_EXPIRY_MS), message.messageId, row.recipientAddress);
      return;
    }
    const spam = folder === 'Junk Email';
    row.status = spam ? 'FilteredAsSpam' : 'Delivered';
    row.events.push(event(this.at, 'Deliver', spam ? texts.spam(scl) : texts.deliver(folder), { DeliveryFolder: folder, MailboxDatabaseName: 'NAMPR01DG001-db001' }));
    const item = this.addItem(mailbox, message, folder, origin, row.recipientAddress, false);
    if (!spam && message.kind !== 'RecallReport' && message.kind !== 'NonDeliveryReport') this.runInboxRules(message, mailbox, item, forwardedFrom);
    this.mailboxForwarding(message, mailbox, item, forwardedFrom);
  }

  isUnavailable(mailbox: Mailbox): boolean {
    const until = this.data.mail.unavailable[mailbox.guid];
    return until !== undefined && (until === 'Indefinitely' || Date.parse(until) > Date.parse(this.at));
  }

  private addItem(mailbox: Mailbox, message: MailMessage, folder: string, origin: Origin, deliveredAs: string, isRead: boolean): MailboxItem {
    const item: MailboxItem = {
      itemId: newItemId(this.data, nextCounter(this.data)),
      mailbox: mailbox.guid,
      messageId: message.messageId,
      folder,
      isRead,
      received: this.at,
      deliveredAs,
      origin,
      retainedForHold: false,
      recallAttempts: [],
    };
    this.data.mail.items.push(item);
    return item;
  }

  /** Inbox rules: move to a folder, forward or redirect (those copies cannot be recalled). */
  private runInboxRules(message: MailMessage, mailbox: Mailbox, item: MailboxItem, forwardedFrom: Set<string>): void {
    const rules = this.data.inboxRules.filter((r) => r.mailbox === mailbox.guid && r.enabled).sort((a, b) => a.priority - b.priority);
    for (const rule of rules) {
      const fromOk = rule.from.length === 0 || rule.from.some((f) => f.toLowerCase() === message.from.toLowerCase());
      const subjectOk = rule.subjectContainsWords.length === 0 || rule.subjectContainsWords.some((w) => message.subject.toLowerCase().includes(w.toLowerCase()));
      if (!fromOk || !subjectOk) continue;
      if (rule.moveToFolder) item.folder = rule.moveToFolder;
      for (const target of [...rule.forwardTo, ...rule.redirectTo]) {
        if (forwardedFrom.has(`${mailbox.guid}:${target}`)) continue;
        const next = new Set(forwardedFrom).add(`${mailbox.guid}:${target}`);
        const kind = rule.redirectTo.includes(target) ? `the inbox rule '${rule.name}' (redirect)` : `the inbox rule '${rule.name}' (forward)`;
        this.route(message, target, 'RuleForwarded', next, texts.forwardedBy(mailbox.primarySmtpAddress, kind));
      }
    }
  }

  /** Mailbox forwarding (ForwardingSmtpAddress): inside the tenant the copy stays recallable. */
  private mailboxForwarding(message: MailMessage, mailbox: Mailbox, item: MailboxItem, forwardedFrom: Set<string>): void {
    const target = mailbox.forwardingSmtpAddress;
    if (!target || forwardedFrom.has(mailbox.guid)) return;
    const next = new Set(forwardedFrom).add(mailbox.guid);
    this.route(message, target, 'AutoForwarded', next, texts.forwardedBy(mailbox.primarySmtpAddress, 'mailbox forwarding'));
    if (!mailbox.deliverToMailboxAndForward) {
      removeItem(this.data, item);
    }
  }

  /** A non-delivery report back to an internal sender. */
  nonDeliveryReport(message: MailMessage, failedRecipient: string, reason = "the email address couldn't be found"): void {
    if (message.kind === 'NonDeliveryReport' || message.kind === 'RecallReport') return;
    const sender = message.submittedBy ? this.data.mailboxes.find((m) => m.guid === message.submittedBy) : undefined;
    if (!sender) return;
    const initial = this.data.acceptedDomains.find((d) => d.initial)?.domainName ?? domainOf(sender.primarySmtpAddress);
    this.submit({
      from: `MicrosoftExchange329e71ec88ae4615bbc36ab6ce41109e@${initial}`,
      submittedBy: null,
      senderCopy: null,
      to: [sender.primarySmtpAddress],
      subject: `Undeliverable: ${message.subject}`,
      body: `Your message to ${failedRecipient} couldn't be delivered: ${reason}.`,
      kind: 'NonDeliveryReport',
      messageClass: 'REPORT.IPM.Note.NDR',
      relatesTo: message.messageId,
      fromIP: '',
    });
  }
}

function ruleMatches(rule: TransportRule, message: MailMessage): boolean {
  const subjectOk = rule.subjectContainsWords.length === 0 || rule.subjectContainsWords.some((w) => message.subject.toLowerCase().includes(w.toLowerCase()));
  const fromOk = rule.from.length === 0 || rule.from.some((f) => f.toLowerCase() === message.from.toLowerCase());
  return (rule.subjectContainsWords.length > 0 || rule.from.length > 0) && subjectOk && fromOk;
}

/** A plausible size in bytes: headers plus subject and body. */
function messageSize(input: SubmitInput): number {
  const recipients = [...input.to, ...(input.cc ?? []), ...(input.bcc ?? [])].join(', ');
  return 4096 + Buffer.byteLength(input.subject) + Buffer.byteLength(input.body) * (input.bodyIsHtml ? 1 : 2) + recipients.length;
}

function ipv6For(guid: string): string {
  const h = guid.replace(/-/g, '');
  return `2603:10b6:${h.slice(0, 3)}:${h.slice(3, 5)}::${h.slice(5, 7)}`.replace(/:0+([0-9a-f])/g, ':$1');
}

export function findMailbox(data: TenantData, guid: string | null): Mailbox | undefined {
  return guid ? data.mailboxes.find((m) => m.guid === guid) : undefined;
}
