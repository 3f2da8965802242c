import { describe, expect, it } from 'vitest';
import { whereObjectCmdlet } from '../../src/cmdlets/utility/where.js';
import { Hashtable, PSObject, PSValue } from '../../src/shell/values.js';
import { runCmdlet } from '../helpers/context.js';
import { block, obj, prop, traces } from './helpers.js';

const run = (params: Record<string, PSValue | undefined>, input?: PSValue[]) => runCmdlet(whereObjectCmdlet, params, input);
const subjects = (out: PSValue[]) => out.map((o) => (o as PSObject).get('Subject'));

describe('Where-Object with a script block', () => {
  it('keeps objects for which the block is true', () => {
    const bigger = block('$_.Size -gt 60', (u) => [((u as PSObject).get('Size') as number) > 60]);
    expect(subjects(run({ Property: bigger }, traces()).output)).toEqual(['Invoice', 'Report']);
    expect(subjects(run({ FilterScript: bigger }, traces()).output)).toEqual(['Invoice', 'Report']);
  });
  it('uses PowerShell truthiness of the output', () => {
    expect(run({ Property: prop('x') }, [obj({ x: '' }), obj({ x: 'y' }), obj({ x: 0 }), obj({ x: [] }), obj({ x: [0] }), obj({ x: [0, 0] })]).output).toHaveLength(2);
    const many = block('1; 0', () => [0, 0]);
    expect(run({ Property: many }, ['a']).output).toEqual(['a']);
    const none = block('', () => []);
    expect(run({ Property: none }, ['a']).output).toEqual([]);
  });
  it('runs the block for a $null input object', () => {
    const isNull = block('$null -eq $_', (u) => [u === null]);
    expect(run({ Property: isNull }, [null, 1]).output).toEqual([null]);
  });
});

describe('Where-Object simplified syntax', () => {
  it('Status -eq Failed (case-insensitive)', () => {
    expect(subjects(run({ Property: 'Status', EQ: true, Value: 'Failed' }, traces()).output)).toEqual(['Lunch', 'Report']);
  });
  it('-CEQ is case-sensitive', () => {
    expect(subjects(run({ Property: 'Status', CEQ: true, Value: 'Failed' }, traces()).output)).toEqual(['Lunch']);
  });
  it('-NE, -GT, -GE, -LT, -LE', () => {
    expect(subjects(run({ Property: 'Status', NE: true, Value: 'failed' }, traces()).output)).toEqual(['Invoice']);
    expect(subjects(run({ Property: 'Size', GT: true, Value: '99' }, traces()).output)).toEqual(['Invoice', 'Report']);
    expect(subjects(run({ Property: 'Size', GE: true, Value: 100 }, traces()).output)).toEqual(['Invoice', 'Report']);
    expect(subjects(run({ Property: 'Size', LT: true, Value: 100 }, traces()).output)).toEqual(['Lunch']);
    expect(subjects(run({ Property: 'Size', LE: true, Value: 100 }, traces()).output)).toEqual(['Invoice', 'Lunch']);
  });
  it('-Like, -NotLike, -CLike', () => {
    expect(subjects(run({ Property: 'Subject', Like: true, Value: 'r*' }, traces()).output)).toEqual(['Report']);
    expect(subjects(run({ Property: 'Subject', CLike: true, Value: 'r*' }, traces()).output)).toEqual([]);
    expect(subjects(run({ Property: 'Subject', NotLike: true, Value: '*o*' }, traces()).output)).toEqual(['Lunch']);
  });
  it('-Match, -NotMatch, -CMatch', () => {
    expect(subjects(run({ Property: 'Subject', Match: true, Value: '^(inv|lun)' }, traces()).output)).toEqual(['Invoice', 'Lunch']);
    expect(subjects(run({ Property: 'Subject', CMatch: true, Value: '^(inv|lun)' }, traces()).output)).toEqual([]);
    expect(subjects(run({ Property: 'Subject', NotMatch: true, Value: 'o' }, traces()).output)).toEqual(['Lunch']);
  });
  it('-Contains / -NotContains on a collection property', () => {
    const rows = [obj({ Tags: ['vip', 'external'] }), obj({ Tags: ['internal'] })];
    expect(run({ Property: 'Tags', Contains: true, Value: 'VIP' }, rows).output).toEqual([rows[0]]);
    expect(run({ Property: 'Tags', CContains: true, Value: 'VIP' }, rows).output).toEqual([]);
    expect(run({ Property: 'Tags', NotContains: true, Value: 'vip' }, rows).output).toEqual([rows[1]]);
  });
  it('-In / -NotIn', () => {
    expect(subjects(run({ Property: 'Subject', In: true, Value: ['lunch', 'report'] }, traces()).output)).toEqual(['Lunch', 'Report']);
    expect(subjects(run({ Property: 'Subject', CIn: true, Value: ['lunch', 'Report'] }, traces()).output)).toEqual(['Report']);
    expect(subjects(run({ Property: 'Subject', NotIn: true, Value: ['lunch', 'report'] }, traces()).output)).toEqual(['Invoice']);
  });
  it('-eq against a collection property filters it, so any match keeps the object', () => {
    const rows = [obj({ Recipients: ['a@x.com', 'b@x.com'] }), obj({ Recipients: ['c@x.com'] })];
    expect(run({ Property: 'Recipients', EQ: true, Value: 'B@X.COM' }, rows).output).toEqual([rows[0]]);
  });
  it('-Is / -IsNot', () => {
    const rows = [obj({ V: 1 }), obj({ V: 'x' }), obj({ V: new Date(0) })];
    expect(run({ Property: 'V', Is: true, Value: '[int]' }, rows).output).toEqual([rows[0]]);
    expect(run({ Property: 'V', Is: true, Value: 'datetime' }, rows).output).toEqual([rows[2]]);
    expect(run({ Property: 'V', IsNot: true, Value: 'string' }, rows).output).toEqual([rows[0], rows[2]]);
  });
  it('a property alone tests its truth; -Not its falsehood', () => {
    const rows = [obj({ Enabled: true }), obj({ Enabled: false }), obj({ Other: 1 }), obj({ Enabled: 'False' })];
    expect(run({ Property: 'Enabled' }, rows).output).toEqual([rows[0], rows[3]]);
    expect(run({ Property: 'Enabled', Not: true }, rows).output).toEqual([rows[1], rows[2]]);
  });
  it('a missing property is $null', () => {
    expect(run({ Property: 'Nope', EQ: true, Value: null }, [obj({ a: 1 })]).output).toHaveLength(1);
  });
  it('reads hashtable keys and string properties', () => {
    const h = new Hashtable();
    h.set('Status', 'Failed');
    expect(run({ Property: 'Status', EQ: true, Value: 'failed' }, [h]).output).toEqual([h]);
    expect(run({ Property: 'Length', GT: true, Value: 2 }, ['ab', 'abc']).output).toEqual(['abc']);
  });
  it('a wildcard property must match one member', () => {
    expect(subjects(run({ Property: 'Subj*', EQ: true, Value: 'lunch' }, traces()).output)).toEqual(['Lunch']);
    const r = run({ Property: 'S*', EQ: true, Value: 'x' }, traces().slice(0, 1));
    expect(r.output).toEqual([]);
    expect(r.errors[0]).toBe('Input name "S*" is ambiguous. It can be resolved to multiple matched members. Possible matches include: Subject SenderAddress Status Size.');
  });
  it('needs -Value with an operator, and an operator with -Value', () => {
    expect(() => run({ Property: 'Status', EQ: true }, traces())).toThrow(/requires both the -Property and -Value/);
    expect(() => run({ Property: 'Status', Value: 'Failed' }, traces())).toThrow(/An operator is required/);
    expect(() => run({ Property: 'Status', EQ: true, Like: true, Value: 'x' }, traces())).toThrow(/Parameter set cannot be resolved/);
  });
  it('a failed comparison writes an error and drops that object', () => {
    const r = run({ Property: 'Size', GT: true, Value: 'abc' }, traces().slice(0, 1));
    expect(r.output).toEqual([]);
    expect(r.errors[0]).toMatch(/^Could not compare "100" to "abc"/);
  });
  it('does nothing without input', () => {
    expect(run({ Property: 'Status', EQ: true, Value: 'x' }).output).toEqual([]);
  });
  it('the operator switches are declared in separate parameter sets', () => {
    const eq = whereObjectCmdlet.parameters.find((p) => p.name === 'EQ')!;
    expect(eq.aliases).toEqual(['IEQ']);
    expect(eq.sets).toEqual(['EqualSet']);
    const value = whereObjectCmdlet.parameters.find((p) => p.name === 'Value')!;
    expect(value.position).toBe(1);
    expect(value.sets).not.toContain('Not');
    expect(whereObjectCmdlet.parameters.find((p) => p.name === 'Property')!.position).toBe(0);
  });
});
