// Every cmdlet exosh knows. Registering a cmdlet (or a module's family) is one line here.

import type { CmdletDefinition } from '../shell/cmdlet.js';
import { acceptedDomainCmdlets } from './exchange/accepted-domain.js';
import { contactCmdlets } from './exchange/contact.js';
import { groupCmdlets } from './exchange/group.js';
import { inboxRuleCmdlets } from './exchange/inbox-rule.js';
import { mailboxCmdlets } from './exchange/mailbox.js';
import { permissionCmdlets } from './exchange/permission.js';
import { connectionCmdlets, roleCmdlets } from './exchange/roles.js';
import { clockCmdlets } from './exchange/clock.js';
import { hygieneCmdlets } from './exchange/hygiene.js';
import { mailboxMessageCmdlets } from './exchange/mailbox-message.js';
import { recallCmdlets } from './exchange/recall.js';
import { recipientCmdlets } from './exchange/recipient.js';
import { messageTraceCmdlets } from './exchange/message-trace.js';
import { messageTraceV2Cmdlets } from './exchange/message-trace-v2.js';
import { traceJoinCmdlets } from './exchange/trace-join.js';
import { historicalSearchCmdlets } from './exchange/historical-search.js';
import { sendCmdlets } from './exchange/send.js';
import { transactionCmdlets } from './exchange/transaction.js';
import { tenantStatisticsCmdlets } from './exchange/tenant-statistics.js';
import { orgConfigCmdlets } from './exchange/org-config.js';
import { convertFromCsvCmdlet, convertToCsvCmdlet, exportCsvCmdlet, importCsvCmdlet } from './utility/csv.js';
import { dateCmdlets } from './utility/date.js';
import { addContentCmdlet, getContentCmdlet, outFileCmdlet, setContentCmdlet } from './utility/file.js';
import { formatListCmdlet, formatTableCmdlet } from './utility/format.js';
import { helpCmdlets } from './utility/help.js';
import { invokeCmdlets } from './utility/invoke.js';
import { pathCmdlets } from './utility/path.js';
import { progressCmdlets } from './utility/progress.js';
import { convertFromJsonCmdlet, convertToJsonCmdlet } from './utility/json.js';
import { objectCmdlets } from './utility/objects.js';
import { writeCmdlets } from './utility/write.js';

export function allCmdlets(): CmdletDefinition[] {
  return [
    // the shell's own utilities
    ...helpCmdlets,
    ...invokeCmdlets,
    ...pathCmdlets,
    ...progressCmdlets,
    ...objectCmdlets,
    ...writeCmdlets,
    ...dateCmdlets,
    formatTableCmdlet,
    formatListCmdlet,
    exportCsvCmdlet,
    importCsvCmdlet,
    convertToCsvCmdlet,
    convertFromCsvCmdlet,
    convertToJsonCmdlet,
    convertFromJsonCmdlet,
    outFileCmdlet,
    setContentCmdlet,
    addContentCmdlet,
    getContentCmdlet,
    // Exchange Online
    ...orgConfigCmdlets,
    ...clockCmdlets,
    ...transactionCmdlets,
    ...tenantStatisticsCmdlets,
    ...sendCmdlets,
    ...mailboxMessageCmdlets,
    ...recallCmdlets,
    ...messageTraceCmdlets,
    ...messageTraceV2Cmdlets,
    ...traceJoinCmdlets,
    ...historicalSearchCmdlets,
    ...hygieneCmdlets,
    ...acceptedDomainCmdlets,
    ...mailboxCmdlets,
    ...recipientCmdlets,
    ...groupCmdlets,
    ...contactCmdlets,
    ...permissionCmdlets,
    ...inboxRuleCmdlets,
    ...roleCmdlets,
    ...connectionCmdlets,
  ];
}
