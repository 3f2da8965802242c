// Use-TenantTransaction: exosh's explicit multi-statement transaction. Every top-level
// statement already commits or rolls back as one unit; this names that unit, so a script can
// say "these statements together, or none of them" without relying on `& { }`.

import { defineCmdlet } from '../../shell/cmdlet.js';

export const useTenantTransactionCmdlet = defineCmdlet({
  name: 'Use-TenantTransaction',
  synopsis: 'exosh simulation control: runs a script block as one tenant transaction: all of its changes are saved, or none.',
  description:
    'The statements in the block read the tenant under one lock and their changes are saved together when the statement that calls Use-TenantTransaction ends without an error written. If any statement in the block writes an error or throws, none of the changes are saved. Other exosh processes wait for the lock meanwhile, so keep the block short; Start-Sleep inside it keeps the lock, so that what the block read stays valid. For a whole script, use exosh --transaction instead.',
  parameters: [{ name: 'ScriptBlock', type: 'scriptblock', mandatory: true, position: 0, help: 'The statements to run as one transaction.' }],
  examples: [
    {
      code: 'Use-TenantTransaction {\n  $n = (Get-Mailbox -ResultSize Unlimited).Count\n  New-Mailbox -Name "Temp $($n + 1)"\n}',
      remarks: 'Reads and writes in one transaction: no other process can add a mailbox between the count and the new mailbox.',
    },
  ],
  process(ctx, params) {
    const block = params.ScriptBlock;
    const output = ctx.atomically(() => block.invoke(undefined, []));
    for (const value of output) ctx.write(value);
  },
});

export const transactionCmdlets = [useTenantTransactionCmdlet];
