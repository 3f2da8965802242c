// A minimal CmdletContext for unit-testing a cmdlet's begin/process/end without the evaluator.
import type { CmdletContext, CmdletDefinition, ParamValues, SessionApi, ViewDefinition } from '../../src/shell/cmdlet.js';
import { PSError } from '../../src/shell/errors.js';
import type { PSValue } from '../../src/shell/values.js';

export interface FakeRun {
  output: PSValue[];
  errors: string[];
  warnings: string[];
  host: string[];
}

export function fakeContext(commandName: string, bound: string[] = [], cwd = process.cwd(), views = new Map<string, ViewDefinition>()): { ctx: CmdletContext; run: FakeRun } {
  const run: FakeRun = { output: [], errors: [], warnings: [], host: [] };
  const vars = new Map<string, PSValue>();
  const session: SessionApi = { commands: () => [], findCommand: () => undefined, views: () => views, width: 120 };
  const ctx: CmdletContext = {
    commandName,
    bound: new Set(bound),
    write: (v) => run.output.push(v),
    writeError: (e) => run.errors.push(e instanceof Error ? e.message : e),
    writeWarning: (m) => run.warnings.push(m),
    writeVerbose: () => {},
    writeHost: (t) => run.host.push(t),
    shouldProcess: () => true,
    stopUpstream: () => {},
    service: () => {
      throw new Error('no services in fake context');
    },
    now: () => new Date(Date.UTC(2023, 7, 15, 12, 0, 0)),
    getVariable: (n) => vars.get(n.toLowerCase()),
    invokeScript: () => {
      throw new Error('no evaluator in fake context');
    },
    wait: (ms) => {
      if (ms > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
    },
    atomically: (action) => action(),
    setVariable: (n, v) => {
      vars.set(n.toLowerCase(), v);
    },
    cwd,
    session,
  };
  return { ctx, run };
}

/** Runs a cmdlet expecting a terminating error and returns it: the CSV and file cmdlet tests check errors this way. */
export function failure(fn: () => unknown): PSError {
  try {
    fn();
  } catch (e) {
    if (e instanceof PSError) return e;
    throw e;
  }
  throw new Error('expected a PSError');
}

/** Runs a cmdlet's begin/process/end over `input` with already-converted parameters, then disposes the run. */
export function runCmdlet(def: CmdletDefinition, params: ParamValues, input?: PSValue[], cwd?: string): FakeRun {
  const bound = Object.keys(params).filter((k) => params[k] !== undefined);
  const { ctx, run } = fakeContext(def.name, bound, cwd);
  runPhases(def, ctx, params, input);
  return run;
}

/** begin, process for each input (once with `undefined` when `input` is undefined), end and dispose, as the pipeline calls them. */
export function runPhases(def: CmdletDefinition, ctx: CmdletContext, params: ParamValues, input?: PSValue[]): void {
  const state = def.begin?.(ctx, params);
  try {
    if (input === undefined) def.process?.(ctx, params, undefined, state);
    else for (const item of input) def.process?.(ctx, params, item, state);
    def.end?.(ctx, params, state);
  } finally {
    def.dispose?.(state);
  }
}
