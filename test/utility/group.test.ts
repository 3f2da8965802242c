import { describe, expect, it } from 'vitest';
import { groupObjectCmdlet, groupName } from '../../src/cmdlets/utility/group.js';
import { Hashtable, PSObject, PSValue } from '../../src/shell/values.js';
import { runCmdlet } from '../helpers/context.js';
import { block, obj, traces } from './helpers.js';

const run = (params: Record<string, PSValue | undefined>, input?: PSValue[]) => runCmdlet(groupObjectCmdlet, params, input);
const g = (o: PSValue) => o as PSObject;

describe('Group-Object', () => {
  it('writes GroupInfo objects with Count, Name, Group (in that order)', () => {
    const r = run({ Property: ['SenderAddress'] }, traces());
    expect(r.output).toHaveLength(2);
    const first = g(r.output[0]);
    expect(first.typeName).toBe('Microsoft.PowerShell.Commands.GroupInfo');
    expect(first.names().slice(0, 3)).toEqual(['Count', 'Name', 'Group']);
    expect(first.get('Count')).toBe(2);
    expect(first.get('Name')).toBe('a@contoso.com');
    expect((first.get('Group') as PSObject[]).map((o) => o.get('Subject'))).toEqual(['Invoice', 'Report']);
    expect(first.get('Values')).toEqual(['a@contoso.com']);
  });
  it('groups case-insensitively; the name comes from the first object', () => {
    const r = run({ Property: ['Status'] }, traces());
    expect(r.output.map((o) => [g(o).get('Name'), g(o).get('Count')])).toEqual([
      ['Delivered', 1],
      ['Failed', 2],
    ]);
    const cs = run({ Property: ['Status'], CaseSensitive: true }, traces());
    expect(cs.output.map((o) => g(o).get('Name'))).toEqual(['Delivered', 'failed', 'Failed']);
  });
  it('sorts the groups when the key values share a type (pwsh 6.1+)', () => {
    expect(run({}, ['b', 'a', 'b', 'c']).output.map((o) => g(o).get('Name'))).toEqual(['a', 'b', 'c']);
    expect(run({}, [10, 9, 10]).output.map((o) => g(o).get('Name'))).toEqual(['9', '10']);
  });
  it('keeps first-appearance order when key types differ', () => {
    const r = run({}, ['b', 1, 'a', '1']);
    expect(r.output.map((o) => [g(o).get('Name'), g(o).get('Count')])).toEqual([
      ['b', 1],
      ['1', 2],
      ['a', 1],
    ]);
  });
  it('groups by several properties and by a script block', () => {
    const r = run({ Property: ['SenderAddress', 'Status'] }, traces());
    expect(r.output.map((o) => g(o).get('Name'))).toEqual(['a@contoso.com, Delivered', 'a@contoso.com, failed', 'b@contoso.com, Failed']);
    const big = block('$_.Size -gt 60', (u) => [(g(u ?? null).get('Size') as number) > 60]);
    expect(run({ Property: [big] }, traces()).output.map((o) => [g(o).get('Name'), g(o).get('Count')])).toEqual([
      ['False', 1],
      ['True', 2],
    ]);
  });
  it('names a missing or $null key as empty and a collection key in braces', () => {
    const r = run({ Property: ['k'] }, [obj({ k: null }), obj({ x: 1 }), obj({ k: ['a', 'b'] })]);
    const names = r.output.map((o) => g(o).get('Name'));
    expect(names).toContain('');
    expect(names).toContain('{a, b}');
    expect(groupName([null, 'x', ['1', 2]])).toBe('x, {1, 2}');
  });
  it('-NoElement leaves out the members', () => {
    const first = g(run({ Property: ['Status'], NoElement: true }, traces()).output[1]);
    expect(first.typeNames).toEqual(['Microsoft.PowerShell.Commands.GroupInfoNoElement', 'Microsoft.PowerShell.Commands.GroupInfo', 'System.Object']);
    expect(first.get('Count')).toBe(2);
    expect(first.get('Group')).toEqual([]);
  });
  it('-AsHashTable maps key values to groups; -AsString uses the names', () => {
    const h = run({ Property: ['Size'], AsHashTable: true }, [obj({ Size: 1 }), obj({ Size: 2 }), obj({ Size: 1 })]).output[0] as Hashtable;
    expect(h).toBeInstanceOf(Hashtable);
    expect(h.keys()).toEqual([1, 2]);
    expect((h.get(1) as PSValue[]).length).toBe(2);
    const s = run({ Property: ['Size'], AsHashTable: true, AsString: true }, [obj({ Size: 1 })]).output[0] as Hashtable;
    expect(s.keys()).toEqual(['1']);
  });
  it('refuses -AsString without -AsHashTable, and several properties without -AsString', () => {
    expect(() => run({ Property: ['Size'], AsString: true }, traces())).toThrow(/AsString parameter requires/);
    expect(() => run({ Property: ['Size', 'Status'], AsHashTable: true }, traces())).toThrow(/more than one property requires adding the AsString/);
  });
  it('ignores $null input and writes nothing for no input', () => {
    expect(run({}, [null]).output).toEqual([]);
    expect(run({}, []).output).toEqual([]);
  });
  it('registers pwsh’s table views', () => {
    const views = groupObjectCmdlet.views!;
    expect(views.map((v) => v.typeName)).toEqual(['Microsoft.PowerShell.Commands.GroupInfoNoElement', 'Microsoft.PowerShell.Commands.GroupInfo']);
    expect(views[1].columns).toEqual([{ label: 'Count', width: 5, align: 'right' }, { label: 'Name', width: 25 }, 'Group']);
  });
});
