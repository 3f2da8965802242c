import { describe, expect, it } from 'vitest';
import { measureObjectCmdlet } from '../../src/cmdlets/utility/measure.js';
import { PSObject, PSValue } from '../../src/shell/values.js';
import { runCmdlet } from '../helpers/context.js';
import { block, obj, traces } from './helpers.js';

const run = (params: Record<string, PSValue | undefined>, input?: PSValue[]) => runCmdlet(measureObjectCmdlet, params, input);
const one = (params: Record<string, PSValue | undefined>, input?: PSValue[]) => run(params, input).output[0] as PSObject;

describe('Measure-Object', () => {
  it('counts, with the other statistics $null, in pwsh 7’s property order', () => {
    const m = one({}, [1, 2, 3]);
    expect(m.typeName).toBe('Microsoft.PowerShell.Commands.GenericMeasureInfo');
    expect(m.names()).toEqual(['Count', 'Average', 'Sum', 'Maximum', 'Minimum', 'StandardDeviation', 'Property']);
    expect(m.entries()).toEqual([
      ['Count', 3],
      ['Average', null],
      ['Sum', null],
      ['Maximum', null],
      ['Minimum', null],
      ['StandardDeviation', null],
      ['Property', null],
    ]);
  });
  it('sum, average, maximum, minimum', () => {
    const m = one({ Sum: true, Average: true, Maximum: true, Minimum: true }, [4, '6', 2]);
    expect([m.get('Sum'), m.get('Average'), m.get('Maximum'), m.get('Minimum')]).toEqual([12, 4, 6, 2]);
  });
  it('sample standard deviation and -AllStats', () => {
    const m = one({ AllStats: true }, [1, 2, 3, 4]);
    expect(m.get('StandardDeviation') as number).toBeCloseTo(1.2909944487358056, 12);
    expect(m.get('Sum')).toBe(10);
    expect(m.get('Minimum')).toBe(1);
  });
  it('one result per property, named in Property', () => {
    const r = run({ Property: ['Size', 'Nope'], Sum: true }, traces());
    expect(r.output).toHaveLength(1);
    const m = r.output[0] as PSObject;
    expect(m.get('Property')).toBe('Size');
    expect(m.get('Sum')).toBe(450);
    expect(m.get('Count')).toBe(3);
  });
  it('measures a script block', () => {
    const m = one({ Property: [block('$_.Size * 2', (u) => [((u as PSObject).get('Size') as number) * 2])], Maximum: true }, traces());
    expect(m.get('Maximum')).toBe(600);
    expect(m.get('Property')).toBe('$_.Size * 2');
  });
  it('reports non-numeric input and leaves Sum and Average $null', () => {
    const r = run({ Sum: true, Average: true }, [1, 'abc', 2]);
    expect(r.errors).toEqual(['Input object "abc" is not numeric.']);
    const m = r.output[0] as PSObject;
    expect(m.get('Count')).toBe(3);
    expect(m.get('Sum')).toBeNull();
  });
  it('keeps non-numeric minimum/maximum as they are (GenericObjectMeasureInfo)', () => {
    const a = new Date('2023-01-01T00:00:00Z'),
      b = new Date('2024-01-01T00:00:00Z');
    const m = one({ Maximum: true, Minimum: true }, [b, a]);
    expect(m.typeName).toBe('Microsoft.PowerShell.Commands.GenericObjectMeasureInfo');
    expect(m.get('Maximum')).toBe(b);
    expect(m.get('Minimum')).toBe(a);
    const s = one({ Maximum: true }, ['apple', 'Pear', 'banana']);
    expect(s.get('Maximum')).toBe('Pear');
  });
  it('ignores $null input objects, and writes zeros for no input', () => {
    expect(one({}, [null, 1]).get('Count')).toBe(1);
    expect(one({}, []).get('Count')).toBe(0);
    expect(run({ Property: ['x'] }, []).output).toEqual([]);
  });
  it('measures text: lines, words, characters', () => {
    const m = one({ Line: true, Word: true, Character: true }, ['one two\nthree', 'four ']);
    expect(m.typeName).toBe('Microsoft.PowerShell.Commands.TextMeasureInfo');
    expect(m.entries()).toEqual([
      ['Lines', 3],
      ['Words', 4],
      ['Characters', 18],
      ['Property', null],
    ]);
    expect(one({ Character: true, IgnoreWhiteSpace: true }, ['a b ']).get('Characters')).toBe(2);
    expect(one({ Word: true }, ['x']).get('Lines')).toBeNull();
  });
  it('counts objects whose property is $null, as 0 in the sum', () => {
    const m = one({ Property: ['v'], Sum: true }, [obj({ v: null }), obj({ v: 5 })]);
    expect(m.get('Count')).toBe(2);
    expect(m.get('Sum')).toBe(5);
  });
});
