// The consistency walker: after a rich scenario (and after random ones), every message has
// trace rows; every row's events are in time order and start with Receive; every status agrees
// with the row's last deciding event (Deliver → Delivered/FilteredAsSpam, Fail → Failed,
// Defer → Pending, Expand → Expanded, Quarantine → Quarantined, Drop → Failed, Send →
// Delivered); every mailbox item belongs to an existing message and mailbox and came through a
// delivered row; every cloud recall result agrees with its recall row's Drop event.

import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { inconsistencies, MailLab, R1, R2, R3, removeLabStores, USER } from './harness.js';
import type { TenantData } from '../../src/tenant/schema.js';

afterAll(removeLabStores);

const DIRECTORY = ['user', 'recipient1', 'recipient2', 'recipient3', 'auditor']
  .map((n) => `$null = New-Mailbox -Name ${n}`)
  .concat(
    '$null = New-Mailbox -Shared -Name Support',
    'Add-RecipientPermission Support -Trustee user -AccessRights SendAs -Confirm:$false | Out-Null',
    '$null = New-MailContact -Name Chris -ExternalEmailAddress chris@fabrikam.com',
    '$null = New-DistributionGroup -Name Sales -Members user,recipient1,recipient2,Chris',
    "Set-Mailbox recipient1 -EmailAddresses @{Add='r.one@contoso.com'}",
    'Set-Mailbox recipient3 -LitigationHoldEnabled $true',
    'Set-Mailbox auditor -ForwardingSmtpAddress recipient3@contoso.com -DeliverToMailboxAndForward $true',
    '$null = New-InboxRule -Mailbox recipient2 -Name Out -SubjectContainsWords budget -ForwardTo dana@tailspintoys.com',
    "$null = New-InboxRule -Mailbox recipient1 -Name File -SubjectContainsWords report -MoveToFolder 'Reports'",
    '$null = New-TransportRule -Name Spam -SubjectContainsWords lottery -SetSCL 7',
    '$null = New-TransportRule -Name Hold -SubjectContainsWords invoice -Quarantine $true',
  )
  .join('; ');

function walk(lab: MailLab, when: string): TenantData {
  const d = lab.state();
  expect({ when, problems: inconsistencies(d) }).toEqual({ when, problems: [] });
  return d;
}

describe('the consistency walker', () => {
  it('finds nothing wrong after a rich scenario, at every step', () => {
    const lab = new MailLab(DIRECTORY + '; Set-MailboxAvailability recipient3 -Unavailable');
    const ids: Record<string, string> = {};
    ids.group = lab.send(USER, `-To sales@contoso.com,auditor@contoso.com -Cc chris@fabrikam.com -Subject 'Quarterly budget'`);
    ids.alias = lab.send(USER, `-To r.one@contoso.com,ghost@contoso.com -Subject 'Monthly report'`);
    ids.spam = lab.send(USER, `-To ${R1},${R2} -Subject 'lottery winners'`);
    ids.held = lab.send(USER, `-To ${R2} -Subject 'invoice 7'`);
    ids.shared = lab.send(USER, `-From support@contoso.com -To ${R1},${R3} -Subject 'Ticket 12'`);
    ids.onBehalf = lab.send(USER, `-From sales@contoso.com -To ${R2} -Subject 'Offer'`);
    ids.inbound = lab.send(USER, `-From news@fabrikam.com -To sales@contoso.com -Subject 'Newsletter'`);
    ids.secret = lab.send(USER, `-To ${R1} -Subject 'Secret' -Encryption OME`);
    walk(lab, 'after sending');

    lab.markRead('recipient2', ids.group);
    lab.move('recipient1', ids.shared, 'Archive');
    lab.ok('Set-OrganizationConfig -RecallReadMessagesEnabled $false');
    lab.advance('10m');
    lab.recall(USER, ids.group);
    lab.recall(USER, ids.alias, "-ReplaceSubject 'Monthly report v2'");
    lab.recall(USER, ids.held);
    lab.recall(USER, ids.shared);
    lab.recall(USER, ids.onBehalf);
    expect(lab.run(`Invoke-MessageRecall -MessageId '${ids.secret}'`, USER).errors).toHaveLength(1);
    walk(lab, 'after the first recalls');

    lab.advance('5m');
    walk(lab, 'after the reports');
    lab.advance('1h');
    lab.recall(USER, ids.spam);
    lab.recall(USER, ids.group);
    lab.ok('Set-MailboxAvailability recipient3 -Available');
    lab.ok('Set-OrganizationConfig -MessageRecallEnabled $false');
    lab.advance('20m');
    walk(lab, 'after the deferred copies arrived');

    const identity = lab.ok(`(Get-QuarantineMessage -RecipientAddress ${R2}).Identity`).output[0] as string;
    lab.ok(`Release-QuarantineMessage -Identity '${identity}'`);
    lab.advance('1h');
    const late = lab.send(USER, `-To ${R1},${R2},sales@contoso.com -Subject 'Late news'`);
    lab.markRead('recipient1', late);
    lab.recall(USER, late, "-ReplaceSubject 'Later news'");
    lab.advance('24h'); // (not 1d: to PowerShell that is the decimal literal 1)
    const d = walk(lab, 'a day later');

    // the scenario did reach every status and event kind the walker knows
    // (the recall reports for 'invoice 7' match the quarantine rule too: they stay Quarantined, as seed 000 warns)
    expect(new Set(d.mail.traces.map((t) => t.status))).toEqual(new Set(['Delivered', 'Expanded', 'Failed', 'FilteredAsSpam', 'Quarantined']));
    expect(d.mail.traces.filter((t) => t.status === 'Quarantined').map((t) => t.subject)).toEqual([
      'Message Recall Report for message: invoice 7',
      'Message Recall Report for message: invoice 7 (updated)',
    ]);
    const events = new Set(d.mail.traces.flatMap((t) => t.events.map((e) => e.event)));
    for (const e of ['Receive', 'Deliver', 'Send', 'Fail', 'Expand', 'Defer', 'Drop', 'Resolved', 'Transport rule', 'Quarantine', 'Release']) expect(events).toContain(e);
    expect(new Set(d.mail.recalls.map((r) => r.mode))).toEqual(new Set(['Cloud', 'Legacy']));
    expect(new Set(d.mail.recalls.flatMap((r) => r.results.map((x) => x.status)))).toEqual(new Set(['Succeeded', 'Failed']));
    expect(new Set(d.mail.messages.map((m) => m.kind))).toEqual(new Set(['Normal', 'Recall', 'RecallReport', 'NonDeliveryReport']));
    expect(d.mail.schedule).toEqual([]);
  });

  it('reports what is wrong in a broken store', () => {
    const lab = new MailLab('$null = New-Mailbox -Name user; $null = New-Mailbox -Name recipient1');
    lab.send(USER, `-To ${R1} -Subject 'x'`);
    const d = lab.state();
    d.mail.traces[0].status = 'Pending';
    d.mail.traces[0].events.reverse();
    d.mail.items.push({ ...d.mail.items[0], itemId: 'orphan', messageId: '<nope@x>' });
    d.mail.messages.push({ ...d.mail.messages[0], messageId: '<lonely@x>' });
    const inbox = d.mail.items.find((i) => i.folder === 'Inbox')!;
    expect(inconsistencies(d)).toEqual([
      'message x (Normal) has no trace row',
      'row x -> recipient1@contoso.com: starts with Deliver',
      'row x -> recipient1@contoso.com: status Pending but last event Deliver',
      'item orphan: no such message',
      `item ${inbox.itemId} (Inbox): no Delivered row for recipient1@contoso.com`,
    ]);
  });
});

type Op =
  | { op: 'send'; to: number[]; subject: number; enc: boolean }
  | { op: 'read' | 'move'; who: number; msg: number }
  | { op: 'recall'; msg: number; replace: boolean }
  | { op: 'avail'; who: number; on: boolean }
  | { op: 'setting'; name: 'MessageRecallEnabled' | 'RecallReadMessagesEnabled'; value: 0 | 1 | 2 }
  | { op: 'wait'; minutes: number };

const ADDRESSES = [R1, R2, R3, 'sales@contoso.com', 'auditor@contoso.com', 'r.one@contoso.com', 'ghost@contoso.com', 'chris@fabrikam.com'];
const SUBJECTS = ['Hello', 'budget 2024', 'monthly report', 'lottery', 'invoice 9'];
const PEOPLE_NAMES = ['recipient1', 'recipient2', 'recipient3', 'auditor'];

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('send' as const), to: fc.uniqueArray(fc.nat(ADDRESSES.length - 1), { minLength: 1, maxLength: 3 }), subject: fc.nat(SUBJECTS.length - 1), enc: fc.boolean() }),
  fc.record({ op: fc.constantFrom('read' as const, 'move' as const), who: fc.nat(PEOPLE_NAMES.length - 1), msg: fc.nat(9) }),
  fc.record({ op: fc.constant('recall' as const), msg: fc.nat(9), replace: fc.boolean() }),
  fc.record({ op: fc.constant('avail' as const), who: fc.nat(PEOPLE_NAMES.length - 1), on: fc.boolean() }),
  fc.record({
    op: fc.constant('setting' as const),
    name: fc.constantFrom('MessageRecallEnabled' as const, 'RecallReadMessagesEnabled' as const),
    value: fc.constantFrom(0 as const, 1 as const, 2 as const),
  }),
  fc.record({ op: fc.constant('wait' as const), minutes: fc.integer({ min: 1, max: 26 * 60 }) }),
);

describe('the consistency walker over random scenarios', () => {
  it('holds after any sequence of sends, reads, moves, recalls, outages, setting changes and waits', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 4, maxLength: 12 }), (ops) => {
        const lab = new MailLab(DIRECTORY);
        const sent: string[] = [];
        for (const o of ops) {
          switch (o.op) {
            case 'send': {
              const id = lab.ok(`(Send-MailMessage -To ${o.to.map((i) => ADDRESSES[i]).join(',')} -Subject '${SUBJECTS[o.subject]}'${o.enc ? ' -Encryption MIP' : ''} -PassThru).MessageId`, USER)
                .output[0] as string;
              sent.push(id);
              break;
            }
            case 'read':
            case 'move':
              if (sent.length) {
                const id = sent[o.msg % sent.length];
                lab.run(
                  o.op === 'read'
                    ? `Set-MailboxMessage -Mailbox ${PEOPLE_NAMES[o.who]} -MessageId '${id}' -IsRead $true`
                    : `Move-MailboxMessage -Mailbox ${PEOPLE_NAMES[o.who]} -MessageId '${id}' -TargetFolder Later`,
                );
              }
              break;
            case 'recall':
              if (sent.length) lab.run(`Invoke-MessageRecall -MessageId '${sent[o.msg % sent.length]}'${o.replace ? " -ReplaceSubject 'Fixed'" : ''}`, USER);
              break;
            case 'avail':
              lab.ok(`Set-MailboxAvailability ${PEOPLE_NAMES[o.who]} ${o.on ? '-Available' : '-Unavailable'}`);
              break;
            case 'setting':
              lab.run(`Set-OrganizationConfig -${o.name} ${['$true', '$false', '$null'][o.value]} -WarningAction SilentlyContinue`);
              break;
            case 'wait':
              lab.advance(`${o.minutes}m`);
              break;
          }
          const problems = inconsistencies(lab.state());
          if (problems.length) throw new Error(`after ${JSON.stringify(o)} in ${JSON.stringify(ops)}:\n${problems.join('\n')}`);
        }
      }),
      { numRuns: 12, seed: 20230814 },
    );
  }, 60_000);
});
