// The Tenant facade: the caller, access checks, the clock, and writes that mark the store.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TenantError } from '../../src/tenant/errors.js';
import { TenantStore } from '../../src/tenant/store.js';
import { emptyTenant, Tenant } from '../../src/tenant/tenant.js';

const T0 = new Date('2023-08-15T00:00:00Z');
let dir: string;
let path: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'exosh-tenant-unit-'));
  path = join(dir, 't.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('emptyTenant', () => {
  it('has one accepted domain, the initial onmicrosoft domain, and one admin in Organization Management', () => {
    const d = emptyTenant('Fabrikam.COM', T0);
    expect(d.organization.name).toBe('fabrikam.onmicrosoft.com');
    expect(d.organization.whenCreated).toBe('2023-08-15T00:00:00Z');
    expect(d.acceptedDomains.map((a) => [a.domainName, a.isDefault, a.initial])).toEqual([
      ['fabrikam.com', true, false],
      ['fabrikam.onmicrosoft.com', false, true],
    ]);
    expect(d.mailboxes).toHaveLength(1);
    expect(d.mailboxes[0].userPrincipalName).toBe('admin@fabrikam.com');
    const om = d.roleGroups.find((g) => g.name === 'Organization Management')!;
    expect(om.members).toEqual([d.mailboxes[0].guid]);
    expect(d.roleGroups.filter((g) => g.members.length > 0)).toHaveLength(1);
    expect(Object.values(d.organization.settings)).toEqual([null, null, null, null, null]);
    expect(d.clock.pinned).toBeNull();
  });

  it('is deterministic', () => {
    expect(emptyTenant('contoso.com', T0)).toEqual(emptyTenant('contoso.com', T0));
    expect(emptyTenant('contoso.com', T0).organization.guid).not.toBe(emptyTenant('fabrikam.com', T0).organization.guid);
  });
});

describe('Tenant', () => {
  function withUser(): void {
    const d = emptyTenant('contoso.com', T0);
    d.mailboxes.push({
      ...d.mailboxes[0],
      guid: '11111111-1111-5111-8111-111111111111',
      name: 'user',
      alias: 'user',
      displayName: 'User',
      userPrincipalName: 'user@contoso.com',
      primarySmtpAddress: 'user@contoso.com',
      emailAddresses: ['SMTP:user@contoso.com'],
    });
    TenantStore.create(path, d);
  }

  it('the default caller is the first Organization Management member', () => {
    withUser();
    const t = new Tenant(new TenantStore(path));
    expect(t.caller().userPrincipalName).toBe('admin@contoso.com');
    expect(t.allows('Set-OrganizationConfig')).toBe(true);
    t.store.rollback();
  });

  it('--as selects the caller; a caller without roles may not change the organization', () => {
    withUser();
    const t = new Tenant(new TenantStore(path), { callerIdentity: 'USER@contoso.com' });
    expect(t.caller().name).toBe('user');
    expect(t.allows('Set-OrganizationConfig')).toBe(false);
    expect(t.allows('Get-TenantClock')).toBe(true);
    t.store.rollback();
  });

  it('an unknown caller is refused with a clear message', () => {
    withUser();
    const t = new Tenant(new TenantStore(path), { callerIdentity: 'ghost@contoso.com' });
    expect(() => t.caller()).toThrow(TenantError);
    expect(() => t.caller()).toThrow("The user 'ghost@contoso.com' isn't a user of the tenant 'contoso.onmicrosoft.com'");
    t.store.rollback();
  });

  it('a tenant with no Organization Management member needs --as', () => {
    const d = emptyTenant('contoso.com', T0);
    d.roleGroups.forEach((g) => {
      g.members = [];
    });
    TenantStore.create(path, d);
    const t = new Tenant(new TenantStore(path));
    expect(() => t.caller()).toThrow(/has no member of Organization Management; run exosh with --as/);
    t.store.rollback();
  });

  it('Connect switches the caller', () => {
    withUser();
    const t = new Tenant(new TenantStore(path));
    expect(t.connect('user').userPrincipalName).toBe('user@contoso.com');
    expect(t.caller().name).toBe('user');
    t.store.rollback();
  });

  it('write marks the store so that commit saves the change; read alone does not', () => {
    TenantStore.create(path, emptyTenant('contoso.com', T0));
    const before = readFileSync(path, 'utf8');
    const t = new Tenant(new TenantStore(path));
    t.read().organization.displayName = 'Not saved';
    t.store.commit();
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(
      t.write((d) => {
        d.organization.displayName = 'Saved';
        return 42;
      }),
    ).toBe(42);
    t.store.commit();
    expect(JSON.parse(readFileSync(path, 'utf8')).organization.displayName).toBe('Saved');
  });

  it('clock: the override, else the pinned store clock, else the real clock (also with no store)', () => {
    const d = emptyTenant('contoso.com', T0);
    d.clock.pinned = '2023-08-15T09:00:00Z';
    TenantStore.create(path, d);
    const pinned = new Tenant(new TenantStore(path));
    expect(pinned.clock()).toEqual({ now: new Date('2023-08-15T09:00:00Z'), source: 'Store' });
    expect(pinned.hasClockOverride).toBe(false);
    pinned.store.rollback();
    const over = new Tenant(new TenantStore(path), { clockOverride: new Date('2030-01-01T00:00:00Z') });
    expect(over.clock().source).toBe('Option');
    expect(over.now().toISOString()).toBe('2030-01-01T00:00:00.000Z');
    expect(over.hasClockOverride).toBe(true);
    over.store.rollback();
    const none = new Tenant(new TenantStore(join(dir, 'missing.json')));
    expect(none.clock().source).toBe('System');
  });

  it('a broken store makes every access fail (and stays as it was)', () => {
    writeFileSync(path, '{');
    const t = new Tenant(new TenantStore(path));
    expect(() => t.read()).toThrow(/is corrupt/);
    expect(() => t.clock()).toThrow(/is corrupt/);
    expect(readFileSync(path, 'utf8')).toBe('{');
  });
});
