import { describe, expect, it } from 'vitest';
import { forEachObjectCmdlet } from '../../src/cmdlets/utility/foreach.js';
import { Hashtable, PSObject, PSValue } from '../../src/shell/values.js';
import { runCmdlet } from '../helpers/context.js';
import { block, obj, prop, traces } from './helpers.js';

const run = (params: Record<string, PSValue | undefined>, input?: PSValue[]) => runCmdlet(forEachObjectCmdlet, params, input);
const constant = (v: PSValue) => block(`'${String(v)}'`, () => [v]);

describe('ForEach-Object with script blocks', () => {
  it('runs -Process for each object with $_ set', () => {
    const double = block('$_ * 2', (u) => [(u as number) * 2]);
    expect(run({ Process: [double] }, [1, 2, 3]).output).toEqual([2, 4, 6]);
  });
  it('writes every output object of the block', () => {
    const two = block('$_; $_', (u) => [u ?? null, u ?? null]);
    expect(run({ Process: [two] }, ['a']).output).toEqual(['a', 'a']);
  });
  it('runs -Begin before and -End after the input', () => {
    const r = run({ Begin: constant('begin'), Process: [prop('Subject')], End: constant('end') }, traces());
    expect(r.output).toEqual(['begin', 'Invoice', 'Lunch', 'Report', 'end']);
  });
  it('takes two positional blocks as begin and process', () => {
    expect(run({ Process: [constant('b'), prop('Length')] }, ['ab', 'abc']).output).toEqual(['b', 2, 3]);
  });
  it('takes three blocks (also via the remaining-argument slots) as begin, process and end', () => {
    expect(run({ Process: [constant('b')], ArgumentList: [prop('Length')], RemainingScripts: [constant('e')] }, ['ab']).output).toEqual(['b', 2, 'e']);
  });
  it('with -Begin and two -Process blocks, the last is the end block (as in pwsh)', () => {
    expect(run({ Begin: constant('b'), Process: [prop('Length'), constant('e')] }, ['ab', 'c']).output).toEqual(['b', 2, 1, 'e']);
  });
  it('runs the process block once with no input', () => {
    const seen: PSValue[] = [];
    const r = run({
      Process: [
        block('x', (u) => {
          seen.push(u ?? 'unset');
          return ['ran'];
        }),
      ],
    });
    expect(r.output).toEqual(['ran']);
    expect(seen).toEqual(['unset']);
  });
  it('rejects a mix of script blocks and other values', () => {
    expect(() => run({ Process: [constant('a'), 'b'] }, [1])).toThrow(/Cannot convert the "b" value of type "System.String" to type "System.Management.Automation.ScriptBlock"/);
  });
});

describe('ForEach-Object with a member name', () => {
  it('writes a property of each object (% Name)', () => {
    expect(run({ Process: ['Subject'] }, traces()).output).toEqual(['Invoice', 'Lunch', 'Report']);
    expect(run({ MemberName: 'subject' }, traces()).output).toEqual(['Invoice', 'Lunch', 'Report']);
  });
  it('unrolls a collection value', () => {
    expect(run({ Process: ['Tags'] }, [obj({ Tags: ['a', 'b'] }), obj({ Tags: 'c' })]).output).toEqual(['a', 'b', 'c']);
  });
  it('reads hashtable keys', () => {
    const h = new Hashtable();
    h.set('Name', 'x');
    expect(run({ Process: ['name'] }, [h]).output).toEqual(['x']);
  });
  it('writes $null for a missing member or a $null object', () => {
    expect(run({ Process: ['Nope'] }, [obj({ a: 1 }), null]).output).toEqual([null, null]);
  });
  it('calls a method without arguments when there is no such property', () => {
    expect(run({ Process: ['ToUpper'] }, ['abc']).output).toEqual(['ABC']);
  });
  it('calls a method with -ArgumentList', () => {
    expect(run({ Process: ['Replace'], ArgumentList: ['a'], RemainingScripts: ['o'] }, ['banana']).output).toEqual(['bonono']);
    expect(run({ MemberName: 'Split', ArgumentList: [','] }, ['a,b']).output).toEqual(['a', 'b']);
  });
  it('reports a method that does not exist, or a call on $null', () => {
    const r = run({ Process: ['Frobnicate'], ArgumentList: [1] }, ['x', null]);
    expect(r.errors).toEqual(['Input name "Frobnicate" cannot be resolved to a method.', 'You cannot call a method on a null-valued expression.']);
  });
  it('resolves a wildcard name to one property, or reports the ambiguity', () => {
    expect(run({ Process: ['Subj*'] }, traces().slice(0, 1)).output).toEqual(['Invoice']);
    const r = run({ Process: ['S*'] }, traces().slice(0, 1));
    expect(r.output).toEqual([]);
    expect(r.errors[0]).toMatch(/^Input name "S\*" is ambiguous/);
  });
  it('a PSObject result keeps its identity', () => {
    const inner = obj({ a: 1 });
    expect(run({ Process: ['Inner'] }, [obj({ Inner: inner })]).output[0] as PSObject).toBe(inner);
  });
});
