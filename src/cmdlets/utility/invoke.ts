// Invoke-Expression: runs a string as commands. Paging scripts for the V2 trace cmdlets use
// it to run the continuation command that the "more results" warning hands them.

import { defineCmdlet } from '../../shell/cmdlet.js';
import { toStr } from '../../shell/convert.js';

export const invokeExpressionCmdlet = defineCmdlet({
  name: 'Invoke-Expression',
  aliases: ['iex'],
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Runs a string as commands, in the current scope, and returns their output.',
  parameters: [{ name: 'Command', type: 'string', mandatory: true, position: 0, fromPipeline: true, help: 'The text to run as exosh commands.' }],
  examples: [
    {
      code: "$next = ($more -join '') -replace 'There are more results, use the following command to get more. ', ''; Invoke-Expression $next",
      remarks: 'Runs the continuation command of Get-MessageTraceV2.',
    },
  ],
  process(ctx, p) {
    for (const v of ctx.invokeScript(toStr(p.Command ?? null))) ctx.write(v);
  },
});

export const invokeCmdlets = [invokeExpressionCmdlet];
