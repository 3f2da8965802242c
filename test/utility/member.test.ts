import { describe, expect, it } from 'vitest';
import { getMemberCmdlet } from '../../src/cmdlets/utility/member.js';
import { PSObject, PSValue } from '../../src/shell/values.js';
import { runCmdlet } from '../helpers/context.js';
import { obj } from './helpers.js';

const run = (params: Record<string, PSValue | undefined>, input?: PSValue[]) => runCmdlet(getMemberCmdlet, params, input);
const rows = (out: PSValue[]) =>
  out.map((o) => {
    const m = o as PSObject;
    return [m.get('Name'), m.get('MemberType'), m.get('Definition')];
  });

describe('Get-Member', () => {
  it('lists methods then note properties of a custom object, sorted', () => {
    const r = run({}, [obj({ Subject: 'Hi', Count: 5, When: new Date('2023-08-14T21:51:20Z'), Tags: ['a'], Missing: null, Ok: true, Ratio: 0.5 })]);
    expect(rows(r.output)).toEqual([
      ['Equals', 'Method', 'bool Equals(System.Object obj)'],
      ['GetHashCode', 'Method', 'int GetHashCode()'],
      ['GetType', 'Method', 'type GetType()'],
      ['ToString', 'Method', 'string ToString()'],
      ['Count', 'NoteProperty', 'int Count=5'],
      ['Missing', 'NoteProperty', 'object Missing=null'],
      ['Ok', 'NoteProperty', 'bool Ok=True'],
      ['Ratio', 'NoteProperty', 'double Ratio=0.5'],
      ['Subject', 'NoteProperty', 'string Subject=Hi'],
      ['Tags', 'NoteProperty', 'Object[] Tags=System.Object[]'],
      ['When', 'NoteProperty', 'datetime When=8/14/2023 9:51:20 PM'],
    ]);
    const first = r.output[0] as PSObject;
    expect(first.typeName).toBe('Microsoft.PowerShell.Commands.MemberDefinition');
    expect(first.get('TypeName')).toBe('System.Management.Automation.PSCustomObject');
    expect(first.names()).toEqual(['TypeName', 'Name', 'MemberType', 'Definition']);
  });
  it('lists typed objects’ properties as Property', () => {
    const r = run({ MemberType: ['Property'] }, [obj({ Subject: 'x', Size: 1 }, 'Exchange.MessageTrace')]);
    expect(rows(r.output)).toEqual([
      ['Size', 'Property', 'int Size {get;set;}'],
      ['Subject', 'Property', 'string Subject {get;set;}'],
    ]);
    expect((r.output[0] as PSObject).get('TypeName')).toBe('Exchange.MessageTrace');
  });
  it('lists each type once', () => {
    const r = run({ MemberType: ['Properties'] }, [obj({ a: 1 }), obj({ b: 2 }), 'x', 'y']);
    expect(r.output.map((o) => (o as PSObject).get('TypeName'))).toEqual(['System.Management.Automation.PSCustomObject', 'System.String']);
    expect(rows(r.output)[0]).toEqual(['a', 'NoteProperty', 'int a=1']);
  });
  it('filters by name (wildcards) and member-type groups', () => {
    expect(rows(run({ Name: ['Get*'] }, [obj({ GetIt: 1 })]).output).map((x) => x[0])).toEqual(['GetHashCode', 'GetType', 'GetIt']);
    expect(rows(run({ MemberType: ['Methods'] }, ['x']).output).map((x) => x[0])).toEqual(['Equals', 'GetHashCode', 'GetType', 'ToString']);
    expect(rows(run({ MemberType: ['Properties'] }, ['x']).output)).toEqual([['Length', 'Property', 'int Length {get;}']]);
  });
  it('writes an error without input', () => {
    expect(run({}, []).errors).toEqual(['You must specify an object for the Get-Member cmdlet.']);
    expect(run({}, [null]).errors).toHaveLength(1);
  });
  it('a member definition reads as its Definition', () => {
    const m = run({ Name: ['ToString'] }, ['x']).output[0] as PSObject;
    expect(m.display).toBe('string ToString()');
  });
});
