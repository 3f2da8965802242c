// Select-Object, after pwsh 7's SelectObjectCommand (Select-Object.cs): property selection
// into new "Selected.<type>" objects, -ExpandProperty, and the First/Last/Skip/SkipLast queue.

import { defineCmdlet } from '../../shell/cmdlet.js';
import type { CmdletContext, ParamValues } from '../../shell/cmdlet.js';
import { typeNameOf } from '../../shell/convert.js';
import { PSError } from '../../shell/errors.js';
import { getProperty, hasWildcard, propertyNames, wildcardToRegExp } from '../../shell/members.js';
import { resolveProperties } from '../../shell/properties.js';
import { Hashtable, PSObject, PSValue, ScriptBlockValue } from '../../shell/values.js';
import { sortCompare } from '../../shell/compare.js';

const COMMAND = 'Select-Object';
const CMDLET_CLASS = 'Microsoft.PowerShell.Commands.SelectObjectCommand';
export const PSCUSTOMOBJECT = 'System.Management.Automation.PSCustomObject';
const MAX_INT = 2147483647;

interface Note {
  name: string;
  value: PSValue;
}

/**
 * pwsh's SelectObjectQueue, ported as is: it decides which objects stream out at once
 * (-First, -Skip) and which wait for the end (-Last, -SkipLast).
 */
class SelectQueue {
  private readonly items: PSValue[] = [];
  private streamed = 0;

  constructor(
    private readonly first: number,
    private readonly last: number,
    private skip: number,
    private readonly skipLast: number,
    private readonly firstOrLastSpecified: boolean,
  ) {}

  get length(): number {
    return this.items.length;
  }

  /** True once -First has everything it wants: the rest of the input can be ignored. */
  get allRequestedProcessed(): boolean {
    return this.firstOrLastSpecified && this.last === 0 && this.first !== 0 && this.streamed >= this.first;
  }

  enqueue(obj: PSValue): void {
    if (this.last > 0 && this.items.length >= this.last + this.skip && this.first === 0) this.items.shift();
    else if (this.last > 0 && this.items.length >= this.last && this.first !== 0) this.items.shift();
    this.items.push(obj);
  }

  dequeue(): PSValue {
    return this.items.shift() as PSValue;
  }

  /** The object to process now, if any. */
  streamingDequeue(): { value: PSValue } | undefined {
    if (this.skip === 0) {
      if (this.skipLast > 0) {
        if (this.items.length > this.skipLast) return { value: this.dequeue() };
      } else {
        if (this.streamed < this.first || !this.firstOrLastSpecified) {
          this.streamed++;
          return { value: this.dequeue() };
        }
        if (this.last === 0) this.dequeue();
      }
    } else if (this.last === 0) {
      this.dequeue();
      this.skip--;
    } else if (this.first !== 0) {
      this.skip--;
      this.dequeue();
    }
    return undefined;
  }
}

interface Written {
  /** What was written. */
  out: PSValue;
  /** What -Unique compares besides the notes: the expanded or passed-through object (none for new objects). */
  base: PSValue | undefined;
  notes: Note[];
}

interface SelectState {
  queue: SelectQueue;
  exclude?: RegExp[];
  /** -Index / -SkipIndex, sorted. */
  index?: number[];
  includeIndex: boolean;
  filterPos: number;
  objectPos: number;
  /** Everything requested was produced; later input is ignored (pwsh stops upstream here). */
  done: boolean;
  uniques?: Written[];
}

function intParam(params: ParamValues, name: string): number {
  const v = params[name];
  return typeof v === 'number' ? v : 0;
}

function propertySpecs(params: ParamValues, state: SelectState): PSValue[] | undefined {
  const p = params.Property;
  const specs = Array.isArray(p) ? p : p === undefined || p === null ? undefined : [p];
  if (specs && specs.length) return specs;
  // -ExcludeProperty alone means -Property * (pwsh does this "for better UX").
  return state.exclude ? ['*'] : undefined;
}

function alreadyExists(name: string, target: PSValue, errorId: string): PSError {
  return new PSError(`The property cannot be processed because the property "${name}" already exists.`, {
    category: 'InvalidOperation',
    errorId: `${errorId},${CMDLET_CLASS}`,
    command: COMMAND,
    exception: 'ArgumentException',
    target,
  });
}

/** The name/value pairs -Property asks for, evaluated against one input object. */
function selectNotes(ctx: CmdletContext, specs: PSValue[], obj: PSValue, exclude: RegExp[] | undefined, forExpand: boolean): Note[] {
  const notes: Note[] = [];
  const seen = new Set<string>();
  for (const spec of specs) {
    const isCalculated = spec instanceof Hashtable || spec instanceof ScriptBlockValue;
    for (const p of resolveProperties([spec], obj, COMMAND)) {
      // Exclusion applies to property names, not to calculated properties' labels.
      if (!isCalculated && exclude?.some((re) => re.test(p.label))) continue;
      let value: PSValue;
      try {
        value = p.get(obj);
      } catch (e) {
        // Select-Object keeps a calculated property whose expression fails, with a null value.
        if (e instanceof PSError) value = null;
        else throw e;
      }
      const key = p.label.toLowerCase();
      if (seen.has(key)) {
        if (!forExpand) ctx.writeError(alreadyExists(p.label, obj, 'AlreadyExistingUserSpecifiedPropertyNoExpand'));
        continue;
      }
      seen.add(key);
      notes.push({ name: p.label, value });
    }
  }
  return notes;
}

/**
 * The .NET type pwsh names in "Selected.<type>": the input's own type, except that an object
 * made by Select-Object is a PSCustomObject underneath (no "Selected.Selected.X").
 */
function baseTypeName(input: PSValue): string {
  if (input instanceof PSObject && input.typeName.startsWith('Selected.') && input.typeNames.includes(PSCUSTOMOBJECT)) return PSCUSTOMOBJECT;
  return typeNameOf(input);
}

/** A new "Selected." object: pwsh's type names are Selected.<input type>, PSCustomObject, Object. */
export function selectedObject(input: PSValue, notes: Note[]): PSObject {
  const result = new PSObject(`Selected.${baseTypeName(input)}`);
  result.typeNames.push(PSCUSTOMOBJECT, 'System.Object');
  for (const n of notes) result.set(n.name, n.value);
  return result;
}

/** Adds -Property's notes to an expanded object (a copy, so the original stays as it was). */
function withNotes(ctx: CmdletContext, item: PSValue, notes: Note[], input: PSValue): PSValue {
  // Only objects with properties can carry notes here; a string or number is written as it is.
  if (notes.length === 0 || !(item instanceof PSObject)) return item;
  const copy = new PSObject(item.typeName, item.entries());
  copy.typeNames = [...item.typeNames];
  copy.display = item.display;
  copy.source = item.source;
  for (const n of notes) {
    if (copy.has(n.name)) ctx.writeError(alreadyExists(n.name, input, 'AlreadyExistingUserSpecifiedPropertyExpand'));
    else copy.set(n.name, n.value);
  }
  if (copy.typeName === PSCUSTOMOBJECT) copy.typeNames.unshift(`Selected.${baseTypeName(input)}`);
  return copy;
}

function sameNotes(a: Note[], b: Note[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((n) => {
    const other = b.find((m) => m.name.toLowerCase() === n.name.toLowerCase());
    return other !== undefined && sortCompare(n.value, other.value, true) === 0;
  });
}

/**
 * FilteredWriteObject: writes at once, or with -Unique remembers the first of each distinct
 * object for the end. -Unique compares case-sensitively (unlike Sort-Object -Unique).
 */
function emit(ctx: CmdletContext, state: SelectState, w: Written): void {
  if (!state.uniques) {
    ctx.write(w.out);
    return;
  }
  const duplicate = state.uniques.some((u) => (u.base === undefined) === (w.base === undefined) && (w.base === undefined || sortCompare(u.base, w.base, true) === 0) && sameNotes(u.notes, w.notes));
  if (!duplicate) state.uniques.push(w);
}

function expand(ctx: CmdletContext, state: SelectState, obj: PSValue, name: string, notes: Note[]): void {
  let value: PSValue | undefined;
  if (hasWildcard(name)) {
    const re = wildcardToRegExp(name);
    const matches = propertyNames(obj).filter((p) => re.test(p));
    if (matches.length > 1) {
      ctx.writeError(
        new PSError('Multiple properties cannot be expanded.', {
          category: 'InvalidArgument',
          errorId: `MutlipleExpandProperties,${CMDLET_CLASS}`,
          command: COMMAND,
          exception: 'PSArgumentException',
          target: obj,
        }),
      );
      return;
    }
    value = matches.length ? getProperty(obj, matches[0]) : undefined;
  } else {
    value = getProperty(obj, name);
  }
  if (value === undefined) {
    ctx.writeError(
      new PSError(`Property "${name}" cannot be found.`, {
        category: 'InvalidArgument',
        errorId: `ExpandPropertyNotFound,${CMDLET_CLASS}`,
        command: COMMAND,
        exception: 'PSArgumentException',
        target: obj,
      }),
    );
    return;
  }
  if (value === null) return;
  // A collection is unrolled onto the pipeline (a hashtable is not a collection here); nulls are dropped.
  for (const item of Array.isArray(value) ? value : [value]) {
    if (item === null) continue;
    emit(ctx, state, { out: withNotes(ctx, item, notes, obj), base: item, notes });
  }
}

function processObject(ctx: CmdletContext, params: ParamValues, state: SelectState, obj: PSValue): void {
  const specs = propertySpecs(params, state);
  const expandName = typeof params.ExpandProperty === 'string' && params.ExpandProperty !== '' ? params.ExpandProperty : undefined;
  if (!specs && !expandName) {
    emit(ctx, state, { out: obj, base: obj, notes: [] });
    return;
  }
  const notes = specs ? selectNotes(ctx, specs, obj, state.exclude, expandName !== undefined) : [];
  if (expandName) expand(ctx, state, obj, expandName, notes);
  else emit(ctx, state, { out: selectedObject(obj, notes), base: undefined, notes });
}

function processIndexed(ctx: CmdletContext, params: ParamValues, state: SelectState, obj: PSValue): void {
  const index = state.index!;
  if (state.filterPos < index.length) {
    const next = index[state.filterPos];
    const hit = state.objectPos === next;
    if (hit) while (state.filterPos < index.length && index[state.filterPos] === next) state.filterPos++;
    if (hit === state.includeIndex) processObject(ctx, params, state, obj);
  } else if (!state.includeIndex) {
    processObject(ctx, params, state, obj);
  }
  if (state.includeIndex && state.filterPos >= index.length) state.done = true;
  state.objectPos++;
}

/** The state of one Select-Object run, made in begin. */
function makeState(params: ParamValues): SelectState {
  const bound = (n: string) => params[n] !== undefined && params[n] !== null;
  const first = intParam(params, 'First');
  const last = intParam(params, 'Last');
  const exclude = params.ExcludeProperty;
  const indexParam = bound('Index') ? params.Index : bound('SkipIndex') ? params.SkipIndex : undefined;
  return {
    queue: new SelectQueue(first, last, intParam(params, 'Skip'), intParam(params, 'SkipLast'), bound('First') || bound('Last')),
    exclude: Array.isArray(exclude) ? exclude.map((p) => wildcardToRegExp(String(p))) : undefined,
    index: Array.isArray(indexParam) ? (indexParam as number[]).slice().sort((a, b) => a - b) : undefined,
    includeIndex: bound('Index'),
    filterPos: 0,
    objectPos: 0,
    done: false,
    uniques: params.Unique === true ? [] : undefined,
  };
}

export const selectObjectCmdlet = defineCmdlet({
  name: 'Select-Object',
  module: 'Microsoft.PowerShell.Utility',
  aliases: ['select'],
  synopsis: 'Selects objects or object properties.',
  description:
    'Selects specified properties of an object or set of objects, unique objects, or a number of objects from the beginning or end of the input. ' +
    'Selected properties make new objects whose type name is "Selected." followed by the input type; missing properties are added with a $null value.',
  defaultSet: 'DefaultParameter',
  parameters: [
    { name: 'InputObject', type: 'object', fromPipeline: true, help: 'The objects to select from.' },
    {
      name: 'Property',
      type: 'object[]',
      position: 0,
      sets: ['DefaultParameter', 'SkipLastParameter'],
      help: 'Properties to select: names, wildcards, or calculated properties @{Name=...; Expression={...}}.',
    },
    { name: 'ExcludeProperty', type: 'string[]', sets: ['DefaultParameter', 'SkipLastParameter'], help: 'Properties to leave out (wildcards allowed); alone it implies -Property *.' },
    { name: 'ExpandProperty', type: 'string', sets: ['DefaultParameter', 'SkipLastParameter'], help: 'A property whose value (or each element of it) is written instead of the object.' },
    { name: 'Unique', type: 'switch', help: 'Writes each distinct object once (case-sensitive comparison).' },
    { name: 'Last', type: 'int', range: [0, MAX_INT], sets: ['DefaultParameter'], help: 'Number of objects to select from the end.' },
    { name: 'First', type: 'int', range: [0, MAX_INT], sets: ['DefaultParameter'], help: 'Number of objects to select from the beginning.' },
    { name: 'Skip', type: 'int', range: [0, MAX_INT], sets: ['DefaultParameter'], help: 'Number of objects to skip (from the end with -Last).' },
    { name: 'SkipLast', type: 'int', range: [0, MAX_INT], sets: ['SkipLastParameter'], help: 'Number of objects to skip from the end.' },
    { name: 'Wait', type: 'switch', sets: ['DefaultParameter', 'IndexParameter'], help: 'Accepted for compatibility.' },
    { name: 'Index', type: 'int[]', range: [0, MAX_INT], sets: ['IndexParameter'], help: 'Zero-based positions of the objects to select.' },
    { name: 'SkipIndex', type: 'int[]', range: [0, MAX_INT], sets: ['SkipIndexParameter'], help: 'Zero-based positions of the objects to leave out.' },
  ],
  examples: [
    { code: 'Get-MessageTrace | Select-Object Received, SenderAddress, Status -First 5', remarks: 'The first five traces with three properties.' },
    { code: "Get-MessageTrace | Select-Object @{n='From';e={$_.SenderAddress}}, Subject", remarks: 'A calculated property.' },
    { code: 'Get-MessageTrace | Select-Object -ExpandProperty RecipientAddress -Unique', remarks: 'The distinct recipients as strings.' },
  ],
  begin(ctx, params) {
    // Bad calculated-property hashtables are terminating errors before any input, as in pwsh.
    const specs = Array.isArray(params.Property) ? params.Property : [];
    resolveProperties(specs, null, COMMAND);
    return makeState(params);
  },
  process(ctx, params, input, state) {
    const obj = input !== undefined ? input : ctx.bound.has('InputObject') ? (params.InputObject ?? null) : undefined;
    // Select-Object ignores $null input objects.
    if (obj === undefined || obj === null) return;
    if (state.done) return;
    if (state.index) {
      processIndexed(ctx, params, state, obj);
      return;
    }
    state.queue.enqueue(obj);
    const next = state.queue.streamingDequeue();
    if (next) processObject(ctx, params, state, next.value);
    if (state.queue.allRequestedProcessed && params.Wait !== true) {
      state.done = true;
      ctx.stopUpstream(); // as pwsh: the commands before it need not produce the rest
    }
  },
  end(ctx, params, state) {
    const skipLastSet = typeof params.SkipLast === 'number';
    if (!state.index && !skipLastSet) {
      if (intParam(params, 'First') !== 0) {
        while (state.queue.length > 0) processObject(ctx, params, state, state.queue.dequeue());
      } else {
        const skip = intParam(params, 'Skip');
        while (state.queue.length > skip) processObject(ctx, params, state, state.queue.dequeue());
      }
    }
    for (const u of state.uniques ?? []) ctx.write(u.out);
  },
});

export const selectCmdlets = [selectObjectCmdlet];
