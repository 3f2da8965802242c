// ForEach-Object, after pwsh 7's ForEachObjectCommand (InternalCommands.cs): begin/process/end
// script blocks, or `ForEach-Object Name` to get a member of each object.

import { defineCmdlet } from '../../shell/cmdlet.js';
import type { CmdletContext, ParamValues } from '../../shell/cmdlet.js';
import { toStr, typeNameOf } from '../../shell/convert.js';
import { PSError } from '../../shell/errors.js';
import { getMember, hasWildcard, propertyNames, wildcardToRegExp } from '../../shell/members.js';
import { invokeMethod } from '../../shell/methods.js';
import { Hashtable, PSValue, ScriptBlockValue } from '../../shell/values.js';

const COMMAND = 'ForEach-Object';
const CMDLET_CLASS = 'Microsoft.PowerShell.Commands.ForEachObjectCommand';

type Plan = { kind: 'script'; process: (ScriptBlockValue | null)[]; end: ScriptBlockValue | null } | { kind: 'member'; name: string; args: PSValue[] };

function list(v: PSValue | undefined): PSValue[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function nameError(message: string, errorId: string, target: PSValue): PSError {
  return new PSError(message, { category: 'InvalidArgument', errorId: `${errorId},${CMDLET_CLASS}`, command: COMMAND, exception: 'PSArgumentException', target });
}

function notAScriptBlock(value: PSValue): PSError {
  return new PSError(`Cannot bind parameter 'Process'. Cannot convert the "${toStr(value)}" value of type "${typeNameOf(value)}" to type "System.Management.Automation.ScriptBlock".`, {
    category: 'InvalidArgument',
    errorId: `CannotConvertArgumentNoMessage,${CMDLET_CLASS}`,
    command: COMMAND,
    exception: 'ParameterBindingException',
    target: value,
  });
}

/**
 * Decides the parameter set from the values. -Process (position 0) and -MemberName (position 0
 * of the other set) share one parameter here, so its first value decides: a script block means
 * script blocks, a string a member name. ArgumentList (position 1) and RemainingScripts
 * (position 2) stand in for pwsh's ValueFromRemainingArguments: more script blocks
 * (`% {begin} {process} {end}`) or the method arguments (`% Replace 'a' 'b'`).
 */
function makePlan(ctx: CmdletContext, params: ParamValues): Plan {
  const positional = list(params.Process);
  const rest = [...list(params.ArgumentList), ...list(params.RemainingScripts)];
  const memberName = typeof params.MemberName === 'string' ? params.MemberName : undefined;
  const first = positional[0];
  if (memberName !== undefined || (positional.length > 0 && !(first instanceof ScriptBlockValue) && first !== null)) {
    const name = memberName ?? toStr(first);
    const args = memberName !== undefined ? [...positional, ...rest] : [...positional.slice(1), ...rest];
    return { kind: 'member', name, args };
  }
  // pwsh's script list: -Begin first, then -Process and the remaining blocks.
  const scripts: (ScriptBlockValue | null)[] = [];
  if (params.Begin instanceof ScriptBlockValue) scripts.push(params.Begin);
  for (const s of [...positional, ...rest]) {
    if (s !== null && !(s instanceof ScriptBlockValue)) throw notAScriptBlock(s);
    scripts.push(s);
  }
  // With more than one block the first is the begin block; without -End, a third or later
  // block is the end block (so `-Begin {b} -Process {p1},{p2}` makes p2 the end block, as in pwsh).
  let endIndex = scripts.length;
  const start = scripts.length > 1 ? 1 : 0;
  let end: ScriptBlockValue | null = params.End instanceof ScriptBlockValue ? params.End : null;
  if (!(params.End instanceof ScriptBlockValue) && scripts.length > 2) {
    endIndex = scripts.length - 1;
    end = scripts[endIndex];
  }
  if (endIndex >= 2 && scripts[0]) {
    for (const v of scripts[0].invoke(undefined, [])) ctx.write(v);
  }
  return { kind: 'script', process: scripts.slice(start, endIndex), end };
}

/** WriteToPipelineWithUnrolling: a collection goes out element by element. */
function writeUnrolled(ctx: CmdletContext, value: PSValue | undefined): void {
  if (value === undefined) return;
  if (Array.isArray(value)) for (const v of value) ctx.write(v);
  else ctx.write(value);
}

function isMethodNotFound(e: unknown): boolean {
  return e instanceof PSError && e.errorId === 'MethodNotFound';
}

function processMember(ctx: CmdletContext, name: string, args: PSValue[], item: PSValue): void {
  if (item === null) {
    if (args.length) {
      ctx.writeError(nameError('You cannot call a method on a null-valued expression.', 'InvokeMethodOnNull', item));
    } else {
      // pwsh writes $null here, so `$null | % Name | % { $_ + 3 }` still gives 3.
      ctx.write(null);
    }
    return;
  }
  if (args.length) {
    try {
      writeUnrolled(ctx, invokeMethod(item, name, args));
    } catch (e) {
      if (isMethodNotFound(e)) ctx.writeError(nameError(`Input name "${name}" cannot be resolved to a method.`, 'MethodNotFound', item));
      else if (e instanceof PSError)
        ctx.writeError(new PSError(e.message, { category: 'InvalidOperation', errorId: `MethodInvocationError,${CMDLET_CLASS}`, command: COMMAND, exception: e.exception, target: item }));
      else throw e;
    }
    return;
  }
  if (item instanceof Hashtable && item.has(name)) {
    writeUnrolled(ctx, item.get(name) ?? null);
    return;
  }
  let resolved = name;
  if (hasWildcard(name)) {
    const re = wildcardToRegExp(name);
    const matches = propertyNames(item).filter((p) => re.test(p));
    if (matches.length > 1) {
      ctx.writeError(
        nameError(
          `Input name "${name}" is ambiguous. It can be resolved to multiple matched members. Possible matches include:${matches.map((m) => ' ' + m).join('')}.`,
          'AmbiguousPropertyOrMethodName',
          item,
        ),
      );
      return;
    }
    if (matches.length === 1) resolved = matches[0];
  }
  const value = getMember(item, resolved);
  if (value !== undefined) {
    writeUnrolled(ctx, value);
    return;
  }
  // Not a property: a method without arguments (`% ToUpper`), else $null (outside strict mode).
  try {
    writeUnrolled(ctx, invokeMethod(item, resolved, []));
  } catch (e) {
    if (isMethodNotFound(e)) ctx.write(null);
    else if (e instanceof PSError)
      ctx.writeError(new PSError(e.message, { category: 'InvalidOperation', errorId: `MethodInvocationError,${CMDLET_CLASS}`, command: COMMAND, exception: e.exception, target: item }));
    else throw e;
  }
}

export const forEachObjectCmdlet = defineCmdlet({
  name: 'ForEach-Object',
  module: 'Microsoft.PowerShell.Core',
  aliases: ['foreach', '%'],
  synopsis: 'Performs an operation against each item in a collection of input objects.',
  description:
    'Runs script blocks for the input: -Begin once before the input, -Process for each object ($_), -End once after it. ' +
    'With a member name instead (`ForEach-Object Subject`), writes that property of each object, or calls that method with -ArgumentList.',
  parameters: [
    { name: 'InputObject', type: 'object', fromPipeline: true, help: 'The objects to process.' },
    { name: 'Process', type: 'object[]', position: 0, allowNull: true, help: 'The script blocks to run for each object, or a member name.' },
    { name: 'Begin', type: 'scriptblock', sets: ['ScriptBlockSet'], help: 'A script block to run before the first object.' },
    { name: 'End', type: 'scriptblock', sets: ['ScriptBlockSet'], help: 'A script block to run after the last object.' },
    { name: 'MemberName', type: 'string', sets: ['PropertyAndMethodSet'], help: 'The property to get, or the method to call, on each object.' },
    { name: 'ArgumentList', type: 'object[]', position: 1, aliases: ['Args'], help: 'Arguments of the method call; with script blocks, more script blocks.' },
    { name: 'RemainingScripts', type: 'object[]', position: 2, help: 'More script blocks (or method arguments) given by position.' },
  ],
  examples: [
    { code: 'Get-MessageTrace | ForEach-Object { $_.Subject.ToUpper() }', remarks: 'A script block per object.' },
    { code: 'Get-MessageTrace | ForEach-Object RecipientAddress', remarks: 'The RecipientAddress of each trace.' },
    { code: '1..3 | ForEach-Object -Begin { $sum = 0 } -Process { $sum += $_ } -End { $sum }', remarks: 'Begin, process and end blocks.' },
  ],
  begin(ctx, params) {
    return makePlan(ctx, params);
  },
  process(ctx, params, input, plan) {
    // With nothing piped in, pwsh still runs the process block once, with $_ unset.
    const item = input !== undefined ? input : ctx.bound.has('InputObject') ? (params.InputObject ?? null) : undefined;
    if (plan.kind === 'member') {
      processMember(ctx, plan.name, plan.args, item ?? null);
      return;
    }
    for (const script of plan.process) {
      if (!script) continue;
      for (const v of script.invoke(item, [])) ctx.write(v);
    }
  },
  end(ctx, params, plan) {
    if (plan.kind === 'script' && plan.end) for (const v of plan.end.invoke(undefined, [])) ctx.write(v);
  },
});

export const foreachCmdlets = [forEachObjectCmdlet];
