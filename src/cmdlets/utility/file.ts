// File output and content cmdlets (Out-File, Set-Content, Add-Content, Get-Content) and the
// file plumbing the CSV cmdlets share: path resolution, encodings and .NET's error texts.
//
// The rules follow PowerShell 7's PathUtils.cs (MasterStreamOpen, ResolveFilePath) and the
// FileSystem provider, because admins compare exosh's files and messages with real pwsh.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineCmdlet, type CmdletContext, type ParamSpec, type ParamValues } from '../../shell/cmdlet.js';
import { toStr } from '../../shell/convert.js';
import { PSError, type ErrorCategory } from '../../shell/errors.js';
import { renderForHost } from '../../shell/format/out-default.js';
import { toList } from '../../shell/lists.js';
import { hasWildcard, wildcardToRegExp } from '../../shell/members.js';
import type { PSValue } from '../../shell/values.js';
import { bomEncoding, ENCODINGS, psFail, type CommandIds, type EncodingName } from './file-basics.js';
import { ensureHeapRoom, isStringTooLong, joinText, LineSplitter, MAX_STRING_LENGTH, outOfMemory, TextFileReader, TextTooLongError } from './text-reader.js';

// ---------------------------------------------------------------------------------------------
// Encodings

export { bomEncoding, psFail, type CommandIds, type EncodingName } from './file-basics.js';

/** The parameter every file cmdlet declares. pwsh 7's default is UTF-8 without a BOM. */
export const encodingParam = {
  name: 'Encoding',
  type: 'string',
  validate: (v) => (parseEncoding(v) ? undefined : `'${toStr(v)}' is not a supported encoding name.`),
  help: 'ascii, bigendianunicode, bigendianutf32, latin1, oem, unicode, utf8, utf8BOM, utf8NoBOM, utf32. Default: utf8NoBOM.',
} as const satisfies ParamSpec;

export function parseEncoding(v: PSValue | undefined): EncodingName | undefined {
  if (v === undefined || v === null) return 'utf8nobom';
  const name = toStr(v).toLowerCase();
  return (ENCODINGS as readonly string[]).includes(name) ? (name as EncodingName) : undefined;
}

function preamble(enc: EncodingName): Buffer {
  switch (enc) {
    case 'utf8bom':
      return Buffer.from([0xef, 0xbb, 0xbf]);
    case 'unicode':
      return Buffer.from([0xff, 0xfe]);
    case 'bigendianunicode':
      return Buffer.from([0xfe, 0xff]);
    case 'utf32':
      return Buffer.from([0xff, 0xfe, 0, 0]);
    case 'bigendianutf32':
      return Buffer.from([0, 0, 0xfe, 0xff]);
    default:
      return Buffer.alloc(0);
  }
}

/** Encodes text without a preamble; unencodable characters become '?' as .NET's replacement fallback does. */
export function encodeText(text: string, enc: EncodingName): Buffer {
  switch (enc) {
    case 'ascii':
      return Buffer.from([...text].map((c) => (c.codePointAt(0)! < 0x80 ? c.codePointAt(0)! : 0x3f)));
    case 'latin1':
      return Buffer.from([...text].map((c) => (c.codePointAt(0)! < 0x100 ? c.codePointAt(0)! : 0x3f)));
    case 'unicode':
      return Buffer.from(text, 'utf16le');
    case 'bigendianunicode':
      return Buffer.from(text, 'utf16le').swap16();
    case 'utf32':
    case 'bigendianutf32': {
      const cps = [...text].map((c) => c.codePointAt(0)!);
      const buf = Buffer.alloc(cps.length * 4);
      cps.forEach((cp, i) => {
        if (enc === 'utf32') buf.writeUInt32LE(cp, i * 4);
        else buf.writeUInt32BE(cp, i * 4);
      });
      return buf;
    }
    default:
      return Buffer.from(text, 'utf8');
  }
}

/** The encoding a byte-order mark announces; .NET's StreamReader lets a BOM win over -Encoding. */
export function decodeText(buf: Buffer, enc: EncodingName): string {
  const bom = bomEncoding(buf);
  const body = bom ? buf.subarray(bom.length) : buf;
  switch (bom?.enc ?? enc) {
    case 'ascii':
      return Buffer.from(body.map((b) => (b < 0x80 ? b : 0x3f))).toString('latin1');
    case 'latin1':
      return body.toString('latin1');
    case 'unicode':
      return body.toString('utf16le');
    // an odd last byte is dropped, as for 'unicode' (swap16 throws on it)
    case 'bigendianunicode':
      return Buffer.from(body.subarray(0, body.length - (body.length % 2)))
        .swap16()
        .toString('utf16le');
    case 'utf32':
    case 'bigendianutf32': {
      let out = '';
      const le = (bom?.enc ?? enc) === 'utf32';
      for (let i = 0; i + 3 < body.length; i += 4) out += String.fromCodePoint(le ? body.readUInt32LE(i) : body.readUInt32BE(i));
      return out;
    }
    default:
      return body.toString('utf8');
  }
}

// ---------------------------------------------------------------------------------------------
// Paths and .NET's I/O error texts

/** `Microsoft.PowerShell.Commands.<Class>`, the second half of pwsh's FullyQualifiedErrorId. */
function ids(name: string, cls: string): CommandIds {
  return { name, cls: `Microsoft.PowerShell.Commands.${cls}` };
}

function expandHome(p: string): string {
  return p === '~' || p.startsWith('~/') ? os.homedir() + p.slice(1) : p;
}

/** WildcardPattern.Unescape: a backtick makes the next character literal. */
function unescapeWildcard(p: string): string {
  return p.replace(/`(.)/g, '$1');
}

/** Items matching a wildcard in the last path segment, sorted by name (wildcards in folders are not supported). */
function globItems(cwd: string, pattern: string): string[] {
  const full = path.resolve(cwd, pattern);
  const dir = path.dirname(full);
  if (hasWildcard(dir)) return [];
  const re = wildcardToRegExp(path.basename(full));
  try {
    return fs
      .readdirSync(dir)
      .filter((n) => re.test(n))
      .sort()
      .map((n) => path.join(dir, n));
  } catch {
    return [];
  }
}

/**
 * PathUtils.ResolveFilePath: the one file a cmdlet reads or writes. A -Path wildcard must match at
 * most one item; with no match (or no wildcard) the path is taken as typed, relative to the session.
 */
export function resolveFilePath(ctx: CmdletContext, given: string, literal: boolean, cmd: CommandIds): string {
  const p = expandHome(given);
  if (!literal && hasWildcard(p)) {
    const matches = globItems(ctx.cwd, p);
    if (matches.length > 1) {
      throw psFail(
        cmd,
        'Cannot perform operation because the path resolved to more than one file. This command cannot operate on multiple files.',
        'ReadWriteMultipleFilesNotSupported',
        'InvalidArgument',
        'InvalidOperationException',
      );
    }
    if (matches.length === 1) return matches[0];
  }
  return path.resolve(ctx.cwd, literal ? p : unescapeWildcard(p));
}

/** Provider-style resolution (Get-/Set-/Add-Content): a wildcard may match many items, or none. */
function resolveProviderPaths(ctx: CmdletContext, given: string, literal: boolean): string[] {
  const p = expandHome(given);
  if (!literal && hasWildcard(p)) return globItems(ctx.cwd, p);
  return [path.resolve(ctx.cwd, literal ? p : unescapeWildcard(p))];
}

/** .NET's exception and message for a failed open, as pwsh prints them on Linux. */
export function ioFailure(err: unknown, full: string, reading: boolean): { message: string; exception: string } {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    if (reading && isDirectory(path.dirname(full))) return { message: `Could not find file '${full}'.`, exception: 'FileNotFoundException' };
    return { message: `Could not find a part of the path '${full}'.`, exception: 'DirectoryNotFoundException' };
  }
  // .NET opens a directory, sees it is one and reports EACCES, as for a permission problem.
  if (code === 'EACCES' || code === 'EPERM' || code === 'EISDIR') return { message: `Access to the path '${full}' is denied.`, exception: 'UnauthorizedAccessException' };
  return { message: (err as Error)?.message ?? String(err), exception: 'IOException' };
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Opens a file a command reads (Import-Csv); failures are terminating, as PathUtils.OpenFileStream's are. */
export function openFileForCommand(full: string, cmd: CommandIds): number {
  try {
    if (isDirectory(full)) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
    return fs.openSync(full, 'r');
  } catch (e) {
    const f = ioFailure(e, full, true);
    // pwsh's category is OpenError, which exosh's ErrorCategory does not have.
    throw psFail(cmd, f.message, 'FileOpenFailure', 'ObjectNotFound', f.exception, full);
  }
}

/** Reads a whole file for a command (Export-Csv -Append); failures are terminating. */
export function readFileForCommand(full: string, enc: EncodingName, cmd: CommandIds): { text: string; encoding: EncodingName } {
  const fd = openFileForCommand(full, cmd);
  let buf: Buffer;
  try {
    buf = fs.readFileSync(fd);
  } catch (e) {
    // Node reads at most 2 GB at once
    if ((e as NodeJS.ErrnoException)?.code === 'ERR_FS_FILE_TOO_LARGE') throw outOfMemory(cmd);
    const f = ioFailure(e, full, true);
    throw psFail(cmd, f.message, 'FileOpenFailure', 'ObjectNotFound', f.exception, full);
  } finally {
    fs.closeSync(fd);
  }
  try {
    return { text: decodeText(buf, enc), encoding: bomEncoding(buf)?.enc ?? enc };
  } catch (e) {
    if (isStringTooLong(e)) throw outOfMemory(cmd); // more text than a string can hold
    throw e;
  }
}

/**
 * An open output file, held open for the whole run (closed by the command's end, or by its
 * dispose when the pipeline stops early). Every write goes straight to the file (pwsh flushes
 * after each CSV row); the descriptor appends, so each write lands at the file's end.
 */
export class FileSink {
  private fd: number | undefined;

  constructor(
    readonly path: string,
    readonly encoding: EncodingName,
    fd: number,
    private readonly restoreMode?: number,
  ) {
    this.fd = fd;
  }

  write(text: string): void {
    if (text.length === 0) return;
    if (this.fd === undefined) throw new Error(`The file '${this.path}' is closed.`);
    const bytes = encodeText(text, this.encoding);
    for (let done = 0; done < bytes.length; ) done += fs.writeSync(this.fd, bytes, done, bytes.length - done);
  }

  /** Closes the file and puts back the read-only bit that -Force lifted; later calls do nothing. */
  close(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    try {
      fs.closeSync(fd);
    } finally {
      if (this.restoreMode !== undefined) fs.chmodSync(this.path, this.restoreMode);
    }
  }
}

export interface OpenOptions {
  append: boolean;
  force: boolean;
  noClobber: boolean;
  encoding: EncodingName;
  /** The path as the user typed it: pwsh quotes it unresolved in the NoClobber message. */
  given: string;
}

/**
 * PathUtils.MasterStreamOpen: creates, truncates or appends to the file right away (so an empty
 * pipeline still leaves an empty file). -Append beats -NoClobber; -Force lifts a read-only bit.
 * A BOM is written only at position 0, as StreamWriter does.
 */
export function openFileSink(full: string, o: OpenOptions, cmd: CommandIds, category: ErrorCategory = 'WriteError'): FileSink {
  let restoreMode: number | undefined;
  try {
    if (o.force && (o.append || !o.noClobber)) {
      const st = fs.statSync(full, { throwIfNoEntry: false });
      if (st?.isFile() && (st.mode & 0o222) === 0) {
        restoreMode = st.mode & 0o7777;
        fs.chmodSync(full, restoreMode | 0o200);
      }
    }
    // 'a', 'w' or 'wx', each with O_APPEND: a write always lands at the end of the file
    const { O_WRONLY, O_CREAT, O_APPEND, O_TRUNC, O_EXCL } = fs.constants;
    const fd = fs.openSync(full, O_WRONLY | O_CREAT | O_APPEND | (o.append ? 0 : o.noClobber ? O_EXCL : O_TRUNC));
    try {
      if (fs.fstatSync(fd).isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
      if (fs.fstatSync(fd).size === 0) fs.writeSync(fd, preamble(o.encoding));
    } catch (e) {
      fs.closeSync(fd);
      throw e;
    }
    return new FileSink(full, o.encoding, fd, restoreMode);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST' && o.noClobber) {
      throw psFail(cmd, `File ${o.given} already exists and NoClobber was specified.`, 'NoClobber', 'ResourceExists', 'IOException', full);
    }
    const f = ioFailure(e, full, false);
    // pwsh's category is OpenError, which exosh's ErrorCategory does not have.
    throw psFail(cmd, f.message, 'FileOpenFailure', category, f.exception, full);
  }
}

// ---------------------------------------------------------------------------------------------
// Out-File

const OUT_FILE = ids('Out-File', 'OutFileCommand');

/**
 * Out-File writes what the console would show (Out-Default's formatting, no colour). Tables
 * need all their rows to size the columns and share one header, so rendering waits for the end.
 * With -NoNewline nothing separates the pieces: strings are written as they are and the lines
 * of formatted objects are run together, as pwsh's file writer does.
 */
function renderOutFile(values: PSValue[], ctx: CmdletContext, width: number, noNewline: boolean): string {
  const render = (vs: PSValue[]) => renderForHost(vs, { views: ctx.session.views(), width, color: false });
  if (!noNewline) return render(values);
  let out = '';
  let objects: PSValue[] = [];
  const flush = () => {
    if (objects.length) out += render(objects).replace(/\n/g, '');
    objects = [];
  };
  for (const v of values) {
    if (typeof v === 'string') {
      flush();
      out += v;
    } else objects.push(v);
  }
  flush();
  return out;
}

interface OutFileState {
  sink?: FileSink;
  values: PSValue[];
}

export const outFileCmdlet = defineCmdlet({
  name: 'Out-File',
  synopsis: 'Sends output to a file, formatted as the console shows it.',
  description: 'Strings are written one per line; other objects as Format-Table/Format-List would print them. Lines end with "\\n"; the default encoding is UTF-8 without a BOM.',
  supportsShouldProcess: true,
  defaultSet: 'ByPath',
  parameters: [
    { name: 'FilePath', type: 'string', position: 0, mandatory: true, aliases: ['Path'], sets: ['ByPath'], help: 'The file to write.' },
    { name: 'LiteralPath', type: 'string', mandatory: true, aliases: ['PSPath', 'LP'], sets: ['ByLiteralPath'], help: 'The file to write, taken exactly as typed (no wildcards).' },
    { ...encodingParam, position: 1 },
    { name: 'Append', type: 'switch', help: 'Adds the output to the end of the file instead of replacing it.' },
    { name: 'Force', type: 'switch', help: 'Overwrites a read-only file.' },
    { name: 'NoClobber', type: 'switch', aliases: ['NoOverwrite'], help: 'Does not overwrite an existing file.' },
    { name: 'Width', type: 'int', range: [2, 2147483647], help: 'Characters per line of the formatted output (default: the console width).' },
    { name: 'NoNewline', type: 'switch', help: 'Writes no newline after the output.' },
    { name: 'InputObject', type: 'object', fromPipeline: true, help: 'The objects to write to the file.' },
  ],
  examples: [{ code: 'Get-MessageTrace | Out-File trace.txt', remarks: 'Saves the table the console would show.' }],
  begin(ctx, params) {
    const st: OutFileState = { values: [] };
    const literal = params.LiteralPath !== undefined;
    const given = toStr((literal ? params.LiteralPath : params.FilePath) ?? null);
    if (!ctx.shouldProcess(given, 'Out-File')) return st;
    const full = resolveFilePath(ctx, given, literal, OUT_FILE);
    st.sink = openFileSink(
      full,
      { append: params.Append === true, force: params.Force === true, noClobber: params.NoClobber === true, encoding: parseEncoding(params.Encoding) ?? 'utf8nobom', given },
      OUT_FILE,
    );
    return st;
  },
  process(ctx, params, input, st) {
    const value = input !== undefined ? input : params.InputObject;
    if (st.sink && value !== undefined) st.values.push(value);
  },
  end(ctx, params, st) {
    if (!st.sink) return;
    const width = typeof params.Width === 'number' ? params.Width : ctx.session.width;
    st.sink.write(renderOutFile(st.values, ctx, width, params.NoNewline === true));
    st.sink.close();
  },
  dispose(st) {
    st.sink?.close();
  },
});

// ---------------------------------------------------------------------------------------------
// Set-Content / Add-Content / Get-Content (FileSystem provider)

const SET_CONTENT = ids('Set-Content', 'SetContentCommand');
const ADD_CONTENT = ids('Add-Content', 'AddContentCommand');
const GET_CONTENT = ids('Get-Content', 'GetContentCommand');

function pathParams<const E extends readonly ParamSpec[]>(extra: E) {
  return [
    { name: 'Path', type: 'string[]', position: 0, mandatory: true, fromPipelineByPropertyName: true, sets: ['Path'], help: 'The files to read or write.' },
    {
      name: 'LiteralPath',
      type: 'string[]',
      mandatory: true,
      aliases: ['PSPath', 'LP'],
      fromPipelineByPropertyName: true,
      sets: ['LiteralPath'],
      help: 'The files to read or write, taken exactly as typed (no wildcards).',
    },
    encodingParam,
    { name: 'Force', type: 'switch', help: 'Set-Content and Add-Content write to a read-only file too; Get-Content accepts it for compatibility.' },
    ...extra,
  ] as const satisfies readonly ParamSpec[];
}

function givenPaths(params: ParamValues): { paths: string[]; literal: boolean } {
  const literal = params.LiteralPath !== undefined;
  return { paths: toList(literal ? params.LiteralPath : params.Path).map((p) => toStr(p)), literal };
}

/**
 * The FileSystem content writer: each value's ToString() and a newline (none with -NoNewline);
 * $null is skipped and an array is written element by element (one level, as pwsh does).
 */
function contentText(values: PSValue[], noNewline: boolean): string {
  let out = '';
  for (const v of values) {
    for (const item of Array.isArray(v) ? v : [v]) {
      if (item === null) continue;
      out += (Array.isArray(item) ? 'System.Object[]' : toStr(item)) + (noNewline ? '' : '\n');
    }
  }
  return out;
}

interface ContentState {
  sinks?: FileSink[];
}

function writeContentCmdlet(cmd: CommandIds, append: boolean, synopsis: string) {
  return defineCmdlet({
    name: cmd.name,
    synopsis,
    examples: append
      ? [{ code: "Add-Content recipients.txt 'cy@contoso.com'", remarks: 'Adds a line to the end of recipients.txt (creating the file if needed).' }]
      : [{ code: "Set-Content recipients.txt 'ana@contoso.com', 'ben@contoso.com'", remarks: 'Replaces what recipients.txt held with two lines.' }],
    supportsShouldProcess: true,
    defaultSet: 'Path',
    parameters: pathParams([
      { name: 'Value', type: 'object[]', position: 1, mandatory: true, fromPipeline: true, fromPipelineByPropertyName: true, allowNull: true, help: 'The content to write, one line per element.' },
      { name: 'NoNewline', type: 'switch', help: 'Writes the elements one after another, without newlines.' },
      { name: 'PassThru', type: 'switch', help: 'Returns the content written.' },
    ]),
    // The provider opens its writers on the first input (so an empty pipeline leaves no file)
    // and reports failures per path as non-terminating errors.
    begin(): ContentState {
      return {};
    },
    process(ctx, params, input, st) {
      if (!st.sinks) {
        st.sinks = [];
        const { paths, literal } = givenPaths(params);
        for (const given of paths) {
          for (const full of resolveProviderPaths(ctx, given, literal)) {
            if (!ctx.shouldProcess(`Path: ${full}`, append ? 'Add Content' : 'Set Content')) continue;
            try {
              st.sinks.push(openFileSink(full, { append, force: params.Force === true, noClobber: false, encoding: parseEncoding(params.Encoding) ?? 'utf8nobom', given }, cmd, 'ObjectNotFound'));
            } catch (e) {
              if (!(e instanceof PSError)) throw e;
              ctx.writeError(e);
            }
          }
        }
      }
      const values = input !== undefined ? [input] : toList(params.Value);
      const text = contentText(values, params.NoNewline === true);
      for (const sink of st.sinks) sink.write(text);
      if (params.PassThru === true) for (const v of values) ctx.write(v);
    },
    end(ctx, params, st) {
      for (const sink of st.sinks ?? []) sink.close();
    },
    dispose(st) {
      for (const sink of st.sinks ?? []) sink.close();
    },
  });
}

export const setContentCmdlet = writeContentCmdlet(SET_CONTENT, false, 'Writes new content to a file, replacing what it held.');
export const addContentCmdlet = writeContentCmdlet(ADD_CONTENT, true, 'Appends content to a file.');

export const getContentCmdlet = defineCmdlet({
  name: 'Get-Content',
  aliases: ['gc', 'cat', 'type'],
  synopsis: 'Gets the lines of a file (or, with -Raw, its whole text).',
  examples: [
    { code: 'Get-Content recipients.txt -Tail 1', remarks: 'The last line of recipients.txt.' },
    { code: 'Get-Content recipients.txt | ForEach-Object { Get-MessageTrace -RecipientAddress $_ }', remarks: 'Traces the messages to each address listed in the file.' },
  ],
  defaultSet: 'Path',
  parameters: pathParams([
    { name: 'Raw', type: 'switch', help: 'Returns the whole file as one string, newlines included, instead of one string per line.' },
    { name: 'TotalCount', type: 'int', aliases: ['First', 'Head'], help: 'Returns only this many lines from the start of the file.' },
    { name: 'Tail', type: 'int', aliases: ['Last'], help: 'Returns only this many lines from the end of the file.' },
  ]),
  process(ctx, params) {
    const { paths, literal } = givenPaths(params);
    for (const given of paths) {
      for (const full of resolveProviderPaths(ctx, given, literal)) {
        const st = fs.statSync(full, { throwIfNoEntry: false });
        if (!st) {
          ctx.writeError(psFail(GET_CONTENT, `Cannot find path '${full}' because it does not exist.`, 'PathNotFound', 'ObjectNotFound', 'ItemNotFoundException', full));
          continue;
        }
        if (st.isDirectory()) {
          ctx.writeError(
            psFail(
              GET_CONTENT,
              `Unable to get content because it is a directory: '${full}'. Please use 'Get-ChildItem' instead.`,
              'GetContainerContentException',
              'InvalidOperation',
              'InvalidOperationException',
              full,
            ),
          );
          continue;
        }
        const readError = (e: unknown) => psFail(GET_CONTENT, ioFailure(e, full, true).message, 'GetContentReaderUnauthorizedAccessError', 'PermissionDenied', 'UnauthorizedAccessException', full);
        let file: TextFileReader;
        try {
          file = new TextFileReader(fs.openSync(full, 'r'), parseEncoding(params.Encoding) ?? 'utf8nobom');
        } catch (e) {
          ctx.writeError(readError(e));
          continue;
        }
        try {
          writeContent(ctx, params, file, full);
        } catch (e) {
          if (!(e as NodeJS.ErrnoException)?.syscall) throw e;
          ctx.writeError(readError(e)); // the file failed while being read
        } finally {
          file.close();
        }
      }
    }
  },
});

/** Lines written between two checks that the heap has room (`$lines = Get-Content huge.log`). */
const LINES_PER_MEMORY_CHECK = 4096;

/**
 * Writes a file's lines as they are read, so that a file of any size can go down a pipeline;
 * with -Raw, its whole text as one string, which has a maximum length.
 */
function writeContent(ctx: CmdletContext, params: ParamValues, file: TextFileReader, full: string): void {
  const raw = params.Raw === true;
  try {
    if (raw) writeText(ctx, file);
    else writeLines(ctx, params, file);
  } catch (e) {
    // only the reader's own error: a RangeError may come from the commands the lines go to
    if (!(e instanceof TextTooLongError)) throw e;
    const what = raw ? `The file '${full}' is too large to read as one string` : `A line of the file '${full}' is too long to read`;
    throw psFail(
      GET_CONTENT,
      `${what}: a string holds at most ${MAX_STRING_LENGTH.toLocaleString('en-US')} characters.${raw ? ' Read it line by line, without -Raw.' : ''}`,
      'GetContentReaderIOError',
      'ReadError',
      'OutOfMemoryException',
      full,
    );
  }
}

function writeText(ctx: CmdletContext, file: TextFileReader): void {
  let text = '';
  for (let chunk = file.next(); chunk !== null; chunk = file.next()) text = joinText(text, chunk);
  if (text.length > 0) ctx.write(text);
}

function writeLines(ctx: CmdletContext, params: ParamValues, file: TextFileReader): void {
  const first = typeof params.TotalCount === 'number' && params.TotalCount >= 0 ? params.TotalCount : Infinity;
  const tail = typeof params.Tail === 'number' && params.Tail >= 0 ? params.Tail : undefined;
  // -Tail: the last lines of (the first -TotalCount lines of) the file
  const last: string[] = [];
  let count = 0;
  const take = (line: string): void => {
    if (count >= first) return;
    if (++count % LINES_PER_MEMORY_CHECK === 0) ensureHeapRoom(GET_CONTENT);
    if (tail === undefined) ctx.write(line);
    else if (tail > 0) {
      last.push(line);
      if (last.length > tail) last.shift();
    }
  };
  const lines = new LineSplitter();
  for (;;) {
    const chunk = count < first ? file.next() : null; // -TotalCount: no further than needed
    if (chunk === null) break;
    lines.push(chunk, take);
  }
  lines.end(take);
  for (const line of last) ctx.write(line);
}
