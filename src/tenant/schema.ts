// The tenant store's schema (documented in docs/store.md) and its validation on load.
// Validation names the first field that is wrong, with its JSON path, so a hand-edited
// store can be fixed by a person.

import { StoreError } from './errors.js';
import { emptyMailData, type MailData } from './mail/model.js';

export const SCHEMA_VERSION = 1;

export type TriState = boolean | null;

export interface OrgSettings {
  MessageRecallEnabled: TriState;
  RecallReadMessagesEnabled: TriState;
  MessageRecallAlertRecipientsEnabled: TriState;
  MessageRecallAlertRecipientsReadMessagesOnlyEnabled: TriState;
  /** A TimeSpan text such as "365.00:00:00", or null. */
  MessageRecallMaxRecallableAge: string | null;
}

export const ORG_SETTING_NAMES = [
  'MessageRecallEnabled',
  'RecallReadMessagesEnabled',
  'MessageRecallAlertRecipientsEnabled',
  'MessageRecallAlertRecipientsReadMessagesOnlyEnabled',
  'MessageRecallMaxRecallableAge',
] as const;
export type OrgSettingName = (typeof ORG_SETTING_NAMES)[number];

/** One change of an organization setting: visible at once, in force for mail flow from effectiveAt. */
export interface SettingChange {
  setting: OrgSettingName;
  value: boolean | string | null;
  /** The value before this change, in force until effectiveAt. */
  previous: boolean | string | null;
  changedAt: string;
  effectiveAt: string;
  changedBy: string;
}

export interface Organization {
  name: string;
  displayName: string;
  guid: string;
  whenCreated: string;
  settings: OrgSettings;
  settingChanges: SettingChange[];
}

export interface AcceptedDomain {
  guid: string;
  name: string;
  domainName: string;
  domainType: 'Authoritative' | 'InternalRelay' | 'ExternalRelay';
  isDefault: boolean;
  initial: boolean;
  whenCreated: string;
}

export type MailboxType = 'UserMailbox' | 'SharedMailbox';

export interface Mailbox {
  guid: string;
  name: string;
  alias: string;
  displayName: string;
  userPrincipalName: string;
  primarySmtpAddress: string;
  /** smtp: proxy addresses; the upper-case SMTP: one is primary. */
  emailAddresses: string[];
  type: MailboxType;
  litigationHoldEnabled: boolean;
  forwardingSmtpAddress: string | null;
  deliverToMailboxAndForward: boolean;
  whenCreated: string;
}

export interface DistributionGroup {
  guid: string;
  name: string;
  alias: string;
  displayName: string;
  primarySmtpAddress: string;
  emailAddresses: string[];
  /** Member recipients by guid (mailboxes, contacts or groups). */
  members: string[];
  managedBy: string[];
  whenCreated: string;
}

export interface MailContact {
  guid: string;
  name: string;
  alias: string;
  displayName: string;
  externalEmailAddress: string;
  whenCreated: string;
}

export interface Permission {
  /** The mailbox the right is on. */
  mailbox: string;
  /** The trustee that holds the right. */
  user: string;
  accessRight: 'FullAccess' | 'SendAs';
  whenCreated: string;
}

export interface InboxRule {
  guid: string;
  mailbox: string;
  name: string;
  priority: number;
  enabled: boolean;
  from: string[];
  subjectContainsWords: string[];
  moveToFolder: string | null;
  forwardTo: string[];
  redirectTo: string[];
  whenCreated: string;
}

export interface RoleGroup {
  guid: string;
  name: string;
  description: string;
  roles: string[];
  /** Member mailboxes by guid. */
  members: string[];
}

export interface TenantData {
  schemaVersion: number;
  organization: Organization;
  /** The pinned tenant clock (ISO 8601), or null for the real clock. */
  clock: { pinned: string | null };
  acceptedDomains: AcceptedDomain[];
  mailboxes: Mailbox[];
  groups: DistributionGroup[];
  contacts: MailContact[];
  permissions: Permission[];
  inboxRules: InboxRule[];
  roleGroups: RoleGroup[];
  /** Mail flow: messages, mailbox contents, trace, recalls, quarantine, transport rules, schedule. */
  mail: MailData;
}

// ---------- validation ----------

type Check = (v: unknown, path: string) => void;

function fail(file: string, path: string, what: string): never {
  throw new StoreError(`The tenant store '${file}' is not valid: ${path} ${what}.`, 'InvalidData', 'InvalidStore');
}

/** A GUID as exosh writes them (8-4-4-4-12 hex digits, no braces). */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(value: string): boolean {
  return GUID.test(value);
}

/**
 * How deep a store's JSON may nest. The schema needs about six levels; unknown fields are kept
 * as they are, but a value nested thousands of levels deep can't be written back
 * (JSON.stringify runs out of stack), so such a store is refused on load instead.
 */
export const MAX_STORE_NESTING = 100;

// The shape alone (with field ranges): large stores hold hundreds of thousands of dates, and
// Date.parse on each would double the time validation takes.
const ISO = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d+)?Z$/;

function validator(file: string) {
  const str: Check = (v, p) => { if (typeof v !== 'string') fail(file, p, 'must be a string'); };
  const bool: Check = (v, p) => { if (typeof v !== 'boolean') fail(file, p, 'must be true or false'); };
  const tri: Check = (v, p) => { if (v !== null && typeof v !== 'boolean') fail(file, p, 'must be true, false or null'); };
  const num: Check = (v, p) => { if (typeof v !== 'number' || !isFinite(v)) fail(file, p, 'must be a number'); };
  const date: Check = (v, p) => { if (typeof v !== 'string' || !ISO.test(v)) fail(file, p, 'must be an ISO 8601 UTC date such as 2023-08-15T00:00:00Z'); };
  const guid: Check = (v, p) => { if (typeof v !== 'string' || !GUID.test(v)) fail(file, p, 'must be a GUID such as 1c84a05c-a258-565d-a0ca-f9c1c78abc4d'); };
  const strOrNull: Check = (v, p) => { if (v !== null) str(v, p); };
  const arrayOf = (item: Check): Check => (v, p) => {
    if (!Array.isArray(v)) fail(file, p, 'must be an array');
    v.forEach((x, i) => item(x, `${p}[${i}]`));
  };
  const oneOf = (values: string[]): Check => (v, p) => { if (typeof v !== 'string' || !values.includes(v)) fail(file, p, `must be one of ${values.join(', ')}`); };
  const object = (shape: Record<string, Check>): Check => (v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(file, p, 'must be an object');
    for (const [k, check] of Object.entries(shape)) {
      if (!Object.prototype.hasOwnProperty.call(v, k)) fail(file, `${p}.${k}`, 'is missing');
      check((v as Record<string, unknown>)[k], `${p}.${k}`);
    }
  };
  return { str, bool, tri, num, date, guid, strOrNull, arrayOf, oneOf, object };
}

/**
 * Throws a StoreError if the document nests deeper than MAX_STORE_NESTING. It walks with an
 * explicit stack, not recursion, since the documents it is there to refuse are deeper than the
 * call stack.
 */
function checkNesting(data: unknown, file: string): void {
  const values: unknown[] = [data];
  const depths: number[] = [1];
  const visit = (child: unknown, depth: number) => {
    if (typeof child === 'object' && child !== null) {
      values.push(child);
      depths.push(depth + 1);
    }
  };
  // Index and for-in loops: a large store has hundreds of thousands of objects, and this
  // walk should cost little next to JSON.parse.
  while (values.length) {
    const value = values.pop() as Record<string, unknown>;
    const depth = depths.pop()!;
    if (depth > MAX_STORE_NESTING) fail(file, tooDeepPath(data), `is nested more than ${MAX_STORE_NESTING} levels deep`);
    if (Array.isArray(value)) for (let i = 0; i < value.length; i++) visit(value[i], depth);
    else for (const key in value) visit(value[key], depth);
  }
}

/** The JSON path down to the first value nested too deep, cut short after a few steps. */
function tooDeepPath(data: unknown): string {
  const shown = 6;
  const walk: { value: unknown; steps: string[] }[] = [{ value: data, steps: [] }];
  while (walk.length) {
    const { value, steps } = walk.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (steps.length >= MAX_STORE_NESTING) return '$' + steps.slice(0, shown).join('') + '…';
    for (const [key, child] of Object.entries(value)) {
      walk.push({ value: child, steps: [...steps, Array.isArray(value) ? `[${key}]` : `.${key}`] });
    }
  }
  return '$';
}

/** Throws a StoreError naming the first invalid field. */
export function validateTenant(data: unknown, file: string): asserts data is TenantData {
  const v = validator(file);
  const smtpList = v.arrayOf(v.str);
  v.object({ schemaVersion: v.num })(data, '$');
  const check = v.object({
    organization: v.object({
      name: v.str, displayName: v.str, guid: v.str, whenCreated: v.date,
      settings: v.object({
        MessageRecallEnabled: v.tri, RecallReadMessagesEnabled: v.tri,
        MessageRecallAlertRecipientsEnabled: v.tri, MessageRecallAlertRecipientsReadMessagesOnlyEnabled: v.tri,
        MessageRecallMaxRecallableAge: v.strOrNull,
      }),
      settingChanges: v.arrayOf(v.object({ setting: v.oneOf([...ORG_SETTING_NAMES]), changedAt: v.date, effectiveAt: v.date, changedBy: v.str })),
    }),
    clock: v.object({ pinned: (x, p) => { if (x !== null) v.date(x, p); } }),
    acceptedDomains: v.arrayOf(v.object({ guid: v.str, name: v.str, domainName: v.str, domainType: v.oneOf(['Authoritative', 'InternalRelay', 'ExternalRelay']), isDefault: v.bool, initial: v.bool, whenCreated: v.date })),
    mailboxes: v.arrayOf(v.object({
      guid: v.str, name: v.str, alias: v.str, displayName: v.str, userPrincipalName: v.str, primarySmtpAddress: v.str,
      emailAddresses: smtpList, type: v.oneOf(['UserMailbox', 'SharedMailbox']), litigationHoldEnabled: v.bool,
      forwardingSmtpAddress: v.strOrNull, deliverToMailboxAndForward: v.bool, whenCreated: v.date,
    })),
    groups: v.arrayOf(v.object({ guid: v.str, name: v.str, alias: v.str, displayName: v.str, primarySmtpAddress: v.str, emailAddresses: smtpList, members: smtpList, managedBy: smtpList, whenCreated: v.date })),
    contacts: v.arrayOf(v.object({ guid: v.str, name: v.str, alias: v.str, displayName: v.str, externalEmailAddress: v.str, whenCreated: v.date })),
    permissions: v.arrayOf(v.object({ mailbox: v.str, user: v.str, accessRight: v.oneOf(['FullAccess', 'SendAs']), whenCreated: v.date })),
    inboxRules: v.arrayOf(v.object({ guid: v.str, mailbox: v.str, name: v.str, priority: v.num, enabled: v.bool, from: smtpList, subjectContainsWords: smtpList, moveToFolder: v.strOrNull, forwardTo: smtpList, redirectTo: smtpList, whenCreated: v.date })),
    roleGroups: v.arrayOf(v.object({ guid: v.str, name: v.str, description: v.str, roles: smtpList, members: smtpList })),
    mail: v.object({
      messages: v.arrayOf(v.object({ messageId: v.str, messageTraceId: v.str, kind: v.str, subject: v.str, from: v.str, to: smtpList, submittedAt: v.date })),
      traces: v.arrayOf(v.object({ messageId: v.str, messageTraceId: v.str, received: v.date, senderAddress: v.str, recipientAddress: v.str, status: v.oneOf(['GettingStatus', 'Pending', 'Delivered', 'Expanded', 'Failed', 'FilteredAsSpam', 'Quarantined']), events: v.arrayOf(v.object({ date: v.date, event: v.str, detail: v.str })) })),
      items: v.arrayOf(v.object({ itemId: v.str, mailbox: v.str, messageId: v.str, folder: v.str, isRead: v.bool })),
      recalls: v.arrayOf(v.object({ recallId: v.str, messageId: v.str, recallMessageId: v.str, attemptedAt: v.date, mode: v.oneOf(['Cloud', 'Legacy']) })),
      quarantine: v.arrayOf(v.object({ identity: v.str, messageId: v.str, recipient: v.str, released: v.bool })),
      transportRules: v.arrayOf(v.object({ guid: v.str, name: v.str, priority: v.num })),
      schedule: v.arrayOf(v.object({ at: v.date, seq: v.num, kind: v.str, messageId: v.str, recipient: v.str })),
      unavailable: (x, p) => { if (typeof x !== 'object' || x === null || Array.isArray(x)) fail(file, p, 'must be an object'); },
      counter: v.num,
    }),
  });
  check(data, '$');
  const searches = (data as { mail: { historicalSearches?: unknown } }).mail.historicalSearches;
  // The JobId names the report file (historicalReportPath), so it must be a GUID.
  if (searches !== undefined) v.arrayOf(v.object({ jobId: v.guid, reportTitle: v.str, reportType: v.oneOf(['MessageTrace', 'MessageTraceDetail']), submitDate: v.date, startDate: v.date, endDate: v.date, cancelledAt: (x, p) => { if (x !== null) v.date(x, p); } }))(searches, '$.mail.historicalSearches');
  checkNesting(data, file);
}

/** Migrations from older schema versions, each taking version N to N+1. */
export const MIGRATIONS: Record<number, (data: Record<string, unknown>) => void> = {
  // 0 → 1: the pre-release layout had no contacts or inbox rules collections.
  0: (data) => {
    data.contacts ??= [];
    data.inboxRules ??= [];
    data.mail ??= emptyMailData();
    data.schemaVersion = 1;
  },
};
