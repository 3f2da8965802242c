// The Write-* and Out-* cmdlets: the output, host, warning, verbose, debug and error streams,
// and turning objects into the text the host would show (Out-String, Out-Host).

import { defineCmdlet } from '../../shell/cmdlet.js';
import type { CmdletContext, ParamValues } from '../../shell/cmdlet.js';
import { toStr } from '../../shell/convert.js';
import { PSError, type ErrorCategory } from '../../shell/errors.js';
import { renderForHost } from '../../shell/format/out-default.js';
import { Hashtable, PSValue } from '../../shell/values.js';

const CONSOLE_COLORS = [
  'Black',
  'DarkBlue',
  'DarkGreen',
  'DarkCyan',
  'DarkRed',
  'DarkMagenta',
  'DarkYellow',
  'Gray',
  'DarkGray',
  'Blue',
  'Green',
  'Cyan',
  'Red',
  'Magenta',
  'Yellow',
  'White',
] as const;

/** System.Management.Automation.ErrorCategory, for Write-Error -Category. */
const ERROR_CATEGORIES = [
  'NotSpecified',
  'OpenError',
  'CloseError',
  'DeviceError',
  'DeadlockDetected',
  'InvalidArgument',
  'InvalidData',
  'InvalidOperation',
  'InvalidResult',
  'InvalidType',
  'MetadataError',
  'NotImplemented',
  'NotInstalled',
  'ObjectNotFound',
  'OperationStopped',
  'OperationTimeout',
  'SyntaxError',
  'ParserError',
  'PermissionDenied',
  'ResourceBusy',
  'ResourceExists',
  'ResourceUnavailable',
  'ReadError',
  'WriteError',
  'FromStdErr',
  'SecurityError',
  'ProtocolError',
  'ConnectionError',
  'AuthenticationError',
  'LimitsExceeded',
  'QuotaExceeded',
  'NotEnabled',
] as const;

/** The pipeline object, or the parameter's value when nothing was piped; undefined when neither. */
function current(ctx: CmdletContext, params: ParamValues, input: PSValue | undefined, param: string): PSValue | undefined {
  if (input !== undefined) return input;
  return ctx.bound.has(param) ? (params[param] ?? null) : undefined;
}

export const writeOutputCmdlet = defineCmdlet({
  name: 'Write-Output',
  module: 'Microsoft.PowerShell.Utility',
  aliases: ['echo', 'write'],
  synopsis: 'Writes the specified objects to the pipeline.',
  description: 'Sends objects down the pipeline; a collection is sent element by element unless -NoEnumerate.',
  parameters: [
    { name: 'InputObject', type: 'object', position: 0, mandatory: true, fromPipeline: true, allowNull: true, remaining: true, help: 'The objects to send.' },
    { name: 'NoEnumerate', type: 'switch', help: 'Sends a collection as one object.' },
  ],
  examples: [{ code: "Write-Output 'Recall submitted'", remarks: 'Writes a string to the pipeline.' }],
  process(ctx, params, input) {
    // A piped object goes on as it is (the upstream command has already enumerated).
    if (input !== undefined) {
      ctx.write(input);
      return;
    }
    if (!ctx.bound.has('InputObject')) return;
    const value = params.InputObject ?? null;
    if (Array.isArray(value) && params.NoEnumerate !== true) for (const v of value) ctx.write(v);
    else ctx.write(value);
  },
});

/** How Write-Host prints an object: collections element by element, joined by the separator. */
function hostText(value: PSValue, separator: string): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => hostText(v, separator)).join(separator);
  // A hashtable enumerates DictionaryEntry items, which print as their type name.
  if (value instanceof Hashtable)
    return value
      .entries()
      .map(() => 'System.Collections.DictionaryEntry')
      .join(separator);
  return toStr(value);
}

export const writeHostCmdlet = defineCmdlet({
  name: 'Write-Host',
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Writes customized output to a host.',
  description: 'Writes text straight to the console, not to the pipeline.',
  parameters: [
    { name: 'Object', type: 'object', position: 0, fromPipeline: true, allowNull: true, remaining: true, aliases: ['Msg', 'Message'], help: 'What to display.' },
    { name: 'NoNewline', type: 'switch', help: 'Does not end with a newline.' },
    { name: 'Separator', type: 'object', help: 'Text between the displayed elements of a collection (default: a space).' },
    { name: 'ForegroundColor', type: { enum: CONSOLE_COLORS }, help: 'The text color.' },
    { name: 'BackgroundColor', type: { enum: CONSOLE_COLORS }, help: 'Accepted for compatibility.' },
  ],
  examples: [{ code: "Write-Host 'Done' -ForegroundColor Green", remarks: 'Green text on the console.' }],
  process(ctx, params, input) {
    const value = current(ctx, params, input, 'Object');
    const separator = params.Separator === undefined ? ' ' : toStr(params.Separator);
    const color = typeof params.ForegroundColor === 'string' ? params.ForegroundColor : undefined;
    ctx.writeHost(value === undefined ? '' : hostText(value, separator), { noNewline: params.NoNewline === true, color });
  },
});

export const writeWarningCmdlet = defineCmdlet({
  name: 'Write-Warning',
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Writes a warning message.',
  parameters: [{ name: 'Message', type: 'string', position: 0, mandatory: true, fromPipeline: true, aliases: ['Msg'], help: 'The warning text.' }],
  examples: [{ code: "Write-Warning 'The recall may not reach external recipients.'", remarks: 'Prints WARNING: ...' }],
  process(ctx, params) {
    if (params.Message !== undefined) ctx.writeWarning(toStr(params.Message));
  },
});

export const writeVerboseCmdlet = defineCmdlet({
  name: 'Write-Verbose',
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Writes text to the verbose message stream.',
  description: 'Shown only with -Verbose or when $VerbosePreference is Continue.',
  examples: [{ code: "Write-Verbose 'Searching the last 10 days' -Verbose", remarks: 'Shows VERBOSE: Searching the last 10 days.' }],
  parameters: [{ name: 'Message', type: 'string', position: 0, mandatory: true, fromPipeline: true, aliases: ['Msg'], help: 'The verbose text.' }],
  process(ctx, params) {
    if (params.Message !== undefined) ctx.writeVerbose(toStr(params.Message));
  },
});

export const writeDebugCmdlet = defineCmdlet({
  name: 'Write-Debug',
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Writes a debug message.',
  description: 'Accepted for script compatibility; exosh has no debug stream, so nothing is shown.',
  examples: [{ code: "Write-Debug 'Got page 2'", remarks: 'Accepted so that scripts run unchanged; exosh shows no debug messages.' }],
  parameters: [{ name: 'Message', type: 'string', position: 0, mandatory: true, fromPipeline: true, aliases: ['Msg'], help: 'The debug text.' }],
  process() {
    // The debug stream is silent by default in pwsh ($DebugPreference = SilentlyContinue).
  },
});

export const writeErrorCmdlet = defineCmdlet({
  name: 'Write-Error',
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Writes an object to the error stream.',
  description: 'Writes a non-terminating error; pwsh 7 shows it as "Write-Error: <message>".',
  parameters: [
    { name: 'Message', type: 'string', position: 0, fromPipeline: true, allowNull: true, aliases: ['Msg'], help: 'The error text.' },
    { name: 'Category', type: { enum: ERROR_CATEGORIES }, help: 'The error category.' },
    { name: 'ErrorId', type: 'string', help: 'The FullyQualifiedErrorId of the error.' },
    { name: 'TargetObject', type: 'object', help: 'The object the error is about.' },
    { name: 'RecommendedAction', type: 'string', help: 'Accepted for compatibility.' },
    { name: 'CategoryActivity', type: 'string', help: 'Accepted for compatibility.' },
    { name: 'CategoryReason', type: 'string', help: 'Accepted for compatibility.' },
    { name: 'CategoryTargetName', type: 'string', help: 'Accepted for compatibility.' },
    { name: 'CategoryTargetType', type: 'string', help: 'Accepted for compatibility.' },
  ],
  examples: [{ code: "Write-Error 'Mailbox not found' -Category ObjectNotFound", remarks: 'A non-terminating error.' }],
  process(ctx, params, input) {
    if (input === undefined && !ctx.bound.has('Message')) return;
    const message = toStr(params.Message ?? (input === undefined ? null : input));
    ctx.writeError(
      new PSError(message, {
        category: (typeof params.Category === 'string' ? params.Category : 'NotSpecified') as ErrorCategory,
        errorId: typeof params.ErrorId === 'string' && params.ErrorId !== '' ? params.ErrorId : 'Microsoft.PowerShell.Commands.WriteErrorException',
        command: 'Write-Error',
        exception: 'WriteErrorException',
        target: params.TargetObject ?? undefined,
      }),
    );
  },
});

export const outNullCmdlet = defineCmdlet({
  name: 'Out-Null',
  module: 'Microsoft.PowerShell.Core',
  synopsis: 'Hides the output instead of sending it down the pipeline or displaying it.',
  examples: [{ code: 'Set-TenantClock -Advance 1h | Out-Null', remarks: 'Advances the clock without showing the new time.' }],
  parameters: [{ name: 'InputObject', type: 'object', fromPipeline: true, allowNull: true, help: 'The objects to discard.' }],
  process() {
    // discarded on purpose
  },
});

/** Out-String and Out-Host gather their input into the run's list (the state begin made). */
function collect(ctx: CmdletContext, params: ParamValues, input: PSValue | undefined, collected: PSValue[]): void {
  const value = current(ctx, params, input, 'InputObject');
  if (value === undefined) return;
  collected.push(value);
}

/** The text the host would print for the objects (Out-Default's formatting), each line ending in `\n`. */
function render(ctx: CmdletContext, values: PSValue[], width?: number): string {
  return renderForHost(values, { views: ctx.session.views(), width: width ?? ctx.session.width, color: false });
}

export const outStringCmdlet = defineCmdlet({
  name: 'Out-String',
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Outputs input objects as a string.',
  description: 'Formats the input as the host would display it and writes the text as one string (or one string per line with -Stream).',
  parameters: [
    { name: 'InputObject', type: 'object', fromPipeline: true, allowNull: true, help: 'The objects to format.' },
    { name: 'Stream', type: 'switch', help: 'Writes each line as a separate string.' },
    { name: 'Width', type: 'int', range: [2, 2147483647], help: 'Characters per line (default: the console width).' },
    { name: 'NoNewline', type: 'switch', help: 'Removes the newlines from the text.' },
  ],
  examples: [{ code: '$text = Get-MessageTrace | Format-Table | Out-String', remarks: 'The table as one string.' }],
  begin: (): PSValue[] => [],
  process: collect,
  end(ctx, params, values) {
    const text = render(ctx, values, typeof params.Width === 'number' ? params.Width : undefined);
    if (params.Stream === true) {
      const lines = text.split('\n');
      if (lines[lines.length - 1] === '') lines.pop();
      for (const line of lines) ctx.write(line);
    } else if (params.NoNewline === true) {
      ctx.write(text.replace(/\r?\n/g, ''));
    } else {
      ctx.write(text);
    }
  },
});

export const outHostCmdlet = defineCmdlet({
  name: 'Out-Host',
  module: 'Microsoft.PowerShell.Core',
  aliases: ['oh'],
  synopsis: 'Sends output to the command line.',
  description: 'Formats the input and writes it to the console instead of the pipeline.',
  examples: [{ code: 'Get-TransportRule | Out-Host', remarks: 'Shows the rules on the console instead of passing them down the pipeline.' }],
  parameters: [
    { name: 'InputObject', type: 'object', fromPipeline: true, allowNull: true, help: 'The objects to display.' },
    { name: 'Paging', type: 'switch', help: 'Accepted for compatibility.' },
  ],
  begin: (): PSValue[] => [],
  process: collect,
  end(ctx, params, values) {
    const text = render(ctx, values);
    if (text !== '') ctx.writeHost(text.endsWith('\n') ? text.slice(0, -1) : text);
  },
});

export const writeCmdlets = [writeOutputCmdlet, writeHostCmdlet, writeWarningCmdlet, writeVerboseCmdlet, writeDebugCmdlet, writeErrorCmdlet, outNullCmdlet, outStringCmdlet, outHostCmdlet];
