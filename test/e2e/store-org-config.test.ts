// Get-/Set-OrganizationConfig and Get-OrganizationConfigInForce through the CLI.

import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { caseStores, exosh, type Run } from '../helpers/exosh-process.js';

// Each spawn costs ~100 ms on an idle machine, far more on a busy one.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const NOW = '2023-08-15T00:00:00Z';

const newCase = caseStores('exosh-e2e-org-', (template) => ['--now', NOW, 'init', template]);

function fresh(): { store: string; run: (script: string, args?: string[], extra?: Record<string, string>) => Run } {
  const { dir, store } = newCase();
  return { store, run: (script, args = [], extra) => exosh(dir, [...args, '--store', store, '-c', script], extra) };
}

const settings = (store: string) => JSON.parse(readFileSync(store, 'utf8')).organization.settings;

const fl = (readMessages: string, enabled = '') =>
  [
    '',
    `MessageRecallEnabled                                : ${enabled}`,
    `RecallReadMessagesEnabled                           : ${readMessages}`,
    'MessageRecallAlertRecipientsEnabled                 : ',
    'MessageRecallAlertRecipientsReadMessagesOnlyEnabled : ',
    'MessageRecallMaxRecallableAge                       : ',
    '',
    '',
  ].join('\n');

describe('Set-OrganizationConfig / Get-OrganizationConfig', () => {
  it('a new tenant shows every recall setting empty ($null)', () => {
    const { run } = fresh();
    expect(run('Get-OrganizationConfig | fl *Recall*')).toEqual({ code: 0, stdout: fl(''), stderr: '' });
  });

  it('a change shows at once (fl *Recall*), in the same run and the next one', () => {
    const { store, run } = fresh();
    const r = run('Set-OrganizationConfig -RecallReadMessagesEnabled $false; Get-OrganizationConfig | fl *Recall*');
    expect(r).toEqual({ code: 0, stdout: fl('False'), stderr: '' });
    expect(run('Get-OrganizationConfig | fl *Recall*').stdout).toBe(fl('False'));
    expect(settings(store).RecallReadMessagesEnabled).toBe(false);
  });

  it('$true shows True and $null shows empty again', () => {
    const { store, run } = fresh();
    expect(run('Set-OrganizationConfig -MessageRecallEnabled $true -RecallReadMessagesEnabled $false; Get-OrganizationConfig | fl *Recall*').stdout).toBe(fl('False', 'True'));
    const r = run('Set-OrganizationConfig -MessageRecallEnabled $null -RecallReadMessagesEnabled $null; Get-OrganizationConfig | fl *Recall*');
    expect(r).toEqual({ code: 0, stdout: fl(''), stderr: '' });
    expect(settings(store)).toMatchObject({ MessageRecallEnabled: null, RecallReadMessagesEnabled: null });
    const changes = JSON.parse(readFileSync(store, 'utf8')).organization.settingChanges;
    expect(changes.map((c: { setting: string; value: unknown; previous: unknown }) => [c.setting, c.previous, c.value])).toEqual([
      ['MessageRecallEnabled', null, true],
      ['RecallReadMessagesEnabled', null, false],
      ['MessageRecallEnabled', true, null],
      ['RecallReadMessagesEnabled', false, null],
    ]);
  });

  it('the other recall properties are stored and shown', () => {
    const { store, run } = fresh();
    const r = run(
      "Set-OrganizationConfig -MessageRecallAlertRecipientsEnabled $true -MessageRecallMaxRecallableAge '30.00:00:00'; $o = Get-OrganizationConfig; $o.MessageRecallAlertRecipientsEnabled; $o.MessageRecallMaxRecallableAge",
    );
    expect(r).toEqual({ code: 0, stdout: 'True\n30.00:00:00\n', stderr: '' });
    expect(settings(store)).toMatchObject({ MessageRecallAlertRecipientsEnabled: true, MessageRecallMaxRecallableAge: '30.00:00:00' });
  });

  it('-WhatIf prints What if: and changes nothing', () => {
    const { store, run } = fresh();
    const before = readFileSync(store);
    const r = run('Set-OrganizationConfig -RecallReadMessagesEnabled $false -WhatIf');
    expect(r).toEqual({ code: 0, stdout: 'What if: Performing the operation "Set-OrganizationConfig" on target "contoso.onmicrosoft.com".\n', stderr: '' });
    expect(readFileSync(store).equals(before)).toBe(true);
  });

  it('setting the value it already has warns and does not write the file', () => {
    const { store, run } = fresh();
    expect(run('Set-OrganizationConfig -RecallReadMessagesEnabled $false').code).toBe(0);
    const old = new Date(Date.now() - 3600_000);
    utimesSync(store, old, old);
    const before = readFileSync(store);
    const mtime = statSync(store).mtimeMs;
    const r = run('Set-OrganizationConfig -RecallReadMessagesEnabled $false');
    expect(r).toEqual({ code: 0, stdout: '', stderr: "WARNING: The command completed successfully but no settings of 'contoso.onmicrosoft.com' have been modified.\n" });
    expect(readFileSync(store).equals(before)).toBe(true);
    expect(statSync(store).mtimeMs).toBe(mtime);
  });

  it("-MessageRecallEnabled 'yes' is PowerShell's bool conversion error, store untouched", () => {
    const { store, run } = fresh();
    const before = readFileSync(store);
    const r = run("Set-OrganizationConfig -MessageRecallEnabled 'yes'");
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^Set-OrganizationConfig: Cannot (bind|process argument transformation on) parameter 'MessageRecallEnabled'\. Cannot convert value "[^"]+" to type "System\.Boolean"\./);
    expect(r.stderr).toContain('Boolean parameters accept only Boolean values and numbers, such as $True, $False, 1 or 0.');
    expect(readFileSync(store).equals(before)).toBe(true);
  });

  it('a caller without roles does not have Set-OrganizationConfig at all', () => {
    const { store, run } = fresh();
    const data = JSON.parse(readFileSync(store, 'utf8'));
    data.mailboxes.push({
      ...data.mailboxes[0],
      guid: '11111111-1111-5111-8111-111111111111',
      name: 'user',
      alias: 'user',
      displayName: 'User',
      userPrincipalName: 'user@contoso.com',
      primarySmtpAddress: 'user@contoso.com',
      emailAddresses: ['SMTP:user@contoso.com'],
    });
    writeFileSync(store, JSON.stringify(data, null, 2) + '\n');
    const before = readFileSync(store);
    for (const r of [
      run('Set-OrganizationConfig -MessageRecallEnabled $false', ['--as', 'user@contoso.com']),
      run('Set-OrganizationConfig -MessageRecallEnabled $false', [], { EXOSH_USER: 'user@contoso.com' }),
    ]) {
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("The term 'Set-OrganizationConfig' is not recognized as a name of a cmdlet, function, script file, or executable program.");
    }
    expect(readFileSync(store).equals(before)).toBe(true);
    // the same store and command as the admin works
    expect(run('Set-OrganizationConfig -MessageRecallEnabled $false', ['--as', 'admin@contoso.com']).code).toBe(0);
  });
});

describe('Get-OrganizationConfigInForce: the one-hour delay', () => {
  const SHOW =
    "$f = Get-OrganizationConfigInForce; '{0} {1} {2}' -f $f.At.ToUniversalTime().ToString('o'), $f.ReadMessagesRecallable, $(if ($null -eq $f.RecallReadMessagesEnabled) { 'null' } else { $f.RecallReadMessagesEnabled })";

  it('mail flow keeps the old value for 59 minutes and obeys the new one from the hour', () => {
    const { run } = fresh();
    const first = run(`Set-TenantClock -Now '2023-08-15T09:00:00Z'; Set-OrganizationConfig -RecallReadMessagesEnabled $false; ${SHOW}; (Get-OrganizationConfig).RecallReadMessagesEnabled`);
    expect(first).toEqual({ code: 0, stdout: '2023-08-15T09:00:00.0000000Z True null\nFalse\n', stderr: '' });
    const later = run(`Set-TenantClock -Advance 59m; ${SHOW}; Set-TenantClock -Advance 1m; ${SHOW}`);
    expect(later).toEqual({ code: 0, stdout: '2023-08-15T09:59:00.0000000Z True null\n2023-08-15T10:00:00.0000000Z False False\n', stderr: '' });
  });

  it('-At evaluates another time, and --now is tenant time too', () => {
    const { run } = fresh();
    run("Set-TenantClock -Now '2023-08-15T09:00:00Z'; Set-OrganizationConfig -MessageRecallEnabled $false");
    const r = run("(Get-OrganizationConfigInForce -At '2023-08-15T09:59:59Z').CloudRecallInForce; (Get-OrganizationConfigInForce -At '2023-08-15T10:00:00Z').CloudRecallInForce");
    expect(r.stdout).toBe('True\nFalse\n');
    expect(run('(Get-OrganizationConfigInForce).CloudRecallInForce', ['--now', '2023-08-15T10:30:00Z']).stdout).toBe('False\n');
    expect(run('(Get-OrganizationConfigInForce).CloudRecallInForce').stdout).toBe('True\n');
  });
});
