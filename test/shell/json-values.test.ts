// The one JSON reader: ConvertFrom-Json and the objects piped into `exosh -c` read values the
// same way, with one date rule (Newtonsoft's DateParseHandling.DateTime, as pwsh 7.4 uses it).

import { describe, expect, it } from 'vitest';
import { parseJsonInput } from '../../src/cli/stdin-objects.js';
import { convertFromJsonCmdlet } from '../../src/cmdlets/utility/json.js';
import { convertFromJson, dateOrString, JsonSyntaxError } from '../../src/shell/json-values.js';
import { PSObject, type PSValue } from '../../src/shell/values.js';
import { runCmdlet } from '../helpers/context.js';

const prop = (v: PSValue | undefined, name: string): PSValue | undefined => (v as PSObject).get(name);

describe('dateOrString: the one date rule', () => {
  it('reads an ISO 8601 date with or without a zone; a zone-less one is UTC', () => {
    expect(dateOrString('2023-08-14T10:00:00')).toEqual(new Date('2023-08-14T10:00:00Z'));
    expect(dateOrString('2023-08-14T10:00:00Z')).toEqual(new Date('2023-08-14T10:00:00Z'));
    expect(dateOrString('2023-08-14T10:00:00.5+02:00')).toEqual(new Date('2023-08-14T08:00:00.500Z'));
  });

  it('leaves a string that is not a real date as it is', () => {
    for (const s of ['2023-02-30T00:00:00Z', '2023-02-30T00:00:00', '2023-13-01T00:00:00', '2023-08-14T24:00:00', '2023-08-14', 'yesterday']) {
      expect(dateOrString(s)).toBe(s);
    }
  });
});

describe('stdin objects and ConvertFrom-Json agree', () => {
  const json = '[{"d":"2023-08-14T10:00:00"},{"d":"2023-02-30T00:00:00Z"},{"d":"2023-08-14T10:00:00Z"}]';

  it('a zone-less date becomes a DateTime, an invalid date stays a string, on both paths', () => {
    const fromStdin = parseJsonInput(json)!;
    const fromCmdlet = runCmdlet(convertFromJsonCmdlet, {}, [json]).output;
    for (const values of [fromStdin, fromCmdlet]) {
      expect(values).toHaveLength(3);
      expect(prop(values[0], 'd')).toEqual(new Date('2023-08-14T10:00:00Z'));
      expect(prop(values[1], 'd')).toBe('2023-02-30T00:00:00Z');
      expect(prop(values[2], 'd')).toEqual(new Date('2023-08-14T10:00:00Z'));
    }
  });

  it('JSON lines are read one document a line, with the same rule', () => {
    const values = parseJsonInput('{"d":"2023-08-14T10:00:00"}\n{"d":"2023-02-30T00:00:00Z"}\n')!;
    expect(prop(values[0], 'd')).toEqual(new Date('2023-08-14T10:00:00Z'));
    expect(prop(values[1], 'd')).toBe('2023-02-30T00:00:00Z');
  });

  it('stdin keeps what it did before: text lines, one value, nothing, merged names', () => {
    expect(parseJsonInput('  \n')).toBeUndefined();
    expect(parseJsonInput('alpha\nbeta\n')).toEqual(['alpha', 'beta']);
    expect(parseJsonInput('{"a":1}\nnot json\n')).toEqual(['{"a":1}', 'not json']);
    expect(parseJsonInput('"x"')).toEqual(['x']);
    expect(parseJsonInput('[1,[2,3]]')).toEqual([1, [2, 3]]);
    const merged = parseJsonInput('{"a":1,"A":2,"":3}')![0] as PSObject;
    expect(merged.names()).toEqual(['a', '']);
    expect(merged.get('a')).toBe(2);
  });

  it('ConvertFrom-Json still refuses names differing only in case', () => {
    expect(() => convertFromJson('{"a":1,"A":2}')).toThrow(/keys with different casing/);
    expect(() => convertFromJson('{"a":')).toThrow(JsonSyntaxError);
  });
});
