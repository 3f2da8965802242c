// Format-Table (ft) and Format-List (fl). Like pwsh, they gather their input and lay it out at
// the end; the result is one FormattedText that Out-Default prints as it is.

import { defineCmdlet, type CmdletContext, type CmdletDefinition, type ParamValues } from '../../shell/cmdlet.js';
import { formatObjects, type FormatRequest } from '../../shell/format/out-default.js';
import { FormattedText, type PSValue } from '../../shell/values.js';

/** Gathers a Format-* run's objects (its state, from begin). */
function collect(gathered: PSValue[], input: PSValue | undefined): void {
  // `-InputObject $null` and an unbound -InputObject both leave nothing to format
  if (input === undefined || input === null) return;
  gathered.push(input);
}

function propertySpecs(params: ParamValues): PSValue[] | undefined {
  const p = params.Property;
  if (p === undefined || p === null) return undefined;
  return Array.isArray(p) ? p : [p];
}

function finish(ctx: CmdletContext, input: PSValue[], req: FormatRequest): void {
  if (input.length === 0) return;
  // Cmdlet output goes through the pipeline, so it carries no colour; the host prints it as is.
  const text = formatObjects(input, req, { views: ctx.session.views(), width: ctx.session.width, color: false });
  if (text !== '') ctx.write(new FormattedText(text));
}

const on = (v: PSValue | undefined) => v === true;

export const formatTableCmdlet: CmdletDefinition = defineCmdlet({
  name: 'Format-Table',
  aliases: ['ft'],
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Formats the output as a table.',
  description:
    "Lays out the piped objects as a table, as PowerShell 7 does: without -Property it uses the type's registered view, " +
    "or up to ten of the first object's properties. Columns are sized from the content and fitted to the console width; " +
    'values that do not fit end in an ellipsis (…) unless -Wrap is given.',
  examples: [
    { code: 'Get-MessageTrace | Format-Table -AutoSize', remarks: 'Sizes every column from its content.' },
    { code: "Get-Mailbox | ft Name, @{n='Size';e={$_.ProhibitSendQuota};Alignment='Right'}", remarks: 'Shows a property and a calculated column.' },
  ],
  parameters: [
    { name: 'Property', type: 'object[]', position: 0, help: 'Properties to show: names, wildcards, or @{Name=...;Expression=...;Width=...;Alignment=...}.' },
    { name: 'AutoSize', type: 'switch', help: 'Sizes the columns from the data.' },
    { name: 'HideTableHeaders', type: 'switch', help: 'Omits the column headings.' },
    { name: 'Wrap', type: 'switch', help: 'Wraps long values onto the next lines instead of truncating them.' },
    { name: 'InputObject', type: 'object', fromPipeline: true, help: 'The objects to format.' },
  ],
  begin(): PSValue[] {
    return [];
  },
  process(ctx, params, input, gathered) {
    collect(gathered, input !== undefined ? input : params.InputObject);
  },
  end(ctx, params, gathered) {
    finish(ctx, gathered, {
      shape: 'table',
      properties: propertySpecs(params),
      autoSize: on(params.AutoSize),
      hideHeaders: on(params.HideTableHeaders),
      wrap: on(params.Wrap),
      command: 'Format-Table',
    });
  },
});

export const formatListCmdlet: CmdletDefinition = defineCmdlet({
  name: 'Format-List',
  aliases: ['fl'],
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Formats the output as a list of properties, each on its own line.',
  description:
    "Shows each piped object as `Name : Value` lines. Without -Property it uses the type's registered list view, or every property. " +
    'Wildcards such as `*Recall*` pick properties by name; `*` shows them all.',
  examples: [
    { code: 'Get-OrganizationConfig | Format-List *Recall*', remarks: 'Shows the message recall settings.' },
    { code: 'Get-Mailbox -Identity dana | fl *', remarks: 'Shows every property of one mailbox.' },
  ],
  parameters: [
    { name: 'Property', type: 'object[]', position: 0, help: 'Properties to show: names, wildcards, or @{Name=...;Expression=...}.' },
    { name: 'InputObject', type: 'object', fromPipeline: true, help: 'The objects to format.' },
  ],
  begin(): PSValue[] {
    return [];
  },
  process(ctx, params, input, gathered) {
    collect(gathered, input !== undefined ? input : params.InputObject);
  },
  end(ctx, params, gathered) {
    finish(ctx, gathered, { shape: 'list', properties: propertySpecs(params), command: 'Format-List' });
  },
});
