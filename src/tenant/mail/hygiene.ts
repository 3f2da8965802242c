// Transport rules and quarantine, and the simulation control that makes a mailbox unable to
// take mail for a while (deliveries are deferred and retried).

import { isoText } from '../clock.js';
import { alreadyExists, notFound, TenantError } from '../errors.js';
import { deterministicGuid } from '../ids.js';
import type { Mailbox, TenantData } from '../schema.js';
import { deliverWaitingCopy } from './clockwork.js';
import type { QuarantineEntry, TransportRule } from './model.js';
import { texts } from './trace-text.js';

export function createTransportRule(
  data: TenantData,
  input: { name: string; subjectContainsWords?: string[]; from?: string[]; setSCL?: number; quarantine?: boolean; priority?: number },
  now: Date,
): TransportRule {
  if (data.mail.transportRules.some((r) => r.name.toLowerCase() === input.name.toLowerCase())) {
    throw alreadyExists(`A transport rule with the name '${input.name}' already exists.`);
  }
  if (!input.subjectContainsWords?.length && !input.from?.length) {
    throw new TenantError('Specify at least one condition: -SubjectContainsWords or -From.', 'InvalidArgument', 'RuleWithoutCondition', 'ArgumentException');
  }
  if (input.setSCL === undefined && !input.quarantine) {
    throw new TenantError('Specify at least one action: -SetSCL or -Quarantine $true.', 'InvalidArgument', 'RuleWithoutAction', 'ArgumentException');
  }
  const rule: TransportRule = {
    guid: deterministicGuid(data.organization.guid, `transportrule:${input.name.toLowerCase()}`),
    name: input.name,
    priority: input.priority ?? data.mail.transportRules.length,
    state: 'Enabled',
    subjectContainsWords: input.subjectContainsWords ?? [],
    from: input.from ?? [],
    setSCL: input.setSCL ?? null,
    quarantine: input.quarantine ?? false,
    whenCreated: isoText(now),
  };
  data.mail.transportRules.push(rule);
  return rule;
}

export function findTransportRule(data: TenantData, identity: string): TransportRule {
  const rule = data.mail.transportRules.find((r) => r.name.toLowerCase() === identity.toLowerCase() || r.guid === identity.toLowerCase());
  if (!rule) throw notFound(identity);
  return rule;
}

export function removeTransportRule(data: TenantData, rule: TransportRule): void {
  data.mail.transportRules = data.mail.transportRules.filter((r) => r !== rule);
}

export function findQuarantined(data: TenantData, identity: string): QuarantineEntry {
  const entry = data.mail.quarantine.find((q) => q.identity.toLowerCase() === identity.toLowerCase());
  if (!entry) throw notFound(identity);
  return entry;
}

/** Releases a quarantined message to its recipient, who then receives it. */
export function releaseQuarantined(data: TenantData, entry: QuarantineEntry, at: Date, by: string): void {
  if (entry.released) {
    throw new TenantError(`The message '${entry.identity}' has already been released.`, 'InvalidOperation', 'AlreadyReleased', 'InvalidOperationException');
  }
  entry.released = true;
  entry.releasedAt = isoText(at);
  deliverWaitingCopy(data, at, entry.messageId, entry.recipient, texts.release(by));
}

/** Simulation control: the mailbox can't take mail until `until` (or indefinitely, or again now). */
export function setMailboxAvailability(data: TenantData, mailbox: Mailbox, unavailableUntil: Date | 'Indefinitely' | null): void {
  if (unavailableUntil === null) delete data.mail.unavailable[mailbox.guid];
  else data.mail.unavailable[mailbox.guid] = unavailableUntil === 'Indefinitely' ? 'Indefinitely' : isoText(unavailableUntil);
}
