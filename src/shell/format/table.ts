// Format-Table's layout, ported from PowerShell 7's TableWriter.cs, ColumnWidthManager.cs and
// StringManipulationHelper (ComplexWriter.cs) so that the bytes match pwsh.
//
// Why not cli-table3: its layout pads every column (the last one too), measures with
// string-width rather than pwsh's cell rules, truncates differently, and cannot produce the
// header underline as long as the label, the per-column header styling, the header that wraps
// inside a narrow column, or pwsh's column trimming to the console width. Every one of those
// shows in the output bytes, so the layout is built here instead.

import type { ViewColumn } from '../cmdlet.js';
import { getProperty, propertyNames } from '../members.js';
import type { SelectedProperty } from '../properties.js';
import { PSObject, PSValue } from '../values.js';
import { ELLIPSIS, defaultAlignment, formatCell } from './value-text.js';

export type Align = 'left' | 'right' | 'center';

/**
 * $PSStyle.Formatting.TableHeader and FormatAccent default to `ESC[32;1m` (green, bold) and
 * $PSStyle.Reset is `ESC[0m` (PSStyle.cs). These are written as they are rather than through
 * chalk: chalk.green.bold emits `ESC[32mESC[1m…ESC[22mESC[39m`, different bytes from pwsh's.
 */
export const STYLE_ACCENT = '\x1b[32;1m';
export const STYLE_RESET = '\x1b[0m';

// ---------------------------------------------------------------------------------------------
// Display cells (DisplayCells.CharLengthInBufferCells): East Asian wide characters take two cells.

export function charCells(code: number): number {
  const wide =
    code >= 0x1100 &&
    (code <= 0x115f ||
      code === 0x2329 ||
      code === 0x232a ||
      (code >= 0x2e80 && code <= 0xa4cf && code !== 0x303f) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe10 && code <= 0xfe19) ||
      (code >= 0xfe30 && code <= 0xfe6f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6));
  return wide ? 2 : 1;
}

/** Screen cells of a string; UTF-16 code units are counted one by one, as .NET does. */
export function cellLength(s: string, offset = 0): number {
  let n = 0;
  for (let i = offset; i < s.length; i++) n += charCells(s.charCodeAt(i));
  return n;
}

/** How many characters from the head (or the tail) fit in `cells` (DisplayCells.GetFitLength). */
function fitLength(s: string, offset: number, cells: number, fromHead: boolean): number {
  let filled = 0;
  let added = 0;
  let k = fromHead ? offset : s.length - 1;
  while (fromHead ? k < s.length : k >= offset) {
    const w = charCells(s.charCodeAt(k));
    if (filled + w > cells) break;
    filled += w;
    added++;
    if (filled === cells) break;
    k += fromHead ? 1 : -1;
  }
  return added;
}

const spaces = (n: number) => (n > 0 ? ' '.repeat(n) : '');

// ---------------------------------------------------------------------------------------------
// Line splitting and word wrapping (StringManipulationHelper.SplitLines / GenerateLines).

/** Splits on `\n`, dropping `\r`, like pwsh's SplitLines. */
export function splitLines(s: string): string[] {
  if (!s.includes('\n')) return [s.replace(/\r/g, '')];
  return s.split('\n').map((l) => l.replace(/\r/g, ''));
}

const SOFT_HYPHEN = '\u00ad';
const HARD_HYPHEN = '\u2011';
const NBSP = '\u00a0';

function* words(s: string): Generator<{ word: string; delim: string }> {
  let sb = '';
  for (const c of s) {
    if (c === ' ' || c === '\t' || c === SOFT_HYPHEN) {
      yield { word: sb, delim: c };
      sb = '';
    } else if (c === HARD_HYPHEN || c === NBSP) {
      // pwsh yields the word without this character and without a delimiter.
      yield { word: sb, delim: '' };
      sb = '';
    } else sb += c;
  }
  yield { word: sb, delim: '' };
}

/**
 * Word-wraps text for an en-US console (GenerateLinesWithWordWrap): a word keeps its trailing
 * blank, so a wrapped line can end in a space, exactly like pwsh's list values.
 */
export function wrapLines(val: string, firstLineLen: number, followingLen: number): string[] {
  const out: string[] = [];
  if (val === '') return [''];
  for (const line of splitLines(val)) {
    if (cellLength(line) <= firstLineLen) {
      out.push(line);
      continue;
    }
    let spacesLeft = firstLineLen;
    let lineWidth = firstLineLen;
    let firstLine = true;
    let single = '';
    const nextLine = () => {
      if (firstLine) {
        firstLine = false;
        lineWidth = followingLen;
      }
    };
    for (const { word, delim } of words(line)) {
      let toAdd = word;
      if (delim === SOFT_HYPHEN) {
        if (cellLength(toAdd) + 1 === spacesLeft) toAdd += '-';
      } else if (delim) toAdd += delim;
      const wordWidth = cellLength(toAdd);
      if (lineWidth === 0) {
        nextLine();
        if (lineWidth === 0) break;
        spacesLeft = lineWidth;
      }
      if (wordWidth > lineWidth) {
        // the word is wider than a whole line: split it character by character
        for (let i = 0; i < toAdd.length; i++) {
          let c = toAdd[i]; // UTF-16 code units, as .NET walks a string
          let w = charCells(c.charCodeAt(0));
          if (w > lineWidth) {
            c = '?';
            w = 1;
          }
          if (w > spacesLeft) {
            out.push(single);
            single = c;
            nextLine();
            spacesLeft = lineWidth - w;
          } else {
            single += c;
            spacesLeft -= w;
          }
        }
      } else if (wordWidth > spacesLeft) {
        out.push(single);
        single = toAdd;
        nextLine();
        spacesLeft = lineWidth - wordWidth;
      } else {
        single += toAdd;
        spacesLeft -= wordWidth;
      }
    }
    out.push(single);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Column widths (ColumnWidthManager): unspecified widths share the spare room; when the table
// is too wide the rightmost visible column shrinks, or is hidden (-1) if it cannot fit.

export function fitColumnWidths(widths: number[], tableWidth: number): number[] {
  const w = [...widths];
  const minimum = 1;
  const sep = 1;
  const current = () => {
    let sum = 0;
    let visible = 0;
    for (const x of w)
      if (x > 0) {
        sum += x;
        visible++;
      }
    return sum + sep * (visible - 1);
  };
  const assign = (): boolean => {
    if (w.every((x) => x > 0)) return w.reduce((a, b) => a + b, 0) + sep * (w.length - 1) <= tableWidth;
    const fixed = w.map((x) => x > 0);
    for (let k = 0; k < w.length; k++) if (w[k] === 0) w[k] = minimum;
    let available = tableWidth - current();
    if (available < 0) return false;
    while (available > 0) {
      for (let k = 0; k < w.length; k++) {
        if (fixed[k]) continue;
        w[k]++;
        if (--available === 0) break;
      }
    }
    return true;
  };
  if (assign()) return w;
  for (;;) {
    const excess = current() - tableWidth;
    if (excess <= 0) return w;
    const firstHidden = w.findIndex((x) => x < 0);
    const last = (firstHidden < 0 ? w.length : firstHidden) - 1;
    if (last < 0) return w;
    const shrunk = w[last] - excess;
    w[last] = shrunk < minimum ? -1 : shrunk;
  }
}

// ---------------------------------------------------------------------------------------------
// Rows (TableWriter.GenerateRow / GenerateTableRow / GenerateRowField).

/** Cuts at the first line break, marking the cut with `…` (TruncateAtNewLine). */
function truncateAtNewLine(s: string): string {
  const i = s.search(/[\r\n]/);
  return i < 0 ? s : s.slice(0, i) + ELLIPSIS;
}

/** Pads or truncates one cell to `width` cells; the last column is never padded on the right. */
function rowField(val: string, width: number, align: Align, addPadding: boolean): string {
  let s = truncateAtNewLine(val);
  const len = cellLength(s);
  if (len < width) {
    const pad = width - len;
    if (align === 'right') s = spaces(pad) + s;
    else if (align === 'center') {
      const left = Math.floor(pad / 2);
      s = spaces(left) + s + (addPadding ? spaces(pad - left) : '');
    } else if (addPadding) s += spaces(pad);
  } else if (len > width) {
    const room = width - 1; // one cell for the ellipsis
    if (room > 0) {
      if (align === 'right') s = ELLIPSIS + s.slice(s.length - fitLength(s, 0, room, false));
      else s = s.slice(0, fitLength(s, 0, room, true)) + ELLIPSIS;
    } else if (align === 'right') s = s.slice(s.length - fitLength(s, 0, width, false));
    else s = s.slice(0, fitLength(s, 0, width, true));
  }
  // a wide character cut in half leaves the cell one short
  if (cellLength(s) !== width) {
    if (align === 'right') s = ' ' + s;
    else if (addPadding) s += ' ';
  }
  return s;
}

export interface TableColumnSpec {
  label: string;
  /** 0 lets the layout decide. */
  width: number;
  align: Align;
}

/** A row of cell texts, or out-of-band lines printed between the rows as they are. */
export type TableEntry = { cells: string[] } | { lines: string[] };

export interface TableLayoutOptions {
  /** Console width; pwsh's console line output uses one column less (ConsoleLineOutput._forceNewLine). */
  width: number;
  /** Widths from the content of all rows (Format-Table -AutoSize). */
  autoSize?: boolean;
  hideHeaders?: boolean;
  /** Format-Table -Wrap: cells wrap onto more lines instead of being cut with `…`. */
  wrap?: boolean;
  color?: boolean;
}

/** The usable line width for a console of `consoleWidth` columns. */
export function lineWidthFor(consoleWidth: number): number {
  return Math.max(1, Math.floor(consoleWidth) - 1);
}

class TableWriter {
  private readonly widths: number[];
  private readonly disabled: boolean;

  constructor(
    private readonly columns: TableColumnSpec[],
    widths: number[],
    lineWidth: number,
    private readonly color: boolean,
  ) {
    // TableWriter.Initialize: fewer than 5 columns of screen, or no visible column, shows nothing
    this.widths = lineWidth < 5 ? widths : fitColumnWidths(widths, lineWidth);
    this.disabled = lineWidth < 5 || !this.widths.some((w) => w >= 1);
  }

  header(): string[] {
    if (this.disabled) return [];
    const labels = this.columns.map((c) => c.label);
    const out = this.multiLineRow(labels, true);
    const dashes = this.columns.map((c, k) => {
      if (this.widths[k] <= 0) return '';
      const labelLen = cellLength(c.label);
      return '-'.repeat(c.label && labelLen < this.widths[k] ? labelLen : this.widths[k]);
    });
    out.push(this.singleLineRow(dashes, true));
    return out;
  }

  row(values: string[], multiLine: boolean): string[] {
    if (this.disabled) return [];
    return multiLine ? this.multiLineRow(values, false) : [this.singleLineRow(values, false)];
  }

  private singleLineRow(values: string[], isHeader: boolean): string {
    let sb = '';
    const last = this.columns.length - 1;
    for (let k = 0; k < this.columns.length; k++) {
      if (this.widths[k] <= 0) continue;
      if (k > 0) sb += ' ';
      const field = rowField(values[k] ?? '', this.widths[k], this.columns[k].align, k !== last);
      sb += isHeader && this.color ? STYLE_ACCENT + field + STYLE_RESET : field;
    }
    return sb;
  }

  /** GenerateTableRow: every cell wraps to its width; short columns are padded with blanks. */
  private multiLineRow(values: string[], isHeader: boolean): string[] {
    const valid = this.widths.map((w, k) => (w > 0 ? k : -1)).filter((k) => k >= 0);
    if (valid.length === 0) return [];
    const cols: string[][] = valid.map((k, i) => {
      const addPadding = i !== valid.length - 1;
      const width = this.widths[k];
      const align = this.columns[k].align;
      let lines = wrapLines(values[k] ?? '', width, width);
      if (addPadding || align !== 'left') {
        lines = lines.map((l) => (cellLength(l) < width ? rowField(l, width, align, addPadding) : l));
      }
      return i > 0 ? lines.map((l) => ' ' + l) : lines;
    });
    const screenRows = Math.max(...cols.map((c) => c.length));
    const lastWithContent: number[] = [];
    for (let row = 0; row < screenRows; row++) {
      for (let c = 0; c < cols.length; c++) if (cols[c].length > row) lastWithContent[row] = c;
    }
    for (let c = 0; c < cols.length; c++) {
      const blanks = c < cols.length - 1 ? this.widths[valid[c]] + (c > 0 ? 1 : 0) : 0;
      for (let row = cols[c].length; row < screenRows; row++) {
        cols[c].push(c > lastWithContent[row] ? '' : spaces(blanks));
      }
    }
    const rows: string[] = [];
    for (let row = 0; row < screenRows; row++) {
      let sb = '';
      for (let c = 0; c < cols.length; c++) {
        let value = cols[c][row];
        // the last cell with content loses its trailing blanks, unless the row is a single line
        if (c === lastWithContent[row] && screenRows > 1) value = value.trimEnd();
        sb += isHeader && this.color ? STYLE_ACCENT + value + STYLE_RESET : value;
      }
      rows.push(sb);
    }
    return rows;
  }
}

/**
 * Lays out a whole table document as Out-Default prints it: a blank line, the header, the
 * rows (with any out-of-band lines between them) and a closing blank line. Returns the text,
 * every line ending in `\n`.
 */
export function renderTable(columns: TableColumnSpec[], entries: TableEntry[], opts: TableLayoutOptions): string {
  const lines: string[] = [''];
  if (columns.length > 0) {
    let widths = columns.map((c) => c.width);
    // pwsh sizes from the content when asked to (-AutoSize) and whenever the first column has
    // no declared width (OutCommandInner caches the group and computes a width hint).
    if (opts.autoSize || widths[0] === 0) {
      widths = columns.map((c) => cellLength(c.label));
      for (const e of entries) {
        if (!('cells' in e)) continue;
        e.cells.forEach((cell, k) => {
          if (k < widths.length) widths[k] = Math.max(widths[k], cellLength(cell));
        });
      }
    }
    const writer = new TableWriter(columns, widths, lineWidthFor(opts.width), opts.color ?? false);
    if (!opts.hideHeaders) lines.push(...writer.header());
    for (const e of entries) {
      if ('cells' in e)
        lines.push(
          ...writer.row(
            columns.map((_, k) => e.cells[k] ?? ''),
            opts.wrap ?? false,
          ),
        );
      else lines.push(...e.lines);
    }
  } else {
    for (const e of entries) if ('lines' in e) lines.push(...e.lines);
  }
  lines.push('');
  return lines.map((l) => l + '\n').join('');
}

// ---------------------------------------------------------------------------------------------
// The simple entry point: objects in, table text out.

/** A column given by the caller: a resolved property (Select-Object style), a view column, or a name. */
export type ColumnInput = SelectedProperty | ViewColumn | string;

export interface FormatTableOptions {
  columns?: ColumnInput[];
  autoSize?: boolean;
  /** Console width in columns (the table uses one less, as pwsh does on a console). */
  width: number;
  color?: boolean;
  hideHeaders?: boolean;
  wrap?: boolean;
}

/** A column ready to read cells: its spec plus how to get the value from an object. */
export interface BoundColumn extends TableColumnSpec {
  get(obj: PSValue): PSValue | undefined;
}

/** Turns caller columns into bound columns; alignment left unset is taken from `sample`. */
export function bindColumns(columns: ColumnInput[], sample: PSValue | undefined): BoundColumn[] {
  return columns.map((c): BoundColumn => {
    if (typeof c === 'string') {
      return { label: c, width: 0, align: defaultAlignment(getProperty(sample, c)), get: (o) => getProperty(o, c) };
    }
    if ('explicit' in c) {
      return { label: c.label, width: c.width ?? 0, align: c.align ?? defaultAlignment(sample === undefined ? null : c.get(sample)), get: (o) => c.get(o) };
    }
    const read = c.expression ?? ((o: PSValue) => getProperty(o, c.property ?? c.label));
    return { label: c.label, width: c.width ?? 0, align: c.align ?? 'left', get: (o) => read(o) ?? null };
  });
}

/**
 * Format-Table over `objects`: without `columns`, the first object's properties (at most 10,
 * like pwsh's table without a view). Every object becomes one row.
 */
export function formatTable(objects: PSValue[], opts: FormatTableOptions): string {
  if (objects.length === 0) return '';
  const sample = objects[0];
  const specs: ColumnInput[] = opts.columns ?? (sample instanceof PSObject ? sample.names() : propertyNames(sample)).slice(0, 10);
  const columns = bindColumns(specs, sample);
  const viewColumns = opts.columns !== undefined && opts.columns.some((c) => typeof c !== 'string' && !('explicit' in c));
  const entries: TableEntry[] = objects.map((o) => ({
    cells: columns.map((c) => formatCell(c.get(o), { table: !viewColumns })),
  }));
  return renderTable(columns, entries, opts);
}
