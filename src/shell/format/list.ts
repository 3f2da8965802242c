// Format-List's layout, ported from PowerShell 7's ListWriter.cs: `Name : Value` with every
// label of an object padded to the longest one, long values word-wrapped under the value column.

import { getProperty, hasWildcard, propertyNames } from '../members.js';
import { resolveProperties } from '../properties.js';
import { toStr } from '../convert.js';
import { Hashtable, PSObject, PSValue, ScriptBlockValue } from '../values.js';
import { ColumnInput, STYLE_ACCENT, STYLE_RESET, bindColumns, cellLength, lineWidthFor, splitLines, wrapLines } from './table.js';
import { formatCell } from './value-text.js';

export interface ListField {
  label: string;
  value: string;
}

const SEPARATOR = ' : ';

/** The lines of one object's list entry (ListWriter.WriteProperties), for a console of `consoleWidth`. */
export function renderListEntry(fields: ListField[], consoleWidth: number, color = false): string[] {
  const width = lineWidthFor(consoleWidth);
  // nothing to show, or not even room for one label cell and one value cell
  if (fields.length === 0 || width - SEPARATOR.length - 2 < 0) return [];
  const maxLabel = width - SEPARATOR.length - 1;
  let labelCells = Math.min(maxLabel, Math.max(...fields.map((f) => cellLength(f.label))));
  const labels = fields.map((f) => {
    const len = cellLength(f.label);
    if (len < labelCells) return f.label + ' '.repeat(labelCells - len) + SEPARATOR;
    return clip(f.label, labelCells) + SEPARATOR;
  });
  labelCells += SEPARATOR.length;
  const padding = ' '.repeat(labelCells);
  const fieldCells = width - labelCells;
  const out: string[] = [];
  fields.forEach((f, k) => {
    splitLines(f.value).forEach((line, i) => {
      const prepend = i === 0 ? labels[k] : padding;
      wrapLines(line, fieldCells, fieldCells).forEach((part, j) => {
        if (j > 0) out.push(padding + part);
        // the label (with its ` : `) takes $PSStyle.Formatting.FormatAccent; blank padding does not
        else if (color && prepend.trim() !== '') out.push(STYLE_ACCENT + prepend + STYLE_RESET + part);
        else out.push(prepend + part);
      });
    });
  });
  return out;
}

function clip(s: string, cells: number): string {
  let n = 0;
  let i = 0;
  while (i < s.length && n + cellLength(s[i]) <= cells) n += cellLength(s[i++]);
  return s.slice(0, i);
}

/**
 * Format-List's properties for one object (pwsh recomputes them for every object): `*`-style
 * wildcards expand against the object, a plain name the object lacks is left out, calculated
 * properties always show. Without specs, all of the object's properties.
 */
export function listFieldsFromProperties(obj: PSValue, specs: PSValue[] | undefined, command = 'Format-List'): ListField[] {
  if (!specs || specs.length === 0) {
    return displayNames(obj).map((name) => ({ label: name, value: formatCell(getProperty(obj, name)) }));
  }
  const names = displayNames(obj);
  const kept = specs.filter((s) => {
    if (s instanceof Hashtable || s instanceof ScriptBlockValue) return true;
    const name = toStr(s);
    return hasWildcard(name) || names.some((n) => n.toLowerCase() === name.toLowerCase());
  });
  return resolveProperties(kept, obj, command).map((p) => ({ label: p.label, value: formatCell(p.get(obj)) }));
}

function displayNames(obj: PSValue): string[] {
  return obj instanceof PSObject ? obj.names() : propertyNames(obj);
}

export interface FormatListOptions {
  /** Property specs as Format-List -Property takes them: names, wildcards, calculated hashtables. */
  properties?: PSValue[];
  /** Fixed columns instead (e.g. a registered list view). */
  columns?: ColumnInput[];
  /** Console width in columns. */
  width: number;
  color?: boolean;
}

/**
 * Format-List over `objects`: a blank line, then each object's entry followed by a blank line
 * (pwsh writes no extra line at the end of a list, unlike a table).
 */
export function formatList(objects: PSValue[], opts: FormatListOptions): string {
  if (objects.length === 0) return '';
  const lines: string[] = [''];
  const bound = opts.columns ? bindColumns(opts.columns, objects[0]) : undefined;
  for (const obj of objects) {
    const fields = bound ? bound.map((c) => ({ label: c.label, value: formatCell(c.get(obj)) })) : listFieldsFromProperties(obj, opts.properties);
    lines.push(...renderListEntry(fields, opts.width, opts.color), '');
  }
  return lines.map((l) => l + '\n').join('');
}
