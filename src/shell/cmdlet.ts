// The contract between the shell and every cmdlet: a declarative parameter table plus
// begin/process/end functions that write output objects as they go (streaming).

import type { PSError } from './errors.js';
import type { Hashtable, PSValue, ScriptBlockValue, TimeSpan } from './values.js';

/** Declared parameter types; the binder converts arguments to these, as PowerShell does. */
export type ParamType =
  | 'string'
  | 'string[]'
  | 'int'
  | 'int[]'
  | 'double'
  | 'bool'
  | 'switch'
  | 'datetime'
  | 'timespan'
  | 'guid'
  | 'object'
  | 'object[]'
  | 'scriptblock'
  | 'hashtable'
  | { enum: readonly string[]; array?: boolean };

export interface ParamSpec {
  name: string;
  type: ParamType;
  mandatory?: boolean;
  /** 0-based position for positional binding. */
  position?: number;
  aliases?: readonly string[];
  /** ValueFromPipeline: the whole piped object binds here. */
  fromPipeline?: boolean;
  /** ValueFromPipelineByPropertyName: a piped object's property of this name (or an alias) binds here. */
  fromPipelineByPropertyName?: boolean;
  /** ValueFromRemainingArguments: with a position, takes every positional argument left over. */
  remaining?: boolean;
  /** Accepts $null explicitly (e.g. Set-OrganizationConfig -MessageRecallEnabled $null). */
  allowNull?: boolean;
  /** Inclusive [min, max] for numbers (ValidateRange). */
  range?: readonly [number, number];
  /** Extra validation after conversion; return an error text to reject. */
  validate?: (value: PSValue) => string | undefined;
  /** Parameter sets this parameter belongs to; none means all sets. */
  sets?: readonly string[];
  help?: string;
}

export interface ParamValues {
  [name: string]: PSValue | undefined;
}

/** The value a parameter of declared type `T` has once bound (see coerceToParamType). */
export type ParamValueOf<T> = ParamType extends T
  ? PSValue
  : T extends 'string' | 'guid'
    ? string
    : T extends 'string[]'
      ? string[]
      : T extends 'int' | 'double'
        ? number
        : T extends 'int[]'
          ? number[]
          : T extends 'bool' | 'switch'
            ? boolean
            : T extends 'datetime'
              ? Date
              : T extends 'timespan'
                ? TimeSpan
                : T extends 'scriptblock'
                  ? ScriptBlockValue
                  : T extends 'hashtable'
                    ? Hashtable
                    : T extends 'object[]'
                      ? PSValue[]
                      : T extends { enum: readonly (infer E)[]; array: true }
                        ? E[]
                        : T extends { enum: readonly (infer E)[]; array?: false }
                          ? E
                          : T extends { enum: readonly (infer E)[] }
                            ? E | E[]
                            : PSValue;

type SpecValue<S extends ParamSpec> = ParamValueOf<S['type']> | (S extends { allowNull: true } ? null : never);

/**
 * Whether a parameter always has a value: mandatory, in every parameter set, and (before the
 * pipeline's objects arrive, in begin and end) not waiting for pipeline input.
 */
type Always<S extends ParamSpec, Piped extends boolean> = S extends { mandatory: true }
  ? S extends { sets: readonly string[] }
    ? false
    : Piped extends true
      ? true
      : S extends { fromPipeline: true } | { fromPipelineByPropertyName: true }
        ? false
        : true
  : false;

/**
 * The bound values of a parameter table, by name: what `process` sees when `Piped` is true,
 * what `begin` and `end` see otherwise. A table not written literally gives `ParamValues`.
 */
export type ParamValuesOf<P extends readonly ParamSpec[], Piped extends boolean = true> = string extends P[number]['name']
  ? ParamValues
  : { [S in P[number] as Always<S, Piped> extends true ? S['name'] : never]: SpecValue<S> } & { [S in P[number] as Always<S, Piped> extends true ? never : S['name']]?: SpecValue<S> };

export interface CmdletExample {
  code: string;
  remarks: string;
}

/** How an object type is displayed by default (PowerShell's format.ps1xml views). */
export interface ViewColumn {
  label: string;
  /** Property to show; defaults to the label. */
  property?: string;
  /** Computed value instead of a property. */
  expression?: (obj: PSValue) => PSValue;
  width?: number;
  align?: 'left' | 'right';
}

export interface ViewDefinition {
  typeName: string;
  kind: 'table' | 'list';
  columns: (string | ViewColumn)[];
}

/** What a running cmdlet may do: write to the streams, ask the host, reach the services. */
export interface CmdletContext {
  readonly commandName: string;
  /** Names (canonical spelling) of the parameters the caller bound, pipeline ones included. */
  readonly bound: ReadonlySet<string>;
  write(value: PSValue): void;
  /** A non-terminating error: the cmdlet goes on with the next input. */
  writeError(error: PSError | Error | string): void;
  writeWarning(message: string): void;
  writeVerbose(message: string): void;
  /** Write-Host: straight to the host, not the pipeline. */
  writeHost(text: string, options?: { noNewline?: boolean; color?: string }): void;
  /** Tells the commands before this one to stop: it has all the input it wants (Select-Object -First). */
  stopUpstream(): void;
  /** -WhatIf / -Confirm handling; true when the action should go ahead. */
  shouldProcess(target: string, action: string): boolean;
  /** A service registered by the host (e.g. the tenant); the shell knows nothing of what it is. */
  service<T>(key: string): T;
  /** The host's current time (honours --now and the tenant clock). */
  now(): Date;
  /** Reads or sets a variable in the caller's scope. */
  getVariable(name: string): PSValue | undefined;
  /** Waits `ms` milliseconds, interruptibly, without holding the store when nothing was changed yet. */
  wait(ms: number): void;
  /** Runs `action` as one unit of work: waits inside it keep the hold on what it read. */
  atomically<T>(action: () => T): T;
  /** Parses and runs script text in the caller's scope (Invoke-Expression); returns its output. */
  invokeScript(text: string): PSValue[];
  setVariable(name: string, value: PSValue): void;
  /** The session's working directory, for relative paths. */
  readonly cwd: string;
  /** The session, for cmdlets that inspect the shell itself (Get-Command, Get-Help). */
  readonly session: SessionApi;
}

/** What cmdlets may ask of the session (a narrow view, so cmdlets stay decoupled from the evaluator). */
export interface SessionApi {
  commands(): CommandInfo[];
  findCommand(name: string): CommandInfo | undefined;
  views(): ReadonlyMap<string, ViewDefinition>;
  /** Width of the output device in characters. */
  readonly width: number;
}

export interface CommandInfo {
  name: string;
  kind: 'Cmdlet' | 'Function' | 'Alias';
  definition?: CmdletDefinition;
  /** For aliases: the command it stands for. */
  target?: string;
  source: string;
}

/** What every command definition has besides its run functions (help, views, binding). */
interface CmdletDeclaration<P extends readonly ParamSpec[]> {
  name: string;
  aliases?: string[];
  synopsis: string;
  description?: string;
  examples?: CmdletExample[];
  parameters: P;
  /** Adds -WhatIf and -Confirm. */
  supportsShouldProcess?: boolean;
  /** Default parameter set name when parameters belong to sets. */
  defaultSet?: string;
  /** Views for the object types this cmdlet emits. */
  views?: ViewDefinition[];
  /** Source module shown by Get-Command. */
  module?: string;
}

/**
 * A cmdlet with typed parameters and per-run state `S`: `begin` returns the state of this run,
 * `process` and `end` receive it, and `dispose` is always called with it once the pipeline is
 * done, whether it ended, failed, or was stopped by a later command (Select-Object -First):
 * PowerShell's IDisposable. The definition object itself is shared by all runs.
 */
export interface TypedCmdletDefinition<P extends readonly ParamSpec[], S> extends CmdletDeclaration<P> {
  begin?(ctx: CmdletContext, params: ParamValuesOf<P, false>): S;
  /** Called once per pipeline input (or once with `undefined` when nothing is piped). */
  process?(ctx: CmdletContext, params: ParamValuesOf<P, true>, input: PSValue | undefined, state: S): void;
  end?(ctx: CmdletContext, params: ParamValuesOf<P, false>, state: S): void;
  /** Releases what the run holds (an open file); called after end, or when the run stops early. */
  dispose?(state: S): void;
}

/** A cmdlet as the shell sees it: parameter values by name, state of no known type. */
export interface CmdletDefinition extends CmdletDeclaration<ParamSpec[]> {
  begin?(ctx: CmdletContext, params: ParamValues): unknown;
  /** Called once per pipeline input (or once with `undefined` when nothing is piped). */
  process?(ctx: CmdletContext, params: ParamValues, input: PSValue | undefined, state?: unknown): void;
  end?(ctx: CmdletContext, params: ParamValues, state?: unknown): void;
  dispose?(state: unknown): void;
}

/**
 * The one-line registration helper used by cmdlet modules. The `const` type parameter keeps
 * the table's literal names and types, so `params.PageSize` is a `number | undefined` and a
 * misspelt name does not compile.
 */
export function defineCmdlet<const P extends readonly ParamSpec[], S = undefined>(def: TypedCmdletDefinition<P, S>): CmdletDefinition {
  return def as unknown as CmdletDefinition;
}
