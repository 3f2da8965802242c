// Reading text files a chunk at a time, for Import-Csv and Get-Content: a file can be larger
// than the longest string JavaScript can hold (about 512 MB), and a pipeline such as
// `Import-Csv big.csv | Measure-Object` should need memory for one chunk, not for the file.
// The chunks decode to exactly the text decodeText gives for the whole file.

import { constants } from 'node:buffer';
import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import v8 from 'node:v8';
import { bomEncoding, psFail, type CommandIds, type EncodingName } from './file-basics.js';

/** Bytes read from the file at a time. */
export const CHUNK_BYTES = 1 << 20;

/** The longest string V8 can make: 536,870,888 UTF-16 units on 64-bit machines. */
export const MAX_STRING_LENGTH = constants.MAX_STRING_LENGTH;

/** Thrown instead of V8's "Invalid string length" when text read from a file would not fit in a string. */
export class TextTooLongError extends Error {}

/** `a + b`, or TextTooLongError when the result would be longer than a string can be. */
export function joinText(a: string, b: string): string {
  if (a.length + b.length > MAX_STRING_LENGTH) throw new TextTooLongError();
  return a + b;
}

/** Decodes bytes that arrive in pieces; the pieces' text joined is decodeText of all the bytes. */
export class ChunkDecoder {
  /** The encoding in force once the first bytes have shown whether there is a byte-order mark. */
  private encoding?: EncodingName;
  /** Bytes held back: the start of the file until a BOM can be told, or an incomplete UTF-16/32 unit. */
  private held: Buffer = Buffer.alloc(0);
  private utf8?: StringDecoder;

  constructor(private readonly requested: EncodingName) {}

  write(bytes: Buffer): string {
    return this.decode(bytes, false);
  }

  /** The text of the bytes still held; what decodeText drops (a partial unit) is dropped. */
  end(): string {
    return this.decode(Buffer.alloc(0), true);
  }

  private decode(bytes: Buffer, final: boolean): string {
    let body = this.held.length ? Buffer.concat([this.held, bytes]) : bytes;
    this.held = Buffer.alloc(0);
    if (this.encoding === undefined) {
      // the longest byte-order mark has 4 bytes; a shorter file is checked as a whole, as decodeText does
      if (body.length < 4 && !final) {
        this.held = Buffer.from(body); // a copy: the reader's buffer is filled again
        return '';
      }
      const bom = bomEncoding(body);
      this.encoding = bom?.enc ?? this.requested;
      if (bom) body = body.subarray(bom.length);
    }
    switch (this.encoding) {
      case 'ascii':
        return Buffer.from(body.map((b) => (b < 0x80 ? b : 0x3f))).toString('latin1');
      case 'latin1':
        return body.toString('latin1');
      // a UTF-16 pair split between chunks joins up again in the JavaScript string
      case 'unicode':
        return this.whole(body, 2, final).toString('utf16le');
      case 'bigendianunicode':
        return Buffer.from(this.whole(body, 2, final))
          .swap16()
          .toString('utf16le');
      case 'utf32':
      case 'bigendianutf32': {
        const units = this.whole(body, 4, final);
        const le = this.encoding === 'utf32';
        let out = '';
        for (let i = 0; i + 3 < units.length; i += 4) out += String.fromCodePoint(le ? units.readUInt32LE(i) : units.readUInt32BE(i));
        return out;
      }
      default:
        this.utf8 ??= new StringDecoder('utf8');
        return final ? this.utf8.end(body) : this.utf8.write(body);
    }
  }

  /** The bytes that make whole units of `size`; the rest waits for the next chunk, or is dropped at the end. */
  private whole(body: Buffer, size: number, final: boolean): Buffer {
    const cut = body.length - (body.length % size);
    if (!final) this.held = Buffer.from(body.subarray(cut));
    return body.subarray(0, cut);
  }
}

/** A text file opened for reading chunk by chunk. */
export class TextFileReader {
  private readonly decoder: ChunkDecoder;
  private readonly buffer: Buffer;
  private done = false;

  constructor(
    private readonly fd: number,
    encoding: EncodingName,
    chunkBytes = CHUNK_BYTES,
  ) {
    this.decoder = new ChunkDecoder(encoding);
    this.buffer = Buffer.alloc(chunkBytes);
  }

  /** The next piece of text (never empty), or null at the end of the file. */
  next(): string | null {
    while (!this.done) {
      const n = fs.readSync(this.fd, this.buffer, 0, this.buffer.length, null);
      if (n === 0) this.done = true;
      const text = n === 0 ? this.decoder.end() : this.decoder.write(this.buffer.subarray(0, n));
      if (text.length) return text;
    }
    return null;
  }

  close(): void {
    fs.closeSync(this.fd);
  }
}

/**
 * Splits text arriving in pieces into lines as .NET's StreamReader.ReadLine does: `\n`, `\r\n`
 * and `\r` end a line, and a newline at the very end adds no empty line.
 */
export class LineSplitter {
  private partial = '';
  /** The last piece ended with `\r`: a `\n` at the start of the next one belongs to it. */
  private afterCR = false;

  push(text: string, emit: (line: string) => void): void {
    if (text.length === 0) return;
    let start = this.afterCR && text.charCodeAt(0) === 10 ? 1 : 0;
    this.afterCR = false;
    for (let i = start; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      const line = joinText(this.partial, text.slice(start, i));
      this.partial = '';
      if (c === 13) {
        if (i + 1 === text.length) this.afterCR = true;
        else if (text.charCodeAt(i + 1) === 10) i++;
      }
      start = i + 1;
      emit(line);
    }
    this.partial = joinText(this.partial, text.slice(start));
  }

  end(emit: (line: string) => void): void {
    if (this.partial.length) emit(this.partial);
    this.partial = '';
  }
}

/** Above this share of V8's heap limit, a reader stops rather than let the process die of it. */
export const HEAP_LIMIT_SHARE = 0.85;

/**
 * Throws .NET's out-of-memory error for `cmd` when the heap is nearly full. Running out of heap
 * ends a Node process outright; a command collecting a huge file (`$rows = Import-Csv big.csv`)
 * checks this now and then, and fails with an error the script can see instead.
 */
export function ensureHeapRoom(cmd: CommandIds, heap: () => { used_heap_size: number; heap_size_limit: number } = v8.getHeapStatistics): void {
  const { used_heap_size: used, heap_size_limit: limit } = heap();
  if (used > limit * HEAP_LIMIT_SHARE) throw outOfMemory(cmd);
}

/** pwsh's error when memory runs out, as an error of the command. */
export function outOfMemory(cmd: CommandIds): Error {
  return psFail(cmd, 'Insufficient memory to continue the execution of the program.', 'System.OutOfMemoryException', 'NotSpecified', 'OutOfMemoryException');
}

/** Whether reading text failed because it is longer than a string can be: V8's error when concatenating, Node's when decoding, or ours. */
export function isStringTooLong(e: unknown): boolean {
  return e instanceof TextTooLongError || (e instanceof RangeError && e.message === 'Invalid string length') || (e as NodeJS.ErrnoException)?.code === 'ERR_STRING_TOO_LONG';
}
