// The mail side of the tenant: messages, the copies in mailboxes, message trace rows and
// their events, recall requests, quarantine, transport rules, and the schedule of things
// that happen later (deferred deliveries, recall retries, reports).
//
// The types are derived from the store's one schema, ../schema/definition.ts, which documents
// each field (type imports only: TypeBox is not loaded at run time).

import type { MailData } from '../schema/definition.js';

export type {
  Encryption,
  HistoricalSearch,
  MailboxItem,
  MailData,
  MailMessage,
  MessageKind,
  QuarantineEntry,
  RecallMode,
  RecallOutcome,
  RecallRecipientResult,
  RecallRequest,
  ScheduledEvent,
  ScheduledKind,
  TraceEvent,
  TraceRow,
  TraceStatus,
  TransportRule,
} from '../schema/definition.js';

export type FolderName = string;

export function emptyMailData(): MailData {
  return { messages: [], traces: [], items: [], recalls: [], quarantine: [], transportRules: [], schedule: [], unavailable: {}, counter: 0, historicalSearches: [] };
}
