// Role-based access: role groups hold roles, roles grant cmdlets.

import { describe, expect, it } from 'vitest';
import { canRun, DEFAULT_ROLE_GROUPS, roleGroupsOf } from '../../src/tenant/rbac.js';
import type { TenantData } from '../../src/tenant/schema.js';
import { emptyTenant } from '../../src/tenant/tenant.js';

function tenant(): { data: TenantData; admin: string; user: string } {
  const data = emptyTenant('contoso.com', new Date('2023-08-15T00:00:00Z'));
  const user = {
    ...data.mailboxes[0],
    guid: '11111111-1111-5111-8111-111111111111',
    name: 'user',
    alias: 'user',
    userPrincipalName: 'user@contoso.com',
    primarySmtpAddress: 'user@contoso.com',
    emailAddresses: ['SMTP:user@contoso.com'],
  };
  data.mailboxes.push(user);
  return { data, admin: data.mailboxes[0].guid, user: user.guid };
}

describe('canRun', () => {
  it('Organization Management can run anything', () => {
    const { data, admin } = tenant();
    expect(roleGroupsOf(data, admin).map((g) => g.name)).toEqual(['Organization Management']);
    for (const c of ['Set-OrganizationConfig', 'Set-TenantClock', 'New-Mailbox', 'Get-MessageTrace', 'Anything-Else']) expect(canRun(data, admin, c)).toBe(true);
  });

  it('a mailbox without role groups has only the default user role', () => {
    const { data, user } = tenant();
    expect(roleGroupsOf(data, user)).toEqual([]);
    expect(canRun(data, user, 'Set-OrganizationConfig')).toBe(false);
    expect(canRun(data, user, 'Get-OrganizationConfig')).toBe(false);
    expect(canRun(data, user, 'Set-TenantClock')).toBe(false);
    expect(canRun(data, user, 'Get-TenantClock')).toBe(true);
    expect(canRun(data, user, 'Invoke-MessageRecall')).toBe(true);
    expect(canRun(data, undefined, 'Get-TenantClock')).toBe(true);
    expect(canRun(data, undefined, 'Set-OrganizationConfig')).toBe(false);
  });

  it('View-Only Organization Management can read configuration but not change it', () => {
    const { data, user } = tenant();
    data.roleGroups.find((g) => g.name === 'View-Only Organization Management')!.members.push(user);
    expect(canRun(data, user, 'Get-OrganizationConfig')).toBe(true);
    expect(canRun(data, user, 'get-organizationconfig')).toBe(true);
    expect(canRun(data, user, 'Set-OrganizationConfig')).toBe(false);
  });

  it('a custom role group with the Organization Configuration role may change the settings and the clock', () => {
    const { data, user } = tenant();
    data.roleGroups.push({ guid: 'g', name: 'Recall admins', description: '', roles: ['Organization Configuration'], members: [user] });
    expect(canRun(data, user, 'Set-OrganizationConfig')).toBe(true);
    expect(canRun(data, user, 'Set-TenantClock')).toBe(true);
    expect(canRun(data, user, 'New-Mailbox')).toBe(false);
  });

  it('the built-in role groups are the documented ones', () => {
    expect(DEFAULT_ROLE_GROUPS.map((g) => g.name)).toEqual(['Organization Management', 'View-Only Organization Management', 'Compliance Management', 'Help Desk', 'Recipient Management']);
  });
});
