// Get-Command and Get-Help: discovery of the commands the caller's session holds.

import { allParameters, COMMON_NAMES, parameterNames } from '../../shell/binder.js';
import type { CmdletDefinition, ParamSpec } from '../../shell/cmdlet.js';
import { defineCmdlet } from '../../shell/cmdlet.js';
import { typeDisplayName } from '../../shell/coerce.js';
import { commandNotFound, PSError } from '../../shell/errors.js';
import { hasWildcard, wildcardToRegExp } from '../../shell/members.js';
import { FormattedText, PSObject } from '../../shell/values.js';

const COMMAND_INFO = 'System.Management.Automation.CmdletInfo';

export const getCommandCmdlet = defineCmdlet({
  name: 'Get-Command',
  aliases: ['gcm'],
  synopsis: 'Gets the commands that this session can run.',
  description: "Lists cmdlets, aliases and functions. As in Exchange Online, a cmdlet that the caller's roles do not grant is not in the session, so it is not listed.",
  parameters: [
    { name: 'Name', type: 'string[]', position: 0, help: 'Names or wildcard patterns.' },
    { name: 'Verb', type: 'string[]', help: 'Verbs to match, such as Get.' },
    { name: 'Noun', type: 'string[]', help: 'Nouns to match, such as MessageTrace*.' },
    {
      name: 'CommandType',
      type: { enum: ['Alias', 'Cmdlet', 'Function', 'All'], array: true },
      help: 'Only commands of these types: Alias, Cmdlet, Function, or All (default: cmdlets and functions, plus aliases when -Name is given).',
    },
    { name: 'Module', type: 'string[]', help: 'Only commands from these modules (wildcards allowed), such as ExchangeOnline.' },
  ],
  examples: [{ code: 'Get-Command *MessageTrace*', remarks: 'Lists the message trace cmdlets.' }],
  views: [{ typeName: COMMAND_INFO, kind: 'table', columns: ['CommandType', 'Name', 'Version', 'Source'] }],
  process(ctx, p) {
    const names = p.Name ?? ['*'];
    const verbs = p.Verb?.map((v) => wildcardToRegExp(v));
    const nouns = p.Noun?.map((v) => wildcardToRegExp(v));
    const types = p.CommandType ?? (p.Name ? ['Alias', 'Cmdlet', 'Function'] : ['Cmdlet', 'Function']);
    const all = ctx.session.commands();
    for (const name of names) {
      const re = wildcardToRegExp(name);
      const hits = all.filter((c) => {
        if (!re.test(c.name)) return false;
        if (!types.includes('All') && !types.includes(c.kind)) return false;
        const [verb, noun] = c.name.includes('-') ? [c.name.split('-')[0], c.name.slice(c.name.indexOf('-') + 1)] : ['', c.name];
        if (verbs && !verbs.some((v) => v.test(verb))) return false;
        if (nouns && !nouns.some((n) => n.test(noun))) return false;
        const modules = p.Module;
        if (modules && !modules.some((m) => wildcardToRegExp(m).test(c.source))) return false;
        return true;
      });
      if (hits.length === 0 && !hasWildcard(name)) {
        ctx.writeError(Object.assign(commandNotFound(name), { command: 'Get-Command' }));
        continue;
      }
      for (const c of hits) {
        ctx.write(
          PSObject.from(
            {
              CommandType: c.kind,
              Name: c.kind === 'Alias' ? `${c.name} -> ${c.target}` : c.name,
              Version: c.kind === 'Function' ? '' : '1.0.0',
              Source: c.source,
              Definition: c.kind === 'Alias' ? (c.target ?? '') : c.definition ? syntaxLine(c.definition) : c.name,
            },
            COMMAND_INFO,
          ),
        );
      }
    }
  },
});

/** A parameter's type as help shows it: String[], DateTime, SwitchParameter. */
export function typeText(p: ParamSpec): string {
  return typeDisplayName(p.type).replace(/^System\.(Management\.Automation\.)?/, '');
}

/** One `Name [-Param <Type>] ...` usage line over all the parameters, as Get-Command's Definition shows. */
export function syntaxLine(def: CmdletDefinition): string {
  return syntaxOf(def, def.parameters);
}

/**
 * The parameter sets a cmdlet declares, the default one first (otherwise in the order the
 * parameters name them); `[undefined]` when it declares none.
 */
export function parameterSets(def: CmdletDefinition): (string | undefined)[] {
  const sets = [...new Set(def.parameters.flatMap((p) => p.sets ?? []))];
  if (!sets.length) return [undefined];
  const first = sets.indexOf(def.defaultSet ?? '');
  if (first > 0) sets.unshift(...sets.splice(first, 1));
  return sets;
}

/** The parameters of one set: those that name it and those that belong to every set. */
export function parametersOfSet(def: CmdletDefinition, set: string | undefined): ParamSpec[] {
  return set === undefined ? def.parameters : def.parameters.filter((p) => !p.sets || p.sets.includes(set));
}

/** One usage line per parameter set, as the SYNTAX section of pwsh's Get-Help shows them. */
export function syntaxLines(def: CmdletDefinition): string[] {
  return parameterSets(def).map((set) => syntaxOf(def, parametersOfSet(def, set)));
}

function syntaxOf(def: CmdletDefinition, params: readonly ParamSpec[]): string {
  const parts = [def.name];
  const ordered = [...params].sort((a, b) => (a.position ?? 99) - (b.position ?? 99));
  for (const p of ordered) {
    let s: string;
    if (p.type === 'switch') s = `-${p.name}`;
    else {
      const name = p.position !== undefined ? `[-${p.name}]` : `-${p.name}`;
      const type = typeof p.type === 'object' ? `{${p.type.enum.join(' | ')}}` : `<${typeText(p)}>`;
      s = `${name} ${type}`;
    }
    parts.push(p.mandatory ? s : `[${s}]`);
  }
  if (def.supportsShouldProcess) parts.push('[-WhatIf]', '[-Confirm]');
  parts.push('[<CommonParameters>]');
  return parts.join(' ');
}

/** Help text is wrapped to the console, as Get-Help's is; set per call of helpText. */
let wrapWidth = 120;

function wrap(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const lead = /^\s*/.exec(line)![0];
  const words = line.slice(lead.length).split(' ');
  const out: string[] = [];
  let cur = lead;
  for (const w of words) {
    if (cur.length > lead.length && cur.length + 1 + w.length > width) {
      out.push(cur);
      cur = lead + w;
    } else {
      cur = cur.length > lead.length ? `${cur} ${w}` : lead + w;
    }
  }
  out.push(cur);
  return out;
}

function indent(text: string, n: number): string {
  const pad = ' '.repeat(n);
  return text
    .split('\n')
    .flatMap((l) => (l ? wrap(pad + l, wrapWidth - 1) : [l]))
    .join('\n');
}

/** The help text of a cmdlet, laid out like Get-Help's. */
export function helpText(def: CmdletDefinition, view: 'default' | 'full' | 'examples', parameter?: string, width = 120): string {
  wrapWidth = Math.max(40, width);
  const out: string[] = [''];
  const params = def.parameters;
  const paramBlock = (p: ParamSpec) => {
    const type = p.type === 'switch' ? '' : ` <${typeText(p)}>`;
    const lines = [`-${p.name}${type}`];
    if (p.help) lines.push(indent(p.help, 4));
    if (typeof p.type === 'object') lines.push(indent(`Accepted values: ${p.type.enum.join(', ')}`, 4));
    lines.push('');
    lines.push(
      indent(
        [
          `Required?                    ${p.mandatory ? 'true' : 'false'}`,
          `Position?                    ${p.position !== undefined ? p.position : 'named'}`,
          `Accept pipeline input?       ${p.fromPipeline && p.fromPipelineByPropertyName ? 'true (ByValue, ByPropertyName)' : p.fromPipeline ? 'true (ByValue)' : p.fromPipelineByPropertyName ? 'true (ByPropertyName)' : 'false'}`,
          `Aliases                      ${p.aliases?.length ? p.aliases.join(', ') : 'None'}`,
          `Accept wildcard characters?  false`,
        ].join('\n'),
        4,
      ),
    );
    return lines.join('\n');
  };
  if (parameter) {
    const re = wildcardToRegExp(parameter);
    const hits = params.filter((p) => re.test(p.name));
    if (!hits.length) {
      throw new PSError(`No parameter matches criteria ${parameter}.`, { category: 'ObjectNotFound', errorId: 'NoParmsFound,Microsoft.PowerShell.Commands.GetHelpCommand', command: 'Get-Help' });
    }
    return hits.map((p) => indent(paramBlock(p), 4)).join('\n\n') + '\n';
  }
  const exampleBlock = () => (def.examples ?? []).map((e, i) => `    --------- Example ${i + 1} ---------\n\n    PS> ${e.code}\n\n${indent(e.remarks, 4)}\n`).join('\n');
  if (view === 'examples') {
    out.push('NAME', `    ${def.name}`, '', 'SYNOPSIS', indent(def.synopsis, 4), '', exampleBlock());
    return out.join('\n');
  }
  out.push('NAME', `    ${def.name}`, '');
  out.push('SYNOPSIS', indent(def.synopsis, 4), '');
  out.push('', 'SYNTAX', ...syntaxLines(def).flatMap((line) => [indent(line, 4), '']));
  if (def.description) out.push('', 'DESCRIPTION', indent(def.description, 4), '');
  if (view === 'full') {
    out.push('', 'PARAMETERS');
    for (const p of params) out.push(indent(paramBlock(p), 4), '');
    out.push(
      indent(
        '<CommonParameters>\n    This cmdlet supports the common parameters: Verbose, Debug,\n    ErrorAction, ErrorVariable, WarningAction, WarningVariable,\n    OutBuffer, PipelineVariable, and OutVariable.',
        4,
      ),
      '',
    );
    if (def.examples?.length) out.push('', 'EXAMPLES', exampleBlock());
  }
  if (def.aliases?.length) out.push('', 'ALIASES', ...def.aliases.map((a) => `    ${a}`), '');
  if (view !== 'full') {
    out.push('', 'REMARKS', `    To see the examples, type: "Get-Help ${def.name} -Examples"`, `    For more information, type: "Get-Help ${def.name} -Full"`, '');
  }
  return out.join('\n');
}

export const getHelpCmdlet = defineCmdlet({
  name: 'Get-Help',
  aliases: ['help', 'man'],
  synopsis: 'Displays information about exosh commands.',
  description: 'Shows the synopsis, syntax, parameters and examples of a cmdlet. `exosh help <Cmdlet>` prints the same text.',
  parameters: [
    { name: 'Name', type: 'string', position: 0, help: 'The cmdlet or alias to describe.' },
    { name: 'Full', type: 'switch', help: 'Adds parameters and examples.' },
    { name: 'Detailed', type: 'switch', help: 'Same as -Full here.' },
    { name: 'Examples', type: 'switch', help: 'Shows only the examples.' },
    { name: 'Parameter', type: 'string', help: 'Shows one parameter (wildcards allowed).' },
  ],
  examples: [{ code: 'Get-Help Get-MessageTrace -Full', remarks: 'Shows everything about Get-MessageTrace.' }],
  process(ctx, p) {
    const name = p.Name;
    if (!name) {
      ctx.write(new FormattedText('\nTOPIC\n    exosh help\n\nSHORT DESCRIPTION\n    Type "Get-Help <cmdlet>" for help on a cmdlet, or "Get-Command" to list the cmdlets of this session.\n\n'));
      return;
    }
    const info = ctx.session.findCommand(name);
    if (!info?.definition) {
      throw new PSError(
        `Get-Help could not find ${name} in a help file in this session. To download updated help topics type: "Update-Help". To get help online, search for the help topic in the TechNet library at https:/go.microsoft.com/fwlink/?LinkID=107116.`,
        { category: 'ResourceUnavailable', errorId: 'HelpNotFound,Microsoft.PowerShell.Commands.GetHelpCommand', command: 'Get-Help' },
      );
    }
    const view = p.Examples ? 'examples' : p.Full || p.Detailed ? 'full' : 'default';
    ctx.write(new FormattedText(helpText(info.definition, view, p.Parameter, ctx.session.width)));
  },
});

/** Names of a cmdlet's parameters, common ones included, for tab completion. */
export const helpCmdlets = [getCommandCmdlet, getHelpCmdlet];
