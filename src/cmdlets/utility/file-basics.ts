// What the file cmdlets and their readers share without depending on each other: pwsh's
// encoding names, byte-order marks, and errors named after the .NET command class.

import { PSError, type ErrorCategory } from '../../shell/errors.js';

/** pwsh's -Encoding names (EncodingConversion), lower-cased. Unix has no ANSI/OEM code page: both are UTF-8. */
export const ENCODINGS = ['ascii', 'ansi', 'bigendianunicode', 'bigendianutf32', 'default', 'latin1', 'oem', 'unicode', 'utf8', 'utf8bom', 'utf8nobom', 'utf32'] as const;
export type EncodingName = (typeof ENCODINGS)[number];

export function bomEncoding(buf: Buffer): { enc: EncodingName; length: number } | undefined {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { enc: 'utf8bom', length: 3 };
  if (buf.length >= 4 && buf[0] === 0xff && buf[1] === 0xfe && buf[2] === 0 && buf[3] === 0) return { enc: 'utf32', length: 4 };
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { enc: 'unicode', length: 2 };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { enc: 'bigendianunicode', length: 2 };
  if (buf.length >= 4 && buf[0] === 0 && buf[1] === 0 && buf[2] === 0xfe && buf[3] === 0xff) return { enc: 'bigendianutf32', length: 4 };
  return undefined;
}

export interface CommandIds {
  name: string;
  cls: string;
}

export function psFail(cmd: CommandIds, message: string, id: string, category: ErrorCategory, exception: string, target?: unknown): PSError {
  return new PSError(message, { category, errorId: `${id},${cmd.cls}`, command: cmd.name, exception, target });
}
