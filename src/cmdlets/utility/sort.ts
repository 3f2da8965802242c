// Sort-Object, after pwsh 7's SortObjectCommand / OrderObjectBase: sort keys from property names,
// wildcards, script blocks and @{Expression=...; Descending=...} hashtables; a stable sort;
// -Unique, -Top and -Bottom. The key evaluation is shared with Group-Object.

import { defineCmdlet } from '../../shell/cmdlet.js';
import type { CmdletContext, ParamValues } from '../../shell/cmdlet.js';
import { toBool, toStr } from '../../shell/convert.js';
import { PSError } from '../../shell/errors.js';
import { getProperty, hasWildcard, propertyNames, wildcardToRegExp } from '../../shell/members.js';
import { Hashtable, PSValue, ScriptBlockValue } from '../../shell/values.js';
import { sortCompare } from '../../shell/compare.js';

const MAX_INT = 2147483647;

/** One sort/group key as written: a property name, a wildcard, or a script block. */
export interface KeySpec {
  expression: string | ScriptBlockValue;
  /** From a hashtable's Ascending/Descending entries; undefined follows -Descending. */
  ascending?: boolean;
}

/** A key's value for one object; `exists` is false when the object has no such property. */
export interface KeyValue {
  exists: boolean;
  value: PSValue;
}

/** A resolved key: a wildcard has been expanded to property names. */
export interface Key {
  label: string;
  ascending?: boolean;
  get(ctx: CmdletContext, obj: PSValue): KeyValue;
}

const HASH_KEYS = ['expression', 'ascending', 'descending'];

/**
 * Reads -Property of Sort-Object / Group-Object. Hashtables may have Expression (any prefix:
 * `e`, `expr`...) and, for sorting, Ascending / Descending; conflicting values of the two are
 * ignored, as in pwsh.
 */
export function parseKeySpecs(specs: PSValue[], command: string, allowOrder: boolean): KeySpec[] {
  return specs.map((spec) => {
    if (spec instanceof ScriptBlockValue) return { expression: spec };
    if (!(spec instanceof Hashtable)) return { expression: toStr(spec) };
    let expression: string | ScriptBlockValue | undefined;
    let ascending: boolean | undefined;
    let descending: boolean | undefined;
    for (const [rawKey, value] of spec.entries()) {
      const key = toStr(rawKey).toLowerCase();
      const kind = key ? HASH_KEYS.filter((k) => allowOrder || k === 'expression').find((k) => k.startsWith(key)) : undefined;
      if (!kind) {
        throw new PSError(`The ${toStr(rawKey)} key is not valid.`, { category: 'InvalidArgument', errorId: `DictionaryKeyIllegal,${command}`, command });
      }
      if (kind === 'expression') expression = value instanceof ScriptBlockValue ? value : toStr(value);
      else if (kind === 'ascending') ascending = toBool(value);
      else descending = toBool(value);
    }
    if (expression === undefined) {
      throw new PSError('A hash table must contain an Expression key: @{Expression=...}.', { category: 'InvalidArgument', errorId: `ExpressionMissing,${command}`, command });
    }
    let order: boolean | undefined;
    if (ascending !== undefined && descending !== undefined) order = ascending === descending ? undefined : ascending;
    else if (ascending !== undefined) order = ascending;
    else if (descending !== undefined) order = !descending;
    return { expression, ascending: order };
  });
}

function propertyKey(name: string, ascending: boolean | undefined): Key {
  return {
    label: name,
    ascending,
    get: (_ctx, obj) => {
      const v = obj === null ? undefined : getProperty(obj, name);
      return v === undefined ? { exists: false, value: null } : { exists: true, value: v };
    },
  };
}

function scriptKey(block: ScriptBlockValue, ascending: boolean | undefined, command: string): Key {
  return {
    label: block.text,
    ascending,
    get: (ctx, obj) => {
      try {
        const out = block.invoke(obj, []);
        return { exists: true, value: out.length === 0 ? null : out.length === 1 ? out[0] : out };
      } catch (e) {
        // A failing expression is reported for that object, which then sorts as $null.
        if (!(e instanceof PSError)) throw e;
        ctx.writeError(new PSError(e.message, { category: 'InvalidResult', errorId: `ExpressionEvaluation,${command}`, command, exception: e.exception, target: obj }));
        return { exists: true, value: null };
      }
    },
  };
}

/**
 * Resolves key specs against objects: a wildcard becomes the matching property names of all the
 * given objects, in name order (pwsh collects them in a sorted dictionary).
 */
export function resolveKeys(specs: KeySpec[], objects: PSValue[], command: string): Key[] {
  const keys: Key[] = [];
  for (const spec of specs) {
    const expr = spec.expression;
    if (expr instanceof ScriptBlockValue) {
      keys.push(scriptKey(expr, spec.ascending, command));
      continue;
    }
    if (!hasWildcard(expr)) {
      keys.push(propertyKey(expr, spec.ascending));
      continue;
    }
    const re = wildcardToRegExp(expr);
    const found = new Map<string, string>();
    for (const obj of objects) {
      for (const p of propertyNames(obj)) if (re.test(p) && !found.has(p.toLowerCase())) found.set(p.toLowerCase(), p);
    }
    const names = [...found.values()].sort((a, b) => {
      const x = a.toUpperCase(),
        y = b.toUpperCase();
      return x < y ? -1 : x > y ? 1 : 0;
    });
    for (const n of names) keys.push(propertyKey(n, spec.ascending));
  }
  return keys;
}

/** An input object with its key values, and its position for stability. */
export interface Entry {
  obj: PSValue;
  index: number;
  values: KeyValue[];
}

/**
 * pwsh's OrderByPropertyComparer: key by key, a missing property sorts after every present one
 * whatever the direction; present values compare with Sort-Object's comparison.
 */
export function compareEntries(a: Entry, b: Entry, ascending: boolean[], caseSensitive: boolean): number {
  const n = Math.max(a.values.length, b.values.length);
  for (let k = 0; k < n; k++) {
    const x = a.values[k] ?? { exists: false, value: null };
    const y = b.values[k] ?? { exists: false, value: null };
    let r: number;
    if (x.exists && y.exists) r = sortCompare(x.value, y.value, caseSensitive) * ((ascending[k] ?? true) ? 1 : -1);
    else r = x.exists ? -1 : y.exists ? 1 : 0;
    if (r !== 0) return r;
  }
  return 0;
}

/** Key values for objects; no -Property means the object itself is the key. */
export function entriesFor(ctx: CmdletContext, objects: PSValue[], keys: Key[] | undefined, startIndex = 0): Entry[] {
  return objects.map((obj, i) => ({
    obj,
    index: startIndex + i,
    values: keys ? keys.map((k) => k.get(ctx, obj)) : [{ exists: true, value: obj }],
  }));
}

function propertyParam(params: ParamValues): PSValue[] | undefined {
  const p = params.Property;
  if (p === undefined || p === null) return undefined;
  const list = Array.isArray(p) ? p : [p];
  return list.length ? list : undefined;
}

export const sortObjectCmdlet = defineCmdlet({
  name: 'Sort-Object',
  module: 'Microsoft.PowerShell.Utility',
  aliases: ['sort'],
  synopsis: 'Sorts objects by property values.',
  description:
    'Sorts the input by one or more keys (property names, wildcards, script blocks, or @{Expression=...; Descending=$true} hashtables). ' +
    'Strings compare case-insensitively unless -CaseSensitive; objects without a sort property come last. The sort is stable.',
  defaultSet: 'Default',
  parameters: [
    { name: 'InputObject', type: 'object', fromPipeline: true, help: 'The objects to sort.' },
    { name: 'Property', type: 'object[]', position: 0, help: 'The sort keys.' },
    { name: 'Descending', type: 'switch', help: 'Sorts in descending order.' },
    { name: 'Unique', type: 'switch', help: 'Keeps one of each set of equal objects.' },
    { name: 'CaseSensitive', type: 'switch', help: 'Sorts strings case-sensitively.' },
    { name: 'Culture', type: 'string', help: 'Accepted for compatibility; exosh compares with en-US rules.' },
    { name: 'Stable', type: 'switch', sets: ['Default'], help: 'Accepted for compatibility: the sort is always stable.' },
    { name: 'Top', type: 'int', range: [1, MAX_INT], sets: ['Top'], help: 'Number of objects to get from the start of the sorted list.' },
    { name: 'Bottom', type: 'int', range: [1, MAX_INT], sets: ['Bottom'], help: 'Number of objects to get from the end of the sorted list.' },
  ],
  examples: [
    { code: 'Get-MessageTrace | Sort-Object Received -Descending', remarks: 'Newest first.' },
    { code: 'Get-MessageTrace | Sort-Object @{e={$_.Size}; Descending=$true}, Subject', remarks: 'Largest first, then by subject.' },
  ],
  begin(): PSValue[] {
    return [];
  },
  process(ctx, params, input, list) {
    const item = input !== undefined ? input : ctx.bound.has('InputObject') ? (params.InputObject ?? null) : undefined;
    // Sort-Object drops $null input objects.
    if (item === undefined || item === null) return;
    list.push(item);
  },
  end(ctx, params, objects) {
    if (objects.length === 0) return;
    const specs = propertyParam(params);
    const keys = specs ? resolveKeys(parseKeySpecs(specs, 'Sort-Object', true), objects, 'Sort-Object') : undefined;
    const descending = params.Descending === true;
    const ascending = (keys ?? [{ ascending: undefined }]).map((k) => k.ascending ?? !descending);
    const caseSensitive = params.CaseSensitive === true;
    const cmp = (a: Entry, b: Entry) => compareEntries(a, b, ascending, caseSensitive);
    let sorted = entriesFor(ctx, objects, keys).sort((a, b) => cmp(a, b) || a.index - b.index);
    if (params.Unique === true) sorted = sorted.filter((e, i) => i === 0 || cmp(sorted[i - 1], e) !== 0);
    if (typeof params.Top === 'number') sorted = sorted.slice(0, params.Top);
    else if (typeof params.Bottom === 'number') sorted = sorted.slice(Math.max(0, sorted.length - params.Bottom));
    for (const e of sorted) ctx.write(e.obj);
  },
});

export const sortCmdlets = [sortObjectCmdlet];
