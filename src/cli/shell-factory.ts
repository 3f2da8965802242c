// Composes a session: the shell, the registered cmdlets, and the services they use.

import { allCmdlets } from '../cmdlets/index.js';
import { renderForHost } from '../shell/format/out-default.js';
import { Session, type ShellHost } from '../shell/session.js';
import type { PSValue } from '../shell/values.js';

export interface ShellOptions {
  host: ShellHost;
  /** A pinned time (--now / EXOSH_NOW). */
  now?: Date;
  store?: string;
  user?: string;
  cwd?: string;
}

export interface Shell {
  session: Session;
  dispose(): void;
}

export function createShell(options: ShellOptions): Shell {
  const pinned = options.now;
  const services: Record<string, unknown> = {};
  const session = new Session({
    host: options.host,
    now: () => (pinned ? new Date(pinned.getTime()) : new Date()),
    cwd: options.cwd ?? process.cwd(),
    services,
  });
  services.renderText = (values: PSValue[]) => renderForHost(values, { views: session.views(), width: options.host.width, color: false });
  session.register(allCmdlets());
  return { session, dispose: () => {} };
}
