// Script-defined commands: binding arguments to `param(...)` declarations, reusing the
// cmdlet binder's name resolution and type conversion so functions behave like cmdlets.

import type { ParamDecl } from './ast.js';
import { BoundArg, COMMON_NAMES, convertArgument, resolveParameter } from './binder.js';
import type { Scope } from './scope.js';
import type { CmdletDefinition, ParamSpec, ParamType } from './cmdlet.js';
import { typeDisplayName } from './coerce.js';
import { bindingError } from './errors.js';
import type { Evaluator } from './evaluator.js';
import type { PSValue } from './values.js';

function paramType(type: string | undefined): ParamType {
  switch ((type ?? '').toLowerCase().replace(/^system\./, '')) {
    case 'string':
      return 'string';
    case 'string[]':
      return 'string[]';
    case 'int':
    case 'int32':
    case 'long':
    case 'int64':
      return 'int';
    case 'int[]':
      return 'int[]';
    case 'double':
    case 'decimal':
      return 'double';
    case 'bool':
    case 'boolean':
      return 'bool';
    case 'switch':
    case 'switchparameter':
      return 'switch';
    case 'datetime':
      return 'datetime';
    case 'timespan':
      return 'timespan';
    case 'guid':
      return 'guid';
    case 'scriptblock':
      return 'scriptblock';
    case 'hashtable':
      return 'hashtable';
    case 'object[]':
    case 'array':
    case 'psobject[]':
      return 'object[]';
    default:
      return 'object';
  }
}

/** A cmdlet-shaped view of a function's parameters (for binding and Get-Help). */
export function functionDefinition(name: string, params: ParamDecl[]): CmdletDefinition {
  const parameters: ParamSpec[] = params.map((p) => ({
    name: p.name,
    type: p.validateSet ? { enum: p.validateSet } : paramType(p.type),
    mandatory: p.mandatory,
    position: p.position,
    aliases: p.aliases,
    fromPipeline: p.fromPipeline,
    fromPipelineByPropertyName: p.fromPipelineByPropertyName,
  }));
  return { name, synopsis: '', parameters };
}

export interface FunctionBinding {
  values: [string, PSValue][];
  bound: Set<string>;
  rest: PSValue[];
  /** Common parameters given (-Verbose, -ErrorAction, ...): they set the preference variables of the new scope. */
  common: Map<string, PSValue>;
}

const PREFERENCE_OF: Record<string, (v: PSValue) => [string, PSValue]> = {
  Verbose: (v) => ['VerbosePreference', v === true ? 'Continue' : 'SilentlyContinue'],
  Debug: (v) => ['DebugPreference', v === true ? 'Continue' : 'SilentlyContinue'],
  ErrorAction: (v) => ['ErrorActionPreference', v],
  WarningAction: (v) => ['WarningPreference', v],
  InformationAction: (v) => ['InformationPreference', v],
  WhatIf: (v) => ['WhatIfPreference', v === true],
};

/** Sets the preference variables that a function's or script's common parameters stand for. */
export function applyCommonParameters(scope: Scope, common: Map<string, PSValue>): void {
  for (const [name, value] of common) {
    const pref = PREFERENCE_OF[name]?.(value);
    if (pref) scope.setLocal(pref[0], pref[1]);
  }
}

/** Binds call-site arguments to a function's parameters; unclaimed positional arguments go to `$args`. */
export function bindFunctionArguments(name: string, params: ParamDecl[], args: BoundArg[], ev: Evaluator, pipelineBound: Set<string> = new Set()): FunctionBinding {
  const def = functionDefinition(name, params);
  const values = new Map<string, PSValue>();
  const positional: PSValue[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.kind === 'positional') {
      positional.push(a.value);
      continue;
    }
    const spec = resolveParameter(def, a.name);
    if (values.has(spec.name)) {
      throw bindingError(
        name,
        `Cannot bind parameter because parameter '${spec.name}' is specified more than once. To provide multiple values to parameters that can accept multiple values, use the array syntax. For example, "-parameter value1,value2,value3".`,
        'ParameterAlreadyBound',
      );
    }
    let raw: PSValue | undefined;
    if (spec.type === 'switch') raw = a.hasValue ? a.value : true;
    else if (a.hasValue) raw = a.value;
    else {
      const next = args[i + 1];
      if (!next || next.kind !== 'positional') {
        throw bindingError(name, `Missing an argument for parameter '${spec.name}'. Specify a parameter of type '${typeDisplayName(spec.type)}' and try again.`, 'MissingArgument');
      }
      raw = next.value;
      i++;
    }
    values.set(spec.name, convertArgument(name, spec, raw));
  }
  const slots = def.parameters.filter((p) => p.position !== undefined && !values.has(p.name) && !pipelineBound.has(p.name)).sort((a, b) => a.position! - b.position!);
  const rest: PSValue[] = [];
  for (const v of positional) {
    const spec = slots.shift();
    if (spec) values.set(spec.name, convertArgument(name, spec, v));
    else rest.push(v);
  }
  const missing = def.parameters.filter((p) => p.mandatory && !values.has(p.name) && !pipelineBound.has(p.name));
  if (missing.length) {
    throw bindingError(name, `Cannot process command because of one or more missing mandatory parameters: ${missing.map((p) => p.name).join(' ')}.`, 'MissingMandatoryParameter');
  }
  const out: [string, PSValue][] = [];
  for (const p of params) {
    if (values.has(p.name)) out.push([p.name, values.get(p.name)!]);
    else if (!pipelineBound.has(p.name)) out.push([p.name, ev.defaultValue(p)]);
  }
  const common = new Map([...values].filter(([n]) => COMMON_NAMES.has(n) && !params.some((p) => p.name === n)));
  return { values: out, bound: new Set(values.keys()), rest, common };
}
