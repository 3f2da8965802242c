// The schedule of things that happen later in tenant time. Whenever a command reads the
// tenant, every event due by then runs, in time order, each at its own time.

import { isoText } from '../clock.js';
import type { TenantData } from '../schema.js';
import type { ScheduledEvent, ScheduledKind } from './model.js';

export function schedule(data: TenantData, kind: ScheduledKind, at: Date, messageId: string, recipient: string, recallId: string | null = null): void {
  const seq = (data.mail.schedule.reduce((m, e) => Math.max(m, e.seq), 0) || 0) + 1;
  data.mail.schedule.push({ at: isoText(at), seq, kind, messageId, recipient, recallId });
}

/** Removes and returns the earliest due event, or undefined when none is due by `now`. */
export function takeDue(data: TenantData, now: Date): ScheduledEvent | undefined {
  const t = now.getTime();
  let best = -1;
  data.mail.schedule.forEach((e, i) => {
    if (Date.parse(e.at) > t) return;
    if (best < 0) {
      best = i;
      return;
    }
    const b = data.mail.schedule[best];
    if (Date.parse(e.at) < Date.parse(b.at) || (e.at === b.at && e.seq < b.seq)) best = i;
  });
  if (best < 0) return undefined;
  return data.mail.schedule.splice(best, 1)[0];
}

/** Drops scheduled events that no longer matter (e.g. retries of a delivered copy). */
export function unschedule(data: TenantData, match: (e: ScheduledEvent) => boolean): void {
  data.mail.schedule = data.mail.schedule.filter((e) => !match(e));
}
