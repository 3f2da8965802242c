// Objects to CSV lines, byte for byte as PowerShell 7's ExportCsvHelper writes them
// (CsvCommands.cs): the value layer (.NET strings of numbers, dates, booleans, arrays) and the
// header rule (the first object's properties). ConvertTo-Csv, Export-Csv and --output csv all
// write through here; field quoting itself is src/lib/csv.ts.
//
// Quoting is not csv-stringify's on purpose: pwsh's -UseQuotes Never and -QuoteFields write
// fields raw even when they hold the delimiter or quotes, which an RFC 4180 writer refuses to
// do. For Always/AsNeeded the bytes equal csv-stringify's (the tests check it).

import { escapeCsvFormula, quoteCsvField } from '../../lib/csv.js';
import { toStr, typeNameOf } from '../convert.js';
import { getProperty, propertyNames } from '../members.js';
import { FormattedText, Hashtable, PSObject, type PSValue } from '../values.js';

export type QuoteKind = 'Always' | 'AsNeeded' | 'Never';

export interface CsvOptions {
  delimiter?: string;
  useQuotes?: QuoteKind;
  quoteFields?: string[];
  /** Column order to map every object to; default: the first object's properties. */
  header?: string[];
  includeHeader: boolean;
  /** Prefix formula-like fields with `'` (default: EXOSH_CSV_ESCAPE_FORMULAS=1). */
  escapeFormulas?: boolean;
}

/** The properties .NET reflects on an Object[] (what `Export-Csv -InputObject $array` writes). */
const ARRAY_PROPS = ['Length', 'LongLength', 'Rank', 'SyncRoot', 'IsReadOnly', 'IsFixedSize', 'IsSynchronized', 'Count'];

/** BuildPropertyNames: a dictionary's keys, otherwise the object's properties (a string has Length). */
export function buildPropertyNames(obj: PSValue): string[] {
  if (obj instanceof Hashtable) return obj.keys().map((k) => toStr(k));
  if (obj instanceof PSObject) return obj.names();
  if (Array.isArray(obj)) return [...ARRAY_PROPS];
  return propertyNames(obj);
}

function propertyValue(obj: PSValue, name: string): PSValue {
  if (obj instanceof Hashtable) return obj.has(name) ? (obj.get(name) ?? null) : null;
  if (obj instanceof PSObject) return obj.get(name) ?? null;
  if (Array.isArray(obj)) {
    switch (name.toLowerCase()) {
      case 'length':
      case 'longlength':
      case 'count':
        return obj.length;
      case 'rank':
        return 1;
      case 'syncroot':
        return obj;
      case 'isfixedsize':
        return true;
      case 'isreadonly':
      case 'issynchronized':
        return false;
      default:
        return null;
    }
  }
  return getProperty(obj, name) ?? null;
}

function isCustomObject(o: PSObject): boolean {
  return o.typeName === 'System.Management.Automation.PSCustomObject' || o.typeNames.some((t) => t.startsWith('CSV:'));
}

/**
 * The value's .NET ToString(), which is what pwsh writes: collections give their type name
 * (`System.Object[]`), a custom object gives `@{a=1; b=2}`, dates the en-US general format.
 * null means "no value" and is written as nothing at all (not even quotes).
 */
export function netString(v: PSValue | undefined): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number') return netNumber(v);
  if (Array.isArray(v)) return 'System.Object[]';
  if (v instanceof PSObject && isCustomObject(v))
    return (
      '@{' +
      v
        .entries()
        .map(([k, x]) => `${k}=${netString(x) ?? ''}`)
        .join('; ') +
      '}'
    );
  if (v instanceof FormattedText) return v.text;
  return toStr(v);
}

/**
 * .NET Core's double.ToString(): the shortest digits that round-trip (not PowerShell's 15-digit
 * display), in exponent form below 1E-05 and from 1E+15. Integral values are exosh's integers.
 */
function netNumber(n: number): string {
  if (Number.isInteger(n) || !Number.isFinite(n)) return toStr(n);
  const [mantissa, e] = n.toExponential().split('e');
  const exp = Number(e);
  if (exp >= -5 && exp < 15) return String(n);
  return `${mantissa}E${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** GetTypeString: `#TYPE` and the first type name, without Import-Csv's `CSV:` prefix. */
export function typeLine(obj: PSValue): string {
  const t = obj instanceof PSObject ? obj.typeNames[0] : typeNameOf(obj);
  if (!t) return '#TYPE';
  return `#TYPE ${t.toLowerCase().startsWith('csv:') ? t.slice(4) : t}`;
}

/** EXOSH_CSV_ESCAPE_FORMULAS=1 (read when a command starts, so `$env:` set in a script counts). */
export function escapeFormulasByDefault(): boolean {
  return process.env.EXOSH_CSV_ESCAPE_FORMULAS === '1';
}

export class CsvFormatter {
  private readonly quoteSet?: Set<string>;

  constructor(
    private readonly delimiter: string,
    private readonly kind: QuoteKind,
    quoteFields?: string[],
    private readonly escapeFormulas = false,
  ) {
    this.quoteSet = quoteFields ? new Set(quoteFields.map((f) => f.toLowerCase())) : undefined;
  }

  private field(column: string, text: string | null, mayBeFormula = true): string {
    if (text === null) return '';
    if (this.escapeFormulas && mayBeFormula) text = escapeCsvFormula(text);
    // -QuoteFields overrides -UseQuotes: listed columns always quoted, the rest never.
    if (this.quoteSet) return this.quoteSet.has(column.toLowerCase()) ? quoteCsvField(text) : text;
    switch (this.kind) {
      case 'Always':
        return quoteCsvField(text);
      case 'AsNeeded':
        return text.includes(this.delimiter) || text.includes('\n') || text.includes('"') ? quoteCsvField(text) : text;
      default:
        return text;
    }
  }

  header(names: string[]): string {
    return names.map((n) => this.field(n, n)).join(this.delimiter);
  }

  row(obj: PSValue, names: string[]): string {
    return names
      .map((n) => {
        const value = propertyValue(obj, n);
        // A number such as -5 is no formula, and a leading ' would make it text in a spreadsheet.
        return this.field(n, netString(value), typeof value !== 'number');
      })
      .join(this.delimiter);
  }
}

/** ConvertTo-Csv's ProcessRecord: the first object fixes the columns; empty lines are dropped. */
export class CsvConverter {
  private names?: string[];

  constructor(
    private readonly fmt: CsvFormatter,
    private readonly o: { includeType: boolean; noHeader: boolean; header?: string[] },
  ) {}

  lines(obj: PSValue | undefined): string[] {
    if (obj === null || obj === undefined) return [];
    const out: string[] = [];
    if (!this.names) {
      this.names = this.o.header ?? buildPropertyNames(obj);
      if (!this.o.noHeader) {
        if (this.o.includeType) out.push(typeLine(obj));
        const h = this.fmt.header(this.names);
        if (h !== '') out.push(h);
      }
    }
    const row = this.fmt.row(obj, this.names);
    if (row !== '') out.push(row);
    return out;
  }
}

/**
 * The CSV lines for `objects`, exactly as `ConvertTo-Csv` writes them (no #TYPE line): the header
 * from the first non-null object (or opts.header), every field quoted unless opts.useQuotes says
 * otherwise, $null as an empty unquoted field, lines without a terminator.
 */
export function toCsvLines(objects: PSValue[], opts: CsvOptions): string[] {
  const fmt = new CsvFormatter(opts.delimiter ?? ',', opts.useQuotes ?? 'Always', opts.quoteFields, opts.escapeFormulas ?? escapeFormulasByDefault());
  const conv = new CsvConverter(fmt, { includeType: false, noHeader: !opts.includeHeader, header: opts.header });
  return objects.flatMap((o) => conv.lines(o));
}
