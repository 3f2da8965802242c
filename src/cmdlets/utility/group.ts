// Group-Object, after pwsh 7's GroupObjectCommand (Group-Object.cs). Note pwsh 6.1+'s order:
// when every key value has the same type the groups come out SORTED by key (pwsh sorts the input
// first, a breaking change from Windows PowerShell); with mixed types they come in order of first
// appearance. Objects within a group keep their input order.

import { defineCmdlet } from '../../shell/cmdlet.js';
import type { ParamValues } from '../../shell/cmdlet.js';
import { toStr, typeNameOf } from '../../shell/convert.js';
import { PSError } from '../../shell/errors.js';
import { Hashtable, PSObject, PSValue } from '../../shell/values.js';
import { compareEntries, Entry, entriesFor, Key, KeySpec, parseKeySpecs, resolveKeys } from './sort.js';

const COMMAND = 'Group-Object';
const CMDLET_CLASS = 'Microsoft.PowerShell.Commands.GroupObjectCommand';
export const GROUP_INFO = 'Microsoft.PowerShell.Commands.GroupInfo';
export const GROUP_INFO_NO_ELEMENT = 'Microsoft.PowerShell.Commands.GroupInfoNoElement';

interface GroupState {
  specs?: KeySpec[];
  entries: Entry[];
}

interface Group {
  first: Entry;
  items: PSValue[];
}

function propertyParam(params: ParamValues): PSValue[] | undefined {
  const p = params.Property;
  if (p === undefined || p === null) return undefined;
  const list = Array.isArray(p) ? p : [p];
  return list.length ? list : undefined;
}

function terminating(message: string): PSError {
  return new PSError(message, { category: 'InvalidArgument', errorId: `ArgumentException,${CMDLET_CLASS}`, command: COMMAND, exception: 'ArgumentException' });
}

/** GroupInfo.Name: the key values joined by ", ", a collection as {a, b}; $null values are left out. */
export function groupName(values: PSValue[]): string {
  return values
    .filter((v) => v !== null)
    .map((v) => (Array.isArray(v) ? '{' + v.map((x) => toStr(x)).join(', ') + '}' : toStr(v)))
    .join(', ');
}

/** Whether every key position holds values of one type (nulls aside): pwsh's sorted fast path. */
function sameValueTypes(entries: Entry[]): boolean {
  const types: (string | undefined)[] = [];
  const width = entries[0]?.values.length ?? 0;
  for (const e of entries) {
    if (e.values.length !== width) return false;
    for (let k = 0; k < width; k++) {
      const v = e.values[k].value;
      if (v === null) continue;
      const t = typeNameOf(v);
      if (types[k] === undefined) types[k] = t;
      else if (types[k] !== t) return false;
    }
  }
  return true;
}

function makeGroups(entries: Entry[], caseSensitive: boolean): Group[] {
  const ascending = entries[0].values.map(() => true);
  const same = (a: Entry, b: Entry) => compareEntries(a, b, ascending, caseSensitive) === 0;
  const groups: Group[] = [];
  if (sameValueTypes(entries)) {
    const sorted = [...entries].sort((a, b) => compareEntries(a, b, ascending, caseSensitive) || a.index - b.index);
    for (const e of sorted) {
      const last = groups[groups.length - 1];
      if (last && same(last.first, e)) last.items.push(e.obj);
      else groups.push({ first: e, items: [e.obj] });
    }
  } else {
    for (const e of entries) {
      const g = groups.find((x) => same(x.first, e));
      if (g) g.items.push(e.obj);
      else groups.push({ first: e, items: [e.obj] });
    }
  }
  return groups;
}

function groupInfo(g: Group, noElement: boolean): PSObject {
  const values = g.first.values.map((v) => v.value);
  const info = new PSObject(noElement ? GROUP_INFO_NO_ELEMENT : GROUP_INFO);
  if (noElement) info.typeNames.push(GROUP_INFO);
  info.typeNames.push('System.Object');
  info.set('Count', g.items.length);
  info.set('Name', groupName(values));
  info.set('Group', noElement ? [] : g.items);
  info.set('Values', values);
  return info;
}

export const groupObjectCmdlet = defineCmdlet({
  name: 'Group-Object',
  module: 'Microsoft.PowerShell.Utility',
  aliases: ['group'],
  synopsis: 'Groups objects that contain the same value for specified properties.',
  description:
    'Writes one GroupInfo object (Count, Name, Group) per distinct key value. Keys compare case-insensitively unless -CaseSensitive. ' +
    'As in pwsh 7, groups are sorted by key when all key values have the same type, else in order of first appearance.',
  parameters: [
    { name: 'InputObject', type: 'object', fromPipeline: true, help: 'The objects to group.' },
    { name: 'Property', type: 'object[]', position: 0, help: 'The keys to group by: property names, wildcards, script blocks or @{Expression=...}.' },
    { name: 'NoElement', type: 'switch', help: 'Leaves the members out of the group objects.' },
    { name: 'AsHashTable', type: 'switch', aliases: ['AHT'], sets: ['HashTable'], help: 'Writes one hashtable: key value => group members.' },
    { name: 'AsString', type: 'switch', sets: ['HashTable'], help: 'With -AsHashTable, uses the group names (strings) as keys.' },
    { name: 'CaseSensitive', type: 'switch', help: 'Groups strings case-sensitively.' },
    { name: 'Culture', type: 'string', help: 'Accepted for compatibility; exosh compares with en-US rules.' },
  ],
  views: [
    // PowerShellCore.format.ps1xml's table views (registered so that the NoElement view is found first).
    {
      typeName: GROUP_INFO_NO_ELEMENT,
      kind: 'table',
      columns: [
        { label: 'Count', width: 5, align: 'right' },
        { label: 'Name', width: 25 },
      ],
    },
    { typeName: GROUP_INFO, kind: 'table', columns: [{ label: 'Count', width: 5, align: 'right' }, { label: 'Name', width: 25 }, 'Group'] },
  ],
  examples: [
    { code: 'Get-MessageTrace | Group-Object Status -NoElement', remarks: 'How many traces per status.' },
    { code: '$bySender = Get-MessageTrace | Group-Object SenderAddress -AsHashTable -AsString', remarks: 'A hashtable from sender to traces.' },
  ],
  begin(ctx, params) {
    const state: GroupState = { entries: [] };
    const specs = propertyParam(params);
    if (specs) state.specs = parseKeySpecs(specs, COMMAND, false);
    return state;
  },
  process(ctx, params, input, state) {
    const item = input !== undefined ? input : ctx.bound.has('InputObject') ? (params.InputObject ?? null) : undefined;
    // $null input objects are not grouped.
    if (item === undefined || item === null) return;
    const asHashTable = params.AsHashTable === true;
    const asString = params.AsString === true;
    // Wildcards expand against each object (pwsh's per-object ExpandExpressions).
    const keys: Key[] | undefined = state.specs ? resolveKeys(state.specs, [item], COMMAND) : undefined;
    if (state.entries.length === 0) {
      if (asString && !asHashTable) {
        throw terminating('The command cannot be run because the AsString parameter requires that you specify the AsHashtable parameter.');
      }
      if (asHashTable && !asString && state.specs && (state.specs.length > 1 || (keys?.length ?? 0) > 1)) {
        throw terminating('The command cannot be run because using the AsHashTable parameter with more than one property requires adding the AsString parameter.');
      }
    }
    state.entries.push(...entriesFor(ctx, [item], keys, state.entries.length));
  },
  end(ctx, params, state) {
    if (state.entries.length === 0) return;
    const noElement = params.NoElement === true;
    const groups = makeGroups(state.entries, params.CaseSensitive === true);
    if (params.AsHashTable !== true) {
      for (const g of groups) ctx.write(groupInfo(g, noElement));
      return;
    }
    const table = new Hashtable();
    for (const g of groups) {
      const key = params.AsString === true ? groupName(g.first.values.map((v) => v.value)) : (g.first.values[0]?.value ?? null);
      if (key === null || table.has(key)) {
        ctx.writeError(
          new PSError('The objects grouped by this property cannot be expanded because there is a key duplication. Provide a valid value for the property, and then try again.', {
            category: 'InvalidArgument',
            errorId: `InvalidOperation,${CMDLET_CLASS}`,
            command: COMMAND,
          }),
        );
        return;
      }
      table.set(key, noElement ? [] : g.items);
    }
    ctx.write(table);
  },
});

export const groupCmdlets = [groupObjectCmdlet];
