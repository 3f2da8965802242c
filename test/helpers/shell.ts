// A small harness for shell tests: a Session with a recording host, optional test cmdlets,
// and one call that runs script text and returns everything the host received.

import type { CmdletDefinition } from '../../src/shell/cmdlet.js';
import type { PSError } from '../../src/shell/errors.js';
import { Session, type RunResult, type ShellHost, type StatementTransaction } from '../../src/shell/session.js';
import type { PSValue } from '../../src/shell/values.js';

export interface ShellRun {
  /** Every object written to the host, in order, flattened across statements. */
  output: PSValue[];
  /** One entry per writeOutput call (one per top-level statement that produced output). */
  batches: PSValue[][];
  /** `err.render()` of every error the host received. */
  errors: string[];
  /** The PSError objects themselves. */
  errorRecords: PSError[];
  warnings: string[];
  verbose: string[];
  /** Write-Host text. */
  hostText: string[];
  exitCode: number;
  hadErrors: boolean;
}

export class RecordingHost implements ShellHost {
  readonly width = 120;
  output: PSValue[] = [];
  batches: PSValue[][] = [];
  errors: PSError[] = [];
  warnings: string[] = [];
  verbose: string[] = [];
  hostText: string[] = [];

  writeOutput(values: PSValue[]): void {
    this.batches.push(values);
    for (const v of values) this.output.push(v);
  }
  writeError(error: PSError): void {
    this.errors.push(error);
  }
  writeWarning(message: string): void {
    this.warnings.push(message);
  }
  writeVerbose(message: string): void {
    this.verbose.push(message);
  }
  writeHost(text: string, _newline: boolean): void {
    this.hostText.push(text);
  }

  /** What this host recorded during one run, as a ShellRun: every harness over a RecordingHost reports it this way. */
  recorded(result: RunResult): ShellRun {
    return {
      output: this.output,
      batches: this.batches,
      errors: this.errors.map((e) => e.render()),
      errorRecords: this.errors,
      warnings: this.warnings,
      verbose: this.verbose,
      hostText: this.hostText,
      exitCode: result.exitCode,
      hadErrors: result.hadErrors,
    };
  }

  reset(): void {
    this.output = [];
    this.batches = [];
    this.errors = [];
    this.warnings = [];
    this.verbose = [];
    this.hostText = [];
  }
}

export interface ShellOptions {
  cmdlets?: CmdletDefinition[];
  now?: () => Date;
  transaction?: StatementTransaction;
  services?: Record<string, unknown>;
}

/** A reusable shell: `run` clears the recorded streams before each script, variables persist. */
export function makeShell(options: ShellOptions = {}): { session: Session; host: RecordingHost; run: (text: string) => ShellRun } {
  const host = new RecordingHost();
  const session = new Session({
    host,
    now: options.now ?? (() => new Date(Date.UTC(2023, 7, 15, 12, 0, 0))),
    transaction: options.transaction,
    services: options.services,
  });
  if (options.cmdlets) session.register(options.cmdlets);
  const run = (text: string): ShellRun => {
    host.reset();
    return host.recorded(session.run(text));
  };
  return { session, host, run };
}

/** Runs text in a fresh shell. */
export function runShell(text: string, options: ShellOptions = {}): ShellRun {
  return makeShell(options).run(text);
}

/** The output of an expression-only script, failing loudly if it raised errors. */
export function evalOk(text: string, options: ShellOptions = {}): PSValue[] {
  const r = runShell(text, options);
  if (r.errors.length) throw new Error(`unexpected errors for ${JSON.stringify(text)}: ${r.errors.join(' | ')}`);
  return r.output;
}
