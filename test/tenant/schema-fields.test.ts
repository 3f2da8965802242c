// The store's schema is declared once (src/tenant/schema/definition.ts) and checked field by
// field: every field of every collection, including those of the mail section that the
// hand-written validator used to skip (trace subject, size, toIP, fromIP; event action, data;
// most fields of messages, items, recalls, quarantine, transport rules and the schedule).

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/tenant/errors.js';
import { validateTenant, type TenantData } from '../../src/tenant/schema.js';
import { validatorModule } from '../../src/tenant/schema/compile.js';
import { emptyTenant } from '../../src/tenant/tenant.js';

const FILE = '/x/t.json';
const T = '2023-08-15T09:00:00Z';
const MID = '<a1@contoso.prod.outlook.com>';
const GUID = '1c84a05c-a258-565d-a0ca-f9c1c78abc4d';

/** A tenant with one entry in every mail collection, every field set as exosh writes it. */
function busyTenant(): Record<string, any> {
  const data = structuredClone(emptyTenant('contoso.com', new Date('2023-08-15T00:00:00Z'))) as TenantData;
  data.mail.messages.push({
    messageId: MID,
    messageTraceId: GUID,
    kind: 'Normal',
    messageClass: 'IPM.Note',
    subject: 'Hello',
    body: 'Hi',
    bodyIsHtml: false,
    from: 'user@contoso.com',
    submittedBy: GUID,
    to: ['r1@contoso.com'],
    cc: [],
    bcc: [],
    size: 2048,
    submittedAt: T,
    encryption: 'None',
    fromIP: '10.0.0.1',
    relatesTo: null,
  });
  data.mail.traces.push({
    messageId: MID,
    messageTraceId: GUID,
    received: T,
    senderAddress: 'user@contoso.com',
    recipientAddress: 'r1@contoso.com',
    subject: 'Hello',
    status: 'Delivered',
    toIP: null,
    fromIP: '10.0.0.1',
    size: 2048,
    events: [{ date: T, event: 'Receive', action: null, detail: 'Message received by: X', data: '<root/>' }],
  });
  data.mail.items.push({
    itemId: 'AAMk1',
    mailbox: GUID,
    messageId: MID,
    folder: 'Inbox',
    isRead: false,
    received: T,
    deliveredAs: 'r1@contoso.com',
    origin: 'Delivered',
    retainedForHold: false,
    recallAttempts: [],
  });
  data.mail.recalls.push({
    recallId: GUID,
    messageId: MID,
    recallMessageId: '<r1@contoso.prod.outlook.com>',
    mailbox: GUID,
    requestedBy: 'user@contoso.com',
    attemptedAt: T,
    mode: 'Cloud',
    replaceSubject: null,
    replaceBody: null,
    replacementMessageId: null,
    results: [{ recipient: 'r1@contoso.com', status: 'Pending', reason: '', completedAt: null }],
    reportMessageId: null,
  });
  data.mail.quarantine.push({
    identity: `${GUID}\\${GUID}`,
    messageId: MID,
    recipient: 'r1@contoso.com',
    senderAddress: 'x@fabrikam.com',
    subject: 'Spam',
    receivedTime: T,
    quarantineTypes: 'Spam',
    released: false,
    releasedAt: null,
    expires: '2023-09-14T09:00:00Z',
  });
  data.mail.transportRules.push({
    guid: GUID,
    name: 'Block',
    priority: 0,
    state: 'Enabled',
    subjectContainsWords: ['x'],
    from: [],
    setSCL: null,
    quarantine: true,
    whenCreated: T,
  });
  data.mail.schedule.push({ at: T, seq: 1, kind: 'RetryDelivery', messageId: MID, recipient: 'r1@contoso.com', recallId: null });
  data.mail.unavailable[GUID] = 'Indefinitely';
  data.mail.historicalSearches = [
    {
      jobId: GUID,
      reportTitle: 'r',
      reportType: 'MessageTrace',
      submitDate: T,
      submittedBy: 'admin@contoso.com',
      startDate: '2023-08-01T00:00:00Z',
      endDate: T,
      senderAddress: [],
      recipientAddress: [],
      messageId: [],
      notifyAddress: [],
      deliveryStatus: null,
      direction: null,
      originalClientIP: null,
      cancelledAt: null,
      completedAt: null,
      rows: null,
      fileRows: null,
    },
  ];
  data.organization.settingChanges.push({
    setting: 'MessageRecallEnabled',
    value: false,
    previous: null,
    changedAt: T,
    effectiveAt: '2023-08-15T10:00:00Z',
    changedBy: 'admin@contoso.com',
  });
  return data as unknown as Record<string, any>;
}

function problem(edit: (d: Record<string, any>) => void): string {
  const data = busyTenant();
  edit(data);
  try {
    validateTenant(data, FILE);
  } catch (e) {
    expect(e).toBeInstanceOf(StoreError);
    expect((e as StoreError).errorId).toBe('InvalidStore');
    return (e as Error).message.replace(`The tenant store '${FILE}' is not valid: `, '');
  }
  return 'valid';
}

const DATE = 'must be an ISO 8601 UTC date such as 2023-08-15T00:00:00Z.';

describe('every field of the store is checked', () => {
  it('accepts a tenant with every mail collection filled', () => {
    expect(problem(() => {})).toBe('valid');
  });

  it('checks the fields of trace rows and their events', () => {
    expect(
      problem((d) => {
        d.mail.traces[0].subject = 5;
      }),
    ).toBe('$.mail.traces[0].subject must be a string.');
    expect(
      problem((d) => {
        delete d.mail.traces[0].subject;
      }),
    ).toBe('$.mail.traces[0].subject is missing.');
    expect(
      problem((d) => {
        d.mail.traces[0].size = '2 KB';
      }),
    ).toBe('$.mail.traces[0].size must be a number.');
    expect(
      problem((d) => {
        delete d.mail.traces[0].size;
      }),
    ).toBe('$.mail.traces[0].size is missing.');
    expect(
      problem((d) => {
        d.mail.traces[0].toIP = 10;
      }),
    ).toBe('$.mail.traces[0].toIP must be a string.');
    expect(
      problem((d) => {
        delete d.mail.traces[0].toIP;
      }),
    ).toBe('$.mail.traces[0].toIP is missing.');
    expect(
      problem((d) => {
        d.mail.traces[0].fromIP = ['10.0.0.1'];
      }),
    ).toBe('$.mail.traces[0].fromIP must be a string.');
    expect(
      problem((d) => {
        d.mail.traces[0].via = 'Teleported';
      }),
    ).toBe('$.mail.traces[0].via must be one of AutoForwarded, RuleForwarded.');
    expect(
      problem((d) => {
        d.mail.traces[0].events[0].action = false;
      }),
    ).toBe('$.mail.traces[0].events[0].action must be a string.');
    expect(
      problem((d) => {
        delete d.mail.traces[0].events[0].action;
      }),
    ).toBe('$.mail.traces[0].events[0].action is missing.');
    expect(
      problem((d) => {
        d.mail.traces[0].events[0].data = { xml: true };
      }),
    ).toBe('$.mail.traces[0].events[0].data must be a string.');
    expect(
      problem((d) => {
        delete d.mail.traces[0].events[0].data;
      }),
    ).toBe('$.mail.traces[0].events[0].data is missing.');
  });

  it('checks the fields of messages', () => {
    expect(
      problem((d) => {
        d.mail.messages[0].kind = 'Memo';
      }),
    ).toBe('$.mail.messages[0].kind must be one of Normal, Recall, RecallReport, NonDeliveryReport, Notification.');
    expect(
      problem((d) => {
        delete d.mail.messages[0].body;
      }),
    ).toBe('$.mail.messages[0].body is missing.');
    expect(
      problem((d) => {
        d.mail.messages[0].bodyIsHtml = 'no';
      }),
    ).toBe('$.mail.messages[0].bodyIsHtml must be true or false.');
    expect(
      problem((d) => {
        d.mail.messages[0].cc = 'a@b.c';
      }),
    ).toBe('$.mail.messages[0].cc must be an array.');
    expect(
      problem((d) => {
        d.mail.messages[0].size = null;
      }),
    ).toBe('$.mail.messages[0].size must be a number.');
    expect(
      problem((d) => {
        d.mail.messages[0].encryption = 'PGP';
      }),
    ).toBe('$.mail.messages[0].encryption must be one of None, OME, MIP.');
    expect(
      problem((d) => {
        d.mail.messages[0].relatesTo = 1;
      }),
    ).toBe('$.mail.messages[0].relatesTo must be a string.');
  });

  it('checks mailbox items, recalls, quarantine, transport rules and the schedule', () => {
    expect(
      problem((d) => {
        d.mail.items[0].received = 'today';
      }),
    ).toBe(`$.mail.items[0].received ${DATE}`);
    expect(
      problem((d) => {
        d.mail.items[0].origin = 'Mars';
      }),
    ).toBe('$.mail.items[0].origin must be one of Sent, Delivered, AutoForwarded, RuleForwarded, Report.');
    expect(
      problem((d) => {
        d.mail.items[0].recallAttempts = ['soon'];
      }),
    ).toBe(`$.mail.items[0].recallAttempts[0] ${DATE}`);
    expect(
      problem((d) => {
        delete d.mail.recalls[0].mailbox;
      }),
    ).toBe('$.mail.recalls[0].mailbox is missing.');
    expect(
      problem((d) => {
        d.mail.recalls[0].results[0].status = 'Done';
      }),
    ).toBe('$.mail.recalls[0].results[0].status must be one of Pending, Succeeded, Failed.');
    expect(
      problem((d) => {
        d.mail.recalls[0].results[0].completedAt = 'never';
      }),
    ).toBe(`$.mail.recalls[0].results[0].completedAt ${DATE}`);
    expect(
      problem((d) => {
        d.mail.quarantine[0].expires = 30;
      }),
    ).toBe(`$.mail.quarantine[0].expires ${DATE}`);
    expect(
      problem((d) => {
        delete d.mail.quarantine[0].senderAddress;
      }),
    ).toBe('$.mail.quarantine[0].senderAddress is missing.');
    expect(
      problem((d) => {
        d.mail.transportRules[0].state = 'On';
      }),
    ).toBe('$.mail.transportRules[0].state must be one of Enabled, Disabled.');
    expect(
      problem((d) => {
        d.mail.transportRules[0].setSCL = '5';
      }),
    ).toBe('$.mail.transportRules[0].setSCL must be a number.');
    expect(
      problem((d) => {
        d.mail.schedule[0].kind = 'Explode';
      }),
    ).toBe('$.mail.schedule[0].kind must be one of RetryDelivery, ExpireDelivery, RecallRetry, RecallTimeout, RecallReport.');
    expect(
      problem((d) => {
        delete d.mail.schedule[0].recallId;
      }),
    ).toBe('$.mail.schedule[0].recallId is missing.');
    expect(
      problem((d) => {
        d.mail.unavailable.x = 5;
      }),
    ).toBe('$.mail.unavailable.x must be an ISO 8601 UTC date such as 2023-08-15T00:00:00Z, or Indefinitely.');
    expect(
      problem((d) => {
        d.mail.unavailable.x = 'tomorrow';
      }),
    ).toBe('$.mail.unavailable.x must be an ISO 8601 UTC date such as 2023-08-15T00:00:00Z, or Indefinitely.');
    expect(
      problem((d) => {
        d.mail.unavailable.x = '2023-08-16T00:00:00Z';
      }),
    ).toBe('valid');
  });

  it('checks historical searches and recorded setting values', () => {
    expect(
      problem((d) => {
        delete d.mail.historicalSearches[0].submittedBy;
      }),
    ).toBe('$.mail.historicalSearches[0].submittedBy is missing.');
    expect(
      problem((d) => {
        d.mail.historicalSearches[0].rows = '12';
      }),
    ).toBe('$.mail.historicalSearches[0].rows must be a number.');
    expect(
      problem((d) => {
        d.mail.historicalSearches[0].completedAt = 'done';
      }),
    ).toBe(`$.mail.historicalSearches[0].completedAt ${DATE}`);
    expect(
      problem((d) => {
        d.organization.settingChanges[0].value = 1;
      }),
    ).toBe('$.organization.settingChanges[0].value must be true, false, a string or null.');
    expect(
      problem((d) => {
        delete d.organization.settingChanges[0].previous;
      }),
    ).toBe('$.organization.settingChanges[0].previous is missing.');
  });

  it('still keeps fields exosh does not know, and still allows a store without historical searches', () => {
    expect(
      problem((d) => {
        d.extra = { any: [1, 'two'] };
        d.mail.traces[0].note = 5;
        d.mail.traces[0].events[0].x = null;
      }),
    ).toBe('valid');
    expect(
      problem((d) => {
        delete d.mail.historicalSearches;
        delete d.mail.traces[0].via;
      }),
    ).toBe('valid');
  });

  it('names the first bad field in schema order, even when a later one is missing', () => {
    expect(
      problem((d) => {
        d.mailboxes[0].alias = 5;
        delete d.mailboxes[0].whenCreated;
      }),
    ).toBe('$.mailboxes[0].alias must be a string.');
    expect(
      problem((d) => {
        d.mailboxes[0].alias = 5;
        delete d.mail;
      }),
    ).toBe('$.mailboxes[0].alias must be a string.');
    expect(
      problem((d) => {
        d.mail.traces[0].events[0].date = 'x';
        delete d.mail.traces[0].events[0].data;
      }),
    ).toBe(`$.mail.traces[0].events[0].date ${DATE}`);
  });
});

describe('the compiled validator', () => {
  it('is the one the schema compiles to (run `npm run build` after editing definition.ts)', () => {
    const committed = readFileSync(new URL('../../src/tenant/schema/validate.cjs', import.meta.url), 'utf8');
    expect(committed === validatorModule()).toBe(true);
  });
});
