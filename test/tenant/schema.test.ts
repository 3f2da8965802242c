// Validation of the store's schema: the first wrong field is named by its JSON path.

import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/tenant/errors.js';
import { MIGRATIONS, SCHEMA_VERSION, validateTenant, type TenantData } from '../../src/tenant/schema.js';
import { emptyTenant } from '../../src/tenant/tenant.js';

const FILE = '/x/t.json';
const fresh = (): TenantData => emptyTenant('contoso.com', new Date('2023-08-15T00:00:00Z'));

function problem(edit: (d: Record<string, any>) => void): string {
  const data = structuredClone(fresh()) as unknown as Record<string, any>;
  edit(data);
  try {
    validateTenant(data, FILE);
  } catch (e) {
    expect(e).toBeInstanceOf(StoreError);
    expect((e as StoreError).errorId).toBe('InvalidStore');
    return (e as Error).message.replace(`The tenant store '${FILE}' is not valid: `, '');
  }
  return 'valid';
}

describe('validateTenant', () => {
  it('accepts a new tenant', () => {
    expect(problem(() => {})).toBe('valid');
    expect(fresh().schemaVersion).toBe(SCHEMA_VERSION);
  });

  it('names the first wrong field by its JSON path', () => {
    expect(
      problem((d) => {
        d.mailboxes[0].alias = 5;
      }),
    ).toBe('$.mailboxes[0].alias must be a string.');
    expect(
      problem((d) => {
        delete d.mailboxes[0].guid;
      }),
    ).toBe('$.mailboxes[0].guid is missing.');
    expect(
      problem((d) => {
        d.mailboxes[0].type = 'RoomMailbox';
      }),
    ).toBe('$.mailboxes[0].type must be one of UserMailbox, SharedMailbox.');
    expect(
      problem((d) => {
        d.mailboxes[0].litigationHoldEnabled = 'no';
      }),
    ).toBe('$.mailboxes[0].litigationHoldEnabled must be true or false.');
    expect(
      problem((d) => {
        d.mailboxes[0].whenCreated = '2023-08-15';
      }),
    ).toBe('$.mailboxes[0].whenCreated must be an ISO 8601 UTC date such as 2023-08-15T00:00:00Z.');
    expect(
      problem((d) => {
        d.organization.settings.RecallReadMessagesEnabled = 'false';
      }),
    ).toBe('$.organization.settings.RecallReadMessagesEnabled must be true, false or null.');
    expect(
      problem((d) => {
        d.organization.settings.MessageRecallMaxRecallableAge = 7;
      }),
    ).toBe('$.organization.settings.MessageRecallMaxRecallableAge must be a string.');
    expect(
      problem((d) => {
        d.clock.pinned = 'yesterday';
      }),
    ).toMatch(/^\$\.clock\.pinned must be an ISO 8601/);
    expect(
      problem((d) => {
        d.clock = null;
      }),
    ).toBe('$.clock must be an object.');
    expect(
      problem((d) => {
        d.groups = {};
      }),
    ).toBe('$.groups must be an array.');
    expect(
      problem((d) => {
        d.roleGroups[0].members = [1];
      }),
    ).toBe('$.roleGroups[0].members[0] must be a string.');
    expect(
      problem((d) => {
        d.acceptedDomains[1].isDefault = 1;
      }),
    ).toBe('$.acceptedDomains[1].isDefault must be true or false.');
    expect(
      problem((d) => {
        d.schemaVersion = '1';
      }),
    ).toBe('$.schemaVersion must be a number.');
  });

  it('checks recorded setting changes', () => {
    const change = { setting: 'RecallReadMessagesEnabled', value: false, previous: null, changedAt: '2023-08-15T00:00:00Z', effectiveAt: '2023-08-15T01:00:00Z', changedBy: 'admin@contoso.com' };
    expect(
      problem((d) => {
        d.organization.settingChanges.push(change);
      }),
    ).toBe('valid');
    expect(
      problem((d) => {
        d.organization.settingChanges.push({ ...change, setting: 'Nope' });
      }),
    ).toMatch(/^\$\.organization\.settingChanges\[0\]\.setting must be one of MessageRecallEnabled, /);
    expect(
      problem((d) => {
        d.organization.settingChanges.push({ ...change, effectiveAt: 'later' });
      }),
    ).toMatch(/^\$\.organization\.settingChanges\[0\]\.effectiveAt must be an ISO 8601/);
  });

  it('accepts a pinned clock with or without fractional seconds', () => {
    expect(
      problem((d) => {
        d.clock.pinned = '2023-08-15T10:00:00Z';
      }),
    ).toBe('valid');
    expect(
      problem((d) => {
        d.clock.pinned = '2023-08-15T10:00:00.123Z';
      }),
    ).toBe('valid');
    expect(
      problem((d) => {
        d.clock.pinned = '2023-08-15T10:00:00+02:00';
      }),
    ).not.toBe('valid');
  });
});

describe('migrations', () => {
  it('0 → 1 adds the collections version 0 lacked and keeps the rest', () => {
    const current = fresh() as unknown as Record<string, unknown>;
    const old = structuredClone(current);
    old.schemaVersion = 0;
    delete old.contacts;
    delete old.inboxRules;
    delete old.mail;
    MIGRATIONS[0](old);
    expect(old).toEqual(current);
    expect(() => validateTenant(old, FILE)).not.toThrow();
  });

  it('there is a step from every older version to the current one', () => {
    for (let v = 0; v < SCHEMA_VERSION; v++) expect(typeof MIGRATIONS[v]).toBe('function');
  });
});
