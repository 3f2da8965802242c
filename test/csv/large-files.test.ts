// Import-Csv and Get-Content read files a chunk at a time (issue 8: a file over 512 MB, more
// than a JavaScript string holds, ended exosh with an internal error). The chunked reading must
// give exactly what reading the whole text gave: these tests split files into pieces of a few
// bytes, across quoted fields, CRLF pairs, byte-order marks and multi-byte characters.

import fc from 'fast-check';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CsvReader } from '../../src/cmdlets/utility/csv-reader.js';
import { exportCsvCmdlet, importCsvCmdlet } from '../../src/cmdlets/utility/csv.js';
import { decodeText, encodeText, getContentCmdlet, type EncodingName } from '../../src/cmdlets/utility/file.js';
import { CHUNK_BYTES, ChunkDecoder, ensureHeapRoom, LineSplitter, TextFileReader } from '../../src/cmdlets/utility/text-reader.js';
import { PSError } from '../../src/shell/errors.js';
import { PSObject, type PSValue } from '../../src/shell/values.js';
import { failure, runCmdlet } from '../helpers/context.js';

const IMPORT = { name: 'Import-Csv', cls: 'Microsoft.PowerShell.Commands.ImportCsvCommand' };

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exosh-large-'));
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** `bytes` cut into pieces of `size` bytes (the last one shorter). */
function pieces<T extends { length: number; subarray?: unknown; slice(a: number, b: number): T }>(whole: T, size: number): T[] {
  const out: T[] = [];
  for (let i = 0; i < whole.length; i += size) out.push(whole.slice(i, i + size));
  return out;
}

function decodeInPieces(bytes: Buffer, enc: EncodingName, size: number): string {
  const decoder = new ChunkDecoder(enc);
  return (
    pieces(bytes, size)
      .map((p) => decoder.write(p))
      .join('') + decoder.end()
  );
}

const rows = (objects: PSValue[]) => objects.map((o) => (o as PSObject).entries());

/** Every record of `text` read by a CsvReader fed `pieces` one after another, and the reader's header and type name. */
function readCsv(text: string[], header: string[] | null = null) {
  const rest = [...text];
  const reader = new CsvReader(rest.shift() ?? '', ',', header, null, IMPORT, { more: () => rest.shift() ?? null });
  const out: PSValue[] = [];
  const unnamed = reader.import((o) => out.push(o));
  return { rows: rows(out), header: reader.header, typeName: reader.typeName, unnamed };
}

/** CSV texts for the quirks of pwsh's reader: each must read the same whole and in pieces. */
const CSV_TEXTS = [
  '"A","B","C"\n"say ""hi""","x,y","line1\r\nline2"\n',
  'A,B,C\r\n1,,\r\n2\r\n\r\n3,4,5,6\r',
  '#TYPE My.Type\r\n"A","B"\r"1","2"\r\n',
  '#comment\n#Fields: x y\n1\n',
  'A,B\n  x,  "y"  \n"foo bar" ab,foo "ba,r"\n',
  'A,,B,,\n1,2,3,4,5\n',
  'Name,Ünïcödé ✓\n"Résumé 😀","x\r"\n"unclosed, quote\r\n',
  'A\n\n\n',
  '',
];

describe('the chunk decoder', () => {
  const ENCODINGS: EncodingName[] = ['utf8nobom', 'utf8bom', 'unicode', 'bigendianunicode', 'utf32', 'bigendianutf32', 'ascii', 'latin1'];

  it('decodes text in pieces of 1 to 7 bytes exactly as decodeText decodes it whole', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), fc.constantFrom(...ENCODINGS), fc.constantFrom(...ENCODINGS), fc.integer({ min: 1, max: 7 }), (text, written, read, size) => {
        const bom = { utf8bom: [0xef, 0xbb, 0xbf], unicode: [0xff, 0xfe], bigendianunicode: [0xfe, 0xff], utf32: [0xff, 0xfe, 0, 0], bigendianutf32: [0, 0, 0xfe, 0xff] }[written as string] ?? [];
        const bytes = Buffer.concat([Buffer.from(bom), encodeText(text, written)]);
        // UTF-32 read from other bytes can hold invalid code points: an error both ways
        const outcome = (decode: () => string) => {
          try {
            return decode();
          } catch (e) {
            return (e as Error).message;
          }
        };
        expect(outcome(() => decodeInPieces(bytes, read, size))).toBe(outcome(() => decodeText(bytes, read)));
      }),
      { numRuns: 600, seed: 8 },
    );
  });

  it('decodes any bytes, invalid UTF-8 and odd UTF-16 lengths included, as decodeText does', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 40 }), fc.constantFrom<EncodingName>('utf8', 'unicode', 'latin1', 'ascii'), fc.integer({ min: 1, max: 7 }), (raw, enc, size) => {
        const bytes = Buffer.from(raw);
        expect(decodeInPieces(bytes, enc, size)).toBe(decodeText(bytes, enc));
      }),
      { numRuns: 600, seed: 9 },
    );
  });

  it('keeps a multi-byte character, a surrogate pair and a byte-order mark that a cut splits', () => {
    expect(decodeInPieces(Buffer.from('\ufeffé😀✓', 'utf8'), 'utf8', 1)).toBe('é😀✓');
    expect(decodeInPieces(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a😀', 'utf16le')]), 'utf8', 3)).toBe('a😀');
  });
});

describe('the line splitter', () => {
  it('splits lines as StreamReader.ReadLine does, however the text is cut', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'bc', '\r', '\n', '\r\n', ' ', 'é'), { maxLength: 20 }).map((a) => a.join('')),
        fc.integer({ min: 1, max: 7 }),
        (text, size) => {
          // what Get-Content did with the whole text
          const whole = text.length ? text.split(/\r\n|\r|\n/) : [];
          if (whole.length && whole[whole.length - 1] === '' && /[\r\n]$/.test(text)) whole.pop();
          const lines: string[] = [];
          const splitter = new LineSplitter();
          for (const piece of pieces(text, size)) splitter.push(piece, (l) => lines.push(l));
          splitter.end((l) => lines.push(l));
          expect(lines).toEqual(whole);
        },
      ),
      { numRuns: 600, seed: 10 },
    );
  });
});

describe('the CSV reader fed in pieces', () => {
  it.each(CSV_TEXTS.map((t) => [JSON.stringify(t).slice(0, 40), t]))('reads %s in pieces of 1 to 7 characters as it reads it whole', (_name, text) => {
    const whole = readCsv([text]);
    for (let size = 1; size <= 7; size++) expect({ size, ...readCsv(pieces(text, size)) }).toEqual({ size, ...whole });
  });

  it('reads a UTF-8 file in 7-byte chunks as it reads the whole text', () => {
    const text = CSV_TEXTS.slice(0, 3).join('') + 'Name,Ünïcödé ✓\r\n"Résumé 😀","two\r\nlines"\r\n'.repeat(20);
    const file = path.join(dir, 'in.csv');
    fs.writeFileSync(file, '\ufeff' + text);
    const reader = new TextFileReader(fs.openSync(file, 'r'), 'utf8nobom', 7);
    try {
      const out: PSValue[] = [];
      new CsvReader('', ',', null, null, IMPORT, { more: () => reader.next() }).import((o) => out.push(o));
      expect(rows(out)).toEqual(readCsv([text]).rows);
      expect(out).toHaveLength(readCsv([text]).rows.length);
    } finally {
      reader.close();
    }
  });

  it('checks the memory every 4096 records, and stops when the check fails', () => {
    let checks = 0;
    const text = 'A\n' + '1\n'.repeat(10_000);
    const reader = new CsvReader(text, ',', null, null, IMPORT, {
      checkMemory: () => {
        checks++;
      },
    });
    let n = 0;
    reader.import(() => n++);
    expect({ n, checks }).toEqual({ n: 10_000, checks: 2 });
  });
});

describe('Import-Csv on a file of any size', () => {
  it('reads the file a chunk at a time, never as a whole', () => {
    fs.writeFileSync(path.join(dir, 'in.csv'), 'A,B\n1,2\n');
    const readFileSync = vi.spyOn(fs, 'readFileSync');
    const readSync = vi.spyOn(fs, 'readSync');
    const run = runCmdlet(importCsvCmdlet, { Path: ['in.csv'] }, undefined, dir);
    expect(rows(run.output)).toEqual([
      [
        ['A', '1'],
        ['B', '2'],
      ],
    ]);
    expect(readFileSync).not.toHaveBeenCalled();
    expect(readSync).toHaveBeenCalled();
    for (const call of readSync.mock.calls) expect((call as unknown[])[3]).toBeLessThanOrEqual(CHUNK_BYTES);
  });

  it("stops with pwsh's out-of-memory error, instead of dying, when the rows fill the heap", () => {
    fs.writeFileSync(path.join(dir, 'in.csv'), 'A\n' + '1\n'.repeat(5000));
    const limit = v8.getHeapStatistics().heap_size_limit;
    vi.spyOn(v8, 'getHeapStatistics').mockReturnValue({ ...v8.getHeapStatistics(), used_heap_size: limit * 0.9, heap_size_limit: limit });
    const e = failure(() => runCmdlet(importCsvCmdlet, { Path: ['in.csv'] }, undefined, dir));
    expect(e.render()).toBe('Import-Csv: Insufficient memory to continue the execution of the program.');
    expect(e.errorId).toBe('System.OutOfMemoryException,Microsoft.PowerShell.Commands.ImportCsvCommand');
  });

  it('reports open failures as before', () => {
    fs.mkdirSync(path.join(dir, 'sub'));
    expect(failure(() => runCmdlet(importCsvCmdlet, { Path: ['nope.csv'] }, undefined, dir)).message).toBe(`Could not find file '${path.join(dir, 'nope.csv')}'.`);
    expect(failure(() => runCmdlet(importCsvCmdlet, { Path: ['sub'] }, undefined, dir)).message).toBe(`Access to the path '${path.join(dir, 'sub')}' is denied.`);
  });
});

describe('Get-Content on a file of any size', () => {
  const file = () => path.join(dir, 'f.txt');
  const get = (params: Record<string, PSValue>) => runCmdlet(getContentCmdlet, { Path: ['f.txt'], ...params }, undefined, dir);

  it('reads the file a chunk at a time, and only as far as -TotalCount needs', () => {
    fs.writeFileSync(file(), 'a\r\nb\rc\nd\n');
    const readFileSync = vi.spyOn(fs, 'readFileSync');
    expect(get({}).output).toEqual(['a', 'b', 'c', 'd']);
    expect(get({ Raw: true }).output).toEqual(['a\r\nb\rc\nd\n']);
    expect(get({ Tail: 2 }).output).toEqual(['c', 'd']);
    expect(get({ TotalCount: 3, Tail: 2 }).output).toEqual(['b', 'c']);
    expect(get({ TotalCount: 0 }).output).toEqual([]);
    expect(readFileSync).not.toHaveBeenCalled();

    fs.writeFileSync(file(), 'first\n' + 'x'.repeat(3 * CHUNK_BYTES));
    const readSync = vi.spyOn(fs, 'readSync');
    expect(get({ TotalCount: 1 }).output).toEqual(['first']);
    expect(readSync).toHaveBeenCalledTimes(1);
  });

  it("stops with pwsh's out-of-memory error when the lines fill the heap", () => {
    fs.writeFileSync(file(), 'line\n'.repeat(5000));
    const limit = v8.getHeapStatistics().heap_size_limit;
    vi.spyOn(v8, 'getHeapStatistics').mockReturnValue({ ...v8.getHeapStatistics(), used_heap_size: limit * 0.9, heap_size_limit: limit });
    expect(failure(() => get({})).render()).toBe('Get-Content: Insufficient memory to continue the execution of the program.');
  });
});

describe('Export-Csv -Append to a file too large to read', () => {
  it("fails with pwsh's out-of-memory error and leaves the file alone", () => {
    fs.writeFileSync(path.join(dir, 'out.csv'), '"A"\n"1"\n');
    // what decoding a file of more than 536,870,888 characters throws
    vi.spyOn(Buffer.prototype, 'toString').mockImplementationOnce(() => {
      throw Object.assign(new Error('Cannot create a string longer than 0x1fffffe8 characters'), { code: 'ERR_STRING_TOO_LONG' });
    });
    const e = failure(() => runCmdlet(exportCsvCmdlet, { Path: 'out.csv', Append: true }, [PSObject.from({ A: '2' })], dir));
    expect(e.render()).toBe('Export-Csv: Insufficient memory to continue the execution of the program.');
    expect(fs.readFileSync(path.join(dir, 'out.csv'), 'utf8')).toBe('"A"\n"1"\n');
  });
});

describe('the heap check', () => {
  it('fails above 85% of the heap limit only', () => {
    const stats = (share: number) => () => ({ used_heap_size: share * 1000, heap_size_limit: 1000 });
    expect(() => ensureHeapRoom(IMPORT, stats(0.8))).not.toThrow();
    const e = failure(() => ensureHeapRoom(IMPORT, stats(0.86)));
    expect(e).toBeInstanceOf(PSError);
    expect(e.exception).toBe('OutOfMemoryException');
  });
});
