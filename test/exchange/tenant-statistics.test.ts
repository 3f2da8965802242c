// Get-TenantStatistics through a real session over a temporary store: counts, the store's
// size, role-based visibility and pwsh's binding error.

import { statSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { adminShell, prop, removeTempStores } from './harness.js';

afterAll(removeTempStores);

describe('Get-TenantStatistics', () => {
  it('counts what the tenant holds and gives the store size as committed', () => {
    const s = adminShell();
    s.ok("New-Mailbox -Name 'Ana' | Out-Null; New-DistributionGroup -Name 'Team' | Out-Null");
    s.ok("Send-MailMessage -From admin@contoso.com -To ana@contoso.com, team@contoso.com -Subject 'hello'");
    const stats = s.ok('Get-TenantStatistics').output[0];
    expect(['Mailboxes', 'Groups', 'Contacts', 'Messages'].map((n) => prop(stats, n))).toEqual([2, 1, 0, 1]);
    expect(prop(stats, 'TraceRows')).toBe(s.data().mail.traces.length);
    expect(prop(stats, 'TraceEvents')).toBe(s.data().mail.traces.reduce((n, r) => n + r.events.length, 0));
    expect(prop(stats, 'StoreBytes')).toBe(statSync(s.storePath).size);
  });

  it('is shown as a list', () => {
    const s = adminShell();
    const text = s.render(s.ok('Get-TenantStatistics').output);
    expect(text).toContain('Mailboxes   : 1');
    expect(text).toContain('TraceRows   : 0');
  });

  it('is an admin control: a user in no role group does not have it', () => {
    const s = adminShell();
    s.ok("New-Mailbox -Name 'plain' | Out-Null");
    expect(s.session({ user: 'plain@contoso.com' }).run('Get-TenantStatistics').errors[0]).toContain("The term 'Get-TenantStatistics' is not recognized");
  });

  it("takes no parameters: an unknown one is pwsh's binding error", () => {
    expect(adminShell().run('Get-TenantStatistics -Bogus').errors[0]).toContain("A parameter cannot be found that matches parameter name 'Bogus'.");
  });
});
