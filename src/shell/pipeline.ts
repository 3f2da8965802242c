// Pipeline execution. Each command becomes a processor with begin/process/end; an object
// written by one processor is handed to the next at once, so pipelines stream like pwsh's.

import { existsSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import type { CommandElement, Expr, PipelineStmt, Redirection, ScriptBlockAst } from './ast.js';
import { BindResult, BoundArg, bindArguments, bindPipelineItem, checkMandatory, takesPipelineInput } from './binder.js';
import type { CmdletContext, CmdletDefinition } from './cmdlet.js';
import { toBool, toStr } from './convert.js';
import { commandNotFound, ParseError, PSError, ReturnSignal, StopUpstreamSignal, toPSError } from './errors.js';
import type { Evaluator } from './evaluator.js';
import { enumerate, scriptTerminating, type Emit } from './flow.js';
import { applyCommonParameters, bindFunctionArguments, functionDefinition } from './functions.js';
import { parseScript } from './parser.js';
import { Scope } from './scope.js';
import { errorRecord } from './error-record.js';
import { Hashtable, PSObject, PSValue, ScriptBlockValue } from './values.js';

interface Processor {
  begin(): void;
  process(item: PSValue): void;
  end(): void;
  /** Releases what the run holds; called once the pipeline is done, however it ended. */
  dispose(): void;
}

export function runPipeline(ev: Evaluator, stmt: PipelineStmt, emit: Emit): void {
  const [first, ...rest] = stmt.elements;
  if (first.kind === 'Expression' && rest.length === 0) {
    const value = ev.evalExpr(first.expr);
    // `$i++` / `--$i` standing alone as a statement update the variable and output nothing
    const e = first.expr;
    if (e.kind === 'Postfix' || (e.kind === 'Unary' && (e.op === '++' || e.op === '--'))) return;
    const sink = redirectSink(ev, first.redirections, emit);
    for (const v of enumerate(value)) sink.emit(v);
    sink.close();
    return;
  }
  const commands = (first.kind === 'Expression' ? rest : stmt.elements) as CommandElement[];
  const processors: Processor[] = [];
  const sinks: { close(): void }[] = [];
  let downstream: Emit = emit;
  for (let i = commands.length - 1; i >= 0; i--) {
    const isFirst = i === 0 && first.kind === 'Command';
    const sink = redirectSink(ev, commands[i].redirections, downstream);
    sinks.push(sink);
    const proc = createProcessor(ev, commands[i], isFirst, sink.emit, sink.discardErrors, sink.mergeErrors, sink.discardWarnings);
    processors.unshift(proc);
    const next = proc;
    downstream = (v) => next.process(v);
  }
  let completed = false;
  try {
    for (const p of processors) p.begin();
    let from = 0;
    try {
      if (first.kind === 'Expression') {
        const value = ev.evalExpr(first.expr);
        for (const v of value === null ? [null] : enumerate(value)) processors[0].process(v);
      }
    } catch (e) {
      from = stoppedAt(processors, e);
    }
    // End each command in turn; one that stops its upstream skips the ends before it.
    for (let i = from; i < processors.length; i++) {
      try {
        processors[i].end();
      } catch (e) {
        const k = stoppedAt(processors, e);
        if (k <= i) throw e;
        i = k - 1;
      }
    }
    for (const s of sinks.reverse()) s.close();
    completed = true;
  } finally {
    disposeAll(processors, completed);
  }
}

/**
 * Disposes every command of a pipeline, as PowerShell disposes its command processors: after
 * the ends, after an error anywhere in the pipeline, and after a command stopped its upstream.
 * An error from a dispose is reported only when nothing else failed.
 */
function disposeAll(processors: Processor[], report: boolean): void {
  let failure: { error: unknown } | undefined;
  for (const p of processors) {
    try {
      p.dispose();
    } catch (e) {
      failure ??= { error: e };
    }
  }
  if (failure && report) throw failure.error;
}

/** The index of the command that asked its upstream to stop, or rethrows anything else. */
function stoppedAt(processors: Processor[], e: unknown): number {
  if (e instanceof StopUpstreamSignal) {
    const k = processors.indexOf(e.source as Processor);
    if (k >= 0) return k;
  }
  throw e;
}

/** Applies `> file`, `>> file`, `2>$null`, `2>&1` to one element's output. */
function redirectSink(ev: Evaluator, redirections: Redirection[], emit: Emit): { emit: Emit; close(): void; discardErrors: boolean; discardWarnings: boolean; mergeErrors?: Emit } {
  let out = emit;
  let close = () => {};
  let discardErrors = false;
  let discardWarnings = false;
  let mergeErrors: Emit | undefined;
  for (const r of redirections) {
    const isNull = r.target !== 'merge' && r.target.kind === 'Variable' && r.target.name.toLowerCase() === 'null';
    if (r.stream === '2' || r.stream === '*') {
      if (r.target === 'merge') mergeErrors = emit;
      else if (isNull) discardErrors = true;
      else {
        // `2> file`: the error records are written to the file instead of the error stream.
        const path = resolvePath(ev.session.cwd, toStr(ev.evalExpr(r.target) ?? null));
        const lines: string[] = [];
        mergeErrors = (rec) => lines.push(rec instanceof PSObject && rec.source instanceof PSError ? rec.source.render() : toStr(rec));
        const append = r.append;
        const previous = close;
        close = () => {
          previous();
          writeRedirected(path, lines.length ? lines.join('\n') + '\n' : '', append || r.stream === '*');
        };
      }
      if (r.stream === '2') continue;
    }
    if (r.stream === '3' || r.stream === '*') {
      discardWarnings = true; // `3>$null`: the warning stream is not shown
      if (r.stream === '3') continue;
    }
    if (r.stream === '1' || r.stream === '*') {
      if (r.target === 'merge') continue;
      if (isNull) {
        out = () => {};
        continue;
      }
      const path = resolvePath(ev.session.cwd, toStr(ev.evalExpr(r.target as Expr) ?? null));
      const items: PSValue[] = [];
      out = (v) => items.push(v);
      const append = r.append;
      const previous = close;
      close = () => {
        const text = items.map((v) => (typeof v === 'string' ? v : null));
        const rendered = text.every((t) => t !== null) ? (text as string[]).join('\n') + (items.length ? '\n' : '') : renderPlain(ev, items);
        writeRedirected(path, rendered, append);
        previous();
      };
    }
  }
  return { emit: out, close, discardErrors, discardWarnings, mergeErrors };
}

function writeRedirected(path: string, text: string, append: boolean): void {
  try {
    if (append) appendFileSync(path, text);
    else writeFileSync(path, text);
  } catch {
    throw new PSError(`Could not find a part of the path '${path}'.`, { category: 'WriteError', errorId: 'FileOpenFailure', exception: 'DirectoryNotFoundException', command: 'Out-File' });
  }
}

function renderPlain(ev: Evaluator, items: PSValue[]): string {
  const render = ev.session.services['renderText'] as ((values: PSValue[]) => string) | undefined;
  return render ? render(items) : items.map((v) => toStr(v)).join('\n') + '\n';
}

function evaluateArgs(ev: Evaluator, el: CommandElement): BoundArg[] {
  const args: BoundArg[] = [];
  for (const a of el.args) {
    if (a.kind === 'Param') {
      args.push({ kind: 'named', name: a.name, text: a.text, hasValue: a.value !== undefined, value: a.value ? (ev.evalExpr(a.value) ?? null) : undefined });
      continue;
    }
    if (a.value.kind === 'Variable' && a.value.splat) {
      const v = ev.scope.get(a.value.name);
      if (v instanceof Hashtable) {
        for (const [k, x] of v.entries()) {
          const isSwitchLike = typeof x === 'boolean';
          args.push({ kind: 'named', name: toStr(k), text: '-' + toStr(k), hasValue: true, value: isSwitchLike ? x : x });
        }
      } else {
        for (const x of enumerate(v ?? null)) args.push({ kind: 'positional', value: x });
      }
      continue;
    }
    args.push({ kind: 'positional', value: ev.evalExpr(a.value) ?? null });
  }
  return args;
}

function createProcessor(ev: Evaluator, el: CommandElement, isFirst: boolean, emit: Emit, discardErrors: boolean, mergeErrors?: Emit, discardWarnings = false): Processor {
  let name: string;
  if (typeof el.name === 'string') name = el.name;
  else {
    const target = ev.evalExpr(el.name) ?? null;
    if (target instanceof ScriptBlockValue) {
      const args = evaluateArgs(ev, el);
      return new BlockProcessor(ev, blockOf(target), args, isFirst, emit, false);
    }
    name = toStr(target);
  }
  const resolved = ev.session.resolve(name);
  if (!resolved) {
    if (/\.ps1$/i.test(name)) {
      const path = resolvePath(ev.session.cwd, name);
      if (existsSync(path)) {
        const ast = parseScript(readFileSync(path, 'utf8'));
        return new BlockProcessor(ev, ast, evaluateArgs(ev, el), isFirst, emit, false);
      }
    }
    throw commandNotFound(name);
  }
  const args = evaluateArgs(ev, el);
  if (resolved.kind === 'function') return new BlockProcessor(ev, resolved.body, args, isFirst, emit, false, resolved.name);
  return new CmdletProcessor(ev, resolved.def, bindArguments(resolved.def, args), isFirst, emit, discardErrors, mergeErrors, discardWarnings);
}

/** Script block values made by the evaluator carry their AST; others are parsed from their text. */
function blockOf(block: ScriptBlockValue): ScriptBlockAst {
  return (block.ast as ScriptBlockAst | undefined) ?? parseScript(block.text);
}

type ActionPreference = 'SilentlyContinue' | 'Stop' | 'Continue' | 'Inquire' | 'Ignore' | 'Suspend' | 'Break';

/** Runs a cmdlet definition inside a pipeline. */
class CmdletProcessor implements Processor {
  private readonly ctx: CmdletContext & { bound: Set<string> };
  private readonly errorAction: ActionPreference;
  private readonly warningAction: ActionPreference;
  private readonly verbose: boolean;
  private readonly whatIf: boolean;
  private readonly confirm: boolean;
  private readonly outItems: PSValue[] = [];
  private readonly errorItems: PSValue[] = [];
  private readonly warningItems: PSValue[] = [];
  private readonly takesInput: boolean;
  /** What `begin` returned: this run's state, handed to process, end and dispose. */
  private state: unknown;
  private begun = false;
  private disposed = false;

  constructor(
    private readonly ev: Evaluator,
    private readonly def: CmdletDefinition,
    private readonly base: BindResult,
    private readonly isFirst: boolean,
    private readonly emit: Emit,
    discardErrors: boolean,
    private readonly mergeErrors?: Emit,
    discardWarnings = false,
  ) {
    const v = base.values;
    const pref = (name: string) => toStr(ev.scope.get(name) ?? 'Continue') as ActionPreference;
    this.errorAction = discardErrors ? 'SilentlyContinue' : ((v.ErrorAction as ActionPreference | undefined) ?? pref('ErrorActionPreference'));
    this.warningAction = discardWarnings ? 'SilentlyContinue' : ((v.WarningAction as ActionPreference | undefined) ?? pref('WarningPreference'));
    this.verbose = v.Verbose === true || toStr(ev.scope.get('VerbosePreference') ?? '') === 'Continue';
    this.whatIf = v.WhatIf === true || (v.WhatIf === undefined && toBool(ev.scope.get('WhatIfPreference') ?? false));
    this.confirm = v.Confirm === true;
    this.takesInput = takesPipelineInput(def);
    const session = ev.session;
    const self = this;
    this.ctx = {
      commandName: def.name,
      bound: new Set(base.bound),
      write: (value) => {
        if (v.OutVariable !== undefined) self.outItems.push(value);
        session.checkpoint();
        self.emit(value);
      },
      writeError: (err) => self.writeError(err),
      writeWarning: (message) => {
        self.warningItems.push(message);
        if (self.warningAction === 'SilentlyContinue' || self.warningAction === 'Ignore') return;
        session.host.writeWarning(message);
        if (self.warningAction === 'Stop') {
          throw scriptTerminating(
            new PSError(`The running command stopped because the preference variable "WarningPreference" or common parameter is set to Stop: ${message}`, {
              category: 'OperationStopped',
              errorId: 'ActionPreferenceStop',
              exception: 'ActionPreferenceStopException',
              command: def.name,
            }),
          );
        }
      },
      writeVerbose: (message) => {
        if (self.verbose) session.host.writeVerbose(message);
      },
      writeHost: (text, options) => session.host.writeHost(text, !options?.noNewline, options?.color),
      shouldProcess: (target, action) => self.shouldProcess(target, action),
      stopUpstream: () => {
        if (!self.isFirst) throw new StopUpstreamSignal(self);
      },
      service: <T>(key: string): T => {
        const s = session.services[key];
        if (s === undefined) throw new PSError(`The service '${key}' is not available in this session.`, { category: 'ResourceUnavailable', command: def.name });
        return (typeof s === 'function' && (s as { lazy?: boolean }).lazy ? (s as () => T)() : s) as T;
      },
      now: () => session.now(),
      getVariable: (name) => ev.scope.get(name),
      invokeScript: (text) => ev.invokeBlock(parseScript(text), undefined, [], true),
      wait: (ms) => session.wait(ms),
      atomically: (action) => session.atomically(action),
      setVariable: (name, value) => ev.scope.set(name, value),
      cwd: session.cwd,
      session,
    };
  }

  private writeError(err: PSError | Error | string): void {
    this.ev.statementFailed = true;
    const e =
      typeof err === 'string'
        ? new PSError(err, { command: this.def.name, errorId: `Microsoft.PowerShell.Commands.WriteErrorException,${this.def.name}` })
        : (toPSError(err, this.def.name) ?? new PSError(String(err), { command: this.def.name }));
    if (!e.command) e.command = this.def.name;
    this.errorItems.push(errorRecord(e));
    if (this.mergeErrors) {
      this.mergeErrors(errorRecord(e));
      return;
    }
    switch (this.errorAction) {
      case 'Stop':
        throw scriptTerminating(e);
      case 'SilentlyContinue':
        this.ev.session.recordError(e);
        return;
      case 'Ignore':
        return;
      default:
        this.ev.session.reportError(e);
    }
  }

  private shouldProcess(target: string, action: string): boolean {
    if (this.whatIf) {
      this.ev.session.host.writeHost(`What if: Performing the operation "${action}" on target "${target}".`, true);
      return false;
    }
    if (this.confirm) {
      const answer = this.ev.session.host.confirm?.('Confirm', `Are you sure you want to perform this action?\nPerforming the operation "${action}" on target "${target}".`);
      return answer ?? true;
    }
    return true;
  }

  begin(): void {
    checkMandatory(this.def, this.base.bound, !this.isFirst && this.takesInput);
    this.guard(() => {
      this.state = this.def.begin?.(this.ctx, this.base.values);
    });
    this.begun = true;
  }

  dispose(): void {
    if (!this.begun || this.disposed) return;
    this.disposed = true;
    const dispose = this.def.dispose;
    if (dispose) this.guard(() => dispose.call(this.def, this.state));
  }

  /** Runs cmdlet code, turning domain errors into this cmdlet's error records. */
  private guard(run: () => void): void {
    try {
      run();
    } catch (e) {
      if (e instanceof PSError) {
        if (!e.command && !(e instanceof ParseError)) e.command = this.def.name; // errors raised by a cmdlet are that cmdlet's
        throw e;
      }
      const ps = toPSError(e, this.def.name);
      if (ps) throw ps;
      throw e;
    }
  }

  process(item: PSValue): void {
    if (!this.takesInput) {
      this.writeError(
        new PSError(
          'The input object cannot be bound to any parameters for the command either because the command does not take pipeline input or the input and its properties do not match any of the parameters that take pipeline input.',
          { category: 'InvalidArgument', errorId: `InputObjectNotBound,${this.def.name}`, exception: 'ParameterBindingException', command: this.def.name, target: item },
        ),
      );
      return;
    }
    let bound: BindResult;
    try {
      bound = bindPipelineItem(this.def, this.base, item);
      checkMandatory(this.def, bound.bound, false, { item });
    } catch (e) {
      if (e instanceof PSError) {
        this.writeError(e);
        return;
      }
      throw e;
    }
    this.ctx.bound = bound.bound;
    try {
      this.guard(() => this.def.process?.(this.ctx, bound.values, item, this.state));
    } finally {
      this.ctx.bound = new Set(this.base.bound);
    }
  }

  end(): void {
    try {
      if (this.isFirst) this.guard(() => this.def.process?.(this.ctx, this.base.values, undefined, this.state));
      this.guard(() => this.def.end?.(this.ctx, this.base.values, this.state));
    } finally {
      this.storeVariables();
    }
  }

  private storeVariables(): void {
    const v = this.base.values;
    const store = (spec: PSValue | undefined, items: PSValue[]) => {
      if (spec === undefined || spec === null) return;
      let name = toStr(spec);
      const append = name.startsWith('+');
      if (append) name = name.slice(1);
      const prior = append ? enumerate(this.ev.scope.get(name) ?? null) : [];
      this.ev.scope.set(name, [...prior, ...items]);
    };
    store(v.OutVariable, this.outItems);
    store(v.ErrorVariable, this.errorItems);
    store(v.WarningVariable, this.warningItems);
  }
}

/** Runs a function, a script file or `& { }` as a pipeline command, with begin/process/end blocks. */
class BlockProcessor implements Processor {
  private scope!: Scope;
  private readonly input: PSValue[] = [];
  private readonly usesProcess: boolean;

  constructor(
    private readonly ev: Evaluator,
    private readonly block: ScriptBlockAst,
    private readonly args: BoundArg[],
    private readonly isFirst: boolean,
    private readonly emit: Emit,
    private readonly sameScope: boolean,
    private readonly name = 'scriptblock',
  ) {
    this.usesProcess = !!block.process;
  }

  private run(statements: Statement[] | undefined): void {
    if (!statements || statements.length === 0) return;
    const saved = this.ev.scope;
    this.ev.scope = this.scope;
    try {
      this.ev.execStatements(statements, this.emit);
    } catch (e) {
      if (e instanceof ReturnSignal) {
        for (const v of e.value as PSValue[]) this.emit(v);
        return;
      }
      throw e;
    } finally {
      this.ev.scope = saved;
    }
  }

  begin(): void {
    this.scope = this.sameScope ? this.ev.scope : new Scope(this.ev.scope, 'function');
    const pipelineParams = new Set(this.block.params.filter((p) => !this.isFirst && (p.fromPipeline || p.fromPipelineByPropertyName)).map((p) => p.name));
    const bound = bindFunctionArguments(this.name, this.block.params, this.args, this.ev, pipelineParams);
    for (const [n, v] of bound.values) this.scope.setLocal(n, v);
    this.scope.setLocal('args', bound.rest);
    applyCommonParameters(this.scope, bound.common);
    this.run(this.block.begin);
  }

  process(item: PSValue): void {
    this.input.push(item);
    if (!this.usesProcess) return;
    this.scope.setLocal('_', item);
    const def = functionDefinition(this.name, this.block.params);
    const pipelineSpecs = def.parameters.filter((p) => p.fromPipeline || p.fromPipelineByPropertyName);
    if (pipelineSpecs.length) {
      const b = bindPipelineItem(def, { values: Object.create(null), bound: new Set() }, item);
      for (const n of b.bound) this.scope.setLocal(n, b.values[n] ?? null);
    }
    this.run(this.block.process);
  }

  dispose(): void {}

  end(): void {
    if (this.isFirst && this.usesProcess) {
      this.scope.setLocal('_', null);
      this.run(this.block.process);
    }
    this.scope.setLocal('input', this.input);
    this.run(this.block.end);
  }
}

type Statement = import('./ast.js').Statement;
