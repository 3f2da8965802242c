// Export-Csv, Import-Csv, ConvertTo-Csv and ConvertFrom-Csv, byte for byte as PowerShell 7
// writes and reads CSV (src/Microsoft.PowerShell.Commands.Utility/commands/utility/CsvCommands.cs).
// Objects become lines in src/shell/format/csv.ts (shared with --output csv); reading is a port
// of pwsh's lenient parser, in csv-reader.ts.

import { statSync } from 'node:fs';
import { defineCmdlet, type CmdletContext, type ParamSpec, type ParamValues } from '../../shell/cmdlet.js';
import { toStr } from '../../shell/convert.js';
import { buildPropertyNames, CsvConverter, CsvFormatter, escapeFormulasByDefault, netString, typeLine, type QuoteKind } from '../../shell/format/csv.js';
import { toList } from '../../shell/lists.js';
import { Hashtable, PSObject, type PSValue } from '../../shell/values.js';

import { encodingParam, openFileForCommand, openFileSink, parseEncoding, psFail, readFileForCommand, resolveFilePath, type CommandIds, type FileSink } from './file.js';
import { CsvReader } from './csv-reader.js';
import { ensureHeapRoom, TextFileReader } from './text-reader.js';

const EXPORT: CommandIds = { name: 'Export-Csv', cls: 'Microsoft.PowerShell.Commands.ExportCsvCommand' };
const IMPORT: CommandIds = { name: 'Import-Csv', cls: 'Microsoft.PowerShell.Commands.ImportCsvCommand' };
const CONVERT_TO: CommandIds = { name: 'ConvertTo-Csv', cls: 'Microsoft.PowerShell.Commands.ConvertToCsvCommand' };
const CONVERT_FROM: CommandIds = { name: 'ConvertFrom-Csv', cls: 'Microsoft.PowerShell.Commands.ConvertFromCsvCommand' };

const DEFAULT_NAMES_WARNING = 'One or more headers were not specified. Default names starting with "H" have been used in place of any missing headers.';

// ---------------------------------------------------------------------------------------------
// Parameters shared by the cmdlets

const oneChar = (v: PSValue): string | undefined =>
  toStr(v).length === 1 ? undefined : `Cannot convert value "${toStr(v)}" to type "System.Char". Error: "String must be exactly one character long."`;

const notEmpty = (v: PSValue): string | undefined => (toStr(v) === '' ? 'The argument is null or empty. Provide an argument that is not null or empty, and then try the command again.' : undefined);

const QUOTE_KINDS = ['Never', 'Always', 'AsNeeded'] as const;

const writerParams = [
  { name: 'Delimiter', type: 'string', position: 1, sets: ['Delimiter'], validate: oneChar, help: 'The field separator (one character). Default: comma.' },
  { name: 'UseCulture', type: 'switch', sets: ['UseCulture'], help: "The culture's list separator (',' for en-US)." },
  { name: 'IncludeTypeInformation', type: 'switch', aliases: ['ITI'], help: 'Writes a #TYPE line first.' },
  { name: 'NoTypeInformation', type: 'switch', aliases: ['NTI'], help: 'Accepted for compatibility: no #TYPE line is the default.' },
  { name: 'QuoteFields', type: 'string[]', aliases: ['QF'], help: 'Quotes only these columns.' },
  { name: 'UseQuotes', type: { enum: QUOTE_KINDS }, aliases: ['UQ'], help: 'Always (default), AsNeeded or Never.' },
  { name: 'NoHeader', type: 'switch', help: 'Omits the header line.' },
  {
    name: 'EscapeFormulas',
    type: 'switch',
    help: "exosh's own: prefixes fields that start with =, +, -, @, tab or CR with ' so that a spreadsheet shows them as text. Default: on when EXOSH_CSV_ESCAPE_FORMULAS=1.",
  },
] as const satisfies readonly ParamSpec[];

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
    throw psFail(
      cmd,
      'You must specify either the -IncludeTypeInformation or -NoTypeInformation parameters, but not both.',
      'CannotSpecifyIncludeTypeInformationAndNoTypeInformation',
      'InvalidData',
      'InvalidOperationException',
    );
  }
  // NoTypeInformation defaults to true; -NoTypeInformation:$false alone does bring the #TYPE line back.
  const includeType = ctx.bound.has('IncludeTypeInformation') ? params.IncludeTypeInformation === true : ctx.bound.has('NoTypeInformation') ? params.NoTypeInformation !== true : false;
  const kind = QUOTE_KINDS.find((k) => k.toLowerCase() === toStr(params.UseQuotes ?? 'Always').toLowerCase()) ?? 'Always';
  const quoteFields =
    params.QuoteFields === undefined || params.QuoteFields === null ? undefined : (Array.isArray(params.QuoteFields) ? params.QuoteFields : [params.QuoteFields]).map((f) => toStr(f));
  const delimiter = delimiterOf(params);
  const escapeFormulas = ctx.bound.has('EscapeFormulas') ? params.EscapeFormulas === true : escapeFormulasByDefault();
  return { fmt: new CsvFormatter(delimiter, kind, quoteFields, escapeFormulas), includeType, noHeader: params.NoHeader === true, delimiter };
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
  description: "The first object fixes the columns. Every field is quoted by default; $null is an empty field. -Append adds rows under the existing header, in the file's column order.",
  supportsShouldProcess: true,
  defaultSet: 'Delimiter',
  parameters: [
    { name: 'Path', type: 'string', position: 0, validate: notEmpty, help: 'The CSV file to write.' },
    { name: 'LiteralPath', type: 'string', aliases: ['PSPath', 'LP'], validate: notEmpty, help: 'The CSV file to write, taken exactly as typed (no wildcards).' },
    { name: 'InputObject', type: 'object', mandatory: true, fromPipeline: true, fromPipelineByPropertyName: true, help: 'The objects to write as CSV rows.' },
    ...writerParams,
    { name: 'Force', type: 'switch', help: 'Overwrites a read-only file; with -Append, writes rows whose properties do not match the columns.' },
    { name: 'NoClobber', type: 'switch', aliases: ['NoOverwrite'], help: 'Does not overwrite an existing file.' },
    encodingParam,
    { name: 'Append', type: 'switch', help: 'Adds the rows to the end of the file instead of replacing it.' },
  ],
  examples: [
    { code: 'Get-MessageTrace | Export-Csv trace.csv', remarks: 'Saves the trace rows with every field quoted.' },
    { code: '$rows | Export-Csv trace.csv -Append', remarks: 'Adds rows to an existing file without a second header.' },
  ],
  begin(ctx, params) {
    const st: ExportState = { given: '', appending: false };
    st.w = writerOptions(ctx, params, EXPORT);
    const literal = params.LiteralPath !== undefined && params.LiteralPath !== null;
    if ((params.Path !== undefined && params.Path !== null) === literal) {
      throw psFail(EXPORT, 'You must specify either the -Path or -LiteralPath parameters, but not both.', 'CannotSpecifyPathAndLiteralPath', 'InvalidData', 'InvalidOperationException');
    }
    const append = params.Append === true;
    if (append && st.w.noHeader) {
      throw psFail(EXPORT, 'You must specify either the -Append or -NoHeader parameters, but not both.', 'CannotSpecifyBothAppendAndNoHeader', 'InvalidData', 'InvalidOperationException');
    }
    st.given = toStr((literal ? params.LiteralPath : params.Path) ?? null);
    if (!ctx.shouldProcess(st.given, 'Export-Csv')) return st;
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
    st.sink = openFileSink(full, { append, force: params.Force === true, noClobber: params.NoClobber === true, encoding, given: st.given }, EXPORT);
    return st;
  },
  process(ctx, params, input, st) {
    const obj = input !== undefined ? input : params.InputObject;
    if (!st.sink || !st.w || obj === null || obj === undefined) return;
    const lines: string[] = [];
    if (!st.names) {
      st.names = buildPropertyNames(obj);
      if (st.appending && st.preexisting) st.names = reconcile(st, st.names, params.Force === true);
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
  end(ctx, params, st) {
    st.sink?.close();
  },
  dispose(st) {
    st.sink?.close();
  },
});

/** File.Exists: true for a file, false for a directory or nothing. */
function fileExists(full: string): boolean {
  return statSync(full, { throwIfNoEntry: false })?.isFile() ?? false;
}

// ---------------------------------------------------------------------------------------------
// ConvertTo-Csv

export const convertToCsvCmdlet = defineCmdlet({
  name: 'ConvertTo-Csv',
  synopsis: 'Converts objects to CSV lines (strings), as Export-Csv would write them.',
  defaultSet: 'Delimiter',
  parameters: [
    { name: 'InputObject', type: 'object', position: 0, mandatory: true, fromPipeline: true, fromPipelineByPropertyName: true, help: 'The objects to convert to CSV strings.' },
    ...writerParams,
  ],
  examples: [{ code: 'Get-MessageTrace | ConvertTo-Csv -UseQuotes AsNeeded', remarks: 'Quotes only fields that need it.' }],
  begin(ctx, params) {
    const w = writerOptions(ctx, params, CONVERT_TO);
    return new CsvConverter(w.fmt, { includeType: w.includeType, noHeader: w.noHeader });
  },
  process(ctx, params, input, conv) {
    for (const line of conv.lines(input !== undefined ? input : params.InputObject)) ctx.write(line);
  },
});

// ---------------------------------------------------------------------------------------------
// Import-Csv / ConvertFrom-Csv

interface ReadState {
  warned: boolean;
  header: string[] | null;
  typeName: string | null;
}

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
  description:
    'The first line is the header unless -Header is given. A #TYPE line is skipped (it becomes the type name). An empty field is an empty string; a field missing from a short row is $null.',
  defaultSet: 'DelimiterPath',
  parameters: [
    { name: 'Path', type: 'string[]', position: 0, mandatory: true, fromPipeline: true, fromPipelineByPropertyName: true, sets: ['DelimiterPath', 'CulturePath'], help: 'The CSV files to import.' },
    {
      name: 'LiteralPath',
      type: 'string[]',
      mandatory: true,
      aliases: ['PSPath', 'LP'],
      fromPipelineByPropertyName: true,
      sets: ['DelimiterLiteralPath', 'CultureLiteralPath'],
      help: 'The CSV files to import, taken exactly as typed (no wildcards).',
    },
    { name: 'Delimiter', type: 'string', position: 1, validate: oneChar, sets: ['DelimiterPath', 'DelimiterLiteralPath'], help: 'The character between fields (default: a comma).' },
    // pwsh makes -UseCulture mandatory within its sets; exosh's binder would then demand it everywhere.
    { name: 'UseCulture', type: 'switch', sets: ['CulturePath', 'CultureLiteralPath'], help: 'Uses the list separator of the current culture as the delimiter.' },
    { name: 'Header', type: 'string[]', help: 'Column names to use instead of the first line of the file, which is then read as data.' },
    encodingParam,
  ],
  examples: [{ code: 'Import-Csv users.csv | ForEach-Object { $_.UserPrincipalName }', remarks: 'Reads rows back as objects.' }],
  begin(): ReadState {
    return { warned: false, header: null, typeName: null };
  },
  process(ctx, params, input, st) {
    const literal = params.LiteralPath !== undefined && params.LiteralPath !== null;
    const hasPath = typeof input === 'string' || (params.Path !== undefined && params.Path !== null);
    if (hasPath === literal) {
      throw psFail(IMPORT, 'You must specify either the -Path or -LiteralPath parameters, but not both.', 'CannotSpecifyPathAndLiteralPath', 'InvalidData', 'InvalidOperationException');
    }
    const given = typeof input === 'string' ? [input] : toList(literal ? params.LiteralPath : params.Path).map((p) => toStr(p));
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
    { name: 'InputObject', type: 'object[]', position: 0, mandatory: true, fromPipeline: true, fromPipelineByPropertyName: true, help: 'The CSV strings to convert.' },
    { name: 'Delimiter', type: 'string', position: 1, validate: oneChar, sets: ['Delimiter'], help: 'The character between fields (default: a comma).' },
    { name: 'UseCulture', type: 'switch', sets: ['UseCulture'], help: 'Uses the list separator of the current culture as the delimiter.' },
    { name: 'Header', type: 'string[]', help: 'Column names to use instead of the first line, which is then read as data.' },
  ],
  examples: [{ code: "'Name,Count', 'a,1' | ConvertFrom-Csv", remarks: 'Gives one object with Name a and Count "1".' }],
  begin(ctx, params): ReadState {
    return { warned: false, header: headerParam(params), typeName: null };
  },
  process(ctx, params, input, st) {
    const items = input !== undefined ? toList(input) : toList(params.InputObject);
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
