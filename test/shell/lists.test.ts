// toList: the one "value to list" helper the shell and the cmdlets share.

import { describe, expect, it } from 'vitest';
import { toList } from '../../src/shell/lists.js';

describe('toList', () => {
  it('$null and nothing are no values, an array is its items, anything else one value', () => {
    expect(toList(null)).toEqual([]);
    expect(toList(undefined)).toEqual([]);
    const arr = [1, null, 'a'];
    expect(toList(arr)).toBe(arr);
    expect(toList('a')).toEqual(['a']);
    expect(toList(0)).toEqual([0]);
    expect(toList(false)).toEqual([false]);
    expect(toList('')).toEqual(['']);
  });
});
