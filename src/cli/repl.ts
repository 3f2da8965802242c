// The interactive shell: a prompt naming the tenant, history kept across runs, tab
// completion of commands and parameters, multi-line input while a block is open,
// Ctrl-C abandons the line, Ctrl-D exits.

import { chmodSync, closeSync, fchmodSync, fstatSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join } from 'node:path';
import { createInterface } from 'node:readline';
import { parameterNames } from '../shell/binder.js';
import { ExitSignal, ParseError } from '../shell/errors.js';
import type { Session } from '../shell/session.js';
import type { TerminalHost } from './host.js';
import { TerminalInterruptWatcher } from './interrupt.js';

const HISTORY_LIMIT = 1000;

/** What is typed at the prompt may hold secrets: only its owner may read the history. */
const HISTORY_FILE_MODE = 0o600;
const HISTORY_DIR_MODE = 0o700;

/**
 * PSReadLine's default AddToHistoryHandler pattern: a line that matches is kept for this session
 * (Up still finds it) but never written to the history file.
 */
const SENSITIVE_LINE = /password|asplaintext|token|apikey|secret/i;

export function isSensitiveHistoryLine(line: string): boolean {
  return SENSITIVE_LINE.test(line);
}

function historyPath(): string {
  if (process.env.EXOSH_HISTORY) return process.env.EXOSH_HISTORY;
  // The XDG base directory rules: an unset, empty or relative XDG_STATE_HOME means ~/.local/state.
  const xdg = process.env.XDG_STATE_HOME;
  return join(xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.local', 'state'), 'exosh', 'history');
}

export function loadHistory(): string[] {
  const path = historyPath();
  try {
    // a history file written by an older exosh may be readable by others
    if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, HISTORY_FILE_MODE);
  } catch {
    // no history yet, or not ours to change
  }
  try {
    return readFileSync(path, 'utf8').split('\n').filter(Boolean).slice(-HISTORY_LIMIT).reverse();
  } catch {
    return [];
  }
}

export function saveHistory(line: string): void {
  if (isSensitiveHistoryLine(line)) return;
  const path = historyPath();
  try {
    mkdirSync(dirname(path), { recursive: true, mode: HISTORY_DIR_MODE });
    const fd = openSync(path, 'a', HISTORY_FILE_MODE);
    try {
      if ((fstatSync(fd).mode & 0o077) !== 0) fchmodSync(fd, HISTORY_FILE_MODE);
      writeSync(fd, line.replace(/\n/g, ' ') + '\n');
    } finally {
      closeSync(fd);
    }
  } catch {
    // history is a convenience; a read-only home must not break the shell
  }
}

/** Completes the word under the cursor: parameter names after a command, else command names. */
export function complete(session: Session, line: string): [string[], string] {
  const word = /[^\s|;(]*$/.exec(line)?.[0] ?? '';
  if (word.startsWith('-')) {
    const segment =
      line
        .slice(0, line.length - word.length)
        .split(/[|;]/)
        .pop() ?? '';
    const commandName = segment.trim().split(/\s+/)[0];
    const info = commandName ? session.findCommand(commandName) : undefined;
    if (!info?.definition) return [[], word];
    const prefix = word.slice(1).toLowerCase();
    return [
      parameterNames(info.definition)
        .filter((n) => n.toLowerCase().startsWith(prefix))
        .map((n) => '-' + n),
      word,
    ];
  }
  const names = session.commands().map((c) => c.name);
  const lower = word.toLowerCase();
  return [names.filter((n) => n.toLowerCase().startsWith(lower)), word];
}

/**
 * True when the text is incomplete rather than wrong: a trailing backtick, or a parse error
 * the parser marks as incomplete input (PowerShell's ParseError.IncompleteInput): an open
 * brace, paren, bracket or string (a here-string too), a trailing `|`, an operator still
 * waiting for its right-hand side, a statement still missing its block.
 */
export function needsMoreInput(text: string, session: Pick<Session, 'parse'>): boolean {
  if (text.endsWith('`')) return true;
  try {
    // the newline a typed line ends with: a here-string header (`@"`) is complete only with it
    session.parse(text + '\n');
    return false;
  } catch (e) {
    return e instanceof ParseError && e.incompleteInput;
  }
}

export function startRepl(shell: { session: Session; host: TerminalHost; promptLabel?: () => string; dispose(): void }): Promise<number> {
  const { session, host } = shell;
  const rl = createInterface({
    input: process.stdin,
    output: process.stdout,
    terminal: true,
    history: loadHistory(),
    historySize: HISTORY_LIMIT,
    completer: (line: string) => complete(session, line),
  });
  const label = () => shell.promptLabel?.() ?? 'exosh';
  let buffer = '';
  let lastExit = 0;
  const interrupts = new TerminalInterruptWatcher();
  let typedAhead = '';
  const prompt = () => {
    rl.setPrompt(buffer ? '>> ' : `PS ${label()}> `);
    rl.prompt();
    if (typedAhead) {
      const keys = typedAhead;
      typedAhead = '';
      rl.write(keys);
    }
  };
  return new Promise((resolveExit) => {
    rl.on('line', (line) => {
      buffer = buffer ? `${buffer}\n${line}` : line;
      if (needsMoreInput(buffer, session)) {
        prompt();
        return;
      }
      const text = buffer;
      buffer = '';
      if (text.trim()) {
        saveHistory(text);
        // Ctrl-C while the statement runs stops it (see interrupt.ts); keys typed meanwhile are kept
        const watching = interrupts.start();
        host.interruptSource = watching ? () => interrupts.poll() : undefined;
        try {
          const r = session.run(text);
          lastExit = r.exitCode;
          host.flush();
          if (r.stopped) process.stdout.write('^C\n');
          if (/^\s*exit\b/i.test(text.trim()) || r.exited) {
            rl.close();
            return;
          }
        } catch (e) {
          if (e instanceof ExitSignal) {
            lastExit = e.code;
            rl.close();
            return;
          }
          // a bug in exosh must not end the interactive session the user is working in
          host.flush();
          process.stderr.write(`exosh: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
          lastExit = 70;
        } finally {
          host.interruptSource = undefined;
          typedAhead = interrupts.stop();
        }
      }
      prompt();
    });
    rl.on('SIGINT', () => {
      buffer = '';
      process.stdout.write('\n');
      prompt();
    });
    rl.on('close', () => {
      process.stdout.write('\n');
      shell.dispose();
      resolveExit(lastExit);
    });
    prompt();
  });
}
