// Reading CSV as pwsh 7 does (ImportCsvHelper in CsvCommands.cs): its own lenient dialect,
// which csv-parse cannot be configured to reproduce (leading blanks dropped, text after a
// closing quote kept, short rows padded with $null). The text may arrive in pieces, so that
// Import-Csv reads a file of any size a chunk at a time.

import { PSObject } from '../../shell/values.js';
import { psFail, type CommandIds } from './file-basics.js';
import { isStringTooLong, outOfMemory } from './text-reader.js';

export interface CsvSource {
  /** The next piece of text, or null once there is no more; called when the text read so far is used up. */
  more?: () => string | null;
  /** Called every RECORDS_PER_CHECK records, to stop a huge import before memory runs out. */
  checkMemory?: () => void;
}

const RECORDS_PER_CHECK = 4096;

/** A port of pwsh's ImportCsvHelper: its own lenient CSV dialect, one text stream at a time. */
export class CsvReader {
  private pos = 0;

  constructor(
    private text: string,
    private readonly delimiter: string,
    public header: string[] | null,
    public typeName: string | null,
    private readonly cmd: CommandIds,
    private readonly source: CsvSource = {},
  ) {}

  /** True at the end of all the text; otherwise the character at `pos` is in `text`. */
  private get eof(): boolean {
    return this.pos >= this.text.length && !this.readMore();
  }

  private readMore(): boolean {
    for (let chunk = this.source.more?.() ?? null; chunk !== null; chunk = this.source.more!()) {
      if (chunk.length === 0) continue;
      this.text = chunk;
      this.pos = 0;
      return true;
    }
    return false;
  }

  private peekIs(c: string): boolean {
    return !this.eof && this.text[this.pos] === c;
  }

  /** StreamReader.ReadLine. */
  private readLine(): string {
    let line = '';
    while (!this.eof) {
      const c = this.text[this.pos++];
      if (c === '\n' || c === '\r') {
        if (c === '\r' && this.peekIs('\n')) this.pos++;
        return line;
      }
      line += c;
    }
    return line;
  }

  /** Consumes a newline (\r, \n or \r\n) that starts with `ch`, returning it. */
  private newLine(ch: string): string | null {
    if (ch === '\r') {
      if (this.peekIs('\n')) {
        this.pos++;
        return '\r\n';
      }
      return '\r';
    }
    return ch === '\n' ? '\n' : null;
  }

  private endsField(c: string): boolean {
    return c === this.delimiter || c === '\n' || c === '\r';
  }

  /**
   * The character just read and those after it in this piece of text that ParseNextRecord
   * only appends (no delimiter, quote, blank or line break), as one string: appending them one
   * by one would build a string of one node per character, ruinous for a long field.
   */
  private plainRun(): string {
    const start = this.pos - 1;
    while (this.pos < this.text.length && !this.isSpecial(this.text[this.pos])) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /** A character ParseNextRecord does more with than append to the field. */
  private isSpecial(c: string): boolean {
    return c === this.delimiter || c === '"' || c === ' ' || c === '\t' || c === '\n' || c === '\r';
  }

  /** ReadTillNextDelimiter: the rest of a field after a stray quote or blank. */
  private readTillNextDelimiter(eatTrailingBlanks: boolean): { text: string; endOfRecord: boolean } {
    let temp = '';
    let nonWhiteSpace = false;
    while (true) {
      if (this.eof) return { text: eatTrailingBlanks && !nonWhiteSpace ? '' : temp, endOfRecord: true };
      const ch = this.text[this.pos++];
      if (ch === this.delimiter) break;
      if (this.newLine(ch) !== null) return { text: eatTrailingBlanks && !nonWhiteSpace ? '' : temp, endOfRecord: true };
      // the characters up to the next delimiter or line break in this piece of text, at once
      const start = this.pos - 1;
      while (this.pos < this.text.length && !this.endsField(this.text[this.pos])) this.pos++;
      const run = this.text.slice(start, this.pos);
      temp += run;
      if (!nonWhiteSpace && /[^ \t]/.test(run)) nonWhiteSpace = true;
    }
    return { text: eatTrailingBlanks && !nonWhiteSpace ? '' : temp, endOfRecord: false };
  }

  /** ParseNextRecord: the fields of the next record; [] at the end of the text. */
  parseNextRecord(): string[] {
    const result: string[] = [];
    let current = '';
    let inQuotes = false;
    const finishWith = (rest: { text: string; endOfRecord: boolean }): boolean => {
      result.push(current + rest.text);
      current = '';
      return rest.endOfRecord;
    };
    while (!this.eof) {
      const ch = this.text[this.pos++];
      if (ch === this.delimiter) {
        if (inQuotes) current += ch;
        else {
          result.push(current);
          current = '';
        }
      } else if (ch === '"') {
        if (inQuotes) {
          if (this.peekIs('"')) {
            this.pos++;
            current += '"';
          } else {
            inQuotes = false;
            if (finishWith(this.readTillNextDelimiter(true))) break;
          }
        } else if (current.length === 0) {
          inQuotes = true;
        } else {
          current += ch;
          if (finishWith(this.readTillNextDelimiter(false))) break;
        }
      } else if (ch === ' ' || ch === '\t') {
        if (inQuotes) current += ch;
        else if (current.length === 0) continue;
        else {
          current += ch;
          if (finishWith(this.readTillNextDelimiter(true))) break;
        }
      } else {
        const nl = this.newLine(ch);
        if (nl === null) current += this.plainRun();
        else if (inQuotes) current += nl;
        else {
          result.push(current);
          current = '';
          break;
        }
      }
    }
    if (current.length !== 0) result.push(current);
    return result;
  }

  /** ReadHeader: an optional `#TYPE` line, `#` comment lines, then the header record. */
  readHeader(): void {
    if (this.typeName === null && !this.eof && this.peekIs('#')) {
      const line = this.readLine();
      if (line.toLowerCase().startsWith('#type')) this.typeName = line.slice(5).trim() || null;
    }
    while (this.header === null && !this.eof) {
      const values = this.parseNextRecord();
      // Trailing delimiters (empty names) are trimmed from the header only.
      while (values.length > 1 && values[values.length - 1] === '') values.pop();
      if (values.length !== 0 && values[0].startsWith('#Fields: ')) {
        values[0] = values[0].slice(9); // W3C extended log format
        this.header = values;
      } else if (values.length === 0 || !values[0].startsWith('#')) {
        this.header = values;
      }
    }
    if (this.header) {
      const seen = new Set<string>();
      for (const name of this.header) {
        if (name === '') continue;
        if (seen.has(name.toLowerCase())) {
          throw psFail(this.cmd, `The member "${name}" is already present.`, 'AlreadyPresentPSMemberInfoInternalCollectionAdd', 'NotSpecified', 'ExtendedTypeSystemException');
        }
        seen.add(name.toLowerCase());
      }
    }
  }

  /** Import: one PSObject per record; blank lines are skipped. Returns true if unnamed columns were given H1, H2... */
  import(emit: (obj: PSObject) => void): boolean {
    this.reading(() => this.readHeader());
    let usedDefaultNames = false;
    for (let records = 1; ; records++) {
      if (records % RECORDS_PER_CHECK === 0) this.source.checkMemory?.();
      const values = this.reading(() => this.parseNextRecord());
      if (values.length === 0) break;
      if (values.length === 1 && values[0] === '') continue;
      const obj = this.typeName ? new PSObject(this.typeName) : new PSObject();
      if (this.typeName) obj.typeNames = [this.typeName, 'CSV:' + this.typeName];
      let unnamed = 1;
      (this.header ?? []).forEach((name, i) => {
        // A field missing from a short row is $null; a present empty field is ''.
        obj.set(name === '' ? `H${unnamed++}` : name, i < values.length ? values[i] : null);
      });
      if (unnamed !== 1) usedDefaultNames = true;
      emit(obj);
    }
    return usedDefaultNames;
  }

  /** Runs a step of reading (not `emit`, whose commands may fail alike): a field longer than a string can be (an unclosed quote in a huge file, say) is out of memory. */
  private reading<T>(step: () => T): T {
    try {
      return step();
    } catch (e) {
      if (isStringTooLong(e)) throw outOfMemory(this.cmd);
      throw e;
    }
  }
}
