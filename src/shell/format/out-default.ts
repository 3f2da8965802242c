// What the host prints for the objects that reach the end of a pipeline (Out-Default), and the
// shared engine behind Format-Table / Format-List. It follows pwsh's formatting protocol
// (BaseFormattingCommand.cs, BaseOutputtingCommand.cs, FormatViewManager.cs):
//
// - Strings, numbers and booleans are "out of band": printed as their text, wherever they come,
//   even between the rows of a table.
// - The first other object opens a document and picks its shape: the type's view if one is
//   registered, otherwise a table for 4 properties or fewer and a list for 5 or more.
// - A document without a view takes every later object, whatever its shape: rows keep the
//   first object's columns (pwsh's well-known "only the first object's properties" behaviour).
// - A document with a view takes the objects of that type; any other object is printed out of
//   band as a list of all its properties.
// - Table widths come from all the rows of the document (pwsh sizes from the objects it has
//   within 300 ms; here everything is at hand), then are fitted to the console width.

import type { ViewDefinition } from '../cmdlet.js';
import { formatDateWith, toStr, typeNameOf } from '../convert.js';
import { propertyNames } from '../members.js';
import { resolveProperties } from '../properties.js';
import { FormattedText, Hashtable, PSObject, PSValue, ScriptBlockValue } from '../values.js';
import { ListField, listFieldsFromProperties, renderListEntry } from './list.js';
import { BoundColumn, ColumnInput, TableEntry, bindColumns, renderTable } from './table.js';
import { formatCell, scalarText } from './value-text.js';

export interface HostRenderOptions {
  /** Registered views, keyed by lowercase type name. */
  views: ReadonlyMap<string, ViewDefinition>;
  /** Console width in columns. */
  width: number;
  color: boolean;
}

/** What a Format-* cmdlet asks for; empty for Out-Default. */
export interface FormatRequest {
  shape?: 'table' | 'list';
  /** -Property specs: names, wildcards, calculated hashtables. */
  properties?: PSValue[];
  autoSize?: boolean;
  hideHeaders?: boolean;
  wrap?: boolean;
  /** Command name for error messages from property resolution. */
  command?: string;
}

const DICTIONARY_ENTRY = 'System.Collections.DictionaryEntry';
const DATETIME = 'System.DateTime';

/** pwsh's own views for the .NET types exosh shows (DotNetTypes.format.ps1xml); the first of a type is its default. */
const BUILTIN_VIEWS: ViewDefinition[] = [
  { typeName: DICTIONARY_ENTRY, kind: 'table', columns: [{ label: 'Name', width: 30 }, 'Value'] },
  { typeName: DICTIONARY_ENTRY, kind: 'list', columns: ['Name', 'Value'] },
  {
    typeName: 'System.TimeSpan',
    kind: 'list',
    columns: ['Days', 'Hours', 'Minutes', 'Seconds', 'Milliseconds', 'Ticks', 'TotalDays', 'TotalHours', 'TotalMinutes', 'TotalSeconds', 'TotalMilliseconds'],
  },
  { typeName: 'System.TimeSpan', kind: 'table', columns: ['Days', 'Hours', 'Minutes', 'Seconds', 'Milliseconds'] },
];

/** The text of the host's output for `values`; empty input prints nothing. */
export function renderForHost(values: PSValue[], opts: HostRenderOptions): string {
  return formatObjects(values, {}, opts);
}

/** Runs pwsh's formatting over `values` and returns the text, each line ending in `\n`. */
export function formatObjects(values: PSValue[], req: FormatRequest, env: HostRenderOptions): string {
  const out: string[] = [];
  let doc: Doc | undefined;
  const close = () => {
    if (doc) out.push(doc.render());
    doc = undefined;
  };
  for (const v of expand(values)) {
    if (v instanceof FormattedText) {
      // already formatted (e.g. `... | Format-Table` at the end of the pipeline): printed as is
      close();
      out.push(v.text);
      continue;
    }
    const raw = outOfBandText(v);
    if (raw !== undefined) {
      const lines = [raw];
      if (doc) doc.addLines(lines);
      else out.push(lines.map((l) => l + '\n').join(''));
      continue;
    }
    doc ??= openDocument(v, req, env);
    if (!doc.applies(v)) {
      // not of the view's type: an out-of-band list of all its properties, set off by blank lines
      doc.addLines(['', ...renderListEntry(listFieldsFromProperties(v, undefined), env.width, env.color), '']);
      continue;
    }
    doc.add(v);
  }
  close();
  return out.join('');
}

/** Out-Default enumerates collections; a hashtable shows as its DictionaryEntry items. */
function* expand(values: PSValue[]): Generator<PSValue> {
  for (const v of values) {
    if (v === null || v === undefined) continue;
    if (Array.isArray(v)) yield* expand(v);
    else if (v instanceof Hashtable) {
      for (const [key, value] of v.entries()) {
        yield new PSObject(DICTIONARY_ENTRY, [
          ['Name', key],
          ['Key', key],
          ['Value', value],
        ]);
      }
    } else yield v;
  }
}

/** Scalars, and objects without properties, print as their ToString() text. */
function outOfBandText(v: PSValue): string | undefined {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return scalarText(v);
  if (v instanceof ScriptBlockValue) return v.text;
  if (v instanceof PSObject && v.size === 0) return toStr(v);
  return undefined;
}

function typeNamesOf(v: PSValue): string[] {
  return v instanceof PSObject ? v.typeNames : [typeNameOf(v)];
}

function findView(v: PSValue, env: HostRenderOptions, shape?: 'table' | 'list'): ViewDefinition | undefined {
  for (const tn of typeNamesOf(v)) {
    const key = tn.toLowerCase();
    const registered = env.views.get(key);
    if (registered && (!shape || registered.kind === shape)) return registered;
    const builtin = BUILTIN_VIEWS.find((b) => b.typeName.toLowerCase() === key && (!shape || b.kind === shape));
    if (builtin) return builtin;
  }
  return undefined;
}

interface Doc {
  applies(v: PSValue): boolean;
  add(v: PSValue): void;
  addLines(lines: string[]): void;
  render(): string;
}

function openDocument(first: PSValue, req: FormatRequest, env: HostRenderOptions): Doc {
  const command = req.command ?? 'Format-Table';
  if (!req.shape && first instanceof Date) return new DateDoc();
  const hasProperties = (req.properties?.length ?? 0) > 0;
  const view = hasProperties ? undefined : findView(first, env, req.shape);
  const applies = view ? typeApplies(view.typeName) : () => true;
  const shape = req.shape ?? view?.kind ?? (displayNames(first).length <= 4 ? 'table' : 'list');
  if (shape === 'table') {
    let columns: BoundColumn[];
    if (view) columns = bindColumns(viewColumns(view), first);
    else if (hasProperties) columns = bindColumns(resolveProperties(req.properties ?? [], first, command), first);
    else columns = bindColumns(displayNames(first).slice(0, 10), first); // pwsh's table shows at most 10
    return new TableDoc(columns, !view, applies, req, env);
  }
  const fields = view
    ? (v: PSValue): ListField[] => bindColumns(viewColumns(view), v).map((c) => ({ label: c.label, value: formatCell(c.get(v)) }))
    : (v: PSValue): ListField[] => listFieldsFromProperties(v, req.properties, req.command ?? 'Format-List');
  return new ListDoc(fields, applies, env);
}

/** View columns named by a string are plain properties, left-aligned unless the view says so. */
function viewColumns(view: ViewDefinition): ColumnInput[] {
  return view.columns.map((c) => (typeof c === 'string' ? { label: c, property: c } : c));
}

function typeApplies(typeName: string): (v: PSValue) => boolean {
  const key = typeName.toLowerCase();
  return (v) => typeNamesOf(v).some((tn) => tn.toLowerCase() === key);
}

function displayNames(v: PSValue): string[] {
  return v instanceof PSObject ? v.names() : propertyNames(v);
}

class TableDoc implements Doc {
  private readonly entries: TableEntry[] = [];

  constructor(
    private readonly columns: BoundColumn[],
    /** Tables built from properties print fractions with two decimals (pwsh 7.3+). */
    private readonly fromProperties: boolean,
    readonly applies: (v: PSValue) => boolean,
    private readonly req: FormatRequest,
    private readonly env: HostRenderOptions,
  ) {}

  add(v: PSValue): void {
    this.entries.push({ cells: this.columns.map((c) => formatCell(c.get(v), { table: this.fromProperties })) });
  }

  addLines(lines: string[]): void {
    this.entries.push({ lines });
  }

  render(): string {
    return renderTable(this.columns, this.entries, {
      width: this.env.width,
      color: this.env.color,
      autoSize: this.req.autoSize,
      hideHeaders: this.req.hideHeaders,
      wrap: this.req.wrap,
    });
  }
}

class ListDoc implements Doc {
  private readonly lines: string[] = [''];

  constructor(
    private readonly fields: (v: PSValue) => ListField[],
    readonly applies: (v: PSValue) => boolean,
    private readonly env: HostRenderOptions,
  ) {}

  add(v: PSValue): void {
    // each entry is followed by a blank line; the list then ends without another one
    this.lines.push(...renderListEntry(this.fields(v), this.env.width, this.env.color), '');
  }

  addLines(lines: string[]): void {
    this.lines.push(...lines);
  }

  render(): string {
    return this.lines.map((l) => l + '\n').join('');
  }
}

/**
 * DateTime's default view shows its DateTime property, `Monday, August 14, 2023 9:51:20 PM`,
 * between blank lines (a custom control, so the same pattern as a table document).
 */
class DateDoc implements Doc {
  private readonly lines: string[] = [''];

  applies(v: PSValue): boolean {
    return v instanceof Date;
  }

  add(v: PSValue): void {
    if (v instanceof Date) this.lines.push(formatDateWith(v, 'dddd, MMMM d, yyyy h:mm:ss tt'));
  }

  addLines(lines: string[]): void {
    this.lines.push(...lines);
  }

  render(): string {
    return [...this.lines, ''].map((l) => l + '\n').join('');
  }
}
