// A shell session: the command table, variables, host I/O and services, and the entry points
// that run script text statement by statement the way pwsh does.

import type { ScriptBlockAst } from './ast.js';
import type { CmdletDefinition, CommandInfo, SessionApi, ViewDefinition } from './cmdlet.js';
import { ExitSignal, ParseError, PSError, StopSignal, toPSError } from './errors.js';
import { errorRecord } from './error-record.js';
import { Evaluator } from './evaluator.js';
import { callDepthOverflow, isStackOverflow } from './flow.js';
import { parseScript } from './parser.js';
import { Scope } from './scope.js';
import { Hashtable, PSValue } from './values.js';

export { errorRecord } from './error-record.js';

/** Where the session's streams go; the CLI provides a terminal/stdio implementation. */
export interface ShellHost {
  /** Renders and prints the objects that reached the end of a top-level statement. */
  writeOutput(values: PSValue[]): void;
  writeError(error: PSError): void;
  writeWarning(message: string): void;
  writeVerbose(message: string): void;
  writeHost(text: string, newline: boolean, color?: string): void;
  /** Asks a yes/no question on a terminal; undefined when no terminal is available. */
  confirm?(caption: string, message: string): boolean | undefined;
  /** True when the user asked to stop the running statement (Ctrl-C in the REPL). */
  interruptRequested?(): boolean;
  /**
   * True when writeOutput may be given one statement's output in parts without changing what
   * is printed (a streaming --output mode), so a long statement's output need not be held.
   */
  readonly streamsOutput?: boolean;
  readonly width: number;
}

/** Per-statement atomicity, provided by whoever owns persistent state (e.g. the tenant store). */
export interface StatementTransaction {
  begin(): void;
  commit(): void;
  rollback(): void;
  /** Called often while a statement runs (loop iterations, pipeline items, waits). */
  keepAlive?(): void;
  /** A wait begins: the owner may let go of what it holds if nothing was changed yet. */
  suspend?(): void;
  /** True when the unit of work has changes that a commit would still have to save. */
  hasPendingChanges?(): boolean;
}

export interface SessionOptions {
  host: ShellHost;
  now?: () => Date;
  cwd?: string;
  services?: Record<string, unknown>;
  /** Hides commands the caller may not run (Exchange's role-based session). */
  isCommandVisible?: (def: CmdletDefinition) => boolean;
  transaction?: StatementTransaction;
}

export interface RunOptions {
  /** `$args` for the script. */
  args?: PSValue[];
  /** Script path, for $PSScriptRoot and messages. */
  fileName?: string;
  /** Objects piped into the script (exosh -c with JSON on stdin): they become `$input` and feed a leading command. */
  input?: PSValue[];
  /** 'script': the whole run is one transaction (exosh --transaction); default: one per statement. */
  transaction?: 'statement' | 'script';
}

export interface RunResult {
  exitCode: number;
  /** True when any error reached the error stream. */
  hadErrors: boolean;
  /** True when the script ended with `exit`. */
  exited?: boolean;
  /** True when the user stopped the run (Ctrl-C in the REPL). */
  stopped?: boolean;
}

/** Exit status of a run stopped by the user, as a shell reports a process ended by SIGINT. */
export const STOPPED_EXIT_CODE = 130;

const sleeper = new Int32Array(new SharedArrayBuffer(4));

export class Session implements SessionApi {
  readonly global = new Scope(undefined, 'global');
  readonly host: ShellHost;
  readonly services: Record<string, unknown>;
  readonly now: () => Date;
  readonly cwd: string;
  readonly transaction?: StatementTransaction;
  private readonly cmdlets = new Map<string, CmdletDefinition>();
  private readonly aliases = new Map<string, string>();
  readonly functions = new Map<string, { name: string; body: ScriptBlockAst }>();
  private readonly viewTable = new Map<string, ViewDefinition>();
  private readonly isVisible: (def: CmdletDefinition) => boolean;
  /** Prints the current top-level statement's output gathered so far (set by the evaluator). */
  flushPendingOutput?: () => void;
  /** Set whenever an error is written to the host's error stream. */
  errorsWritten = 0;

  constructor(options: SessionOptions) {
    // Output waiting at the end of a statement is printed before any error, warning or host
    // text, so that the streams interleave in the order things happened, as in pwsh.
    const host = options.host;
    const flush = () => this.flushPendingOutput?.();
    this.host = {
      writeOutput: (values) => host.writeOutput(values),
      writeError: (e) => {
        flush();
        host.writeError(e);
      },
      writeWarning: (m) => {
        flush();
        host.writeWarning(m);
      },
      writeVerbose: (m) => {
        flush();
        host.writeVerbose(m);
      },
      writeHost: (t, n, c) => {
        flush();
        host.writeHost(t, n, c);
      },
      confirm: host.confirm
        ? (caption, message) => {
            flush();
            return host.confirm!(caption, message);
          }
        : undefined,
      interruptRequested: () => host.interruptRequested?.() ?? false,
      get width() {
        return host.width;
      },
      get streamsOutput() {
        return host.streamsOutput;
      },
    };
    this.services = options.services ?? {};
    this.now = options.now ?? (() => new Date());
    this.cwd = options.cwd ?? process.cwd();
    this.transaction = options.transaction;
    this.isVisible = options.isCommandVisible ?? (() => true);
    const g = this.global;
    g.setLocal('ErrorActionPreference', 'Continue');
    g.setLocal('WarningPreference', 'Continue');
    g.setLocal('VerbosePreference', 'SilentlyContinue');
    g.setLocal('ConfirmPreference', 'High');
    g.setLocal('WhatIfPreference', false);
    g.setLocal('Error', []);
    g.setLocal('?', true);
    g.setLocal('PWD', this.cwd);
    g.setLocal('HOME', process.env.HOME ?? '');
    g.setLocal('PID', process.pid);
    const versions = new Hashtable();
    versions.set('PSVersion', '7.4.0');
    versions.set('PSEdition', 'Core');
    g.setLocal('PSVersionTable', versions);
  }

  get width(): number {
    return this.host.width;
  }

  private checkpoints = 0;

  /**
   * Called by the evaluator at every loop iteration and pipeline item. The evaluator is
   * synchronous, so this is where a long statement notices Ctrl-C (from the host) and keeps
   * the store's lock alive (through the transaction); every 64th call does the work.
   */
  checkpoint(): void {
    if ((++this.checkpoints & 63) !== 0) return;
    this.poll();
  }

  /** A checkpoint that always looks (for code that calls it rarely, e.g. between lock tries). */
  poll(): void {
    if (this.host.interruptRequested?.()) throw new StopSignal();
    this.transaction?.keepAlive?.();
  }

  /** >0 while the unit of work must hold what it read across waits (--transaction, Use-TenantTransaction). */
  private atomicDepth = 0;

  /** Runs `action` so that waits inside it keep the unit of work's hold on what it read. */
  atomically<T>(action: () => T): T {
    this.atomicDepth++;
    try {
      return action();
    } finally {
      this.atomicDepth--;
    }
  }

  /**
   * Waits (Start-Sleep) without holding the store when nothing was changed yet (unless inside
   * an explicit transaction, whose reads must stay valid), and stays interruptible.
   */
  wait(ms: number): void {
    if (!(ms > 0)) return;
    if (this.atomicDepth === 0) this.transaction?.suspend?.();
    const end = Date.now() + ms;
    for (let left = ms; left > 0; left = end - Date.now()) {
      Atomics.wait(sleeper, 0, 0, Math.min(left, 100));
      this.poll();
    }
  }

  /** Registers cmdlets (and their aliases and views). */
  register(defs: CmdletDefinition[]): void {
    for (const def of defs) {
      this.cmdlets.set(def.name.toLowerCase(), def);
      for (const a of def.aliases ?? []) this.aliases.set(a.toLowerCase(), def.name);
      for (const v of def.views ?? []) this.viewTable.set(v.typeName.toLowerCase(), v);
    }
  }

  views(): ReadonlyMap<string, ViewDefinition> {
    return this.viewTable;
  }

  /** Resolves a command name to a function or a visible cmdlet (through aliases). */
  resolve(name: string): { kind: 'function'; name: string; body: ScriptBlockAst } | { kind: 'cmdlet'; def: CmdletDefinition } | undefined {
    const key = name.toLowerCase();
    const fn = this.functions.get(key);
    if (fn) return { kind: 'function', ...fn };
    const target = this.aliases.get(key) ?? name;
    const def = this.cmdlets.get(target.toLowerCase());
    if (def && this.visible(def)) return { kind: 'cmdlet', def };
    return undefined;
  }

  /** Visibility may depend on state that can fail to load (e.g. the store): such failures are errors of the command. */
  private visible(def: CmdletDefinition): boolean {
    try {
      return this.isVisible(def);
    } catch (e) {
      const ps = toPSError(e, def.name);
      if (ps) throw ps;
      throw e;
    }
  }

  commands(): CommandInfo[] {
    const out: CommandInfo[] = [];
    for (const def of this.cmdlets.values()) {
      if (!this.visible(def)) continue;
      out.push({ name: def.name, kind: 'Cmdlet', definition: def, source: def.module ?? 'exosh' });
    }
    for (const [alias, target] of this.aliases) {
      const def = this.cmdlets.get(target.toLowerCase());
      if (!def || !this.visible(def)) continue;
      out.push({ name: def.aliases?.find((a) => a.toLowerCase() === alias) ?? alias, kind: 'Alias', target: def.name, definition: def, source: def.module ?? 'exosh' });
    }
    for (const fn of this.functions.values()) out.push({ name: fn.name, kind: 'Function', source: '' });
    return out.sort((a, b) => a.name.localeCompare(b.name));
  }

  findCommand(name: string): CommandInfo | undefined {
    const r = this.resolve(name);
    if (!r) return undefined;
    if (r.kind === 'function') return { name: r.name, kind: 'Function', source: '' };
    const isAlias = r.def.name.toLowerCase() !== name.toLowerCase();
    return { name: isAlias ? name : r.def.name, kind: isAlias ? 'Alias' : 'Cmdlet', target: isAlias ? r.def.name : undefined, definition: r.def, source: r.def.module ?? 'exosh' };
  }

  /** Parses without running; throws ParseError. */
  parse(text: string): ScriptBlockAst {
    return parseScript(text);
  }

  /**
   * Runs script text: a parse error runs nothing; otherwise each top-level statement runs in
   * turn, its output goes to the host, and errors are reported as pwsh reports them.
   */
  run(text: string, options: RunOptions = {}): RunResult {
    const before = this.errorsWritten;
    let ast: ScriptBlockAst;
    try {
      ast = parseScript(text);
    } catch (e) {
      if (e instanceof ParseError) {
        this.reportError(e);
        return { exitCode: 1, hadErrors: true };
      }
      throw e;
    }
    const evaluator = new Evaluator(this);
    try {
      evaluator.runScript(ast, options);
    } catch (e) {
      if (e instanceof ExitSignal) return { exitCode: e.code, hadErrors: this.errorsWritten > before, exited: true };
      if (e instanceof StopSignal) return { exitCode: STOPPED_EXIT_CODE, hadErrors: this.errorsWritten > before, stopped: true };
      // Overflows inside a statement are this error already; one that escapes the statements
      // (e.g. while rendering a deeply nested result) ends the script the same way.
      if (isStackOverflow(e)) {
        this.flushPendingOutput = undefined; // the output that could not be rendered
        this.reportError(callDepthOverflow());
        return { exitCode: 1, hadErrors: true };
      }
      throw e;
    }
    const hadErrors = this.errorsWritten > before;
    return { exitCode: hadErrors ? 1 : 0, hadErrors };
  }

  /** Writes an error record to the host and to `$Error`. */
  reportError(error: PSError): void {
    this.recordError(error);
    this.errorsWritten++;
    this.host.writeError(error);
  }

  /** Adds to `$Error` (newest first) without printing. */
  recordError(error: PSError): void {
    const list = this.global.get('Error');
    const arr = Array.isArray(list) ? list : [];
    arr.unshift(errorRecord(error));
    if (arr.length > 256) arr.length = 256;
    this.global.setLocal('Error', arr);
  }
}
