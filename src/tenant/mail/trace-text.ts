// The texts and data of message trace events, as Exchange Online writes them.

import type { TraceEvent } from './model.js';

export const RECALL_AGENT_DROP = (success: boolean) =>
  `Reason: [Stage: OnPromotedEvent][Agent: Transport Message Recall Agent];Message recall process complete, dropping the recall email. Result:${success ? 'Success' : 'Failed'}`;

/** exosh's text for a recall the agent holds until the copy is delivered (the service's own text isn't documented). */
export const RECALL_AGENT_DEFER =
  "Reason: [Stage: OnPromotedEvent][Agent: Transport Message Recall Agent];The message to recall hasn't been delivered to the mailbox yet; the recall is retried until it is, for up to 24 hours.";

function mep(values: Record<string, string>): string {
  return (
    '<root>' +
    Object.entries(values)
      .map(([k, v]) => `<MEP Name="${k}" String="${v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')}"/>`)
      .join('') +
    '</root>'
  );
}

export function event(date: string, name: string, detail: string, data: Record<string, string> = {}, action: string | null = null): TraceEvent {
  return { date, event: name, action, detail, data: mep(data) };
}

export const texts = {
  receive: (server: string) => `Message received by: ${server}.namprd01.prod.outlook.com`,
  submit: (server: string) => `The message was submitted by ${server}.namprd01.prod.outlook.com.`,
  deliver: (folder: string) => (folder === 'Inbox' ? 'The message was successfully delivered.' : `The message was successfully delivered to the ${folder} folder.`),
  send: (ip: string, domain: string) => `Message sent to ${ip} at ${domain} using TLS1.2 with AES256`,
  resolved: (from: string, to: string) => `The message was resolved from ${from} to ${to}.`,
  expand: (group: string, members: number) => `The message was sent to the distribution group ${group} and was distributed to its ${members} member${members === 1 ? '' : 's'}.`,
  notFound: (address: string) => `Reason: [{LED=550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient ${address} not found by SMTP address lookup};{MSG=};{FQDN=};{IP=};{LRT=}]`,
  defer: () => 'Reason: [{LED=432 4.2.1 STOREDRV.Deliver; mailbox temporarily unavailable};{MSG=};{FQDN=};{IP=};{LRT=}]. OutboundProxyTargetIP: . OutboundProxyTargetHostName: ',
  expired: () => 'Reason: [{LED=550 4.4.7 QUEUE.Expired; message expired};{MSG=};{FQDN=};{IP=};{LRT=}]',
  transportRule: (name: string, guid: string) => `Transport rule: '${name}', ID: ('${guid}'), message was processed by the rule.`,
  spam: (scl: number) => `The message was marked as spam (SCL ${scl}) and delivered to the Junk Email folder.`,
  quarantine: () => 'The message was quarantined.',
  release: (by: string) => `The message was released from quarantine by ${by}.`,
  forwardedBy: (mailbox: string, kind: string) => `The message was forwarded by ${kind} of ${mailbox}.`,
};
