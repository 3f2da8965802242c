// Composes a session: the shell, the registered cmdlets, and the tenant they act on.
// The store is opened lazily, so `exosh -c '1'` never touches it.

import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createFileExclusive } from '../lib/atomic-write.js';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { allCmdlets } from '../cmdlets/index.js';
import { EXCHANGE_MODULE } from '../cmdlets/exchange/common.js';
import { renderForHost } from '../shell/format/out-default.js';
import { Session, type ShellHost } from '../shell/session.js';
import type { PSValue } from '../shell/values.js';
import { StoreError } from '../tenant/errors.js';
import { TenantStore } from '../tenant/store.js';
import { packageRoot } from './paths.js';
import { Tenant } from '../tenant/tenant.js';

export interface ShellOptions {
  host: ShellHost;
  /** A pinned time (--now / EXOSH_NOW). */
  now?: Date;
  /** --store / EXOSH_STORE; when absent, the per-user default store. */
  store?: string;
  /** --as / EXOSH_USER. */
  user?: string;
  cwd?: string;
  /** Where notices such as "created the default store" go. */
  notice?: (text: string) => void;
}

export interface Shell {
  session: Session;
  tenant: Tenant;
  promptLabel(): string;
  dispose(): void;
}

/** The bundled sample tenant. */
export function samplePath(name = 'contoso'): string {
  return join(packageRoot(), 'samples', `${name}.json`);
}

export function defaultStorePath(): string {
  // The XDG base directory rules: an unset, empty or relative XDG_DATA_HOME means ~/.local/share.
  const xdg = process.env.XDG_DATA_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(homedir(), '.local', 'share');
  return join(base, 'exosh', 'tenant.json');
}

/**
 * The lock's timing can be shortened for tests of lock take-over (EXOSH_LOCK_WAIT_MS,
 * EXOSH_LOCK_STALE_MS, whole milliseconds); unset, the store's defaults apply.
 */
function lockTimingFromEnv(): { waitMs?: number; staleMs?: number } {
  const ms = (name: string) => {
    const v = Number(process.env[name]);
    return process.env[name] && Number.isInteger(v) && v > 0 ? v : undefined;
  };
  const timing: { waitMs?: number; staleMs?: number } = {};
  const waitMs = ms('EXOSH_LOCK_WAIT_MS');
  const staleMs = ms('EXOSH_LOCK_STALE_MS');
  if (waitMs) timing.waitMs = waitMs;
  if (staleMs) timing.staleMs = staleMs;
  return timing;
}

export function createShell(options: ShellOptions): Shell {
  const explicit = options.store !== undefined && options.store !== '';
  const path = explicit ? resolve(options.cwd ?? process.cwd(), options.store!) : defaultStorePath();
  const store = new TenantStore(path, { lock: lockTimingFromEnv() });
  const tenant = new Tenant(store, { clockOverride: options.now, callerIdentity: options.user });

  // A newcomer's first command works: the default store is made from the sample on first use.
  const ensureDefaultStore = () => {
    if (explicit || existsSync(path)) return;
    const sample = samplePath();
    if (!existsSync(sample)) {
      throw new StoreError(
        `There is no tenant store yet and the bundled sample '${sample}' to create the default store ${path} from is missing. Create a store with: exosh init ${path} [--domain fabrikam.com]`,
        'ObjectNotFound',
        'StoreNotFound',
      );
    }
    mkdirSync(dirname(path), { recursive: true });
    // Created whole under a temporary name and linked into place, which fails if the file exists:
    // a concurrent first use never reads half a file nor replaces a store another process made.
    if (!createFileExclusive(path, readFileSync(sample))) return;
    (options.notice ?? ((t) => process.stderr.write(t + '\n')))(`exosh: created the default tenant store ${path} from the contoso sample (use --store or EXOSH_STORE for another).`);
  };
  const tenantService = () => {
    ensureDefaultStore();
    return tenant;
  };
  (tenantService as { lazy?: boolean }).lazy = true;

  const services: Record<string, unknown> = { tenant: tenantService };
  const session = new Session({
    host: options.host,
    now: () => {
      if (options.now) return new Date(options.now.getTime());
      try {
        ensureDefaultStore();
        return tenant.now();
      } catch {
        return new Date(); // an unreadable store must not break Get-Date
      }
    },
    cwd: options.cwd ?? process.cwd(),
    services,
    isCommandVisible: (def) => def.module !== EXCHANGE_MODULE || tenantService().allows(def.name),
    transaction: {
      begin: () => {},
      commit: () => store.commit(),
      rollback: () => store.rollback(),
      keepAlive: () => store.keepAlive(),
      suspend: () => store.suspend(),
      hasPendingChanges: () => store.hasPendingChanges(),
    },
  });
  // Waiting for another process's lock stays interruptible (Ctrl-C in the REPL).
  store.onLockWait = () => session.poll();
  services.renderText = (values: PSValue[]) => renderForHost(values, { views: session.views(), width: options.host.width, color: false });
  session.register(allCmdlets());
  return {
    session,
    tenant,
    promptLabel: () => {
      try {
        ensureDefaultStore();
        // unlocked: the prompt must not wait behind another process's statement
        return store.peek().organization.name;
      } catch {
        return 'exosh';
      }
    },
    dispose: () => store.rollback(),
  };
}
