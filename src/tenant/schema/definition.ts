// The tenant store's schema (documented in docs/store.md), declared once with TypeBox. The
// TypeScript types of the store are derived from it (Static<>), and so is the validator that
// checks a store on load: scripts/build.mjs compiles this schema with ajv's standalone code
// generation into validate.cjs. So nothing at run time imports this module (only its types):
// TypeBox and ajv are build-time tools, and `exosh -c 1` does not load them.
//
// Objects allow fields the schema does not name (they are kept as they are). Property order
// matters: on a bad store the first wrong field in this order is the one reported.

import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { GUID_PATTERN, ISO_PATTERN, ORG_SETTING_NAMES, UNTIL_PATTERN } from './constants.js';

const Str = () => Type.String();
const Bool = () => Type.Boolean();
const Num = () => Type.Number();
/** An ISO 8601 UTC time such as 2023-08-15T09:00:00Z (a fraction of a second is allowed). */
const Time = () => Type.String({ pattern: ISO_PATTERN });
const Guid = () => Type.String({ pattern: GUID_PATTERN });
const Strings = () => Type.Array(Type.String());
/**
 * A value or null, as a JSON Schema type list (`"type": ["string", "null"]`) rather than a
 * union: ajv checks a type list inline, while a union costs an error object on every null.
 */
const Nullable = <T extends TSchema & { type: string }>(schema: T) => Type.Unsafe<Static<T> | null>({ ...schema, type: [schema.type, 'null'] });
/** One of a few strings: a plain JSON Schema enum (ajv checks it faster than a union of literals). */
const OneOf = <const T extends readonly string[]>(values: T) => Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });

// ---------- the mail side: messages, mailbox copies, trace, recalls, quarantine, rules, schedule ----------

export const Encryption = OneOf(['None', 'OME', 'MIP']);
export const MessageKind = OneOf(['Normal', 'Recall', 'RecallReport', 'NonDeliveryReport', 'Notification']);

export const MailMessage = Type.Object({
  /** Internet Message-ID, with angle brackets: `<...@....prod.outlook.com>`. */
  messageId: Str(),
  /** Message trace id: one per message, shared by its recipient rows (as in Exchange Online). */
  messageTraceId: Str(),
  kind: MessageKind,
  messageClass: Str(),
  subject: Str(),
  body: Str(),
  bodyIsHtml: Bool(),
  /** The From address (the mailbox, group or external address it is sent as). */
  from: Str(),
  /** The mailbox that submitted it (null for mail from the internet). */
  submittedBy: Nullable(Str()),
  to: Strings(),
  cc: Strings(),
  bcc: Strings(),
  size: Num(),
  submittedAt: Time(),
  encryption: Encryption,
  fromIP: Str(),
  /** For a recall message: the Message-ID it recalls. For a replacement: the message it replaces. */
  relatesTo: Nullable(Str()),
});

export const TraceStatus = OneOf(['GettingStatus', 'Pending', 'Delivered', 'Expanded', 'Failed', 'FilteredAsSpam', 'Quarantined']);

export const TraceEvent = Type.Object({
  date: Time(),
  event: Str(),
  action: Nullable(Str()),
  detail: Str(),
  data: Str(),
});

/** One message trace row: one message as seen for one recipient. */
export const TraceRow = Type.Object({
  messageId: Str(),
  messageTraceId: Str(),
  received: Time(),
  senderAddress: Str(),
  recipientAddress: Str(),
  subject: Str(),
  status: TraceStatus,
  toIP: Nullable(Str()),
  fromIP: Nullable(Str()),
  size: Num(),
  events: Type.Array(TraceEvent),
  /** How this copy was routed, when not addressed directly (internal; not shown by the cmdlets). */
  via: Type.Optional(OneOf(['AutoForwarded', 'RuleForwarded'])),
});

/** A message's copy in one mailbox. */
export const MailboxItem = Type.Object({
  itemId: Str(),
  mailbox: Str(),
  messageId: Str(),
  folder: Str(),
  isRead: Bool(),
  received: Time(),
  /** The trace row it was delivered through (recipient address of that row). */
  deliveredAs: Str(),
  /** How this copy got here, for recall rules. */
  origin: OneOf(['Sent', 'Delivered', 'AutoForwarded', 'RuleForwarded', 'Report']),
  /** Hard-deleted by recall but kept for eDiscovery (litigation hold): hidden from the user. */
  retainedForHold: Bool(),
  /** On the sender's Sent Items copy: the time of every recall attempt (shown as "Recall attempted at ..."). */
  recallAttempts: Type.Array(Time()),
});

export const RecallMode = OneOf(['Cloud', 'Legacy']);
export const RecallOutcome = OneOf(['Pending', 'Succeeded', 'Failed']);

export const RecallRecipientResult = Type.Object({
  recipient: Str(),
  status: RecallOutcome,
  reason: Str(),
  completedAt: Nullable(Time()),
});

export const RecallRequest = Type.Object({
  recallId: Str(),
  /** The original message's Message-ID. */
  messageId: Str(),
  /** The recall message's Message-ID. */
  recallMessageId: Str(),
  mailbox: Str(),
  requestedBy: Str(),
  attemptedAt: Time(),
  mode: RecallMode,
  replaceSubject: Nullable(Str()),
  replaceBody: Nullable(Str()),
  /** The replacement message, once sent. */
  replacementMessageId: Nullable(Str()),
  results: Type.Array(RecallRecipientResult),
  reportMessageId: Nullable(Str()),
});

export const QuarantineEntry = Type.Object({
  identity: Str(),
  messageId: Str(),
  recipient: Str(),
  senderAddress: Str(),
  subject: Str(),
  receivedTime: Time(),
  quarantineTypes: Str(),
  released: Bool(),
  releasedAt: Nullable(Time()),
  expires: Time(),
});

export const TransportRule = Type.Object({
  guid: Str(),
  name: Str(),
  priority: Num(),
  state: OneOf(['Enabled', 'Disabled']),
  subjectContainsWords: Strings(),
  from: Strings(),
  setSCL: Nullable(Num()),
  quarantine: Bool(),
  whenCreated: Time(),
});

export const ScheduledKind = OneOf(['RetryDelivery', 'ExpireDelivery', 'RecallRetry', 'RecallTimeout', 'RecallReport']);

export const ScheduledEvent = Type.Object({
  at: Time(),
  seq: Num(),
  kind: ScheduledKind,
  messageId: Str(),
  recipient: Str(),
  recallId: Nullable(Str()),
});

/** A Start-HistoricalSearch request (src/tenant/trace/historical.ts); its status follows from tenant time. */
export const HistoricalSearch = Type.Object({
  /** Names the report file (historicalReportPath), so it must be a GUID. */
  jobId: Guid(),
  reportTitle: Str(),
  reportType: OneOf(['MessageTrace', 'MessageTraceDetail']),
  submitDate: Time(),
  submittedBy: Str(),
  startDate: Time(),
  endDate: Time(),
  senderAddress: Strings(),
  recipientAddress: Strings(),
  messageId: Strings(),
  notifyAddress: Strings(),
  deliveryStatus: Nullable(Str()),
  direction: Nullable(Str()),
  originalClientIP: Nullable(Str()),
  /** Set by Stop-HistoricalSearch while the search had not started. */
  cancelledAt: Nullable(Time()),
  /** Set once the report has been produced (the search is Done). */
  completedAt: Nullable(Time()),
  rows: Nullable(Num()),
  fileRows: Nullable(Num()),
});

export const MailData = Type.Object({
  messages: Type.Array(MailMessage),
  traces: Type.Array(TraceRow),
  items: Type.Array(MailboxItem),
  recalls: Type.Array(RecallRequest),
  quarantine: Type.Array(QuarantineEntry),
  transportRules: Type.Array(TransportRule),
  schedule: Type.Array(ScheduledEvent),
  /** Mailboxes that cannot take mail for now (simulation control), by mailbox guid → until (a time) or 'Indefinitely'. */
  unavailable: Type.Record(Type.String(), Type.String({ pattern: UNTIL_PATTERN })),
  /** Monotonic counter for deterministic ids. */
  counter: Num(),
  /** Historical searches (absent in stores written before they existed: read as empty). */
  historicalSearches: Type.Optional(Type.Array(HistoricalSearch)),
});

// ---------- the directory and the organization ----------

export const OrgSettingName = OneOf(ORG_SETTING_NAMES);
const Tri = () => Nullable(Bool());

export const OrgSettings = Type.Object({
  MessageRecallEnabled: Tri(),
  RecallReadMessagesEnabled: Tri(),
  MessageRecallAlertRecipientsEnabled: Tri(),
  MessageRecallAlertRecipientsReadMessagesOnlyEnabled: Tri(),
  /** A TimeSpan text such as "365.00:00:00", or null. */
  MessageRecallMaxRecallableAge: Nullable(Str()),
});

const SettingValue = () => Type.Unsafe<boolean | string | null>({ type: ['boolean', 'string', 'null'] });

/** One change of an organization setting: visible at once, in force for mail flow from effectiveAt. */
export const SettingChange = Type.Object({
  setting: OrgSettingName,
  value: SettingValue(),
  /** The value before this change, in force until effectiveAt. */
  previous: SettingValue(),
  changedAt: Time(),
  effectiveAt: Time(),
  changedBy: Str(),
});

export const Organization = Type.Object({
  name: Str(),
  displayName: Str(),
  guid: Str(),
  whenCreated: Time(),
  settings: OrgSettings,
  settingChanges: Type.Array(SettingChange),
});

export const AcceptedDomain = Type.Object({
  guid: Str(),
  name: Str(),
  domainName: Str(),
  domainType: OneOf(['Authoritative', 'InternalRelay', 'ExternalRelay']),
  isDefault: Bool(),
  initial: Bool(),
  whenCreated: Time(),
});

export const MailboxType = OneOf(['UserMailbox', 'SharedMailbox']);

export const Mailbox = Type.Object({
  guid: Str(),
  name: Str(),
  alias: Str(),
  displayName: Str(),
  userPrincipalName: Str(),
  primarySmtpAddress: Str(),
  /** smtp: proxy addresses; the upper-case SMTP: one is primary. */
  emailAddresses: Strings(),
  type: MailboxType,
  litigationHoldEnabled: Bool(),
  forwardingSmtpAddress: Nullable(Str()),
  deliverToMailboxAndForward: Bool(),
  whenCreated: Time(),
});

export const DistributionGroup = Type.Object({
  guid: Str(),
  name: Str(),
  alias: Str(),
  displayName: Str(),
  primarySmtpAddress: Str(),
  emailAddresses: Strings(),
  /** Member recipients by guid (mailboxes, contacts or groups). */
  members: Strings(),
  managedBy: Strings(),
  whenCreated: Time(),
});

export const MailContact = Type.Object({
  guid: Str(),
  name: Str(),
  alias: Str(),
  displayName: Str(),
  externalEmailAddress: Str(),
  whenCreated: Time(),
});

export const Permission = Type.Object({
  /** The mailbox the right is on. */
  mailbox: Str(),
  /** The trustee that holds the right. */
  user: Str(),
  accessRight: OneOf(['FullAccess', 'SendAs']),
  whenCreated: Time(),
});

export const InboxRule = Type.Object({
  guid: Str(),
  mailbox: Str(),
  name: Str(),
  priority: Num(),
  enabled: Bool(),
  from: Strings(),
  subjectContainsWords: Strings(),
  moveToFolder: Nullable(Str()),
  forwardTo: Strings(),
  redirectTo: Strings(),
  whenCreated: Time(),
});

export const RoleGroup = Type.Object({
  guid: Str(),
  name: Str(),
  description: Str(),
  roles: Strings(),
  /** Member mailboxes by guid. */
  members: Strings(),
});

export const TenantData = Type.Object({
  schemaVersion: Num(),
  organization: Organization,
  /** The pinned tenant clock (ISO 8601), or null for the real clock. */
  clock: Type.Object({ pinned: Nullable(Time()) }),
  acceptedDomains: Type.Array(AcceptedDomain),
  mailboxes: Type.Array(Mailbox),
  groups: Type.Array(DistributionGroup),
  contacts: Type.Array(MailContact),
  permissions: Type.Array(Permission),
  inboxRules: Type.Array(InboxRule),
  roleGroups: Type.Array(RoleGroup),
  /** Mail flow: messages, mailbox contents, trace, recalls, quarantine, transport rules, schedule. */
  mail: MailData,
});

export type Encryption = Static<typeof Encryption>;
export type MessageKind = Static<typeof MessageKind>;
export type MailMessage = Static<typeof MailMessage>;
export type TraceStatus = Static<typeof TraceStatus>;
export type TraceEvent = Static<typeof TraceEvent>;
export type TraceRow = Static<typeof TraceRow>;
export type MailboxItem = Static<typeof MailboxItem>;
export type RecallMode = Static<typeof RecallMode>;
export type RecallOutcome = Static<typeof RecallOutcome>;
export type RecallRecipientResult = Static<typeof RecallRecipientResult>;
export type RecallRequest = Static<typeof RecallRequest>;
export type QuarantineEntry = Static<typeof QuarantineEntry>;
export type TransportRule = Static<typeof TransportRule>;
export type ScheduledKind = Static<typeof ScheduledKind>;
export type ScheduledEvent = Static<typeof ScheduledEvent>;
export type HistoricalSearch = Static<typeof HistoricalSearch>;
export type MailData = Static<typeof MailData>;
export type OrgSettingName = Static<typeof OrgSettingName>;
export type OrgSettings = Static<typeof OrgSettings>;
export type SettingChange = Static<typeof SettingChange>;
export type Organization = Static<typeof Organization>;
export type AcceptedDomain = Static<typeof AcceptedDomain>;
export type MailboxType = Static<typeof MailboxType>;
export type Mailbox = Static<typeof Mailbox>;
export type DistributionGroup = Static<typeof DistributionGroup>;
export type MailContact = Static<typeof MailContact>;
export type Permission = Static<typeof Permission>;
export type InboxRule = Static<typeof InboxRule>;
export type RoleGroup = Static<typeof RoleGroup>;
export type TenantData = Static<typeof TenantData>;
