// The terminal host: where output, errors, warnings and Write-Host text go, with colour
// only on a terminal, and the --output modes for scripts and pipes.

import { Chalk, supportsColor, type ChalkInstance } from 'chalk';
import { openSync, readSync, closeSync, writeSync } from 'node:fs';
import { isatty } from 'node:tty';
import type { PSError } from '../shell/errors.js';
import { renderForHost } from '../shell/format/out-default.js';
import { ModeWriter } from '../shell/format/modes.js';
import type { ViewDefinition } from '../shell/cmdlet.js';
import type { ShellHost } from '../shell/session.js';
import type { PSValue } from '../shell/values.js';

export type OutputMode = 'default' | 'table' | 'list' | 'json' | 'jsonl' | 'csv';

export interface TerminalHostOptions {
  mode: OutputMode;
  color: boolean;
  views: () => ReadonlyMap<string, ViewDefinition>;
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
}

const HOST_COLORS: Record<string, keyof ChalkInstance> = {
  black: 'black',
  darkblue: 'blue',
  darkgreen: 'green',
  darkcyan: 'cyan',
  darkred: 'red',
  darkmagenta: 'magenta',
  darkyellow: 'yellow',
  gray: 'gray',
  darkgray: 'gray',
  blue: 'blueBright',
  green: 'greenBright',
  cyan: 'cyanBright',
  red: 'redBright',
  magenta: 'magentaBright',
  yellow: 'yellowBright',
  white: 'whiteBright',
};

/** Output text gathered before it is written: one system call per chunk rather than per object. */
const OUTPUT_CHUNK = 64 * 1024;

export class TerminalHost implements ShellHost {
  /** The --output writer of the run (or of the REPL line), created by its first output. */
  private modeWriter?: ModeWriter;
  private pendingOutput = '';
  private readonly out: (text: string) => void;
  private readonly err: (text: string) => void;
  private readonly chalk: ChalkInstance;

  /** Set by the REPL while a statement runs: tells whether Ctrl-C was pressed. */
  interruptSource?: () => boolean;

  interruptRequested(): boolean {
    return this.interruptSource?.() ?? false;
  }

  constructor(private readonly options: TerminalHostOptions) {
    this.out = options.stdout ?? ((t) => writeAll(1, t));
    this.err = options.stderr ?? ((t) => writeAll(2, t));
    this.chalk = new Chalk({ level: options.color ? (supportsColor ? supportsColor.level : 1) || 1 : 0 });
  }

  /** The --output modes write a statement's output as it comes; the default view needs it whole. */
  get streamsOutput(): boolean {
    return this.options.mode !== 'default';
  }

  get width(): number {
    const cols = process.stdout.isTTY ? process.stdout.columns : Number(process.env.COLUMNS) || 0;
    return cols > 0 ? cols : 120;
  }

  writeOutput(values: PSValue[]): void {
    if (this.options.mode === 'default') {
      this.out(renderForHost(values, this.renderOptions()));
      return;
    }
    this.modeWriter ??= this.newModeWriter(this.options.mode);
    this.modeWriter.write(values);
    // written before the error or warning that may come next, so the streams stay in order
    this.writePendingOutput();
  }

  /** Ends the --output mode's text (the JSON array's `]`, the table); called when the script ends. */
  flush(): void {
    const mode = this.options.mode;
    if (mode === 'default') return;
    (this.modeWriter ?? this.newModeWriter(mode)).end();
    this.modeWriter = undefined;
    this.writePendingOutput();
  }

  private newModeWriter(mode: Exclude<OutputMode, 'default'>): ModeWriter {
    return new ModeWriter(mode, this.renderOptions(), (text) => {
      this.pendingOutput += text;
      if (this.pendingOutput.length >= OUTPUT_CHUNK) this.writePendingOutput();
    });
  }

  private writePendingOutput(): void {
    if (!this.pendingOutput) return;
    const text = this.pendingOutput;
    this.pendingOutput = '';
    this.out(text);
  }

  private renderOptions() {
    return { views: this.options.views(), width: this.width, color: this.options.color };
  }

  writeError(error: PSError): void {
    this.err(this.chalk.red(error.render()) + '\n');
  }

  writeWarning(message: string): void {
    this.err(this.chalk.yellow(`WARNING: ${message}`) + '\n');
  }

  writeVerbose(message: string): void {
    this.err(this.chalk.yellow(`VERBOSE: ${message}`) + '\n');
  }

  writeHost(text: string, newline: boolean, color?: string): void {
    const style = color ? HOST_COLORS[color.toLowerCase()] : undefined;
    const painted = style ? (this.chalk[style] as (s: string) => string)(text) : text;
    // json, jsonl and csv output is data for another program: Write-Host (and -WhatIf) text must not corrupt it
    const mode = this.options.mode;
    const machineReadable = mode === 'json' || mode === 'jsonl' || mode === 'csv';
    (machineReadable ? this.err : this.out)(painted + (newline ? '\n' : ''));
  }

  confirm(caption: string, message: string): boolean | undefined {
    // isatty, not process.stdin.isTTY: creating process.stdin would make a piped stdin non-blocking
    if (!isatty(0)) return undefined;
    this.err(`\n${caption}\n${message}\n[Y] Yes  [N] No  (default is "Y"): `);
    const answer = readTtyLine();
    return answer === undefined ? undefined : !/^n/i.test(answer.trim());
  }
}

/** Synchronous writes keep stdout and stderr in order and survive process.exit(). */
function writeAll(fd: number, text: string): void {
  const buf = Buffer.from(text, 'utf8');
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      if ((e as NodeJS.ErrnoException).code === 'EPIPE') return;
      throw e;
    }
  }
}

function readTtyLine(): string | undefined {
  let fd: number;
  try {
    fd = openSync('/dev/tty', 'r');
  } catch {
    return undefined;
  }
  // The REPL keeps the terminal in raw mode (no echo, no line editing): answer in cooked mode.
  const raw = isatty(0) && process.stdin.isRaw;
  if (raw) process.stdin.setRawMode(false);
  try {
    const buf = Buffer.alloc(1);
    let line = '';
    while (readSync(fd, buf, 0, 1, null) === 1) {
      const c = buf.toString('utf8');
      if (c === '\n') break;
      line += c;
    }
    return line;
  } finally {
    if (raw) process.stdin.setRawMode(true);
    closeSync(fd);
  }
}
