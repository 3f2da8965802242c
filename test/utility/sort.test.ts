import { describe, expect, it } from 'vitest';
import { sortObjectCmdlet } from '../../src/cmdlets/utility/sort.js';
import { Hashtable, PSObject, PSValue } from '../../src/shell/values.js';
import { runCmdlet } from '../helpers/context.js';
import { PSError } from '../../src/shell/errors.js';
import { block, obj, traces } from './helpers.js';

const run = (params: Record<string, PSValue | undefined>, input?: PSValue[]) => runCmdlet(sortObjectCmdlet, params, input);
const subjects = (out: PSValue[]) => out.map((o) => (o as PSObject).get('Subject'));
const key = (entries: Record<string, PSValue>) => {
  const h = new Hashtable();
  for (const [k, v] of Object.entries(entries)) h.set(k, v);
  return h;
};

describe('Sort-Object', () => {
  it('sorts values, numbers numerically and strings case-insensitively', () => {
    expect(run({}, [10, 9, 100]).output).toEqual([9, 10, 100]);
    expect(run({}, ['b', 'C', 'a']).output).toEqual(['a', 'b', 'C']);
  });
  it('-Descending', () => {
    expect(run({ Descending: true }, [2, 3, 1]).output).toEqual([3, 2, 1]);
  });
  it('sorts by a property', () => {
    expect(subjects(run({ Property: ['Size'] }, traces()).output)).toEqual(['Lunch', 'Invoice', 'Report']);
  });
  it('sorts by several keys, with per-key direction from a hashtable', () => {
    const r = run({ Property: ['SenderAddress', key({ Expression: 'Size', Descending: true })] }, traces());
    expect(subjects(r.output)).toEqual(['Report', 'Invoice', 'Lunch']);
    const asc = run({ Property: [key({ e: 'Size', Ascending: true })], Descending: true }, traces());
    expect(subjects(asc.output)).toEqual(['Lunch', 'Invoice', 'Report']);
  });
  it('ignores conflicting Ascending/Descending entries', () => {
    const r = run({ Property: [key({ Expression: 'Size', Ascending: true, Descending: true })], Descending: true }, traces());
    expect(subjects(r.output)).toEqual(['Report', 'Invoice', 'Lunch']);
  });
  it('sorts by a script block', () => {
    const negSize = block('-$_.Size', (u) => [-((u as PSObject).get('Size') as number)]);
    expect(subjects(run({ Property: [negSize] }, traces()).output)).toEqual(['Report', 'Invoice', 'Lunch']);
  });
  it('is stable', () => {
    const rows = [obj({ k: 1, n: 'a' }), obj({ k: 0, n: 'b' }), obj({ k: 1, n: 'c' }), obj({ k: 0, n: 'd' })];
    expect(run({ Property: ['k'] }, rows).output.map((o) => (o as PSObject).get('n'))).toEqual(['b', 'd', 'a', 'c']);
    expect(run({ Property: ['k'], Descending: true }, rows).output.map((o) => (o as PSObject).get('n'))).toEqual(['a', 'c', 'b', 'd']);
  });
  it('puts null values first ascending and objects without the property last either way', () => {
    const rows = [obj({ k: 2, n: 'two' }), obj({ n: 'missing' }), obj({ k: null, n: 'null' }), obj({ k: 1, n: 'one' })];
    expect(run({ Property: ['k'] }, rows).output.map((o) => (o as PSObject).get('n'))).toEqual(['null', 'one', 'two', 'missing']);
    expect(run({ Property: ['k'], Descending: true }, rows).output.map((o) => (o as PSObject).get('n'))).toEqual(['two', 'one', 'null', 'missing']);
  });
  it('drops $null input objects', () => {
    expect(run({}, [2, null, 1]).output).toEqual([1, 2]);
  });
  it('-Unique keeps the first of equal objects, case-insensitively', () => {
    expect(run({ Unique: true }, ['b', 'A', 'a', 'B']).output).toEqual(['A', 'b']);
    expect(run({ Unique: true, CaseSensitive: true }, ['b', 'A', 'a', 'B']).output).toEqual(['a', 'A', 'b', 'B']);
  });
  it('-Top and -Bottom', () => {
    const nums = [5, 3, 9, 1, 7];
    expect(run({ Top: 2 }, nums).output).toEqual([1, 3]);
    expect(run({ Bottom: 2 }, nums).output).toEqual([7, 9]);
    expect(run({ Bottom: 2, Descending: true }, nums).output).toEqual([3, 1]);
    expect(run({ Top: 10 }, nums).output).toEqual([1, 3, 5, 7, 9]);
  });
  it('expands a wildcard against all objects', () => {
    const rows = [obj({ Zeta: 2 }), obj({ Zeta: 1 })];
    expect(run({ Property: ['Z*'] }, rows).output).toEqual([rows[1], rows[0]]);
  });
  it('compares mixed numbers and strings as strings', () => {
    expect(run({}, [10, 'abc', 9]).output).toEqual([9, 10, 'abc']);
  });
  it('sorts dates', () => {
    const a = new Date('2023-01-02T00:00:00Z'),
      b = new Date('2022-05-01T00:00:00Z');
    expect(run({}, [a, b]).output).toEqual([b, a]);
  });
  it('reports a bad hashtable key', () => {
    expect(() => run({ Property: [key({ Width: 3 })] }, [1])).toThrow(/The Width key is not valid/);
    expect(() => run({ Property: [key({ Descending: true })] }, [1])).toThrow(/Expression/);
  });
  it('writes an error for a failing script key and sorts that object as $null', () => {
    const bad = block('boom', (u) => {
      if (u === 2) throw new PSError('boom');
      return [u ?? null];
    });
    const r = run({ Property: [bad] }, [3, 2, 1]);
    expect(r.output).toEqual([2, 1, 3]);
    expect(r.errors).toEqual(['boom']);
  });
  it('writes nothing for no input', () => {
    expect(run({ Property: ['x'] }, []).output).toEqual([]);
  });
});
