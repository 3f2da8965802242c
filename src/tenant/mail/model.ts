// The mail side of the tenant: messages, the copies in mailboxes, message trace rows and
// their events, recall requests, quarantine, transport rules, and the schedule of things
// that happen later (deferred deliveries, recall retries, reports).

export type Encryption = 'None' | 'OME' | 'MIP';

export type MessageKind = 'Normal' | 'Recall' | 'RecallReport' | 'NonDeliveryReport' | 'Notification';

export interface MailMessage {
  /** Internet Message-ID, with angle brackets: `<...@....prod.outlook.com>`. */
  messageId: string;
  /** Message trace id: one per message, shared by its recipient rows (as in Exchange Online). */
  messageTraceId: string;
  kind: MessageKind;
  messageClass: string;
  subject: string;
  body: string;
  bodyIsHtml: boolean;
  /** The From address (the mailbox, group or external address it is sent as). */
  from: string;
  /** The mailbox that submitted it (null for mail from the internet). */
  submittedBy: string | null;
  to: string[];
  cc: string[];
  bcc: string[];
  size: number;
  submittedAt: string;
  encryption: Encryption;
  fromIP: string;
  /** For a recall message: the Message-ID it recalls. For a replacement: the message it replaces. */
  relatesTo: string | null;
}

export type TraceStatus = 'GettingStatus' | 'Pending' | 'Delivered' | 'Expanded' | 'Failed' | 'FilteredAsSpam' | 'Quarantined';

export interface TraceEvent {
  date: string;
  event: string;
  action: string | null;
  detail: string;
  data: string;
}

/** One message trace row: one message as seen for one recipient. */
export interface TraceRow {
  messageId: string;
  messageTraceId: string;
  received: string;
  senderAddress: string;
  recipientAddress: string;
  subject: string;
  status: TraceStatus;
  toIP: string | null;
  fromIP: string | null;
  size: number;
  events: TraceEvent[];
  /** How this copy was routed, when not addressed directly (internal; not shown by the cmdlets). */
  via?: 'AutoForwarded' | 'RuleForwarded';
}

export type FolderName = string;

/** A message's copy in one mailbox. */
export interface MailboxItem {
  itemId: string;
  mailbox: string;
  messageId: string;
  folder: FolderName;
  isRead: boolean;
  received: string;
  /** The trace row it was delivered through (recipient address of that row). */
  deliveredAs: string;
  /** How this copy got here, for recall rules. */
  origin: 'Sent' | 'Delivered' | 'AutoForwarded' | 'RuleForwarded' | 'Report';
  /** Hard-deleted by recall but kept for eDiscovery (litigation hold): hidden from the user. */
  retainedForHold: boolean;
  /** On the sender's Sent Items copy: the time of every recall attempt (shown as "Recall attempted at ..."). */
  recallAttempts: string[];
}

export type RecallMode = 'Cloud' | 'Legacy';
export type RecallOutcome = 'Pending' | 'Succeeded' | 'Failed';

export interface RecallRecipientResult {
  recipient: string;
  status: RecallOutcome;
  reason: string;
  completedAt: string | null;
}

export interface RecallRequest {
  recallId: string;
  /** The original message's Message-ID. */
  messageId: string;
  /** The recall message's Message-ID. */
  recallMessageId: string;
  mailbox: string;
  requestedBy: string;
  attemptedAt: string;
  mode: RecallMode;
  replaceSubject: string | null;
  replaceBody: string | null;
  /** The replacement message, once sent. */
  replacementMessageId: string | null;
  results: RecallRecipientResult[];
  reportMessageId: string | null;
}

export interface QuarantineEntry {
  identity: string;
  messageId: string;
  recipient: string;
  senderAddress: string;
  subject: string;
  receivedTime: string;
  quarantineTypes: string;
  released: boolean;
  releasedAt: string | null;
  expires: string;
}

export interface TransportRule {
  guid: string;
  name: string;
  priority: number;
  state: 'Enabled' | 'Disabled';
  subjectContainsWords: string[];
  from: string[];
  setSCL: number | null;
  quarantine: boolean;
  whenCreated: string;
}

export type ScheduledKind = 'RetryDelivery' | 'ExpireDelivery' | 'RecallRetry' | 'RecallTimeout' | 'RecallReport';

export interface ScheduledEvent {
  at: string;
  seq: number;
  kind: ScheduledKind;
  messageId: string;
  recipient: string;
  recallId: string | null;
}

/** A Start-HistoricalSearch request (src/tenant/trace/historical.ts); its status follows from tenant time. */
export interface HistoricalSearch {
  jobId: string;
  reportTitle: string;
  reportType: 'MessageTrace' | 'MessageTraceDetail';
  submitDate: string;
  submittedBy: string;
  startDate: string;
  endDate: string;
  senderAddress: string[];
  recipientAddress: string[];
  messageId: string[];
  notifyAddress: string[];
  deliveryStatus: string | null;
  direction: string | null;
  originalClientIP: string | null;
  /** Set by Stop-HistoricalSearch while the search had not started. */
  cancelledAt: string | null;
  /** Set once the report has been produced (the search is Done). */
  completedAt: string | null;
  rows: number | null;
  fileRows: number | null;
}

export interface MailData {
  messages: MailMessage[];
  traces: TraceRow[];
  items: MailboxItem[];
  recalls: RecallRequest[];
  quarantine: QuarantineEntry[];
  transportRules: TransportRule[];
  schedule: ScheduledEvent[];
  /** Mailboxes that cannot take mail for now (simulation control), by mailbox guid → until (ISO) or 'Indefinitely'. */
  unavailable: Record<string, string>;
  /** Monotonic counter for deterministic ids. */
  counter: number;
  /** Historical searches (absent in stores written before they existed: read as empty). */
  historicalSearches?: HistoricalSearch[];
}

export function emptyMailData(): MailData {
  return { messages: [], traces: [], items: [], recalls: [], quarantine: [], transportRules: [], schedule: [], unavailable: {}, counter: 0, historicalSearches: [] };
}
