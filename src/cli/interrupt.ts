// Ctrl-C while the REPL runs a statement. The evaluator is synchronous, so no event (readline's
// 'SIGINT' included) is delivered until the statement ends. The REPL keeps the terminal in raw
// mode, where Ctrl-C is not a signal but the byte 0x03 waiting in the terminal's input queue;
// the session's checkpoints (loop iterations, pipeline items, sleep ticks) call poll(), which
// reads that queue without blocking through a descriptor of its own on /dev/tty.
//
// Bytes typed ahead of the Ctrl-C are kept and handed back to the REPL once the statement ends
// (as a terminal would keep them); a Ctrl-C drops them, as PSReadLine does.

import { closeSync, constants, openSync, readSync } from 'node:fs';

const CTRL_C = 0x03;
/** How often the terminal is looked at, at most: a read is a system call. */
const POLL_INTERVAL_MS = 50;

export class TerminalInterruptWatcher {
  private fd?: number;
  private lastPoll = 0;
  private typedAhead: Buffer[] = [];
  private readonly buffer = Buffer.alloc(256);

  /** Starts watching; false where there is no terminal to watch. */
  start(): boolean {
    if (this.fd !== undefined) return true;
    try {
      this.fd = openSync('/dev/tty', constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
    } catch {
      return false;
    }
    this.lastPoll = 0;
    return true;
  }

  /** True once Ctrl-C was pressed since the last call. */
  poll(): boolean {
    if (this.fd === undefined) return false;
    const now = Date.now();
    if (now - this.lastPoll < POLL_INTERVAL_MS) return false;
    this.lastPoll = now;
    for (;;) {
      let n: number;
      try {
        n = readSync(this.fd, this.buffer, 0, this.buffer.length, null);
      } catch {
        return false; // EAGAIN: nothing typed
      }
      if (n <= 0) return false;
      const chunk = this.buffer.subarray(0, n);
      if (chunk.includes(CTRL_C)) {
        this.typedAhead = [];
        return true;
      }
      this.typedAhead.push(Buffer.from(chunk));
    }
  }

  /** Stops watching and returns what was typed meanwhile (to be fed back to the line editor). */
  stop(): string {
    if (this.fd !== undefined) {
      try {
        closeSync(this.fd);
      } catch {
        /* already closed */
      }
      this.fd = undefined;
    }
    const text = Buffer.concat(this.typedAhead).toString('utf8');
    this.typedAhead = [];
    return text;
  }
}
