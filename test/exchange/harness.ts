// A real exosh session over a temporary tenant store, for the Exchange cmdlet tests: the
// shell, the registered cmdlets, RBAC and the per-statement store transaction, exactly as the
// CLI composes them (createShell), with a host that records every stream.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createShell, type Shell } from '../../src/cli/shell-factory.js';
import { renderForHost } from '../../src/shell/format/out-default.js';
import { PSObject, type PSValue } from '../../src/shell/values.js';
import { TenantStore } from '../../src/tenant/store.js';
import { emptyTenant } from '../../src/tenant/tenant.js';
import type { TenantData } from '../../src/tenant/schema.js';
import { RecordingHost, type ShellRun } from '../helpers/shell.js';

export const TEST_NOW = new Date('2023-08-15T12:00:00Z');

export interface ExchangeShell {
  shell: Shell;
  host: RecordingHost;
  storePath: string;
  /** Runs script text; recorded streams are cleared first. */
  run(text: string): ShellRun;
  /** Runs script text and fails loudly if it wrote any error. */
  ok(text: string): ShellRun;
  /** The store file's bytes. */
  bytes(): string;
  /** The store's data as JSON on disk. */
  data(): TenantData;
  /** Output objects as the host shows them (default views), without colour. */
  render(values: PSValue[]): string;
  /** Another session (e.g. with --as) on the same store. */
  session(options?: { user?: string }): ExchangeShell;
  dispose(): void;
}

const dirs: string[] = [];

/** A fresh temporary store: emptyTenant('contoso.com'), optionally changed before it is written. */
export function newStore(prepare?: (data: TenantData) => void): string {
  const dir = mkdtempSync(join(tmpdir(), 'exosh-directory-'));
  dirs.push(dir);
  const path = join(dir, 'tenant.json');
  const data = emptyTenant('contoso.com', new Date('2023-08-15T00:00:00Z'));
  prepare?.(data);
  TenantStore.create(path, data);
  return path;
}

export function openShell(storePath: string, options: { user?: string } = {}): ExchangeShell {
  const host = new RecordingHost();
  const shell = createShell({ host, store: storePath, now: TEST_NOW, user: options.user, notice: () => {} });
  const run = (text: string): ShellRun => {
    host.reset();
    return host.recorded(shell.session.run(text));
  };
  const self: ExchangeShell = {
    shell,
    host,
    storePath,
    run,
    ok(text) {
      const r = run(text);
      if (r.errors.length) throw new Error(`unexpected errors for ${JSON.stringify(text)}:\n${r.errors.join('\n')}`);
      return r;
    },
    bytes: () => readFileSync(storePath, 'utf8'),
    data: () => JSON.parse(readFileSync(storePath, 'utf8')) as TenantData,
    render: (values) => renderForHost(values, { views: shell.session.views(), width: 120, color: false }),
    session: (o = {}) => openShell(storePath, o),
    dispose: () => shell.dispose(),
  };
  return self;
}

/** A session as the default caller (admin@contoso.com, Organization Management) on a fresh store. */
export function adminShell(prepare?: (data: TenantData) => void): ExchangeShell {
  return openShell(newStore(prepare));
}

export function removeTempStores(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** A property of an output object. */
export function prop(v: PSValue | undefined, name: string): PSValue | undefined {
  if (!(v instanceof PSObject)) throw new Error(`not an object: ${String(v)}`);
  return v.get(name);
}

export function names(values: PSValue[]): PSValue[] {
  return values.map((v) => prop(v, 'Name') ?? null);
}
