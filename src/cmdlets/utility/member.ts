// Get-Member, after pwsh 7's GetMemberCommand (GetMember.cs): one set of MemberDefinition objects
// per distinct input type, sorted by member type and then name.

import { defineCmdlet } from '../../shell/cmdlet.js';
import { toStr, typeNameOf } from '../../shell/convert.js';
import { PSError } from '../../shell/errors.js';
import { getProperty, propertyNames, wildcardToRegExp } from '../../shell/members.js';
import { Hashtable, PSObject, PSValue, ScriptBlockValue, TimeSpan } from '../../shell/values.js';

export const MEMBER_DEFINITION = 'Microsoft.PowerShell.Commands.MemberDefinition';
const PSCUSTOMOBJECT = 'System.Management.Automation.PSCustomObject';

const MEMBER_TYPES = [
  'AliasProperty',
  'CodeProperty',
  'Property',
  'NoteProperty',
  'ScriptProperty',
  'Properties',
  'PropertySet',
  'Method',
  'CodeMethod',
  'ScriptMethod',
  'Methods',
  'ParameterizedProperty',
  'MemberSet',
  'Event',
  'Dynamic',
  'All',
] as const;

const PROPERTY_KINDS = ['AliasProperty', 'CodeProperty', 'Property', 'NoteProperty', 'ScriptProperty'];
const METHOD_KINDS = ['Method', 'CodeMethod', 'ScriptMethod'];

interface Member {
  name: string;
  memberType: string;
  definition: string;
}

/** The every-object methods of System.Object, as Get-Member lists them. */
const OBJECT_METHODS: Member[] = [
  { name: 'Equals', memberType: 'Method', definition: 'bool Equals(System.Object obj)' },
  { name: 'GetHashCode', memberType: 'Method', definition: 'int GetHashCode()' },
  { name: 'GetType', memberType: 'Method', definition: 'type GetType()' },
  { name: 'ToString', memberType: 'Method', definition: 'string ToString()' },
];

/** How a member definition names a value's type: pwsh's short names (`string`, `int`, `datetime`, `Object[]`). */
export function definitionTypeName(v: PSValue | undefined): string {
  if (v === null || v === undefined) return 'System.Object';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return !Number.isInteger(v) ? 'double' : Math.abs(v) <= 2147483647 ? 'int' : 'long';
  if (typeof v === 'boolean') return 'bool';
  if (v instanceof Date) return 'datetime';
  if (v instanceof TimeSpan) return 'timespan';
  if (Array.isArray(v)) return 'Object[]';
  if (v instanceof Hashtable) return v.ordered ? 'System.Collections.Specialized.OrderedDictionary' : 'hashtable';
  if (v instanceof ScriptBlockValue) return 'scriptblock';
  if (v instanceof PSObject && v.typeNames.includes(PSCUSTOMOBJECT) && !v.typeName.startsWith('Selected.')) return PSCUSTOMOBJECT;
  return typeNameOf(v);
}

/** A note property's `type Name=value` definition; the value reads as .NET's ToString(). */
function noteDefinition(name: string, v: PSValue): string {
  let text: string;
  if (v === null) text = 'null';
  else if (Array.isArray(v)) text = 'System.Object[]';
  else text = toStr(v);
  const type = v === null ? 'object' : definitionTypeName(v);
  return `${type} ${name}=${text}`;
}

/** The members of one value. Objects made in the shell have note properties; others typed properties. */
function membersOf(value: PSValue): Member[] {
  const members = [...OBJECT_METHODS];
  if (value instanceof PSObject) {
    const custom = value.typeNames.includes(PSCUSTOMOBJECT);
    for (const [name, v] of value.entries()) {
      members.push(custom ? { name, memberType: 'NoteProperty', definition: noteDefinition(name, v) } : { name, memberType: 'Property', definition: `${definitionTypeName(v)} ${name} {get;set;}` });
    }
    return members;
  }
  for (const name of propertyNames(value)) {
    members.push({ name, memberType: 'Property', definition: `${definitionTypeName(getProperty(value, name))} ${name} {get;}` });
  }
  return members;
}

/** Whether a member is of one of the requested -MemberType kinds. */
function typeMatches(member: Member, kinds: string[]): boolean {
  return kinds.some(
    (k) => k === 'All' || k === member.memberType || (k === 'Properties' && PROPERTY_KINDS.includes(member.memberType)) || (k === 'Methods' && METHOD_KINDS.includes(member.memberType)),
  );
}

/** MemberComparer: by member type, then name, both ordinal ignoring case. */
function compareMembers(a: Member, b: Member): number {
  const x = a.memberType.toUpperCase(),
    y = b.memberType.toUpperCase();
  if (x !== y) return x < y ? -1 : 1;
  const p = a.name.toUpperCase(),
    q = b.name.toUpperCase();
  return p < q ? -1 : p > q ? 1 : 0;
}

function memberDefinition(typeName: string, m: Member): PSObject {
  const o = PSObject.from({ TypeName: typeName, Name: m.name, MemberType: m.memberType, Definition: m.definition }, MEMBER_DEFINITION);
  // MemberDefinition.ToString() is its Definition.
  o.display = m.definition;
  return o;
}

function listParam(v: PSValue | undefined, fallback: string[]): string[] {
  if (v === undefined || v === null) return fallback;
  const list = (Array.isArray(v) ? v : [v]).map((x) => toStr(x));
  return list.length ? list : fallback;
}

function typeNameFor(value: PSValue): string {
  return value instanceof PSObject ? value.typeName : typeNameOf(value);
}

export const getMemberCmdlet = defineCmdlet({
  name: 'Get-Member',
  module: 'Microsoft.PowerShell.Utility',
  aliases: ['gm'],
  synopsis: 'Gets the properties and methods of objects.',
  description: 'Lists the members of the input objects, once per distinct type: TypeName, Name, MemberType (NoteProperty, Property, Method) and Definition.',
  parameters: [
    { name: 'InputObject', type: 'object', fromPipeline: true, help: 'The object whose members are listed.' },
    { name: 'Name', type: 'string[]', position: 0, help: 'Member names to list (wildcards allowed).' },
    { name: 'MemberType', type: { enum: MEMBER_TYPES, array: true }, aliases: ['Type'], help: 'Member kinds to list.' },
    { name: 'Force', type: 'switch', help: 'Accepted for compatibility.' },
  ],
  views: [
    // pwsh's view also groups the table by TypeName ("TypeName: ..." above each group).
    { typeName: MEMBER_DEFINITION, kind: 'table', columns: ['Name', 'MemberType', 'Definition'] },
  ],
  examples: [
    { code: 'Get-MessageTrace | Get-Member', remarks: 'The properties of message trace objects.' },
    { code: 'Get-MessageTrace | Get-Member -MemberType NoteProperty', remarks: 'Only the note properties.' },
  ],
  begin() {
    return new Set<string>();
  },
  process(ctx, params, input, seen) {
    const value = input !== undefined ? input : ctx.bound.has('InputObject') ? (params.InputObject ?? null) : undefined;
    if (value === undefined || value === null) return;
    const typeName = typeNameFor(value);
    if (seen.has(typeName)) return;
    seen.add(typeName);
    const kinds = listParam(params.MemberType, ['All']);
    const members = membersOf(value).filter((m) => typeMatches(m, kinds));
    // Each -Name pattern gives its own sorted list, as in pwsh.
    for (const pattern of listParam(params.Name, ['*'])) {
      const re = wildcardToRegExp(pattern);
      for (const m of members.filter((x) => re.test(x.name)).sort(compareMembers)) ctx.write(memberDefinition(typeName, m));
    }
  },
  end(ctx, params, seen) {
    if (seen.size === 0) {
      ctx.writeError(
        new PSError('You must specify an object for the Get-Member cmdlet.', {
          category: 'CloseError',
          errorId: 'NoObjectInGetMember,Microsoft.PowerShell.Commands.GetMemberCommand',
          command: 'Get-Member',
          exception: 'InvalidOperationException',
        }),
      );
    }
  },
});

export const memberCmdlets = [getMemberCmdlet];
