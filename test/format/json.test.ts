import { describe, expect, it } from 'vitest';
import { convertFromJsonCmdlet, convertToJsonCmdlet } from '../../src/cmdlets/utility/json.js';
import { PSError } from '../../src/shell/errors.js';
import { Hashtable, PSObject, TimeSpan, type PSValue } from '../../src/shell/values.js';
import { runCmdlet } from '../helpers/context.js';
import { obj, table, utc } from './helpers.js';

const toJson = (input: PSValue[], params: Record<string, PSValue> = {}) => runCmdlet(convertToJsonCmdlet, params, input);
const fromJson = (input: string[], params: Record<string, PSValue> = {}) => runCmdlet(convertFromJsonCmdlet, params, input).output;
const text = (...ls: string[]) => ls.join('\n');

describe('ConvertTo-Json', () => {
  it('writes one piped object as itself, 2-space indented, `"Name": value`', () => {
    const run = toJson([obj({ Name: 'a', Count: 1, Enabled: true, Tags: ['x', 'y'], Empty: [], None: null })]);
    expect(run.output).toEqual([text('{', '  "Name": "a",', '  "Count": 1,', '  "Enabled": true,', '  "Tags": [', '    "x",', '    "y"', '  ],', '  "Empty": [],', '  "None": null', '}')]);
    expect(run.warnings).toEqual([]);
  });

  it('writes several piped objects, or -AsArray, as an array; -Compress on one line', () => {
    expect(toJson([1, 'two'], { Compress: true }).output).toEqual(['[1,"two"]']);
    expect(toJson([obj({ a: 1 })], { AsArray: true, Compress: true }).output).toEqual(['[{"a":1}]']);
    expect(toJson([obj({ a: 1 }), obj({ a: 2 })]).output).toEqual([text('[', '  {', '    "a": 1', '  },', '  {', '    "a": 2', '  }', ']')]);
  });

  it("cuts objects nested deeper than -Depth 2 to their string form, with pwsh's warning", () => {
    const nested = table([['a', table([['b', table([['c', table([['d', 1]])]])]])]]);
    const run = toJson([nested]);
    expect(run.output).toEqual([text('{', '  "a": {', '    "b": {', '      "c": "System.Collections.Hashtable"', '    }', '  }', '}')]);
    expect(run.warnings).toEqual(['Resulting JSON is truncated as serialization has exceeded the set depth of 2.']);
    const custom = toJson([obj({ o: obj({ p: obj({ q: obj({ r: 1, s: [1, 2] }) }) }) })], { Depth: 2, Compress: true });
    expect(custom.output).toEqual(['{"o":{"p":{"q":"@{r=1; s=System.Object[]}"}}}']);
    expect(toJson([obj({ o: obj({ p: 1 }) })], { Depth: 0, Compress: true }).output).toEqual(['{"o":"@{p=1}"}']);
  });

  it('writes dates as ISO 8601 UTC, NaN as a string, and escapes like Newtonsoft.Json', () => {
    const run = toJson([obj({ When: utc(2023, 8, 14, 21, 51, 20, 120), Bad: NaN, Tiny: 1e-7, Text: 'a"b\\c\u2028\u0001é' })], { Compress: true });
    expect(run.output).toEqual(['{"When":"2023-08-14T21:51:20.12Z","Bad":"NaN","Tiny":1E-07,"Text":"a\\"b\\\\c\\u2028\\u0001é"}']);
  });

  it('writes a TimeSpan with its properties, doubles keeping their .0', () => {
    const [out] = toJson([TimeSpan.fromParts(0, 1, 0, 0)], { Compress: true }).output;
    expect(out).toBe(
      '{"Ticks":36000000000,"Days":0,"Hours":1,"Milliseconds":0,"Microseconds":0,"Nanoseconds":0,"Minutes":0,"Seconds":0,' +
        '"TotalDays":0.041666666666666664,"TotalHours":1.0,"TotalMilliseconds":3600000.0,"TotalMicroseconds":3600000000.0,' +
        '"TotalNanoseconds":3600000000000.0,"TotalMinutes":60.0,"TotalSeconds":3600.0}',
    );
  });

  it('writes null for $null input and nothing for no input', () => {
    expect(toJson([null]).output).toEqual(['null']);
    expect(toJson([]).output).toEqual([]);
  });

  it('refuses hashtable keys that are not strings', () => {
    expect(() => toJson([table([[1, 'one']])])).toThrow(/Keys must be strings/);
  });
});

describe('ConvertFrom-Json', () => {
  it('turns objects into PSCustomObjects, ISO strings into dates, and keeps other strings', () => {
    const [o] = fromJson(['{"Name":"a","Count":1,"When":"2023-08-14T21:51:20Z","Local":"2023-08-14T23:51:20+02:00","Day":"2023-08-14","Tags":["x","y"],"Sub":{"k":null}}']);
    expect(o).toBeInstanceOf(PSObject);
    const p = o as PSObject;
    expect(p.typeName).toBe('System.Management.Automation.PSCustomObject');
    expect(p.names()).toEqual(['Name', 'Count', 'When', 'Local', 'Day', 'Tags', 'Sub']);
    expect(p.get('When')).toEqual(utc(2023, 8, 14, 21, 51, 20));
    expect(p.get('Local')).toEqual(utc(2023, 8, 14, 21, 51, 20));
    expect(p.get('Day')).toBe('2023-08-14');
    expect(p.get('Tags')).toEqual(['x', 'y']);
    expect((p.get('Sub') as PSObject).get('k')).toBeNull();
  });

  it('writes the items of a top-level array one by one, unless -NoEnumerate', () => {
    expect(fromJson(['[1, 2, "three"]'])).toEqual([1, 2, 'three']);
    expect(fromJson(['[1, 2]'], { NoEnumerate: true })).toEqual([[1, 2]]);
  });

  it('joins piped lines into one document, but reads JSON lines one by one', () => {
    const joined = fromJson(['{', '  "a": 1,', '  "b": [true, false]', '}']);
    expect(joined).toHaveLength(1);
    expect((joined[0] as PSObject).get('b')).toEqual([true, false]);
    expect(fromJson(['{"a":1}', '{"a":2}']).map((o) => (o as PSObject).get('a'))).toEqual([1, 2]);
  });

  it('accepts what Newtonsoft.Json accepts: comments, single quotes, bare names, trailing commas', () => {
    const [o] = fromJson(['{ // note\n name: \'x\', /* c */ "n": NaN, list: [1,2,], }']);
    expect((o as PSObject).entries()).toEqual([
      ['name', 'x'],
      ['n', NaN],
      ['list', [1, 2]],
    ]);
  });

  it('fails on malformed JSON with a clear, pwsh-shaped message', () => {
    let err: unknown;
    try {
      fromJson(['hello']);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PSError);
    expect((err as PSError).message).toBe("Conversion from JSON failed with error: Unexpected character encountered while parsing value: h. Path '', line 1, position 1.");
    expect((err as PSError).errorId).toBe('System.ArgumentException,Microsoft.PowerShell.Commands.ConvertFromJsonCommand');
    expect(() => fromJson(['{"a": [1, 2}'])).toThrow("After parsing a value an unexpected character was encountered: }. Path 'a[1]', line 1, position 12.");
    expect(() => fromJson(['{"a": 1} x'])).toThrow('Additional text encountered after finished reading JSON content: x.');
  });

  it('refuses keys differing only in case, and empty keys, unless -AsHashtable', () => {
    expect(() => fromJson(['{"a":1,"A":2}'])).toThrow(
      "Cannot convert the JSON string because it contains keys with different casing. Please use the -AsHashTable switch instead. The key that was attempted to be added to the existing key 'a' was 'A'.",
    );
    expect(() => fromJson(['{"":1}'])).toThrow('The provided JSON includes a property whose name is an empty string, this is only supported using the -AsHashTable switch.');
    const [h] = fromJson(['{"b":1,"":2,"a":3}'], { AsHashtable: true });
    expect(h).toBeInstanceOf(Hashtable);
    expect((h as Hashtable).ordered).toBe(true);
    expect((h as Hashtable).keys()).toEqual(['b', '', 'a']);
  });

  it('keeps a key named __proto__ as data', () => {
    const [o] = fromJson(['{"__proto__": {"polluted": true}, "a": 2}']);
    const p = o as PSObject;
    expect(p.names()).toEqual(['__proto__', 'a']);
    expect((p.get('__proto__') as PSObject).get('polluted')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('gives $null for empty text', () => {
    expect(fromJson([''])).toEqual([null]);
  });

  it('round-trips through ConvertTo-Json', () => {
    const original = obj({ Name: 'Recall', When: utc(2023, 8, 14, 21, 51, 20), Count: 3, Ratio: 0.5, Flags: [true, false], Sub: obj({ k: 'v' }) });
    const [json] = toJson([original], { Depth: 5 }).output;
    const [back] = fromJson([json as string]);
    expect((back as PSObject).entries()).toEqual([
      ['Name', 'Recall'],
      ['When', utc(2023, 8, 14, 21, 51, 20)],
      ['Count', 3],
      ['Ratio', 0.5],
      ['Flags', [true, false]],
      ['Sub', obj({ k: 'v' })],
    ]);
  });
});
