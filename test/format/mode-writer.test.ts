// ModeWriter, the streaming form of the --output modes: objects written in any number of batches
// give the same bytes as renderAs of all of them at once, and the jsonl, csv and json text of a
// batch is out before the next batch comes.
import { describe, expect, it } from 'vitest';
import { ModeWriter, renderAs, type OutputMode } from '../../src/shell/format/modes.js';
import { PSObject, TimeSpan, type PSValue } from '../../src/shell/values.js';
import { obj, table, utc } from './helpers.js';

const opts = { views: new Map(), width: 120, color: false };

function streamed(mode: OutputMode, batches: PSValue[][]): { text: string; afterEachBatch: string[] } {
  let text = '';
  const afterEachBatch: string[] = [];
  const writer = new ModeWriter(mode, opts, (t) => {
    text += t;
  });
  for (const batch of batches) {
    writer.write(batch);
    afterEachBatch.push(text);
  }
  writer.end();
  return { text, afterEachBatch };
}

const values: PSValue[] = [
  obj({ 'a,"b': 1, When: utc(2023, 8, 14, 21, 51, 20, 500), Age: TimeSpan.fromParts(0, 1, 0, 0), Z: null }),
  null,
  obj({ Z: 'only Z', 'a,"b': [1, 2], Extra: 'not a column' }),
  'text',
  table([['k', table([['nested', true]])]]),
  [1, [2, 3]],
  42,
  new PSObject(undefined, [['__proto__', 'x']]),
];

describe('ModeWriter', () => {
  it.each(['jsonl', 'csv', 'json', 'table', 'list'] as OutputMode[])('%s: the same bytes in batches of any size as all at once', (mode) => {
    const whole = renderAs(mode, values, opts);
    for (const size of [1, 2, 3, values.length]) {
      const batches: PSValue[][] = [];
      for (let i = 0; i < values.length; i += size) batches.push(values.slice(i, i + size));
      expect({ size, text: streamed(mode, batches).text }).toEqual({ size, text: whole });
    }
  });

  it('csv with formula escaping (EXOSH_CSV_ESCAPE_FORMULAS=1): later batches keep the columns of an escaped header', () => {
    const saved = process.env.EXOSH_CSV_ESCAPE_FORMULAS;
    process.env.EXOSH_CSV_ESCAPE_FORMULAS = '1';
    try {
      const rows = [obj({ '=a': 1, '-b': '=x' }), obj({ '=a': 2, '-b': '+y' })];
      expect(streamed('csv', [rows.slice(0, 1), rows.slice(1)]).text).toBe(renderAs('csv', rows, opts));
      expect(renderAs('csv', rows, opts)).toBe(`"'=a","'-b"\n"1","'=x"\n"2","'+y"\n`);
    } finally {
      if (saved === undefined) delete process.env.EXOSH_CSV_ESCAPE_FORMULAS;
      else process.env.EXOSH_CSV_ESCAPE_FORMULAS = saved;
    }
  });

  it('an object without properties first: csv writes no lines at all, as ConvertTo-Csv', () => {
    expect(streamed('csv', [[obj({})], [obj({ a: 1 })]]).text).toBe('');
  });

  it('nothing written: json is [], the other modes nothing', () => {
    for (const mode of ['jsonl', 'csv', 'table', 'list'] as OutputMode[]) expect(streamed(mode, [[], []]).text).toBe('');
    expect(streamed('json', [[], []]).text).toBe('[]\n');
  });

  it('jsonl, csv and json write a batch before the next one comes; table and list wait for the end', () => {
    const batches = [[obj({ N: 1 })], [obj({ N: 2 })]];
    expect(streamed('jsonl', batches).afterEachBatch).toEqual(['{"N":1}\n', '{"N":1}\n{"N":2}\n']);
    expect(streamed('csv', batches).afterEachBatch).toEqual(['"N"\n"1"\n', '"N"\n"1"\n"2"\n']);
    // an item follows once it is known whether a comma comes after it, so the text ends at a line boundary
    expect(streamed('json', batches).afterEachBatch).toEqual(['[\n', '[\n  {\n    "N": 1\n  },\n']);
    expect(streamed('table', batches).afterEachBatch).toEqual(['', '']);
  });
});
