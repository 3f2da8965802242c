// CSV fields as PowerShell writes them, for every layer: the shell's ConvertTo-Csv/Export-Csv
// and --output csv, and the tenant's historical search reports.

/** AppendStringWithEscapeAlways: wrap in quotes, double embedded quotes. */
export function quoteCsvField(text: string): string {
  return '"' + text.replace(/"/g, '""') + '"';
}

/** A line of fields, each quoted (pwsh's default, -UseQuotes Always). */
export function quotedCsvLine(values: readonly (string | number)[], delimiter = ','): string {
  return values.map((v) => quoteCsvField(String(v))).join(delimiter);
}

/**
 * A spreadsheet takes a cell that starts with one of these as a formula, and external senders
 * choose the subjects that end up in trace exports (CSV injection). OWASP's defence is a
 * leading `'`, which makes the cell text. pwsh writes such values as they are; exosh too, unless
 * asked (-EscapeFormulas, or EXOSH_CSV_ESCAPE_FORMULAS=1).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function escapeCsvFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
