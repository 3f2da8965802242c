// The `exosh` command line: options, -c text, script files, piped scripts or objects on
// stdin, the REPL, `exosh help <Cmdlet>`, and exit codes (0 ok, 1 errors written,
// N from `exit N`, 2 for a usage error of exosh itself).

import { Command, CommanderError, Option } from 'commander';
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { isatty } from 'node:tty';
import { parseDate } from '../shell/convert.js';
import { bindArguments, type BoundArg } from '../shell/binder.js';
import type { CmdletDefinition } from '../shell/cmdlet.js';
import type { CommandElement } from '../shell/ast.js';
import { PSError } from '../shell/errors.js';
import type { Session } from '../shell/session.js';
import type { PSValue } from '../shell/values.js';
import { TerminalHost, type OutputMode } from './host.js';
import { createShell } from './shell-factory.js';
import { parseJsonInput } from './stdin-objects.js';

const VERSION = '0.1.0';
const MODES: OutputMode[] = ['table', 'list', 'json', 'jsonl', 'csv'];

export class UsageError extends Error {}

interface CliOptions {
  store?: string;
  as?: string;
  now?: string;
  output?: string;
  color: boolean;
  command?: string;
  transaction?: boolean;
}

function usage(message: string): never {
  throw new UsageError(message);
}

/**
 * All of stdin, read through the stream to its end. Not readFileSync(0): on a non-blocking pipe
 * whose writer has not written yet it fails with EAGAIN, and the input was lost.
 */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  } catch (e) {
    usage(`cannot read the standard input: ${(e as Error).message}`);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Whether stdin is a terminal. Not process.stdin.isTTY: creating process.stdin makes a piped
 * stdin non-blocking, for every process sharing it, even when exosh does not read it.
 */
function stdinIsTerminal(): boolean {
  return isatty(0);
}

export async function main(argv: string[]): Promise<void> {
  let code: number;
  try {
    code = await run(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`exosh: ${e.message}\nTry 'exosh --help' for more information.\n`);
      code = 2;
    } else if (e instanceof CommanderError) {
      code = e.exitCode === 0 ? 0 : 2;
    } else {
      process.stderr.write(`exosh: internal error: ${(e as Error).stack ?? e}\n`);
      code = 70;
    }
  }
  process.exitCode = code;
}

async function run(argv: string[]): Promise<number> {
  const program = new Command('exosh')
    .description('A PowerShell-like admin shell that emulates Exchange Online message recall and message trace over a local JSON tenant store.')
    .version(VERSION, '-v, --version')
    .option('--store <path>', 'tenant store file (env EXOSH_STORE)')
    .option('--as <upn>', 'run as this user (env EXOSH_USER)')
    .option('--now <datetime>', 'pin the tenant clock, e.g. 2023-08-15T12:00:00Z (env EXOSH_NOW)')
    .addOption(new Option('--output <mode>', 'render pipeline output as table|list|json|jsonl|csv').choices(MODES))
    .option('--no-color', 'never colour output (NO_COLOR is honoured too)')
    .option('-c, --command <text>', 'run TEXT (one or more statements) and exit')
    .option('--transaction', 'run the whole script (or -c text) as one tenant transaction: saved at the end only if no statement wrote an error')
    .argument('[script]', 'a .ps1 script file to run')
    .argument('[args...]', 'arguments for the script ($args / param())')
    .enablePositionalOptions()
    .passThroughOptions()
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) })
    .showHelpAfterError(false)
    .addHelpText(
      'after',
      '\nExamples:\n  exosh -c "Get-MessageTrace -SenderAddress user@contoso.com"\n  exosh ./report.ps1 -Days 7\n  exosh help Get-MessageTrace\n  exosh              (interactive shell on a terminal)',
    );

  let result = 0;
  program
    .command('help [cmdlet]')
    .description('show help for a cmdlet (same text as Get-Help)')
    .action(async (cmdlet: string | undefined) => {
      result = await runText(program.opts() as CliOptions, cmdlet ? `Get-Help '${cmdlet.replace(/'/g, "''")}'` : 'Get-Help', {});
    });
  program
    .command('init <path>')
    .description('create a tenant store: an empty tenant with one admin, or a copy of a bundled sample')
    .option('--sample <name>', 'copy a bundled sample tenant (contoso)')
    .option('--domain <domain>', 'the accepted domain of a new empty tenant', 'contoso.com')
    .action(async (path: string, o: { sample?: string; domain: string }) => {
      const { initStore } = await import('./init.js');
      result = initStore(path, { sample: o.sample, domain: o.domain, now: parseNow(program.opts() as CliOptions) });
    });
  program.action(async (script: string | undefined, args: string[]) => {
    const opts = program.opts() as CliOptions;
    if (opts.command !== undefined) {
      if (script !== undefined) args = [script, ...args];
      result = await runText(opts, opts.command, { args, objectsFromStdin: true });
      return;
    }
    if (script !== undefined) {
      const path = resolve(script);
      if (!existsSync(path)) usage(`the script file '${script}' does not exist`);
      result = await runText(opts, readFileSync(path, 'utf8').replace(/^\ufeff/, ''), { fileName: path, args });
      return;
    }
    if (!stdinIsTerminal()) {
      result = await runText(opts, async () => (await readStdin()).replace(/^\ufeff/, ''), {});
      return;
    }
    const { startRepl } = await import('./repl.js');
    result = await startRepl(buildShell(opts));
  });
  await program.parseAsync(argv, { from: 'user' });
  return result;
}

function parseNow(opts: CliOptions): Date | undefined {
  const nowText = opts.now ?? process.env.EXOSH_NOW;
  if (!nowText) return undefined;
  const parsed = parseDate(nowText);
  if (!parsed) usage(`invalid --now value '${nowText}': use a date such as 2023-08-15T12:00:00Z or "8/15/2023 12:00:00 PM"`);
  return parsed;
}

/** --as, else EXOSH_USER; an empty EXOSH_USER counts as unset, as an empty EXOSH_STORE does. */
function callerOf(opts: CliOptions): string | undefined {
  if (opts.as !== undefined) {
    if (opts.as.trim() === '') usage(`--as needs a user: the UserPrincipalName (or another identity) of a mailbox of the tenant`);
    return opts.as;
  }
  return process.env.EXOSH_USER || undefined;
}

function buildShell(opts: CliOptions) {
  const now = parseNow(opts);
  const user = callerOf(opts);
  const mode = (opts.output ?? 'default') as OutputMode;
  const color = opts.color !== false && !process.env.NO_COLOR && !!process.stdout.isTTY && mode === 'default';
  let viewsOf: () => ReadonlyMap<string, import('../shell/cmdlet.js').ViewDefinition> = () => new Map();
  const host = new TerminalHost({ mode, color, views: () => viewsOf() });
  const shell = createShell({ host, now, store: opts.store ?? process.env.EXOSH_STORE, user });
  viewsOf = () => shell.session.views();
  return { ...shell, host };
}

const INPUT_VARIABLE = /\$(?:\{input\}|input\b)/i;

/**
 * Whether `exosh -c TEXT` uses pipeline input, and so reads stdin: TEXT refers to `$input`, or its
 * leading command takes the input (see leadingCommandTakingInput). Otherwise stdin is left alone,
 * so that `while read l; do exosh -c "Write-Output $l"; done < file` leaves the loop its lines.
 */
export function commandUsesInput(session: Pick<Session, 'parse' | 'findCommand'>, text: string): boolean {
  return INPUT_VARIABLE.test(text) || leadingCommandTakingInput(session, text) !== undefined;
}

/**
 * Objects piped into `exosh -c 'Select-Object A,B'` feed the leading command of the first
 * statement (after any function definitions), as if it were written `$input | Select-Object A,B`.
 * Text that does not parse is left alone (its parse error is reported by the run), and so is a
 * leading command that takes no pipeline input (`Get-OrganizationConfig`, `Write-Output $x`):
 * the objects are still in `$input`.
 */
export function feedLeadingCommand(session: Pick<Session, 'parse' | 'findCommand'>, text: string): string {
  const leading = leadingCommandTakingInput(session, text);
  if (!leading) return text;
  let offset = 0;
  for (let line = 1; line < leading.pos.line; line++) offset = text.indexOf('\n', offset) + 1;
  offset += leading.pos.column - 1;
  return `${text.slice(0, offset)}$input | ${text.slice(offset)}`;
}

/**
 * The command that starts the first statement (function definitions before it do not count),
 * when it would take pipeline input: a function, a script or a command exosh does not know, or
 * a cmdlet with a pipeline parameter that its arguments leave unbound (`Select-Object Name`
 * leaves -InputObject free; in `Write-Output $x` the argument binds it).
 */
function leadingCommandTakingInput(session: Pick<Session, 'parse' | 'findCommand'>, text: string): CommandElement | undefined {
  let first;
  try {
    const ast = session.parse(text);
    first = [...(ast.begin ?? []), ...(ast.process ?? []), ...ast.end].find((st) => st.kind !== 'Function');
  } catch {
    return undefined;
  }
  const leading = first?.kind === 'Pipeline' ? first.elements[0] : undefined;
  if (leading?.kind !== 'Command') return undefined;
  if (typeof leading.name !== 'string') return leading;
  let definition;
  try {
    definition = session.findCommand(leading.name)?.definition;
  } catch {
    // e.g. an unreadable store: the run reports it
  }
  return !definition || leavesPipelineParameterFree(definition, leading) ? leading : undefined;
}

/** Binds the call's arguments by name and position, without their values, and looks for a pipeline parameter left unbound. */
function leavesPipelineParameterFree(definition: CmdletDefinition, call: CommandElement): boolean {
  const args: BoundArg[] = [];
  for (const a of call.args) {
    // a splatted hashtable or array may bind anything: its values are only known when it runs
    if (a.kind === 'Arg' && a.value.kind === 'Variable' && a.value.splat) return true;
    args.push(a.kind === 'Param' ? { kind: 'named', name: a.name, text: a.text, value: null, hasValue: a.value !== undefined } : { kind: 'positional', value: null });
  }
  // every parameter accepts the null placeholders, so only names, positions and parameter sets decide
  const shapeOnly = { ...definition, parameters: definition.parameters.map((p) => ({ ...p, allowNull: true })) };
  let bound: Set<string>;
  try {
    bound = bindArguments(shapeOnly, args).bound;
  } catch {
    return false; // the arguments do not bind: the run reports it, and no input could help
  }
  return definition.parameters.some((p) => (p.fromPipeline || p.fromPipelineByPropertyName) && !bound.has(p.name));
}

async function runText(opts: CliOptions, text: string | (() => Promise<string>), run: { args?: string[]; fileName?: string; objectsFromStdin?: boolean }): Promise<number> {
  // built first: a usage error (--as, --now) is reported before waiting on stdin
  const shell = buildShell(opts);
  try {
    const script = typeof text === 'string' ? text : await text();
    const input = run.objectsFromStdin && !stdinIsTerminal() && commandUsesInput(shell.session, script) ? parseJsonInput(await readStdin()) : undefined;
    const fed = input !== undefined ? feedLeadingCommand(shell.session, script) : script;
    const result = shell.session.run(fed, { input, args: run.args, fileName: run.fileName, transaction: opts.transaction ? 'script' : 'statement' });
    return result.exitCode;
  } catch (e) {
    // e.g. a script's arguments that do not bind to its param() block: an error of the script, not of exosh
    if (!(e instanceof PSError)) throw e;
    shell.session.reportError(e);
    return 1;
  } finally {
    shell.host.flush();
    shell.dispose();
  }
}
