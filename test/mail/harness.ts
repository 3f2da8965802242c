// A mail lab for the mail-flow and recall tests: the real exosh shell (createShell, the
// registered cmdlets, RBAC, the per-statement store transaction) over a temporary tenant
// store whose clock is pinned in the store, so `Set-TenantClock -Advance` moves tenant time
// and scheduled events (deferred deliveries, recall retries, reports, time-outs) run.
// One session per user (`--as`), all on the same store; state is read through tenant.read().

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createShell, type Shell } from '../../src/cli/shell-factory.js';
import { PSObject, type PSValue } from '../../src/shell/values.js';
import type { MailboxItem, MailMessage, RecallRequest, TraceEvent, TraceRow } from '../../src/tenant/mail/model.js';
import type { TenantData } from '../../src/tenant/schema.js';
import { TenantStore } from '../../src/tenant/store.js';
import { emptyTenant } from '../../src/tenant/tenant.js';
import { RecordingHost, type ShellRun } from '../helpers/shell.js';

/** Tenant time at the start of every lab: the seed's example (8/14/2023 9:51:20 PM UTC). */
export const T0 = '2023-08-14T21:51:20Z';
export const ADMIN = 'admin@contoso.com';
export const DROP_SUCCESS = 'Reason: [Stage: OnPromotedEvent][Agent: Transport Message Recall Agent];Message recall process complete, dropping the recall email. Result:Success';
export const DROP_FAILED = 'Reason: [Stage: OnPromotedEvent][Agent: Transport Message Recall Agent];Message recall process complete, dropping the recall email. Result:Failed';

const MIN = 60_000;

/** The people of most labs: the seed's user and three recipients in contoso.com. */
export const PEOPLE = ['user', 'recipient1', 'recipient2', 'recipient3'].map((n) => `$null = New-Mailbox -Name ${n}`).join('; ');
export const USER = 'user@contoso.com';
export const R1 = 'recipient1@contoso.com';
export const R2 = 'recipient2@contoso.com';
export const R3 = 'recipient3@contoso.com';
export const SUBJECT = 'Testing recall functionality';
const dirs: string[] = [];

export function removeLabStores(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** The ISO time `minutes` after T0. */
export function at(minutes: number): string {
  return new Date(Date.parse(T0) + minutes * MIN).toISOString().replace('.000Z', 'Z');
}

export interface ReportEntry {
  recipient: string;
  status: string;
  reason: string;
  attemptedAt: string;
  completedAt: string | null;
  mode: string;
}

export interface ItemView {
  subject: string;
  from: string;
  folder: string;
  isRead: boolean;
  messageId: string;
  messageClass: string;
  received: string;
  annotations: string[];
  retained: boolean;
}

function iso(v: PSValue | undefined): string | null {
  return v instanceof Date ? v.toISOString().replace('.000Z', 'Z') : null;
}

export function prop(v: PSValue | undefined, name: string): PSValue | undefined {
  if (!(v instanceof PSObject)) throw new Error(`not an object: ${String(v)}`);
  return v.get(name);
}

export class MailLab {
  readonly storePath: string;
  private readonly shells = new Map<string, { shell: Shell; host: RecordingHost }>();

  /** A fresh store (emptyTenant('contoso.com')) with the clock pinned at T0, then `setup` run as the admin. */
  constructor(setup = '') {
    const dir = mkdtempSync(join(tmpdir(), 'exosh-mail-'));
    dirs.push(dir);
    this.storePath = join(dir, 'tenant.json');
    const data = emptyTenant('contoso.com', new Date('2023-08-14T00:00:00Z'));
    data.clock.pinned = T0;
    TenantStore.create(this.storePath, data);
    if (setup) this.ok(setup);
  }

  private session(user: string) {
    const key = user.toLowerCase();
    let s = this.shells.get(key);
    if (!s) {
      const host = new RecordingHost();
      const shell = createShell({ host, store: this.storePath, user: key === ADMIN ? undefined : user, notice: () => {} });
      s = { shell, host };
      this.shells.set(key, s);
    }
    return s;
  }

  /** Runs script text as a user (default: the admin); recorded streams are cleared first. */
  run(text: string, as = ADMIN): ShellRun {
    const { shell, host } = this.session(as);
    host.reset();
    const r = shell.session.run(text);
    return {
      output: [...host.output],
      batches: host.batches,
      errors: host.errors.map((e) => e.render()),
      errorRecords: [...host.errors],
      warnings: host.warnings,
      verbose: host.verbose,
      hostText: host.hostText,
      exitCode: r.exitCode,
      hadErrors: r.hadErrors,
    };
  }

  /** Runs script text and fails loudly on any error. */
  ok(text: string, as = ADMIN): ShellRun {
    const r = this.run(text, as);
    if (r.errors.length) throw new Error(`unexpected errors for ${JSON.stringify(text)} as ${as}:\n${r.errors.join('\n')}`);
    return r;
  }

  /** Runs script text that must fail; returns the error records. */
  fails(text: string, as = ADMIN): ShellRun {
    const r = this.run(text, as);
    if (!r.errors.length) throw new Error(`expected an error for ${JSON.stringify(text)} as ${as}`);
    return r;
  }

  /** Moves tenant time forward (Set-TenantClock -Advance, e.g. '5m', '1h', '01:00:00'). */
  advance(span: string): void {
    this.ok(`Set-TenantClock -Advance ${span}`);
  }

  /** Tenant time now. */
  now(): string {
    return iso(prop(this.ok('Get-TenantClock').output[0], 'Now'))!;
  }

  /** The tenant as the cmdlets see it now (due events run), as a detached copy. */
  state(): TenantData {
    const tenant = this.session(ADMIN).shell.tenant;
    try {
      const data = tenant.read();
      const copy = structuredClone(data);
      tenant.store.commit();
      return copy;
    } catch (e) {
      tenant.store.rollback();
      throw e;
    }
  }

  /** The store file's bytes (what is on disk, without running anything). */
  bytes(): string {
    return readFileSync(this.storePath, 'utf8');
  }

  /** Send-MailMessage as `as` (its own mailbox unless `from`); returns the MessageId. */
  send(as: string, params: string): string {
    const r = this.ok(`(Send-MailMessage ${params} -PassThru).MessageId`, as);
    return r.output[0] as string;
  }

  /** Invoke-MessageRecall as `as`; returns the request object. */
  recall(as: string, messageId: string, extra = ''): PSObject {
    const r = this.ok(`Invoke-MessageRecall -MessageId '${messageId}' ${extra}`, as);
    return r.output[0] as PSObject;
  }

  /** Get-MessageRecallReport as `as`, flattened. */
  report(messageId: string, as = ADMIN): ReportEntry[] {
    return this.ok(`Get-MessageRecallReport -MessageId '${messageId}'`, as).output.map((o) => ({
      recipient: prop(o, 'Recipient') as string,
      status: prop(o, 'Status') as string,
      reason: prop(o, 'Reason') as string,
      attemptedAt: iso(prop(o, 'AttemptedAt'))!,
      completedAt: iso(prop(o, 'CompletedAt')),
      mode: prop(o, 'Mode') as string,
    }));
  }

  /** One recipient's report entry of the latest attempt. */
  result(messageId: string, recipient: string): ReportEntry {
    const all = this.report(messageId).filter((e) => e.recipient.toLowerCase() === recipient.toLowerCase());
    if (!all.length) throw new Error(`no report entry for ${recipient}`);
    return all[all.length - 1];
  }

  /** Get-MailboxMessage (as the admin), flattened. */
  items(mailbox: string, options: { recoverable?: boolean; folder?: string } = {}): ItemView[] {
    const cmd = `Get-MailboxMessage -Mailbox ${mailbox}${options.recoverable ? ' -IncludeRecoverableItems' : ''}${options.folder ? ` -Folder '${options.folder}'` : ''}`;
    return this.ok(cmd).output.map((o) => ({
      subject: prop(o, 'Subject') as string,
      from: prop(o, 'From') as string,
      folder: prop(o, 'Folder') as string,
      isRead: prop(o, 'IsRead') as boolean,
      messageId: prop(o, 'MessageId') as string,
      messageClass: prop(o, 'MessageClass') as string,
      received: iso(prop(o, 'Received'))!,
      annotations: [...(prop(o, 'RecallAnnotations') as string[])],
      retained: prop(o, 'RetainedForEDiscovery') as boolean,
    }));
  }

  /** Subjects of the items in a folder of a mailbox. */
  subjects(mailbox: string, folder = 'Inbox'): string[] {
    return this.items(mailbox, { folder })
      .map((i) => i.subject)
      .sort();
  }

  /** The recipient reads the message (Set-MailboxMessage -IsRead $true). */
  markRead(mailbox: string, messageId: string): void {
    this.ok(`Set-MailboxMessage -Mailbox ${mailbox} -MessageId '${messageId}' -IsRead $true`);
  }

  /** The recipient moves the message (Move-MailboxMessage). */
  move(mailbox: string, messageId: string, folder: string): void {
    this.ok(`Move-MailboxMessage -Mailbox ${mailbox} -MessageId '${messageId}' -TargetFolder '${folder}'`);
  }
}

// ---------- state inspection ----------

export function message(data: TenantData, messageId: string): MailMessage {
  const m = data.mail.messages.find((x) => x.messageId === messageId);
  if (!m) throw new Error(`no message ${messageId}`);
  return m;
}

/** The messages whose subject is exactly `subject`. */
export function messagesBySubject(data: TenantData, subject: string): MailMessage[] {
  return data.mail.messages.filter((m) => m.subject === subject);
}

export function rows(data: TenantData, messageId: string): TraceRow[] {
  return data.mail.traces.filter((t) => t.messageId === messageId);
}

export function row(data: TenantData, messageId: string, recipient: string): TraceRow {
  const hits = rows(data, messageId).filter((t) => t.recipientAddress.toLowerCase() === recipient.toLowerCase());
  if (hits.length !== 1) throw new Error(`expected one row for ${recipient} of ${messageId}, found ${hits.length}`);
  return hits[0];
}

/** A row's events as "Event@minutes-after-T0". */
export function timeline(r: TraceRow): string[] {
  return r.events.map((e) => `${e.event}@${(Date.parse(e.date) - Date.parse(T0)) / MIN}`);
}

export function eventNames(r: TraceRow): string[] {
  return r.events.map((e) => e.event);
}

export function lastEvent(r: TraceRow, name: string): TraceEvent {
  const e = [...r.events].reverse().find((x) => x.event === name);
  if (!e) throw new Error(`no ${name} event in ${eventNames(r).join(',')}`);
  return e;
}

export function recallOf(data: TenantData, messageId: string, attempt = -1): RecallRequest {
  const list = data.mail.recalls.filter((r) => r.messageId === messageId);
  const r = list.at(attempt);
  if (!r) throw new Error(`no recall of ${messageId}`);
  return r;
}

/** The recall message (IPM.Outlook.Recall) of an attempt. */
export function recallMessage(data: TenantData, messageId: string, attempt = -1): MailMessage {
  return message(data, recallOf(data, messageId, attempt).recallMessageId);
}

export function itemsOf(data: TenantData, mailboxAddress: string, messageId?: string): MailboxItem[] {
  const mb = data.mailboxes.find((m) => m.primarySmtpAddress.toLowerCase() === mailboxAddress.toLowerCase());
  if (!mb) throw new Error(`no mailbox ${mailboxAddress}`);
  return data.mail.items.filter((i) => i.mailbox === mb.guid && (messageId === undefined || i.messageId === messageId));
}

// ---------- the consistency walker ----------

/** The events that decide a row's status, and the statuses each allows. */
const STATUS_OF: Record<string, string[]> = {
  deliver: ['Delivered', 'FilteredAsSpam'],
  fail: ['Failed'],
  defer: ['Pending'],
  expand: ['Expanded'],
  quarantine: ['Quarantined'],
  drop: ['Failed'],
  send: ['Delivered'],
};

/** Every inconsistency of the mail data: rows, events, statuses, items. Empty when consistent. */
export function inconsistencies(data: TenantData): string[] {
  const problems: string[] = [];
  const messageIds = new Set(data.mail.messages.map((m) => m.messageId));
  const mailboxes = new Set(data.mailboxes.map((m) => m.guid));
  for (const m of data.mail.messages) {
    if (!data.mail.traces.some((t) => t.messageId === m.messageId)) problems.push(`message ${m.subject} (${m.kind}) has no trace row`);
  }
  for (const t of data.mail.traces) {
    const where = `row ${t.subject} -> ${t.recipientAddress}`;
    if (!messageIds.has(t.messageId)) problems.push(`${where}: no such message`);
    if (t.events.length === 0) {
      problems.push(`${where}: no events`);
      continue;
    }
    if (t.events[0].event !== 'Receive') problems.push(`${where}: starts with ${t.events[0].event}`);
    for (let i = 1; i < t.events.length; i++) {
      if (Date.parse(t.events[i].date) < Date.parse(t.events[i - 1].date)) problems.push(`${where}: ${t.events[i].event} before ${t.events[i - 1].event}`);
    }
    if (Date.parse(t.events[0].date) !== Date.parse(t.received)) problems.push(`${where}: Receive is not at Received`);
    const deciding = [...t.events].reverse().find((e) => STATUS_OF[e.event.toLowerCase()]);
    if (!deciding) problems.push(`${where}: status ${t.status} without a deciding event (${eventNames(t).join(',')})`);
    else if (!STATUS_OF[deciding.event.toLowerCase()].includes(t.status)) problems.push(`${where}: status ${t.status} but last event ${deciding.event}`);
  }
  for (const i of data.mail.items) {
    if (!messageIds.has(i.messageId)) problems.push(`item ${i.itemId}: no such message`);
    if (!mailboxes.has(i.mailbox)) problems.push(`item ${i.itemId}: no such mailbox`);
  }
  for (const i of data.mail.items) {
    // a delivered copy came through a trace row of its message for that address
    if (i.origin === 'Sent' || i.retainedForHold) continue;
    const r = data.mail.traces.find(
      (t) => t.messageId === i.messageId && t.recipientAddress.toLowerCase() === i.deliveredAs.toLowerCase() && (t.status === 'Delivered' || t.status === 'FilteredAsSpam'),
    );
    if (!r) problems.push(`item ${i.itemId} (${i.folder}): no Delivered row for ${i.deliveredAs}`);
  }
  for (const r of data.mail.recalls) {
    if (!messageIds.has(r.messageId)) problems.push(`recall ${r.recallId}: original missing`);
    if (!messageIds.has(r.recallMessageId)) problems.push(`recall ${r.recallId}: recall message missing`);
    for (const x of r.results) {
      if ((x.status === 'Pending') !== (x.completedAt === null)) problems.push(`recall ${r.recallId} ${x.recipient}: ${x.status} with completedAt ${x.completedAt}`);
      if (r.mode !== 'Cloud') continue;
      // the report agrees with message trace: Pending rows while pending, then Failed with the Drop's Result
      const rr = data.mail.traces.filter((t) => t.messageId === r.recallMessageId && t.recipientAddress.toLowerCase() === x.recipient.toLowerCase());
      if (rr.length !== 1) continue; // a forwarded copy has no row of its own in the recall message
      const drop = [...rr[0].events].reverse().find((e) => e.event === 'Drop');
      if (x.status === 'Pending') {
        if (rr[0].status !== 'Pending' || drop) problems.push(`recall ${r.recallId} ${x.recipient}: Pending but its row is ${rr[0].status}`);
      } else if (rr[0].status !== 'Failed' || !drop || !drop.detail.endsWith(x.status === 'Succeeded' ? 'Result:Success' : 'Result:Failed')) {
        problems.push(`recall ${r.recallId} ${x.recipient}: ${x.status} but its row is ${rr[0].status} / ${drop?.detail ?? 'no Drop'}`);
      } else if (drop.date !== x.completedAt) {
        problems.push(`recall ${r.recallId} ${x.recipient}: completed at ${x.completedAt}, Drop at ${drop.date}`);
      }
    }
  }
  return problems;
}
