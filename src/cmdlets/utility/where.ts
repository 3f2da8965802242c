// Where-Object, after pwsh 7's WhereObjectCommand (InternalCommands.cs): a filter script, or the
// simplified syntax `Where-Object Status -eq Failed` / `Where-Object Enabled`.

import { defineCmdlet } from '../../shell/cmdlet.js';
import type { CmdletContext, ParamSpec, ParamValues } from '../../shell/cmdlet.js';
import { toBool, toStr } from '../../shell/convert.js';
import { PSError } from '../../shell/errors.js';
import { getMember, hasWildcard, propertyNames, wildcardToRegExp } from '../../shell/members.js';
import { Hashtable, PSObject, PSValue, ScriptBlockValue, TimeSpan } from '../../shell/values.js';
import { applyComparison, type ComparisonOperator } from '../../shell/compare.js';

const COMMAND = 'Where-Object';
const CMDLET_CLASS = 'Microsoft.PowerShell.Commands.WhereObjectCommand';

type WhereOperator = ComparisonOperator | 'is' | 'isnot' | 'not';

interface OperatorSwitch {
  name: string;
  aliases?: string[];
  op: WhereOperator;
  caseSensitive: boolean;
  set: string;
}

/** The operator switches of the simplified syntax, each in its own parameter set as in pwsh. */
const OPERATORS: OperatorSwitch[] = [
  ['EQ', 'IEQ', 'eq', 'EqualSet'],
  ['NE', 'INE', 'ne', 'NotEqualSet'],
  ['GT', 'IGT', 'gt', 'GreaterThanSet'],
  ['LT', 'ILT', 'lt', 'LessThanSet'],
  ['GE', 'IGE', 'ge', 'GreaterOrEqualSet'],
  ['LE', 'ILE', 'le', 'LessOrEqualSet'],
  ['Like', 'ILike', 'like', 'LikeSet'],
  ['NotLike', 'INotLike', 'notlike', 'NotLikeSet'],
  ['Match', 'IMatch', 'match', 'MatchSet'],
  ['NotMatch', 'INotMatch', 'notmatch', 'NotMatchSet'],
  ['Contains', 'IContains', 'contains', 'ContainsSet'],
  ['NotContains', 'INotContains', 'notcontains', 'NotContainsSet'],
  ['In', 'IIn', 'in', 'InSet'],
  ['NotIn', 'INotIn', 'notin', 'NotInSet'],
]
  .flatMap(([name, alias, op, set]) => [
    { name, aliases: [alias], op: op as WhereOperator, caseSensitive: false, set },
    { name: 'C' + name, op: op as WhereOperator, caseSensitive: true, set: 'CaseSensitive' + set },
  ])
  .concat([
    { name: 'Is', op: 'is', caseSensitive: false, set: 'IsSet' },
    { name: 'IsNot', op: 'isnot', caseSensitive: false, set: 'IsNotSet' },
    { name: 'Not', op: 'not', caseSensitive: false, set: 'Not' },
  ]);

const VALUE_SETS = OPERATORS.filter((o) => o.op !== 'not').map((o) => o.set);

function whereError(message: string, errorId: string, target: PSValue | undefined): PSError {
  return new PSError(message, {
    category: 'InvalidArgument',
    errorId: `${errorId},${CMDLET_CLASS}`,
    command: COMMAND,
    exception: 'PSArgumentException',
    target,
  });
}

/** `-Is [type]` / `-IsNot`: the few .NET types a value in this shell can be. */
function isOfType(value: PSValue, type: PSValue): boolean {
  const name = toStr(type)
    .replace(/^\[(.*)\]$/, '$1')
    .trim();
  const t = name.toLowerCase().replace(/^system\./, '');
  switch (t) {
    case 'object':
    case 'psobject':
      return value !== null;
    case 'string':
      return typeof value === 'string';
    case 'int':
    case 'int32':
    case 'long':
    case 'int64':
      return typeof value === 'number' && Number.isInteger(value);
    case 'double':
    case 'decimal':
    case 'single':
    case 'float':
      return typeof value === 'number';
    case 'bool':
    case 'boolean':
      return typeof value === 'boolean';
    case 'datetime':
      return value instanceof Date;
    case 'timespan':
      return value instanceof TimeSpan;
    case 'array':
    case 'object[]':
      return Array.isArray(value);
    case 'hashtable':
    case 'collections.hashtable':
      return value instanceof Hashtable;
    case 'scriptblock':
    case 'management.automation.scriptblock':
      return value instanceof ScriptBlockValue;
    case 'pscustomobject':
    case 'management.automation.pscustomobject':
      return value instanceof PSObject;
    default:
      return value instanceof PSObject && value.typeNames.some((n) => n.toLowerCase() === name.toLowerCase());
  }
}

/**
 * The -Property value of one input object (WhereObjectCommand.GetValue): a hashtable key, else
 * the member; a wildcard name must match exactly one member. Undefined after an ambiguity error.
 */
function propertyValue(ctx: CmdletContext, item: PSValue, property: string): PSValue | undefined {
  if (item === null) return null;
  if (item instanceof Hashtable && item.has(property)) return item.get(property) ?? null;
  if (hasWildcard(property)) {
    const re = wildcardToRegExp(property);
    const matches = propertyNames(item).filter((p) => re.test(p));
    if (matches.length > 1) {
      ctx.writeError(
        whereError(
          `Input name "${property}" is ambiguous. It can be resolved to multiple matched members. Possible matches include:${matches.map((m) => ' ' + m).join('')}.`,
          'AmbiguousPropertyName',
          item,
        ),
      );
      return undefined;
    }
    return matches.length ? (getMember(item, matches[0]) ?? null) : null;
  }
  // A missing property is $null (outside strict mode), as `{ $_.Missing }` would be.
  return getMember(item, property) ?? null;
}

function selectedOperator(params: ParamValues): OperatorSwitch | undefined {
  const chosen = OPERATORS.filter((o) => params[o.name] === true);
  if (chosen.length > 1) {
    throw whereError(
      'Parameter set cannot be resolved using the specified named parameters. One or more parameters issued cannot be used together or an insufficient number of parameters were provided.',
      'AmbiguousParameterSet',
      undefined,
    );
  }
  return chosen[0];
}

function test(op: OperatorSwitch, left: PSValue, value: PSValue): boolean {
  switch (op.op) {
    case 'not':
      return !toBool(left);
    case 'is':
      return isOfType(left, value);
    case 'isnot':
      return !isOfType(left, value);
    default:
      return toBool(applyComparison(op.op, left, value, op.caseSensitive));
  }
}

function filterByProperty(ctx: CmdletContext, params: ParamValues, item: PSValue): boolean {
  const property = toStr(params.Property ?? null);
  const op = selectedOperator(params);
  const valueGiven = ctx.bound.has('Value');
  if (!valueGiven && op && op.op !== 'not') {
    throw whereError(
      'The specified operator requires both the -Property and -Value parameters. Provide values for both parameters, and then try the command again.',
      'ValueNotSpecifiedForWhereObject',
      undefined,
    );
  }
  if (valueGiven && !op) {
    throw whereError(
      'An operator is required to compare the two specified values. Include a valid operator in the command, and then try the command again. For example, Get-Process | Where-Object -Property Name -eq Idle',
      'OperatorNotSpecified',
      undefined,
    );
  }
  const left = propertyValue(ctx, item, property);
  if (left === undefined) return false;
  // `Where-Object Enabled`: the property's truth, as `{ $true -eq $_.Enabled }`.
  if (!op) return toBool(left);
  try {
    return test(op, left, params.Value ?? null);
  } catch (e) {
    // A failed comparison (e.g. -GT between a number and 'abc') skips that object with an error.
    if (e instanceof PSError) {
      ctx.writeError(new PSError(e.message, { category: 'InvalidOperation', errorId: `OperatorFailed,${CMDLET_CLASS}`, command: COMMAND, exception: e.exception, target: item }));
      return false;
    }
    throw e;
  }
}

const operatorParams: ParamSpec[] = OPERATORS.map((o) => ({
  name: o.name,
  type: 'switch',
  aliases: o.aliases,
  sets: [o.set],
  help: o.op === 'not' ? 'Keeps objects whose property is false or missing.' : `Compares the property to -Value with -${o.caseSensitive ? 'c' : ''}${o.op}.`,
}));

export const whereObjectCmdlet = defineCmdlet({
  name: 'Where-Object',
  module: 'Microsoft.PowerShell.Core',
  aliases: ['where', '?'],
  synopsis: 'Selects objects from a collection based on their property values.',
  description:
    'Keeps the input objects for which a script block is true, or (simplified syntax) whose property compares to a value with the given operator: ' +
    '`Where-Object Status -eq Failed`. With only a property name, keeps objects whose property is true.',
  defaultSet: 'EqualSet',
  parameters: [
    { name: 'InputObject', type: 'object', fromPipeline: true, help: 'The objects to filter.' },
    // Position 0 is -FilterScript in one parameter set and -Property in the others; the binder
    // cannot choose by type, so one parameter takes both and the cmdlet looks at the value:
    // a script block is the filter script, anything else a property name.
    { name: 'Property', type: 'object', position: 0, help: 'A script block to evaluate, or the name of the property to test.' },
    { name: 'FilterScript', type: 'scriptblock', sets: ['ScriptBlockSet'], help: 'The script block that decides, with $_ as the object.' },
    { name: 'Value', type: 'object', position: 1, sets: VALUE_SETS, help: 'The value to compare the property with.' },
    ...operatorParams,
  ],
  examples: [
    { code: 'Get-MessageTrace | Where-Object Status -eq Failed', remarks: 'The failed traces (simplified syntax).' },
    { code: "Get-MessageTrace | Where-Object { $_.Subject -like '*invoice*' }", remarks: 'A filter script.' },
  ],
  process(ctx, params, input) {
    const item = input !== undefined ? input : ctx.bound.has('InputObject') ? (params.InputObject ?? null) : undefined;
    if (item === undefined) return;
    const script = params.FilterScript instanceof ScriptBlockValue ? params.FilterScript : params.Property instanceof ScriptBlockValue ? params.Property : undefined;
    const keep = script ? toBool(script.invoke(item, [])) : filterByProperty(ctx, params, item);
    if (keep) ctx.write(item);
  },
});

export const whereCmdlets = [whereObjectCmdlet];
