// Parameter binding as PowerShell does it: names are case-insensitive and may be shortened to
// a unique prefix; aliases; positional arguments; switches (`-X`, `-X:$false`); conversion to
// the declared type; and pipeline input by value and by property name.

import type { CmdletDefinition, ParamSpec, ParamType, ParamValues } from './cmdlet.js';
import { coerceToParamType, ConversionError, isOfParamType, typeDisplayName } from './coerce.js';
import { bindingError, PSError } from './errors.js';
import { getMember } from './members.js';
import { toStr, typeNameOf } from './convert.js';
import { PSObject, PSValue, Hashtable } from './values.js';

/** An argument as written at the call site, already evaluated. */
export type BoundArg = { kind: 'named'; name: string; text: string; value?: PSValue; hasValue: boolean } | { kind: 'positional'; value: PSValue };

const ACTION_PREFERENCE = ['SilentlyContinue', 'Stop', 'Continue', 'Inquire', 'Ignore', 'Suspend', 'Break'] as const;

/** The common parameters every cmdlet takes. */
export const COMMON_PARAMETERS: ParamSpec[] = [
  { name: 'Verbose', type: 'switch', aliases: ['vb'] },
  { name: 'Debug', type: 'switch', aliases: ['db'] },
  { name: 'ErrorAction', type: { enum: ACTION_PREFERENCE }, aliases: ['ea'] },
  { name: 'WarningAction', type: { enum: ACTION_PREFERENCE }, aliases: ['wa'] },
  { name: 'InformationAction', type: { enum: ACTION_PREFERENCE }, aliases: ['infa'] },
  { name: 'ProgressAction', type: { enum: ACTION_PREFERENCE }, aliases: ['proga'] },
  { name: 'ErrorVariable', type: 'string', aliases: ['ev'] },
  { name: 'WarningVariable', type: 'string', aliases: ['wv'] },
  { name: 'InformationVariable', type: 'string', aliases: ['iv'] },
  { name: 'OutVariable', type: 'string', aliases: ['ov'] },
  { name: 'OutBuffer', type: 'int', aliases: ['ob'] },
  { name: 'PipelineVariable', type: 'string', aliases: ['pv'] },
];

export const SHOULD_PROCESS_PARAMETERS: ParamSpec[] = [
  { name: 'WhatIf', type: 'switch', aliases: ['wi'] },
  { name: 'Confirm', type: 'switch', aliases: ['cf'] },
];

export const COMMON_NAMES = new Set([...COMMON_PARAMETERS, ...SHOULD_PROCESS_PARAMETERS].map((p) => p.name));

export function allParameters(def: CmdletDefinition): ParamSpec[] {
  return [...def.parameters, ...COMMON_PARAMETERS, ...(def.supportsShouldProcess ? SHOULD_PROCESS_PARAMETERS : [])];
}

/** The names a command accepts, its own first, then the common parameters (help, completion). */
export function parameterNames(def: CmdletDefinition): string[] {
  return allParameters(def)
    .map((p) => p.name)
    .sort((a, b) => Number(COMMON_NAMES.has(a)) - Number(COMMON_NAMES.has(b)));
}

/** Finds a parameter by exact name, alias, or unique prefix. */
export function resolveParameter(def: CmdletDefinition, name: string): ParamSpec {
  const all = allParameters(def);
  const lower = name.toLowerCase();
  const exact = all.find((p) => p.name.toLowerCase() === lower || p.aliases?.some((a) => a.toLowerCase() === lower));
  if (exact) return exact;
  const matches = all.filter((p) => p.name.toLowerCase().startsWith(lower));
  if (matches.length === 1) return matches[0];
  if (matches.length > 1) {
    throw bindingError(
      def.name,
      `Parameter cannot be processed because the parameter name '${name}' is ambiguous. Possible matches include: ${matches.map((m) => '-' + m.name).join(' ')}.`,
      'AmbiguousParameter',
    );
  }
  throw bindingError(def.name, `A parameter cannot be found that matches parameter name '${name}'.`, 'NamedParameterNotFound');
}

export interface BindResult {
  values: ParamValues;
  bound: Set<string>;
}

/** Binds the call-site arguments (named and positional) of one command invocation. */
export function bindArguments(def: CmdletDefinition, args: BoundArg[]): BindResult {
  const values: ParamValues = Object.create(null);
  const bound = new Set<string>();
  const positional: PSValue[] = [];
  const setValue = (spec: ParamSpec, raw: PSValue | undefined) => {
    if (bound.has(spec.name)) {
      throw bindingError(
        def.name,
        `Cannot bind parameter because parameter '${spec.name}' is specified more than once. To provide multiple values to parameters that can accept multiple values, use the array syntax. For example, "-parameter value1,value2,value3".`,
        'ParameterAlreadyBound',
      );
    }
    values[spec.name] = convertArgument(def.name, spec, raw);
    bound.add(spec.name);
  };

  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.kind === 'positional') {
      positional.push(a.value);
      continue;
    }
    const spec = resolveParameter(def, a.name);
    if (spec.type === 'switch') {
      setValue(spec, a.hasValue ? (a.value ?? null) : true);
      continue;
    }
    if (a.hasValue) {
      setValue(spec, a.value);
      continue;
    }
    const next = args[i + 1];
    if (!next || next.kind !== 'positional') {
      throw bindingError(def.name, `Missing an argument for parameter '${spec.name}'. Specify a parameter of type '${typeDisplayName(spec.type)}' and try again.`, 'MissingArgument');
    }
    i++;
    setValue(spec, next.value);
  }

  if (positional.length > 0) {
    const slots = def.parameters.filter((p) => p.position !== undefined).sort((a, b) => a.position! - b.position!);
    let slotIndex = 0;
    for (let k = 0; k < positional.length; k++) {
      const value = positional[k];
      let spec: ParamSpec | undefined;
      while (slotIndex < slots.length) {
        const pos = slots[slotIndex].position!;
        const candidates = slots.filter((s) => s.position === pos && !bound.has(s.name) && setsCompatible(def, s, bound));
        slotIndex = slots.findIndex((s) => s.position! > pos);
        if (slotIndex < 0) slotIndex = slots.length;
        if (candidates.length) {
          spec = candidates.find((c) => !c.sets || (def.defaultSet && c.sets.includes(def.defaultSet))) ?? candidates[0];
          break;
        }
      }
      if (!spec) {
        throw bindingError(def.name, `A positional parameter cannot be found that accepts argument '${toStr(value)}'.`, 'PositionalParameterNotFound');
      }
      if (spec.remaining) {
        // ValueFromRemainingArguments: this parameter takes every positional argument left.
        const rest = positional.slice(k);
        setValue(spec, rest.length === 1 ? rest[0] : rest);
        break;
      }
      setValue(spec, value);
    }
  }

  checkParameterSets(def, bound);
  return { values, bound };
}

function setsCompatible(def: CmdletDefinition, spec: ParamSpec, bound: Set<string>): boolean {
  if (!spec.sets) return true;
  for (const name of bound) {
    const other = def.parameters.find((p) => p.name === name);
    if (other?.sets && !other.sets.some((s) => spec.sets!.includes(s))) return false;
  }
  return true;
}

function checkParameterSets(def: CmdletDefinition, bound: Set<string>): void {
  let common: string[] | undefined;
  for (const name of bound) {
    const spec = def.parameters.find((p) => p.name === name);
    if (!spec?.sets) continue;
    common = common ? common.filter((s) => spec.sets!.includes(s)) : [...spec.sets];
  }
  if (common && common.length === 0) {
    throw bindingError(
      def.name,
      'Parameter set cannot be resolved using the specified named parameters. One or more parameters issued cannot be used together or an insufficient number of parameters were provided.',
      'AmbiguousParameterSet',
    );
  }
}

/** Converts and validates one argument for a parameter, with PowerShell's error texts. */
export function convertArgument(command: string, spec: ParamSpec, raw: PSValue | undefined): PSValue {
  if ((raw === null || raw === undefined) && spec.allowNull) return null;
  if ((raw === null || raw === undefined) && spec.mandatory && spec.type !== 'switch' && spec.type !== 'object') {
    throw bindingError(command, `Cannot bind argument to parameter '${spec.name}' because it is null.`, 'ParameterArgumentValidationErrorNullNotAllowed');
  }
  // ActionPreference is a .NET enum: `-ErrorAction 0` is SilentlyContinue, `-ea 1` is Stop
  if (typeof spec.type === 'object' && spec.type.enum === ACTION_PREFERENCE && typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 && raw < ACTION_PREFERENCE.length) {
    raw = ACTION_PREFERENCE[raw];
  }
  let value: PSValue;
  try {
    value = coerceToParamType(raw, spec.type);
  } catch (e) {
    if (e instanceof ConversionError) {
      if (typeof spec.type === 'object') {
        throw new PSError(
          `Cannot validate argument on parameter '${spec.name}'. The argument "${toStr(e.value ?? null)}" does not belong to the set "${spec.type.enum.join(',')}" specified by the ValidateSet attribute. Supply an argument that is in the set and then try the command again.`,
          { category: 'InvalidData', errorId: `ParameterArgumentValidationError,${command}`, exception: 'ParameterBindingValidationException', command },
        );
      }
      if (spec.type === 'bool') {
        const one = Array.isArray(raw) && raw.length === 1 ? raw[0] : raw;
        throw bindingError(
          command,
          `Cannot process argument transformation on parameter '${spec.name}'. Cannot convert value "${typeNameOf(one ?? null)}" to type "System.Boolean". Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.`,
          'ParameterArgumentTransformationError',
        );
      }
      throw bindingError(command, `Cannot bind parameter '${spec.name}'. ${e.message}`, 'CannotConvertArgumentNoMessage');
    }
    throw e;
  }
  if (spec.range && typeof value === 'number') validateRange(command, spec, value);
  if (spec.range && Array.isArray(value)) for (const v of value) if (typeof v === 'number') validateRange(command, spec, v);
  if (spec.validate) {
    const problem = spec.validate(value);
    if (problem) {
      throw new PSError(`Cannot validate argument on parameter '${spec.name}'. ${problem}`, {
        category: 'InvalidData',
        errorId: `ParameterArgumentValidationError,${command}`,
        exception: 'ParameterBindingValidationException',
        command,
      });
    }
  }
  return value;
}

function validateRange(command: string, spec: ParamSpec, value: number): void {
  const [min, max] = spec.range!;
  let msg: string | undefined;
  if (value > max) msg = `The ${value} argument is greater than the maximum allowed range of ${max}. Supply an argument that is less than or equal to ${max} and then try the command again.`;
  else if (value < min) msg = `The ${value} argument is less than the minimum allowed range of ${min}. Supply an argument that is greater than or equal to ${min} and then try the command again.`;
  if (msg) {
    throw new PSError(`Cannot validate argument on parameter '${spec.name}'. ${msg}`, {
      category: 'InvalidData',
      errorId: `ParameterArgumentValidationError,${command}`,
      exception: 'ParameterBindingValidationException',
      command,
    });
  }
}

/** Whether the command declares any parameter that takes pipeline input. */
export function takesPipelineInput(def: CmdletDefinition): boolean {
  return def.parameters.some((p) => p.fromPipeline || p.fromPipelineByPropertyName);
}

function propertyValue(item: PSValue, names: string[]): PSValue | undefined {
  if (!(item instanceof PSObject) && !(item instanceof Hashtable)) return undefined;
  for (const n of names) {
    const v = getMember(item, n);
    if (v !== undefined) return v;
  }
  return undefined;
}

/**
 * Binds one pipeline object onto a copy of the call-site values: by value without conversion,
 * then by property name, then by value with conversion (PowerShell's order).
 */
export function bindPipelineItem(def: CmdletDefinition, base: BindResult, item: PSValue): BindResult {
  const values: ParamValues = Object.assign(Object.create(null), base.values);
  const bound = new Set(base.bound);
  const free = def.parameters.filter((p) => !base.bound.has(p.name) && setsCompatible(def, p, bound));
  let any = false;
  let firstError: PSError | undefined;

  const tryBind = (spec: ParamSpec, raw: PSValue): boolean => {
    try {
      values[spec.name] = convertArgument(def.name, spec, raw);
      bound.add(spec.name);
      any = true;
      return true;
    } catch (e) {
      if (e instanceof PSError && !firstError) firstError = e;
      return false;
    }
  };

  const byValue = free.filter((p) => p.fromPipeline);
  const exact = byValue.find((p) => isOfParamType(item, p.type) || (typeof p.type === 'string' && p.type.endsWith('[]') && isOfParamType(item, p.type.slice(0, -2) as ParamType)));
  if (exact) tryBind(exact, item);
  if (!any) {
    for (const spec of free.filter((p) => p.fromPipelineByPropertyName && !bound.has(p.name))) {
      const v = propertyValue(item, [spec.name, ...(spec.aliases ?? [])]);
      if (v !== undefined) tryBind(spec, v);
    }
  }
  if (!any) {
    for (const spec of byValue) if (!bound.has(spec.name) && tryBind(spec, item)) break;
  }
  if (!any) {
    if (firstError) throw firstError;
    throw new PSError(
      'The input object cannot be bound to any parameters for the command either because the command does not take pipeline input or the input and its properties do not match any of the parameters that take pipeline input.',
      { category: 'InvalidArgument', errorId: `InputObjectNotBound,${def.name}`, exception: 'ParameterBindingException', command: def.name, target: item },
    );
  }
  return { values, bound };
}

/** Throws PowerShell's error when a mandatory parameter is still unbound. */
export function checkMandatory(def: CmdletDefinition, bound: Set<string>, willGetPipelineInput: boolean, inputObject?: { item: PSValue }): void {
  const missing = def.parameters.filter((p) => p.mandatory && !bound.has(p.name) && setsCompatible(def, p, bound) && !(willGetPipelineInput && (p.fromPipeline || p.fromPipelineByPropertyName)));
  // Within parameter sets, only the set that the bound parameters select is required.
  const relevant = missing.filter((p) => !p.sets || !def.defaultSet || bound.size > 0 || p.sets.includes(def.defaultSet));
  if (relevant.length && inputObject) {
    // pwsh builds the list as " Name" per parameter after "parameters: ", hence the two spaces
    throw new PSError(`The input object cannot be bound because it did not contain the information required to bind all mandatory parameters: ${relevant.map((p) => ' ' + p.name).join('')}`, {
      category: 'InvalidArgument',
      errorId: `InputObjectMissingMandatory,${def.name}`,
      exception: 'ParameterBindingException',
      command: def.name,
      target: inputObject.item,
    });
  }
  if (relevant.length) {
    throw bindingError(def.name, `Cannot process command because of one or more missing mandatory parameters: ${relevant.map((p) => p.name).join(' ')}.`, 'MissingMandatoryParameter');
  }
}
