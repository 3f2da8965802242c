// Shared set-up for the message trace tests: the recall documents' sample tenant (built from
// samples/contoso.ps1 in-process, so these tests need no build), sessions over a copy of it at
// any tenant time, and the host's rendering of output objects.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createShell, type Shell } from '../../src/cli/shell-factory.js';
import { renderForHost } from '../../src/shell/format/out-default.js';
import { PSObject, type PSValue } from '../../src/shell/values.js';
import type { TenantData } from '../../src/tenant/schema.js';
import { TenantStore } from '../../src/tenant/store.js';
import { emptyTenant } from '../../src/tenant/tenant.js';
import { RecordingHost, type ShellRun } from '../helpers/shell.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** Where the sample's clock rests: the documents' examples run at this time. */
export const SAMPLE_NOW = new Date('2023-08-15T09:00:00Z');
/** The recall message of the documents' scenario (user@contoso.com, 8/14/2023 9:51:20 PM). */
export const RECALL_MESSAGE_ID = '<SN6PRDAMB2711030E0708A38AEA3029F26B96E@SN6PRDAMB27110.namprd01.prod.outlook.com>';
/** The recall document's `Get-MessageTrace -SenderAddress user@contoso.com` table, as a 120-column console shows it. */
export const SENDER_TRACE_TABLE = [
  '',
  'Received             Sender Address   Recipient Address      Subject                              Status',
  '--------             --------------   -----------------      -------                              ------',
  '8/14/2023 9:51:20 PM user@contoso.com recipient1@contoso.com Recall: Testing recall functionality Failed',
  '8/14/2023 9:51:20 PM user@contoso.com recipient2@contoso.com Recall: Testing recall functionality Failed',
  '8/14/2023 9:51:20 PM user@contoso.com recipient3@contoso.com Recall: Testing recall functionality Failed',
  '',
  '',
].join('\n');

const dirs: string[] = [];

export function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'exosh-trace-'));
  dirs.push(d);
  return d;
}

export function removeTempDirs(): void {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

export interface TraceShell {
  shell: Shell;
  host: RecordingHost;
  storePath: string;
  run(text: string): ShellRun;
  ok(text: string): ShellRun;
  render(values: PSValue[], width?: number): string;
  data(): TenantData;
  dispose(): void;
}

export function openShell(storePath: string, options: { now?: Date; user?: string; cwd?: string } = {}): TraceShell {
  const host = new RecordingHost();
  const shell = createShell({ host, store: storePath, now: options.now, user: options.user, cwd: options.cwd, notice: () => {} });
  const run = (text: string): ShellRun => {
    host.reset();
    return host.recorded(shell.session.run(text));
  };
  return {
    shell,
    host,
    storePath,
    run,
    ok(text) {
      const r = run(text);
      if (r.errors.length) throw new Error(`unexpected errors for ${JSON.stringify(text)}:\n${r.errors.join('\n')}`);
      return r;
    },
    render: (values, width = 120) => renderForHost(values, { views: shell.session.views(), width, color: false }),
    data: () => JSON.parse(readFileSync(storePath, 'utf8')) as TenantData,
    dispose: () => shell.dispose(),
  };
}

let sampleText: string | undefined;

/** The sample tenant's store text, built once from samples/contoso.ps1 as `npm run sample` does. */
export function sampleStoreText(): string {
  if (sampleText) return sampleText;
  const dir = tempDir();
  const path = join(dir, 'contoso.json');
  TenantStore.create(path, emptyTenant('contoso.com', new Date('2023-08-01T09:00:00Z')));
  const s = openShell(path);
  s.ok(readFileSync(join(ROOT, 'samples', 'contoso.ps1'), 'utf8'));
  s.dispose();
  sampleText = readFileSync(path, 'utf8');
  return sampleText;
}

/** A fresh copy of the sample tenant in its own directory. */
export function sampleStore(): string {
  const path = join(tempDir(), 'contoso.json');
  writeFileSync(path, sampleStoreText());
  return path;
}

/** A session on a fresh copy of the sample tenant at `now` (default: where its clock rests). */
export function sampleShell(options: { now?: Date; user?: string; cwd?: string } = {}): TraceShell {
  return openShell(sampleStore(), { now: options.now ?? SAMPLE_NOW, user: options.user, cwd: options.cwd });
}

export function prop(v: PSValue | undefined, name: string): PSValue | undefined {
  if (!(v instanceof PSObject)) throw new Error(`not an object: ${String(v)}`);
  return v.get(name);
}

export function props(values: PSValue[], name: string): PSValue[] {
  return values.map((v) => prop(v, name) ?? null);
}
