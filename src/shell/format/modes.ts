// exosh's `--output` modes, and the JSON writer they share with ConvertTo-Json.
//
// The JSON text is written here rather than by JSON.stringify on plain objects: a property
// called `__proto__` assigned onto a `{}` would change its prototype instead of becoming data,
// and pwsh's bytes (Newtonsoft.Json) differ from JSON.stringify in a few places (NaN as a
// string, \u2028 escaped, doubles such as 1.0 keeping their `.0`).

import { toCsvLines } from './csv.js';
import { toStr } from '../convert.js';
import { PSError } from '../errors.js';
import { FormattedText, Hashtable, PSObject, PSValue, ScriptBlockValue, TimeSpan } from '../values.js';
import { formatObjects, type HostRenderOptions } from './out-default.js';

export type OutputMode = 'table' | 'list' | 'json' | 'jsonl' | 'csv';

/** The text exosh prints for `values` in the given `--output` mode; every line ends in `\n`. */
export function renderAs(mode: OutputMode, values: PSValue[], opts: HostRenderOptions): string {
  let text = '';
  const writer = new ModeWriter(mode, opts, (t) => {
    text += t;
  });
  writer.write(values);
  writer.end();
  return text;
}

/** Objects per toCsvLines call: the lines of one call are held at once. */
const CSV_SLICE = 1000;

/**
 * Writes pipeline output in an `--output` mode as it arrives, through `emit`, so that the memory
 * it takes does not grow with the number of objects: jsonl and csv a line per object (the CSV
 * header from the first object, as ConvertTo-Csv), json as one array opened by the first object
 * and closed by end(). table and list need every row for their column widths: they hold the
 * objects until end().
 */
export class ModeWriter {
  /** --output json: the last item written, held until it is known whether a `,` follows it. */
  private jsonPendingItem?: string;
  /** --output csv: the columns, fixed by the first object. */
  private csvColumns?: string[];
  private readonly held: PSValue[][] = [];

  constructor(
    private readonly mode: OutputMode,
    private readonly opts: HostRenderOptions,
    private readonly emit: (text: string) => void,
  ) {}

  write(values: PSValue[]): void {
    switch (this.mode) {
      case 'table':
      case 'list':
        // the batch itself, not its items: spreading a large batch into push() overflows the stack
        this.held.push(values);
        return;
      case 'jsonl':
        for (const v of values) this.emit(toJsonText(v, MODE_JSONL) + '\n');
        return;
      case 'json':
        // so that what is written so far ends at a line boundary, as an error written next needs
        for (const v of values) {
          this.emit(this.jsonPendingItem === undefined ? ARRAY_LAYOUT.open(false) : this.jsonPendingItem + ARRAY_LAYOUT.separator(false));
          this.jsonPendingItem = ARRAY_LAYOUT.item(toNode(v, 1, MODE_JSON), 0, false);
        }
        return;
      case 'csv':
        for (let i = 0; i < values.length; i += CSV_SLICE) this.writeCsv(values.slice(i, i + CSV_SLICE).filter((v) => v !== null && v !== undefined));
        return;
    }
  }

  /** Ends the output: closes the JSON array (`[]` when there was nothing), writes the table or list. */
  end(): void {
    switch (this.mode) {
      case 'table':
      case 'list': {
        const rows: PSValue[] = [];
        for (const batch of this.held) for (const v of batch) rows.push(v);
        this.held.length = 0;
        if (rows.length) this.emit(formatObjects(rows, { shape: this.mode }, this.opts));
        return;
      }
      case 'json':
        this.emit(this.jsonPendingItem === undefined ? '[]\n' : this.jsonPendingItem + ARRAY_LAYOUT.close(0, false) + '\n');
        return;
      default:
        return;
    }
  }

  /** The same text as ConvertTo-Csv: header from the first object, every field quoted. */
  private writeCsv(objects: PSValue[]): void {
    if (objects.length === 0) return;
    let lines: string[];
    if (!this.csvColumns) {
      lines = toCsvLines(objects, { includeHeader: true });
      this.csvColumns = csvColumnsOf(objects[0]);
    } else {
      lines = toCsvLines(objects, { includeHeader: false, header: this.csvColumns });
    }
    for (const line of lines) this.emit(line + '\n');
  }
}

/**
 * The columns toCsvLines takes from the first object, for the objects of later batches: its
 * header written plainly (every field quoted, no formula escaping) and read back. No lines at
 * all means an object without properties: no columns.
 */
function csvColumnsOf(first: PSValue): string[] {
  const [header] = toCsvLines([first], { includeHeader: true, useQuotes: 'Always', escapeFormulas: false });
  if (header === undefined) return [];
  return [...header.matchAll(/"((?:[^"]|"")*)"/g)].map((m) => m[1].replace(/""/g, '"'));
}

/** --output json never truncates (pwsh's limit of 100 only guards against cycles) and shows a TimeSpan as its text. */
const MODE_JSON: JsonOptions = { depth: 100, timeSpanAsString: true, stringifyKeys: true };
const MODE_JSONL: JsonOptions = { ...MODE_JSON, compress: true };

// ---------------------------------------------------------------------------------------------
// Value -> JSON tree (JsonObject.ProcessValue in pwsh)

export interface JsonOptions {
  /** Objects nested deeper than this are written as their string form (ConvertTo-Json -Depth). */
  depth: number;
  compress?: boolean;
  /** true: a TimeSpan is its `c` text; false: its properties, as ConvertTo-Json writes it. */
  timeSpanAsString?: boolean;
  /** true: non-string hashtable keys become text; false: a terminating error, as pwsh does. */
  stringifyKeys?: boolean;
  /** Called (once per object nested too deep) so ConvertTo-Json can warn. */
  onTruncate?: () => void;
}

/** Numbers, true/false/null: written as they are. */
class JRaw {
  constructor(readonly text: string) {}
}

/** An object's members in order; keys are plain data, whatever their text. */
class JObject {
  constructor(readonly entries: [string, JNode][]) {}
}

type JNode = JRaw | string | JNode[] | JObject;

const NULL = new JRaw('null');

/** Serializes `value` the way pwsh 7's ConvertTo-Json does (2-space indent, `"Name": value`). */
export function toJsonText(value: PSValue | undefined, opts: JsonOptions): string {
  return write(toNode(value, 0, opts), 0, opts.compress ?? false);
}

function toNode(v: PSValue | undefined, depth: number, opts: JsonOptions): JNode {
  if (v === null || v === undefined) return NULL;
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return new JRaw(v ? 'true' : 'false');
  if (typeof v === 'number') return numberNode(v, false);
  if (v instanceof Date) return isoDate(v);
  if (v instanceof ScriptBlockValue) return v.text;
  if (v instanceof FormattedText) return v.text;
  if (v instanceof TimeSpan && opts.timeSpanAsString) return v.toString();
  // aggregates nested deeper than -Depth are written as their string conversion
  if (depth > opts.depth) {
    opts.onTruncate?.();
    return truncatedText(v);
  }
  if (Array.isArray(v)) return v.map((x) => toNode(x, depth + 1, opts));
  if (v instanceof Hashtable) {
    return new JObject(
      v.entries().map(([k, x]): [string, JNode] => {
        if (typeof k !== 'string' && !opts.stringifyKeys) {
          throw new PSError(
            `The type '${v.ordered ? 'System.Collections.Specialized.OrderedDictionary' : 'System.Collections.Hashtable'}' is not supported for serialization or deserialization of a dictionary. Keys must be strings.`,
            {
              category: 'InvalidOperation',
              errorId: 'NonStringKeyInDictionary,Microsoft.PowerShell.Commands.ConvertToJsonCommand',
              exception: 'InvalidOperationException',
              command: 'ConvertTo-Json',
            },
          );
        }
        return [toStr(k), toNode(x, depth + 1, opts)];
      }),
    );
  }
  if (v instanceof TimeSpan) return timeSpanNode(v);
  if (v instanceof PSObject) return new JObject(v.entries().map(([k, x]): [string, JNode] => [k, toNode(x, depth + 1, opts)]));
  return toStr(v);
}

/** Newtonsoft writes doubles with "R" and keeps a `.0` on integral ones; NaN and infinities as strings. */
function numberNode(n: number, isDouble: boolean): JNode {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  let text = String(n);
  // JS `1e-7` / `1e+21` -> .NET `1E-07` / `1E+21`
  text = text.replace(/e([+-])(\d+)$/, (_m, sign: string, digits: string) => 'E' + sign + digits.padStart(2, '0'));
  if (isDouble && !/[.E]/.test(text)) text += '.0';
  return new JRaw(text);
}

/** DateTimes as Newtonsoft's ISO form for UTC: `2023-08-14T21:51:20Z`, fractions only when nonzero. */
export function isoDate(d: Date): string {
  if (isNaN(d.getTime())) return '';
  const base = d.toISOString(); // yyyy-MM-ddTHH:mm:ss.fffZ
  const fraction = base.slice(20, 23).replace(/0+$/, '');
  return base.slice(0, 19) + (fraction ? '.' + fraction : '') + 'Z';
}

/** A TimeSpan serialized as pwsh 7.4 (.NET 8) reflects it: its public properties in declaration order. */
function timeSpanNode(t: TimeSpan): JObject {
  const ticks = t.ms * 10_000;
  const int = (n: number) => numberNode(Math.trunc(n), false);
  const dbl = (n: number) => numberNode(n, true);
  return new JObject([
    ['Ticks', int(ticks)],
    ['Days', int(t.ms / 86_400_000)],
    ['Hours', int((t.ms / 3_600_000) % 24)],
    ['Milliseconds', int(t.ms % 1000)],
    ['Microseconds', int(0)],
    ['Nanoseconds', int(0)],
    ['Minutes', int((t.ms / 60_000) % 60)],
    ['Seconds', int((t.ms / 1000) % 60)],
    ['TotalDays', dbl(t.totalDays)],
    ['TotalHours', dbl(t.totalHours)],
    ['TotalMilliseconds', dbl(t.ms)],
    ['TotalMicroseconds', dbl(t.ms * 1000)],
    ['TotalNanoseconds', dbl(t.ms * 1_000_000)],
    ['TotalMinutes', dbl(t.totalMinutes)],
    ['TotalSeconds', dbl(t.totalSeconds)],
  ]);
}

/**
 * LanguagePrimitives.ConvertTo(string, InvariantCulture) of an object cut off by -Depth:
 * a custom object reads `@{a=1; b=System.Object[]}`, an array its items joined by spaces.
 */
function truncatedText(v: PSValue): string {
  if (Array.isArray(v)) return v.map((x) => invariantText(x)).join(' ');
  return invariantText(v);
}

function invariantText(v: PSValue): string {
  if (v === null) return '';
  if (Array.isArray(v)) return 'System.Object[]';
  if (v instanceof Date) {
    const p = (n: number) => String(n).padStart(2, '0');
    return `${p(v.getUTCMonth() + 1)}/${p(v.getUTCDate())}/${v.getUTCFullYear()} ${p(v.getUTCHours())}:${p(v.getUTCMinutes())}:${p(v.getUTCSeconds())}`;
  }
  if (v instanceof PSObject && v.typeName === 'System.Management.Automation.PSCustomObject') {
    return (
      '@{' +
      v
        .entries()
        .map(([k, x]) => `${k}=${invariantText(x)}`)
        .join('; ') +
      '}'
    );
  }
  return toStr(v);
}

// ---------------------------------------------------------------------------------------------
// JSON tree -> text, in Newtonsoft's layout.

function write(node: JNode, level: number, compress: boolean): string {
  if (node instanceof JRaw) return node.text;
  if (typeof node === 'string') return quote(node);
  const indent = (n: number) => (compress ? '' : '  '.repeat(n));
  const nl = compress ? '' : '\n';
  if (Array.isArray(node)) {
    if (node.length === 0) return '[]';
    const items = node.map((x) => ARRAY_LAYOUT.item(x, level, compress));
    return ARRAY_LAYOUT.open(compress) + items.join(ARRAY_LAYOUT.separator(compress)) + ARRAY_LAYOUT.close(level, compress);
  }
  if (node.entries.length === 0) return '{}';
  const colon = compress ? ':' : ': ';
  const members = node.entries.map(([k, x]) => indent(level + 1) + quote(k) + colon + write(x, level + 1, compress));
  return '{' + nl + members.join(',' + nl) + nl + indent(level) + '}';
}

/** A non-empty array at `level`: open + the items joined by separator + close (shared with --output json's stream). */
const ARRAY_LAYOUT = {
  open: (compress: boolean) => (compress ? '[' : '[\n'),
  item: (node: JNode, level: number, compress: boolean) => (compress ? '' : '  '.repeat(level + 1)) + write(node, level + 1, compress),
  separator: (compress: boolean) => (compress ? ',' : ',\n'),
  close: (level: number, compress: boolean) => (compress ? ']' : '\n' + '  '.repeat(level) + ']'),
};

/** Newtonsoft's default string escaping: quotes, backslash, control characters, U+0085/U+2028/U+2029. */
export function quote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    const code = s.charCodeAt(i);
    switch (c) {
      case '"':
        out += '\\"';
        break;
      case '\\':
        out += '\\\\';
        break;
      case '\n':
        out += '\\n';
        break;
      case '\r':
        out += '\\r';
        break;
      case '\t':
        out += '\\t';
        break;
      case '\b':
        out += '\\b';
        break;
      case '\f':
        out += '\\f';
        break;
      default:
        if (code < 0x20 || code === 0x85 || code === 0x2028 || code === 0x2029) out += '\\u' + code.toString(16).padStart(4, '0');
        else out += c;
    }
  }
  return out + '"';
}
