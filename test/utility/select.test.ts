import { describe, expect, it } from 'vitest';
import { selectObjectCmdlet } from '../../src/cmdlets/utility/select.js';
import { Hashtable, PSObject, PSValue, ScriptBlockValue } from '../../src/shell/values.js';
import { fakeContext, runCmdlet } from '../helpers/context.js';
import { PSError } from '../../src/shell/errors.js';
import { block, obj, prop, traces } from './helpers.js';

const run = (params: Record<string, PSValue | undefined>, input?: PSValue[]) => runCmdlet(selectObjectCmdlet, params, input);
const calc = (name: string, expr: ScriptBlockValue | string) => {
  const h = new Hashtable();
  h.set('n', name);
  h.set('e', expr);
  return h;
};

describe('Select-Object -Property', () => {
  it('makes Selected.<type> objects with the chosen properties in order', () => {
    const r = run({ Property: ['Status', 'Subject'] }, traces());
    expect(r.output).toHaveLength(3);
    const first = r.output[0] as PSObject;
    expect(first.names()).toEqual(['Status', 'Subject']);
    expect(first.get('Subject')).toBe('Invoice');
    expect(first.typeNames).toEqual(['Selected.Exchange.MessageTrace', 'System.Management.Automation.PSCustomObject', 'System.Object']);
  });
  it('uses the object’s own spelling of a property name', () => {
    const r = run({ Property: ['subject'] }, traces());
    expect((r.output[0] as PSObject).names()).toEqual(['Subject']);
  });
  it('adds a missing property with a null value, but not for an unmatched wildcard', () => {
    const r = run({ Property: ['Nope', 'Zz*'] }, [obj({ a: 1 })]);
    const o = r.output[0] as PSObject;
    expect(o.names()).toEqual(['Nope']);
    expect(o.get('Nope')).toBeNull();
  });
  it('expands wildcards against each object', () => {
    const r = run({ Property: ['S*'] }, traces());
    expect((r.output[0] as PSObject).names()).toEqual(['Subject', 'SenderAddress', 'Status', 'Size']);
  });
  it('evaluates calculated properties, also ones reading a script variable', () => {
    const result = obj({ senderaddress: 'boss@contoso.com' });
    const fromVar = block('$result.senderaddress', () => [result.get('senderaddress') ?? null]);
    const r = run(
      {
        Property: [
          calc('SenderAddress', fromVar),
          calc(
            'Upper',
            block('$_.Subject.ToUpper()', (u) => [String((u as PSObject).get('Subject')).toUpperCase()]),
          ),
        ],
      },
      traces().slice(0, 2),
    );
    expect(r.output.map((o) => (o as PSObject).get('SenderAddress'))).toEqual(['boss@contoso.com', 'boss@contoso.com']);
    expect((r.output[1] as PSObject).get('Upper')).toBe('LUNCH');
    expect((r.output[0] as PSObject).names()).toEqual(['SenderAddress', 'Upper']);
  });
  it('keeps a calculated property whose expression fails, with $null', () => {
    const failing = block("throw 'boom'", () => {
      throw new PSError('boom');
    });
    const r = run({ Property: ['a', calc('X', failing)] }, [obj({ a: 1 })]);
    expect((r.output[0] as PSObject).get('X')).toBeNull();
    expect((r.output[0] as PSObject).names()).toEqual(['a', 'X']);
    expect(r.errors).toEqual([]);
  });
  it('lets anything other than a PowerShell error through (break, exit)', () => {
    const failing = block('exit', () => {
      throw new Error('not a PSError');
    });
    expect(() => run({ Property: [calc('X', failing)] }, [obj({ a: 1 })])).toThrow('not a PSError');
  });
  it('works on a string (Length)', () => {
    const r = run({ Property: ['Length'] }, ['abcd']);
    const o = r.output[0] as PSObject;
    expect(o.get('Length')).toBe(4);
    expect(o.typeName).toBe('Selected.System.String');
  });
  it('writes an error for a property selected twice', () => {
    const r = run({ Property: ['Subject', 'subject'] }, traces().slice(0, 1));
    expect(r.errors).toEqual(['The property cannot be processed because the property "Subject" already exists.']);
    expect((r.output[0] as PSObject).names()).toEqual(['Subject']);
  });
  it('rejects a bad calculated-property key before any input', () => {
    const h = new Hashtable();
    h.set('bogus', 1);
    expect(() => run({ Property: [h] }, [])).toThrow(/bogus key is not valid/);
  });
  it('does not add Selected.Selected.', () => {
    const once = run({ Property: ['Subject'] }, traces()).output;
    const twice = run({ Property: ['Subject'] }, once).output[0] as PSObject;
    expect(twice.typeName).toBe('Selected.System.Management.Automation.PSCustomObject');
  });
});

describe('Select-Object -ExcludeProperty', () => {
  it('alone means all properties but the excluded ones', () => {
    const r = run({ ExcludeProperty: ['S*'] }, [obj({ Subject: 1, Size: 2, Id: 3 })]);
    expect((r.output[0] as PSObject).names()).toEqual(['Id']);
  });
  it('does not exclude calculated properties', () => {
    const r = run({ Property: ['*', calc('Size2', prop('Size'))], ExcludeProperty: ['Size*'] }, [obj({ Subject: 1, Size: 2 })]);
    expect((r.output[0] as PSObject).names()).toEqual(['Subject', 'Size2']);
  });
});

describe('Select-Object -ExpandProperty', () => {
  it('writes the value, unrolling collections and dropping nulls', () => {
    const r = run({ ExpandProperty: 'Tags' }, [obj({ Tags: ['a', null, 'b'] }), obj({ Tags: null }), obj({ Tags: 'c' })]);
    expect(r.output).toEqual(['a', 'b', 'c']);
  });
  it('adds -Property values to expanded objects, as a copy', () => {
    const inner = obj({ Address: 'x@contoso.com' });
    const outer = obj({ Recipient: inner, Subject: 'Hi' });
    const r = run({ ExpandProperty: 'Recipient', Property: ['Subject'] }, [outer]);
    const o = r.output[0] as PSObject;
    expect(o.names()).toEqual(['Address', 'Subject']);
    expect(o.get('Subject')).toBe('Hi');
    expect(o.typeName).toBe('Selected.System.Management.Automation.PSCustomObject');
    expect(inner.has('Subject')).toBe(false);
  });
  it('reports a property that exists on both', () => {
    const r = run({ ExpandProperty: 'Inner', Property: ['Name'] }, [obj({ Name: 'outer', Inner: obj({ Name: 'inner' }) })]);
    expect(r.errors).toEqual(['The property cannot be processed because the property "Name" already exists.']);
    expect((r.output[0] as PSObject).get('Name')).toBe('inner');
  });
  it('reports a missing property', () => {
    const r = run({ ExpandProperty: 'Nope' }, [obj({ a: 1 })]);
    expect(r.output).toEqual([]);
    expect(r.errors).toEqual(['Property "Nope" cannot be found.']);
  });
  it('reports a wildcard matching several properties', () => {
    const r = run({ ExpandProperty: 'S*' }, traces().slice(0, 1));
    expect(r.errors).toEqual(['Multiple properties cannot be expanded.']);
  });
});

describe('Select-Object -First/-Last/-Skip/-SkipLast/-Index', () => {
  const nums = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  it('-First streams the first objects', () => {
    expect(run({ First: 3 }, nums).output).toEqual([1, 2, 3]);
    expect(run({ First: 0 }, nums).output).toEqual([]);
  });
  it('-First writes before the end of the input, then ignores the rest', () => {
    const params = { First: 1 };
    const { ctx, run: out } = fakeContext('Select-Object', ['First']);
    const state = selectObjectCmdlet.begin!(ctx, params);
    selectObjectCmdlet.process!(ctx, params, 'a', state);
    expect(out.output).toEqual(['a']);
    selectObjectCmdlet.process!(ctx, params, 'b', state);
    selectObjectCmdlet.end!(ctx, params, state);
    expect(out.output).toEqual(['a']);
  });
  it('-Last keeps the last objects', () => {
    expect(run({ Last: 3 }, nums).output).toEqual([8, 9, 10]);
  });
  it('-Skip skips from the start, and from the end with -Last', () => {
    expect(run({ Skip: 7 }, nums).output).toEqual([8, 9, 10]);
    expect(run({ First: 2, Skip: 3 }, nums).output).toEqual([4, 5]);
    expect(run({ Last: 3, Skip: 1 }, nums).output).toEqual([7, 8, 9]);
  });
  it('-First with -Last gives both ends', () => {
    expect(run({ First: 2, Last: 2 }, nums).output).toEqual([1, 2, 9, 10]);
  });
  it('-SkipLast leaves out the last objects', () => {
    expect(run({ SkipLast: 8 }, nums).output).toEqual([1, 2]);
  });
  it('-Index picks positions in input order, once each', () => {
    expect(run({ Index: [5, 0, 5] }, nums).output).toEqual([1, 6]);
    expect(run({ SkipIndex: [0, 9] }, nums).output).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
  });
  it('ignores $null input objects', () => {
    expect(run({ First: 1 }, [null, 'x']).output).toEqual(['x']);
  });
  it('passes objects through unchanged without -Property', () => {
    const t = traces();
    expect(run({ First: 1 }, t).output[0]).toBe(t[0]);
  });
});

describe('Select-Object -Unique', () => {
  it('is case-sensitive and writes the first of each at the end', () => {
    expect(run({ Unique: true }, ['a', 'A', 'a', 'b']).output).toEqual(['a', 'A', 'b']);
  });
  it('compares selected properties', () => {
    const r = run({ Property: ['SenderAddress'], Unique: true }, traces());
    expect(r.output.map((o) => (o as PSObject).get('SenderAddress'))).toEqual(['a@contoso.com', 'b@contoso.com']);
  });
  it('applies to expanded values', () => {
    expect(run({ ExpandProperty: 'SenderAddress', Unique: true }, traces()).output).toEqual(['a@contoso.com', 'b@contoso.com']);
  });
});

describe('Select-Object -InputObject', () => {
  it('takes the whole collection as one object', () => {
    const r = run({ InputObject: [1, 2, 3], Property: ['Count'] });
    expect((r.output[0] as PSObject).get('Count')).toBe(3);
  });
});
