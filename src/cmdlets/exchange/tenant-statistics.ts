// Get-TenantStatistics: exosh simulation control: how much the tenant holds, and how large its
// store file is (a JSON store has a ceiling: docs/store.md).

import { defineCmdlet } from '../../shell/cmdlet.js';
import { PSObject } from '../../shell/values.js';
import { EXCHANGE_MODULE, tenantOf } from './common.js';

const TYPE = 'Exosh.TenantStatistics';

export const getTenantStatisticsCmdlet = defineCmdlet({
  name: 'Get-TenantStatistics',
  module: EXCHANGE_MODULE,
  synopsis: 'exosh simulation control: counts the recipients, messages, trace rows and recalls of the tenant, and the size of its store.',
  description: 'TraceEvents counts the events of all trace rows; StoreBytes is the size of the store file on disk as last committed.',
  parameters: [],
  views: [{ typeName: TYPE, kind: 'list', columns: ['Mailboxes', 'Groups', 'Contacts', 'Messages', 'TraceRows', 'TraceEvents', 'Recalls', 'StoreBytes'] }],
  examples: [{ code: 'Get-TenantStatistics', remarks: 'Shows what the tenant holds and how large its store is.' }],
  process(ctx) {
    const tenant = tenantOf(ctx);
    const data = tenant.read();
    let events = 0;
    for (const row of data.mail.traces) events += row.events.length;
    ctx.write(
      PSObject.from(
        {
          Mailboxes: data.mailboxes.length,
          Groups: data.groups.length,
          Contacts: data.contacts.length,
          Messages: data.mail.messages.length,
          TraceRows: data.mail.traces.length,
          TraceEvents: events,
          Recalls: data.mail.recalls.length,
          StoreBytes: tenant.store.size(),
        },
        TYPE,
      ),
    );
  },
});

export const tenantStatisticsCmdlets = [getTenantStatisticsCmdlet];
