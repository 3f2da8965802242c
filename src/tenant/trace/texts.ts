// The error and warning texts of the message trace cmdlets. Where Exchange Online's text is
// known (reference §11.1, §11.2, §4.1) it is used verbatim; the others are exosh's own and are
// listed in docs/message-trace.md.

import { TenantError } from '../errors.js';

export const DEPRECATION_DATE = '2025-09-01T00:00:00Z';

export const traceTexts = {
  /** Verbatim (office-docs-powershell#5929). */
  startTooOld: (days: number) => `Invalid StartDate value. The StartDate can't be older than ${days} days from today.`,
  /** exosh's own, in the style of the one above. */
  endBeforeStart: () => "Invalid EndDate value. The EndDate can't be earlier than the StartDate.",
  /** exosh's own (Get-MessageTraceV2 / Get-MessageTraceDetailV2: "You can only return 10 days worth of data per query"). */
  spanTooLong: (days: number) => `Invalid date range. You can only return ${days} days worth of data per query: the EndDate can't be more than ${days} days after the StartDate.`,
  /** exosh's own: V2 rejects the status None ("an invalid delivery status was entered"). */
  invalidStatus: (value: string, valid: readonly string[]) => `Invalid delivery status '${value}'. Valid values are: ${valid.join(', ')}.`,
  /** From the 2018 Get-MessageTrace reference ("you can't specify any other values"). */
  wildcardWithOthers: (parameter: string) => `When you use a wildcard (*) in the ${parameter} parameter, you can't specify any other values.`,
  probeTag: () => "The ProbeTag parameter is reserved for internal Microsoft use and isn't supported.",
  subjectFilterWithoutSubject: () => 'The SubjectFilterType parameter can only be used together with the Subject parameter.',
  /** Verbatim text of Exchange Online's deprecation error (reference §11.2), written as a warning. */
  deprecated: (cmdlet: string, replacement: string) =>
    `${cmdlet} will start deprecating on September 1st, 2025. Please refer to: https://learn.microsoft.com/en-us/powershell/module/exchange/${replacement.toLowerCase()}?view=exchange-ps to switch to ${replacement}.`,
  /** Verbatim first sentence of Get-MessageTraceV2's continuation warning. */
  moreResults: 'There are more results, use the following command to get more.',
};

export const historicalTexts = {
  reportTypeNotSupported: (type: string) => `The report type '${type}' isn't supported by exosh: Start-HistoricalSearch runs only MessageTrace and MessageTraceDetail reports.`,
  needsAddressOrId: () => 'You need to use at least one of the following parameters in the command: MessageID, RecipientAddress, or SenderAddress.',
  tooManyAddresses: (parameter: string, max: number) => `The ${parameter} parameter accepts at most ${max} addresses.`,
  notifyNotInternal: (address: string) => `The NotifyAddress '${address}' isn't in an accepted domain of the organization: notifications go only to internal addresses.`,
  quotaExceeded: (max: number) => `You can't submit more than ${max} historical searches in a 24-hour period. Try again later.`,
  quotaWarning: (used: number, max: number) => `You have submitted ${used} of the ${max} historical searches allowed in a 24-hour period.`,
  cannotStop: (jobId: string, status: string) => `The historical search '${jobId}' can't be stopped because its status is ${status}: only a search with the status NotStarted can be stopped.`,
  notFound: (jobId: string) => `The historical search with the JobId '${jobId}' couldn't be found.`,
};

export function traceError(message: string, errorId: string, exceptionName = 'ValidationException'): TenantError {
  return new TenantError(message, 'InvalidArgument', errorId, exceptionName);
}
