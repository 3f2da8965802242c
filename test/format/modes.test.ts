import { describe, expect, it } from 'vitest';
import { renderAs } from '../../src/shell/format/modes.js';
import { PSObject, TimeSpan } from '../../src/shell/values.js';
import { lines, obj, table, utc } from './helpers.js';

const opts = { views: new Map(), width: 120, color: false };
const rows = () => [obj({ Name: 'a', When: utc(2023, 8, 14, 21, 51, 20), Age: TimeSpan.fromParts(0, 1, 0, 0) }), obj({ Name: 'b', When: utc(2023, 8, 14, 21, 51, 20, 500), Age: null })];

describe('renderAs: --output modes', () => {
  it('json: one pretty array, 2-space indent, ISO dates with Z (fraction only when nonzero), TimeSpan as text', () => {
    expect(renderAs('json', rows(), opts)).toBe(
      lines(
        '[',
        '  {',
        '    "Name": "a",',
        '    "When": "2023-08-14T21:51:20Z",',
        '    "Age": "01:00:00"',
        '  },',
        '  {',
        '    "Name": "b",',
        '    "When": "2023-08-14T21:51:20.5Z",',
        '    "Age": null',
        '  }',
        ']',
      ),
    );
    expect(renderAs('json', [], opts)).toBe('[]\n');
  });

  it('jsonl: one compact object per line', () => {
    expect(renderAs('jsonl', rows(), opts)).toBe(lines('{"Name":"a","When":"2023-08-14T21:51:20Z","Age":"01:00:00"}', '{"Name":"b","When":"2023-08-14T21:51:20.5Z","Age":null}'));
  });

  it('csv: the ConvertTo-Csv text, header from the first object, fields quoted, $null left empty', () => {
    const out = renderAs('csv', [obj({ Name: 'a "q"', Count: 1 }), obj({ Name: 'b', Count: null })], opts);
    expect(out).toBe(lines('"Name","Count"', '"a ""q""","1"', '"b",'));
  });

  it('keeps a property or key named __proto__ as plain data', () => {
    const odd = new PSObject(undefined, [
      ['__proto__', 'x'],
      ['constructor', 1],
    ]);
    const text = renderAs('jsonl', [odd, table([['__proto__', table([['polluted', true]])]])], opts);
    expect(text).toBe(lines('{"__proto__":"x","constructor":1}', '{"__proto__":{"polluted":true}}'));
    const parsed = JSON.parse(text.split('\n')[1]) as Record<string, unknown>;
    expect(Object.prototype.hasOwnProperty.call(parsed, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('table and list force the layout whatever the property count', () => {
    expect(renderAs('list', [obj({ a: 1 })], opts)).toBe(lines('', 'a : 1', ''));
    expect(renderAs('table', [obj({ a: 1, b: 2, c: 3, d: 4, e: 5 })], opts)).toBe(lines('', 'a b c d e', '- - - - -', '1 2 3 4 5', ''));
  });
});
