// Values the store's schema (definition.ts) shares with the rest of exosh. Kept apart from
// the schema so that code which needs them at run time does not load TypeBox.

export const ORG_SETTING_NAMES = [
  'MessageRecallEnabled',
  'RecallReadMessagesEnabled',
  'MessageRecallAlertRecipientsEnabled',
  'MessageRecallAlertRecipientsReadMessagesOnlyEnabled',
  'MessageRecallMaxRecallableAge',
] as const;

/** A GUID as exosh writes them (8-4-4-4-12 hex digits, no braces). */
export const GUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

// The shape alone (with field ranges): large stores hold hundreds of thousands of dates, and
// Date.parse on each would double the time validation takes.
export const ISO_PATTERN = '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])T([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d+)?Z$';

/** Until when a mailbox cannot take mail (mail.unavailable): a time, or Indefinitely. */
export const UNTIL_PATTERN = `^(?:Indefinitely|${ISO_PATTERN.slice(1, -1)})$`;

/** What a value that fails the schema "must be", by pattern (other types have fixed texts). */
export const PATTERN_TEXTS: Record<string, string> = {
  [GUID_PATTERN]: 'must be a GUID such as 1c84a05c-a258-565d-a0ca-f9c1c78abc4d',
  [ISO_PATTERN]: 'must be an ISO 8601 UTC date such as 2023-08-15T00:00:00Z',
  [UNTIL_PATTERN]: 'must be an ISO 8601 UTC date such as 2023-08-15T00:00:00Z, or Indefinitely',
};
