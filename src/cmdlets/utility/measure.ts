// Measure-Object, after pwsh 7's MeasureObjectCommand (Measure-Object.cs): count, sum, average,
// minimum, maximum and (sample) standard deviation of objects or their properties; or lines,
// words and characters of text.

import { defineCmdlet } from '../../shell/cmdlet.js';
import type { CmdletContext, ParamValues } from '../../shell/cmdlet.js';
import { toStr, typeNameOf } from '../../shell/convert.js';
import { PSError } from '../../shell/errors.js';
import { getProperty, hasWildcard, propertyNames, wildcardToRegExp } from '../../shell/members.js';
import { PSObject, PSValue, ScriptBlockValue } from '../../shell/values.js';
import { compareValues, scanNumber } from '../../shell/compare.js';

const COMMAND = 'Measure-Object';
const CMDLET_CLASS = 'Microsoft.PowerShell.Commands.MeasureObjectCommand';
export const GENERIC_MEASURE_INFO = 'Microsoft.PowerShell.Commands.GenericMeasureInfo';
export const GENERIC_OBJECT_MEASURE_INFO = 'Microsoft.PowerShell.Commands.GenericObjectMeasureInfo';
export const TEXT_MEASURE_INFO = 'Microsoft.PowerShell.Commands.TextMeasureInfo';
/** The statistics key when there is no -Property. */
const THIS_OBJECT = '$_';

interface Statistics {
  name: string;
  count: number;
  sum: number;
  sumPrevious: number;
  variance: number;
  min: PSValue;
  max: PSValue;
  characters: number;
  words: number;
  lines: number;
}

interface MeasureState {
  stats: Map<string, Statistics>;
  total: number;
  nonNumeric: boolean;
}

/** LanguagePrimitives.TryConvertTo<double>: null is 0, booleans 1/0, numeric strings their value. */
function toDouble(v: PSValue): number | null {
  if (v === null) return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') return scanNumber(v);
  if (Array.isArray(v) && v.length === 1) return toDouble(v[0]);
  return null;
}

interface Switches {
  sum: boolean;
  average: boolean;
  max: boolean;
  min: boolean;
  stdDev: boolean;
  lines: boolean;
  words: boolean;
  characters: boolean;
  ignoreWhiteSpace: boolean;
}

function switches(params: ParamValues): Switches {
  const on = (n: string) => params[n] === true;
  const all = on('AllStats');
  return {
    sum: all || on('Sum'),
    average: all || on('Average'),
    max: all || on('Maximum'),
    min: all || on('Minimum'),
    stdDev: all || on('StandardDeviation'),
    lines: on('Line'),
    words: on('Word'),
    characters: on('Character'),
    ignoreWhiteSpace: on('IgnoreWhiteSpace'),
  };
}

function ensureEntry(state: MeasureState, name: string): Statistics {
  const key = name.toLowerCase();
  let stat = state.stats.get(key);
  if (!stat) {
    stat = { name, count: 0, sum: 0, sumPrevious: 0, variance: 0, min: null, max: null, characters: 0, words: 0, lines: 0 };
    state.stats.set(key, stat);
  }
  return stat;
}

function countWords(s: string): number {
  return s.split(/\s+/).filter((w) => w !== '').length;
}

/** 'abc\nd' has two lines, 'abc\n' one. */
function countLines(s: string): number {
  if (s === '') return 0;
  const newlines = s.split('\n').length - 1;
  return s.endsWith('\n') ? newlines : newlines + 1;
}

/** The runtime type as .NET would see it after the double conversion: all numbers are one type. */
function kind(v: PSValue): string {
  return typeof v === 'number' ? 'number' : typeNameOf(v);
}

/**
 * pwsh's min/max step (MeasureObjectCommand.Compare): values that convert to double compare as
 * numbers; if the two then differ in type both compare as strings; the first value, and a $null
 * that sorts below the current one, replace it.
 */
function pick(value: PSValue, current: PSValue, isMin: boolean): PSValue {
  let a: PSValue = current === null ? null : (toDouble(current) ?? current);
  let b: PSValue = value === null ? null : (toDouble(value) ?? value);
  if (a !== null && b !== null && kind(a) !== kind(b)) {
    a = toStr(current);
    b = toStr(value);
  }
  if (a === null) return value;
  let r: number;
  try {
    r = compareValues(a, b, true);
  } catch {
    return current;
  }
  return (isMin ? r : -r) > 0 ? value : current;
}

function analyze(ctx: CmdletContext, state: MeasureState, sw: Switches, name: string, value: PSValue): void {
  const stat = ensureEntry(state, name);
  stat.count++;
  if (sw.characters || sw.words || sw.lines) {
    const text = toStr(value);
    if (sw.characters) stat.characters += sw.ignoreWhiteSpace ? text.replace(/\s/g, '').length : text.length;
    if (sw.words) stat.words += countWords(text);
    if (sw.lines) stat.lines += countLines(text);
  }
  if (sw.sum || sw.average || sw.stdDev) {
    const n = toDouble(value);
    if (n === null) {
      state.nonNumeric = true;
      ctx.writeError(
        new PSError(`Input object "${toStr(value)}" is not numeric.`, {
          category: 'InvalidType',
          errorId: `NonNumericInputObject,${CMDLET_CLASS}`,
          command: COMMAND,
          exception: 'InvalidOperationException',
          target: value,
        }),
      );
      return;
    }
    stat.sumPrevious = stat.sum;
    stat.sum += n;
    if (sw.stdDev && stat.count > 1) {
      // The running sample variance (released pwsh 7 divides by n - 1).
      const avgPrevious = stat.sumPrevious / (stat.count - 1);
      stat.variance *= (stat.count - 2) / (stat.count - 1);
      stat.variance += ((n - avgPrevious) * (n - avgPrevious)) / stat.count;
    }
  }
  if (sw.min) stat.min = pick(value, stat.min, true);
  if (sw.max) stat.max = pick(value, stat.max, false);
}

/** The properties one object contributes: names (wildcards resolved on it) and script blocks. */
function analyzeProperties(ctx: CmdletContext, state: MeasureState, sw: Switches, specs: PSValue[], obj: PSValue): void {
  const counted = new Set<string>();
  for (const spec of specs) {
    if (spec instanceof ScriptBlockValue) {
      const label = spec.text;
      if (counted.has(label.toLowerCase())) continue;
      counted.add(label.toLowerCase());
      const out = spec.invoke(obj, []);
      analyze(ctx, state, sw, label, out.length === 0 ? null : out.length === 1 ? out[0] : out);
      continue;
    }
    const pattern = toStr(spec);
    let names: string[];
    if (hasWildcard(pattern)) {
      const re = wildcardToRegExp(pattern);
      names = propertyNames(obj).filter((p) => re.test(p));
    } else if (getProperty(obj, pattern) !== undefined) {
      names = [propertyNames(obj).find((p) => p.toLowerCase() === pattern.toLowerCase()) ?? pattern];
    } else {
      // A blank entry keeps the property's place; with no value at all it produces no output.
      ensureEntry(state, pattern);
      continue;
    }
    for (const n of names) {
      if (counted.has(n.toLowerCase())) continue;
      counted.add(n.toLowerCase());
      analyze(ctx, state, sw, n, getProperty(obj, n) ?? null);
    }
  }
}

function measureInfo(stat: Statistics, sw: Switches, text: boolean, nonNumeric: boolean, property: string | null): PSObject {
  if (text) {
    return PSObject.from(
      {
        Lines: sw.lines ? stat.lines : null,
        Words: sw.words ? stat.words : null,
        Characters: sw.characters ? stat.characters : null,
        Property: property,
      },
      TEXT_MEASURE_INFO,
    );
  }
  const numericRange = (stat.min === null || toDouble(stat.min) !== null) && (stat.max === null || toDouble(stat.max) !== null);
  const sum = !nonNumeric && sw.sum ? stat.sum : null;
  const average = !nonNumeric && sw.average && stat.count > 0 ? stat.sum / stat.count : null;
  if (numericRange) {
    return PSObject.from(
      {
        Count: stat.count,
        Average: average,
        Sum: sum,
        Maximum: sw.max && stat.max !== null ? toDouble(stat.max) : null,
        Minimum: sw.min && stat.min !== null ? toDouble(stat.min) : null,
        StandardDeviation: !nonNumeric && sw.stdDev ? Math.sqrt(stat.variance) : null,
        Property: property,
      },
      GENERIC_MEASURE_INFO,
    );
  }
  // Minimum/Maximum that are not numbers (dates, strings) keep their type: GenericObjectMeasureInfo.
  return PSObject.from(
    {
      Count: stat.count,
      Average: average,
      Sum: sum,
      Maximum: sw.max ? stat.max : null,
      Minimum: sw.min ? stat.min : null,
      StandardDeviation: null,
      Property: property,
    },
    GENERIC_OBJECT_MEASURE_INFO,
  );
}

function propertyParam(params: ParamValues): PSValue[] | undefined {
  const p = params.Property;
  if (p === undefined || p === null) return undefined;
  const list = Array.isArray(p) ? p : [p];
  return list.length ? list : undefined;
}

export const measureObjectCmdlet = defineCmdlet({
  name: 'Measure-Object',
  module: 'Microsoft.PowerShell.Utility',
  aliases: ['measure'],
  synopsis: 'Calculates the numeric properties of objects, and the characters, words, and lines in string objects.',
  description:
    'Counts the input and, on request, sums, averages, minimums, maximums and the standard deviation of the objects or of their properties ' +
    '(one result per property); statistics not asked for are $null. -Line, -Word and -Character measure text instead.',
  defaultSet: 'GenericMeasure',
  parameters: [
    { name: 'InputObject', type: 'object', fromPipeline: true, help: 'The objects to measure.' },
    { name: 'Property', type: 'object[]', position: 0, help: 'Properties to measure (wildcards and script blocks allowed).' },
    { name: 'Sum', type: 'switch', sets: ['GenericMeasure'], help: 'Adds the values.' },
    { name: 'Average', type: 'switch', sets: ['GenericMeasure'], help: 'Averages the values.' },
    { name: 'Maximum', type: 'switch', sets: ['GenericMeasure'], help: 'The largest value.' },
    { name: 'Minimum', type: 'switch', sets: ['GenericMeasure'], help: 'The smallest value.' },
    { name: 'StandardDeviation', type: 'switch', sets: ['GenericMeasure'], help: 'The sample standard deviation.' },
    { name: 'AllStats', type: 'switch', sets: ['GenericMeasure'], help: 'All of the statistics above.' },
    { name: 'Line', type: 'switch', sets: ['TextMeasure'], help: 'Counts lines.' },
    { name: 'Word', type: 'switch', sets: ['TextMeasure'], help: 'Counts words.' },
    { name: 'Character', type: 'switch', sets: ['TextMeasure'], help: 'Counts characters.' },
    { name: 'IgnoreWhiteSpace', type: 'switch', sets: ['TextMeasure'], help: 'Leaves white space out of the character count.' },
  ],
  examples: [
    { code: 'Get-MessageTrace | Measure-Object', remarks: 'How many traces.' },
    { code: 'Get-MessageTrace | Measure-Object Size -Sum -Average -Maximum', remarks: 'Size statistics.' },
  ],
  begin(): MeasureState {
    return { stats: new Map(), total: 0, nonNumeric: false };
  },
  process(ctx, params, input, state) {
    const item = input !== undefined ? input : ctx.bound.has('InputObject') ? (params.InputObject ?? null) : undefined;
    // $null input objects are not counted.
    if (item === undefined || item === null) return;
    state.total++;
    const specs = propertyParam(params);
    if (specs) analyzeProperties(ctx, state, switches(params), specs, item);
    else analyze(ctx, state, switches(params), THIS_OBJECT, item);
  },
  end(ctx, params, state) {
    const specs = propertyParam(params);
    // With no input and no -Property, pwsh still writes a result of zeros (like wc).
    if (state.total === 0 && !specs) ensureEntry(state, THIS_OBJECT);
    const sw = switches(params);
    const text = sw.lines || sw.words || sw.characters || params.IgnoreWhiteSpace === true;
    for (const stat of state.stats.values()) {
      // A property that no object had gives no result (pwsh reports it only in strict mode).
      if (stat.count === 0 && specs) continue;
      ctx.write(measureInfo(stat, sw, text, state.nonNumeric, specs ? stat.name : null));
    }
  },
});

export const measureCmdlets = [measureObjectCmdlet];
