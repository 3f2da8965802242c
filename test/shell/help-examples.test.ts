// Every example that Get-Help and docs/cmdlets/ show runs on the contoso sample tenant
// (samples/contoso.json, its clock pinned at 2023-08-15 09:00 UTC) as its administrator, in a
// folder holding the few files the examples read, without an error.

import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createShell } from '../../src/cli/shell-factory.js';
import { allCmdlets } from '../../src/cmdlets/index.js';
import { RecordingHost } from '../helpers/shell.js';

const SAMPLE = fileURLToPath(new URL('../../samples/contoso.json', import.meta.url));
/** Examples that show an error on purpose. */
const SHOWS_AN_ERROR = new Set(["Write-Error 'Mailbox not found' -Category ObjectNotFound"]);

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function runOnSample(code: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'exosh-example-'));
  dirs.push(dir);
  copyFileSync(SAMPLE, join(dir, 'contoso.json'));
  writeFileSync(join(dir, 'recipients.txt'), 'recipient1@contoso.com\nrecipient2@contoso.com\n');
  writeFileSync(join(dir, 'users.csv'), 'UserPrincipalName\nrecipient1@contoso.com\n');
  writeFileSync(join(dir, 'mailboxes.json'), '[{"Name":"Recipient 1","PrimarySmtpAddress":"recipient1@contoso.com"}]');
  writeFileSync(join(dir, 'trace.csv'), '"MessageId","Status"\n"<a@contoso.com>","Delivered"\n');
  mkdirSync(join(dir, 'reports'));
  const host = new RecordingHost();
  const shell = createShell({ host, store: join(dir, 'contoso.json'), cwd: dir, notice: () => {} });
  try {
    return host.recorded(shell.session.run(code)).errors;
  } finally {
    shell.dispose();
  }
}

describe('the examples of every cmdlet', () => {
  for (const c of allCmdlets()) {
    it(`${c.name}: its examples run on the contoso sample`, () => {
      for (const e of c.examples ?? []) {
        const errors = runOnSample(e.code);
        if (SHOWS_AN_ERROR.has(e.code)) expect(errors.length, e.code).toBeGreaterThan(0);
        else expect(errors, e.code).toEqual([]);
      }
    });
  }
});
