// The contract between the shell and every cmdlet: a declarative parameter table plus
// begin/process/end functions that write output objects as they go (streaming).

import type { PSError } from './errors.js';
import type { PSValue } from './values.js';

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
  aliases?: string[];
  /** ValueFromPipeline: the whole piped object binds here. */
  fromPipeline?: boolean;
  /** ValueFromPipelineByPropertyName: a piped object's property of this name (or an alias) binds here. */
  fromPipelineByPropertyName?: boolean;
  /** ValueFromRemainingArguments: with a position, takes every positional argument left over. */
  remaining?: boolean;
  /** Accepts $null explicitly (e.g. Set-OrganizationConfig -MessageRecallEnabled $null). */
  allowNull?: boolean;
  /** Inclusive [min, max] for numbers (ValidateRange). */
  range?: [number, number];
  /** Extra validation after conversion; return an error text to reject. */
  validate?: (value: PSValue) => string | undefined;
  /** Parameter sets this parameter belongs to; none means all sets. */
  sets?: string[];
  help?: string;
}

export interface ParamValues {
  [name: string]: PSValue | undefined;
}

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

export interface CmdletDefinition {
  name: string;
  aliases?: string[];
  synopsis: string;
  description?: string;
  examples?: CmdletExample[];
  parameters: ParamSpec[];
  /** Adds -WhatIf and -Confirm. */
  supportsShouldProcess?: boolean;
  /** Default parameter set name when parameters belong to sets. */
  defaultSet?: string;
  /** Views for the object types this cmdlet emits. */
  views?: ViewDefinition[];
  /** Source module shown by Get-Command. */
  module?: string;
  begin?(ctx: CmdletContext, params: ParamValues): void;
  /** Called once per pipeline input (or once with `undefined` when nothing is piped). */
  process?(ctx: CmdletContext, params: ParamValues, input: PSValue | undefined): void;
  end?(ctx: CmdletContext, params: ParamValues): void;
}

/** The one-line registration helper used by cmdlet modules. */
export function defineCmdlet(def: CmdletDefinition): CmdletDefinition {
  return def;
}
