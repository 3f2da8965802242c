// Export-Csv, Import-Csv, ConvertTo-Csv and ConvertFrom-Csv, byte for byte as PowerShell 7
// writes and reads CSV (src/Microsoft.PowerShell.Commands.Utility/commands/utility/CsvCommands.cs).
//
// Quoting is done here rather than with csv-stringify on purpose: pwsh's -UseQuotes Never and
// -QuoteFields write fields raw even when they hold the delimiter or quotes, which an RFC 4180
// writer refuses to do. For Always/AsNeeded the bytes equal csv-stringify's (the tests check it).
// Reading is a port of pwsh's lenient parser, in csv-reader.ts.

import { statSync } from 'node:fs';
import { defineCmdlet, type CmdletContext, type ParamSpec, type ParamValues } from '../../shell/cmdlet.js';
import { toStr, typeNameOf } from '../../shell/convert.js';
import { getProperty, propertyNames } from '../../shell/members.js';
import { FormattedText, Hashtable, PSObject, type PSValue } from '../../shell/values.js';
import { encodingParam, isOn, openFileForCommand, openFileSink, parseEncoding, psFail, readFileForCommand, resolveFilePath, stateFor, type CommandIds, type FileSink } from './file.js';
import { CsvReader } from './csv-reader.js';
import { ensureHeapRoom, TextFileReader } from './text-reader.js';

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

const EXPORT: CommandIds = { name: 'Export-Csv', cls: 'Microsoft.PowerShell.Commands.ExportCsvCommand' };
const IMPORT: CommandIds = { name: 'Import-Csv', cls: 'Microsoft.PowerShell.Commands.ImportCsvCommand' };
const CONVERT_TO: CommandIds = { name: 'ConvertTo-Csv', cls: 'Microsoft.PowerShell.Commands.ConvertToCsvCommand' };
const CONVERT_FROM: CommandIds = { name: 'ConvertFrom-Csv', cls: 'Microsoft.PowerShell.Commands.ConvertFromCsvCommand' };

// ---------------------------------------------------------------------------------------------
// Writing (ExportCsvHelper)

/** The properties .NET reflects on an Object[] (what `Export-Csv -InputObject $array` writes). */
const ARRAY_PROPS = ['Length', 'LongLength', 'Rank', 'SyncRoot', 'IsReadOnly', 'IsFixedSize', 'IsSynchronized', 'Count'];

/** BuildPropertyNames: a dictionary's keys, otherwise the object's properties (a string has Length). */
function buildPropertyNames(obj: PSValue): string[] {
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
      case 'length': case 'longlength': case 'count': return obj.length;
      case 'rank': return 1;
      case 'syncroot': return obj;
      case 'isfixedsize': return true;
      case 'isreadonly': case 'issynchronized': return false;
      default: return null;
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
function netString(v: PSValue | undefined): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number') return netNumber(v);
  if (Array.isArray(v)) return 'System.Object[]';
  if (v instanceof PSObject && isCustomObject(v)) return '@{' + v.entries().map(([k, x]) => `${k}=${netString(x) ?? ''}`).join('; ') + '}';
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
function typeLine(obj: PSValue): string {
  const t = obj instanceof PSObject ? obj.typeNames[0] : typeNameOf(obj);
  if (!t) return '#TYPE';
  return `#TYPE ${t.toLowerCase().startsWith('csv:') ? t.slice(4) : t}`;
}

/**
 * A spreadsheet takes a cell that starts with one of these as a formula, and external senders
 * choose the subjects that end up in trace exports (CSV injection). OWASP's defence is a
 * leading `'`, which makes the cell text. pwsh writes such values as they are; exosh too, unless
 * asked (-EscapeFormulas, or EXOSH_CSV_ESCAPE_FORMULAS=1).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** EXOSH_CSV_ESCAPE_FORMULAS=1 (read when a command starts, so `$env:` set in a script counts). */
export function escapeFormulasByDefault(): boolean {
  return process.env.EXOSH_CSV_ESCAPE_FORMULAS === '1';
}

/** AppendStringWithEscapeAlways: wrap in quotes, double embedded quotes. */
function quote(text: string): string {
  return '"' + text.replace(/"/g, '""') + '"';
}

class CsvFormatter {
  private readonly quoteSet?: Set<string>;

  constructor(private readonly delimiter: string, private readonly kind: QuoteKind, quoteFields?: string[], private readonly escapeFormulas = false) {
    this.quoteSet = quoteFields ? new Set(quoteFields.map((f) => f.toLowerCase())) : undefined;
  }

  private field(column: string, text: string | null, mayBeFormula = true): string {
    if (text === null) return '';
    if (this.escapeFormulas && mayBeFormula) text = escapeFormula(text);
    // -QuoteFields overrides -UseQuotes: listed columns always quoted, the rest never.
    if (this.quoteSet) return this.quoteSet.has(column.toLowerCase()) ? quote(text) : text;
    switch (this.kind) {
      case 'Always': return quote(text);
      case 'AsNeeded': return text.includes(this.delimiter) || text.includes('\n') || text.includes('"') ? quote(text) : text;
      default: return text;
    }
  }

  header(names: string[]): string {
    return names.map((n) => this.field(n, n)).join(this.delimiter);
  }

  row(obj: PSValue, names: string[]): string {
    return names.map((n) => {
      const value = propertyValue(obj, n);
      // A number such as -5 is no formula, and a leading ' would make it text in a spreadsheet.
      return this.field(n, netString(value), typeof value !== 'number');
    }).join(this.delimiter);
  }
}

/** ConvertTo-Csv's ProcessRecord: the first object fixes the columns; empty lines are dropped. */
class CsvConverter {
  private names?: string[];

  constructor(private readonly fmt: CsvFormatter, private readonly o: { includeType: boolean; noHeader: boolean; header?: string[] }) {}

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

const DEFAULT_NAMES_WARNING = 'One or more headers were not specified. Default names starting with "H" have been used in place of any missing headers.';

// ---------------------------------------------------------------------------------------------
// Parameters shared by the cmdlets

const oneChar = (v: PSValue): string | undefined =>
  toStr(v).length === 1 ? undefined : `Cannot convert value "${toStr(v)}" to type "System.Char". Error: "String must be exactly one character long."`;

const notEmpty = (v: PSValue): string | undefined =>
  toStr(v) === '' ? 'The argument is null or empty. Provide an argument that is not null or empty, and then try the command again.' : undefined;

const QUOTE_KINDS = ['Never', 'Always', 'AsNeeded'] as const;

const writerParams: ParamSpec[] = [
  { name: 'Delimiter', type: 'string', position: 1, sets: ['Delimiter'], validate: oneChar, help: 'The field separator (one character). Default: comma.' },
  { name: 'UseCulture', type: 'switch', sets: ['UseCulture'], help: "The culture's list separator (',' for en-US)." },
  { name: 'IncludeTypeInformation', type: 'switch', aliases: ['ITI'], help: 'Writes a #TYPE line first.' },
  { name: 'NoTypeInformation', type: 'switch', aliases: ['NTI'], help: 'Accepted for compatibility: no #TYPE line is the default.' },
  { name: 'QuoteFields', type: 'string[]', aliases: ['QF'], help: 'Quotes only these columns.' },
  { name: 'UseQuotes', type: { enum: QUOTE_KINDS }, aliases: ['UQ'], help: 'Always (default), AsNeeded or Never.' },
  { name: 'NoHeader', type: 'switch', help: 'Omits the header line.' },
  { name: 'EscapeFormulas', type: 'switch', help: "exosh's own: prefixes fields that start with =, +, -, @, tab or CR with ' so that a spreadsheet shows them as text. Default: on when EXOSH_CSV_ESCAPE_FORMULAS=1." },
];

function delimiterOf(params: ParamValues): string {
  // -UseCulture: en-US's TextInfo.ListSeparator is ','.
  return params.Delimiter !== undefined && params.Delimiter !== null ? toStr(params.Delimiter) : ',';
}

interface WriterOptions {
  fmt: CsvFormatter;
  includeType: boolean;
  noHeader: boolean;
  delimiter: string;
}

/** BaseCsvWritingCommand.BeginProcessing. */
function writerOptions(ctx: CmdletContext, params: ParamValues, cmd: CommandIds): WriterOptions {
  if (ctx.bound.has('QuoteFields') && ctx.bound.has('UseQuotes')) {
    throw psFail(cmd, 'You must specify either the -UseQuotes or -QuoteFields parameters, but not both.', 'CannotSpecifyQuoteFieldsAndUseQuotes', 'InvalidData', 'InvalidOperationException');
  }
  if (ctx.bound.has('IncludeTypeInformation') && ctx.bound.has('NoTypeInformation')) {
    throw psFail(cmd, 'You must specify either the -IncludeTypeInformation or -NoTypeInformation parameters, but not both.', 'CannotSpecifyIncludeTypeInformationAndNoTypeInformation', 'InvalidData', 'InvalidOperationException');
  }
  // NoTypeInformation defaults to true; -NoTypeInformation:$false alone does bring the #TYPE line back.
  const includeType = ctx.bound.has('IncludeTypeInformation') ? isOn(params.IncludeTypeInformation) : ctx.bound.has('NoTypeInformation') ? !isOn(params.NoTypeInformation) : false;
  const kind = QUOTE_KINDS.find((k) => k.toLowerCase() === toStr(params.UseQuotes ?? 'Always').toLowerCase()) ?? 'Always';
  const quoteFields = params.QuoteFields === undefined || params.QuoteFields === null ? undefined : (Array.isArray(params.QuoteFields) ? params.QuoteFields : [params.QuoteFields]).map((f) => toStr(f));
  const delimiter = delimiterOf(params);
  const escapeFormulas = ctx.bound.has('EscapeFormulas') ? isOn(params.EscapeFormulas) : escapeFormulasByDefault();
  return { fmt: new CsvFormatter(delimiter, kind, quoteFields, escapeFormulas), includeType, noHeader: isOn(params.NoHeader), delimiter };
}

// ---------------------------------------------------------------------------------------------
// Export-Csv

interface ExportState {
  w?: WriterOptions;
  sink?: FileSink;
  given: string;
  /** True when -Append found a non-empty file: no header is written then. */
  appending: boolean;
  /** -Append to a file whose last line has no line break: one goes before the first row. */
  lineBreakFirst?: boolean;
  preexisting?: string[];
  names?: string[];
}
const exportStates = new WeakMap<CmdletContext, ExportState>();

/** ReconcilePreexistingPropertyNames: the file's columns win; one the object lacks is an error unless -Force. */
function reconcile(st: ExportState, objectNames: string[], force: boolean): string[] {
  const have = new Set(objectNames.map((n) => n.toLowerCase()));
  const missing = st.preexisting!.find((col) => !have.has(col.toLowerCase()));
  if (missing !== undefined && !force) {
    throw psFail(
      EXPORT,
      `Cannot append CSV content to the following file: ${st.given}. The appended object does not have a property that corresponds to the following column: ${missing}. To continue with mismatched properties, add the -Force parameter, and then retry the command.`,
      'CannotAppendCsvWithMismatchedPropertyNames',
      'InvalidData',
      'InvalidOperationException',
      missing,
    );
  }
  return st.preexisting!;
}

export const exportCsvCmdlet = defineCmdlet({
  name: 'Export-Csv',
  aliases: ['epcsv'],
  synopsis: 'Writes objects to a CSV file, one row per object.',
  description: 'The first object fixes the columns. Every field is quoted by default; $null is an empty field. -Append adds rows under the existing header, in the file\'s column order.',
  supportsShouldProcess: true,
  defaultSet: 'Delimiter',
  parameters: [
    { name: 'Path', type: 'string', position: 0, validate: notEmpty },
    { name: 'LiteralPath', type: 'string', aliases: ['PSPath', 'LP'], validate: notEmpty },
    { name: 'InputObject', type: 'object', mandatory: true, fromPipeline: true, fromPipelineByPropertyName: true },
    ...writerParams,
    { name: 'Force', type: 'switch' },
    { name: 'NoClobber', type: 'switch', aliases: ['NoOverwrite'] },
    encodingParam,
    { name: 'Append', type: 'switch' },
  ],
  examples: [
    { code: 'Get-MessageTrace | Export-Csv trace.csv', remarks: 'Saves the trace rows with every field quoted.' },
    { code: '$rows | Export-Csv trace.csv -Append', remarks: 'Adds rows to an existing file without a second header.' },
  ],
  begin(ctx, params) {
    const st = stateFor(exportStates, ctx, () => ({ given: '', appending: false }));
    st.w = writerOptions(ctx, params, EXPORT);
    const literal = params.LiteralPath !== undefined && params.LiteralPath !== null;
    if ((params.Path !== undefined && params.Path !== null) === literal) {
      throw psFail(EXPORT, 'You must specify either the -Path or -LiteralPath parameters, but not both.', 'CannotSpecifyPathAndLiteralPath', 'InvalidData', 'InvalidOperationException');
    }
    const append = isOn(params.Append);
    if (append && st.w.noHeader) {
      throw psFail(EXPORT, 'You must specify either the -Append or -NoHeader parameters, but not both.', 'CannotSpecifyBothAppendAndNoHeader', 'InvalidData', 'InvalidOperationException');
    }
    st.given = toStr((literal ? params.LiteralPath : params.Path) ?? null);
    if (!ctx.shouldProcess(st.given, 'Export-Csv')) return;
    const full = resolveFilePath(ctx, st.given, literal, EXPORT);
    let encoding = parseEncoding(params.Encoding) ?? 'utf8nobom';
    if (append && fileExists(full)) {
      const existing = readFileForCommand(full, encoding, EXPORT);
      // An empty file is exported to as if new (header included); otherwise keep its encoding.
      if (existing.text.length > 0) {
        st.appending = true;
        // pwsh appends straight after the last byte, gluing the first row onto the file's last
        // line (a corrupt row, or a header that no longer names the columns); exosh ends that
        // line first.
        st.lineBreakFirst = !/[\r\n]$/.test(existing.text);
        encoding = existing.encoding;
        const reader = new CsvReader(existing.text, st.w.delimiter, null, null, EXPORT);
        reader.readHeader();
        st.preexisting = reader.header ?? undefined;
      }
    }
    // Opened here, so a pipeline with no objects still creates (or truncates) the file.
    st.sink = openFileSink(full, { append, force: isOn(params.Force), noClobber: isOn(params.NoClobber), encoding, given: st.given }, EXPORT);
  },
  process(ctx, params, input) {
    const st = exportStates.get(ctx);
    const obj = input !== undefined ? input : params.InputObject;
    if (!st?.sink || !st.w || obj === null || obj === undefined) return;
    const lines: string[] = [];
    if (!st.names) {
      st.names = buildPropertyNames(obj);
      if (st.appending && st.preexisting) st.names = reconcile(st, st.names, isOn(params.Force));
      if (!st.appending && !st.w.noHeader) {
        if (st.w.includeType) lines.push(typeLine(obj));
        lines.push(st.w.fmt.header(st.names));
      }
    }
    // Unlike ConvertTo-Csv, Export-Csv writes empty lines too (an object without properties).
    lines.push(st.w.fmt.row(obj, st.names));
    const text = lines.map((l) => l + '\n').join('');
    st.sink.write(st.lineBreakFirst ? '\n' + text : text);
    st.lineBreakFirst = false;
  },
  end(ctx) {
    exportStates.get(ctx)?.sink?.close();
  },
});

/** File.Exists: true for a file, false for a directory or nothing. */
function fileExists(full: string): boolean {
  return statSync(full, { throwIfNoEntry: false })?.isFile() ?? false;
}

// ---------------------------------------------------------------------------------------------
// ConvertTo-Csv

const convertToStates = new WeakMap<CmdletContext, CsvConverter>();

export const convertToCsvCmdlet = defineCmdlet({
  name: 'ConvertTo-Csv',
  synopsis: 'Converts objects to CSV lines (strings), as Export-Csv would write them.',
  defaultSet: 'Delimiter',
  parameters: [
    { name: 'InputObject', type: 'object', position: 0, mandatory: true, fromPipeline: true, fromPipelineByPropertyName: true },
    ...writerParams,
  ],
  examples: [{ code: 'Get-MessageTrace | ConvertTo-Csv -UseQuotes AsNeeded', remarks: 'Quotes only fields that need it.' }],
  begin(ctx, params) {
    const w = writerOptions(ctx, params, CONVERT_TO);
    convertToStates.set(ctx, new CsvConverter(w.fmt, { includeType: w.includeType, noHeader: w.noHeader }));
  },
  process(ctx, params, input) {
    const conv = convertToStates.get(ctx);
    for (const line of conv?.lines(input !== undefined ? input : params.InputObject) ?? []) ctx.write(line);
  },
});

// ---------------------------------------------------------------------------------------------
// Import-Csv / ConvertFrom-Csv

interface ReadState {
  warned: boolean;
  header: string[] | null;
  typeName: string | null;
}
const readStates = new WeakMap<CmdletContext, ReadState>();

function headerParam(params: ParamValues): string[] | null {
  const h = params.Header;
  if (h === undefined || h === null) return null;
  return (Array.isArray(h) ? h : [h]).map((x) => toStr(x));
}

function emitRecords(ctx: CmdletContext, st: ReadState, reader: CsvReader): void {
  // The warning is given once per command, however many files or strings are read.
  if (reader.import((o) => ctx.write(o)) && !st.warned) {
    st.warned = true;
    ctx.writeWarning(DEFAULT_NAMES_WARNING);
  }
}

export const importCsvCmdlet = defineCmdlet({
  name: 'Import-Csv',
  aliases: ['ipcsv'],
  synopsis: 'Reads a CSV file into objects whose property values are strings.',
  description: 'The first line is the header unless -Header is given. A #TYPE line is skipped (it becomes the type name). An empty field is an empty string; a field missing from a short row is $null.',
  defaultSet: 'DelimiterPath',
  parameters: [
    { name: 'Path', type: 'string[]', position: 0, mandatory: true, fromPipeline: true, fromPipelineByPropertyName: true, sets: ['DelimiterPath', 'CulturePath'] },
    { name: 'LiteralPath', type: 'string[]', mandatory: true, aliases: ['PSPath', 'LP'], fromPipelineByPropertyName: true, sets: ['DelimiterLiteralPath', 'CultureLiteralPath'] },
    { name: 'Delimiter', type: 'string', position: 1, validate: oneChar, sets: ['DelimiterPath', 'DelimiterLiteralPath'] },
    // pwsh makes -UseCulture mandatory within its sets; exosh's binder would then demand it everywhere.
    { name: 'UseCulture', type: 'switch', sets: ['CulturePath', 'CultureLiteralPath'] },
    { name: 'Header', type: 'string[]' },
    encodingParam,
  ],
  examples: [{ code: 'Import-Csv users.csv | ForEach-Object { $_.UserPrincipalName }', remarks: 'Reads rows back as objects.' }],
  begin(ctx) {
    readStates.set(ctx, { warned: false, header: null, typeName: null });
  },
  process(ctx, params, input) {
    const st = stateFor(readStates, ctx, () => ({ warned: false, header: null, typeName: null }));
    const literal = params.LiteralPath !== undefined && params.LiteralPath !== null;
    const hasPath = typeof input === 'string' || (params.Path !== undefined && params.Path !== null);
    if (hasPath === literal) {
      throw psFail(IMPORT, 'You must specify either the -Path or -LiteralPath parameters, but not both.', 'CannotSpecifyPathAndLiteralPath', 'InvalidData', 'InvalidOperationException');
    }
    const given = typeof input === 'string' ? [input] : listOf(literal ? params.LiteralPath : params.Path).map((p) => toStr(p));
    const encoding = parseEncoding(params.Encoding) ?? 'utf8nobom';
    for (const p of given) {
      const full = resolveFilePath(ctx, p, literal, IMPORT);
      // read a chunk at a time: the file may be larger than a string can be
      const file = new TextFileReader(openFileForCommand(full, IMPORT), encoding);
      try {
        emitRecords(ctx, st, new CsvReader('', delimiterOf(params), headerParam(params), null, IMPORT, { more: () => file.next(), checkMemory: () => ensureHeapRoom(IMPORT) }));
      } finally {
        file.close();
      }
    }
  },
});

export const convertFromCsvCmdlet = defineCmdlet({
  name: 'ConvertFrom-Csv',
  synopsis: 'Converts CSV text (strings) into objects whose property values are strings.',
  description: 'The first line of the first string is the header unless -Header is given; each later string is read with that header.',
  defaultSet: 'Delimiter',
  parameters: [
    { name: 'InputObject', type: 'object[]', position: 0, mandatory: true, fromPipeline: true, fromPipelineByPropertyName: true },
    { name: 'Delimiter', type: 'string', position: 1, validate: oneChar, sets: ['Delimiter'] },
    { name: 'UseCulture', type: 'switch', sets: ['UseCulture'] },
    { name: 'Header', type: 'string[]' },
  ],
  examples: [{ code: "'Name,Count', 'a,1' | ConvertFrom-Csv", remarks: 'Gives one object with Name a and Count "1".' }],
  begin(ctx, params) {
    readStates.set(ctx, { warned: false, header: headerParam(params), typeName: null });
  },
  process(ctx, params, input) {
    const st = stateFor(readStates, ctx, () => ({ warned: false, header: headerParam(params), typeName: null }));
    const items = input !== undefined ? listOf(input) : listOf(params.InputObject);
    for (const item of items) {
      if (item === null) continue;
      // Each input's ToString() is read on its own; the header and #TYPE of the first carry over.
      const reader = new CsvReader(netString(item) ?? '', delimiterOf(params), st.header, st.typeName, CONVERT_FROM);
      emitRecords(ctx, st, reader);
      st.header ??= reader.header;
      st.typeName ??= reader.typeName;
    }
  },
});

function listOf(v: PSValue | undefined): PSValue[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
}
