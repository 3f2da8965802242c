// Who may act in a mailbox: its owner, a FullAccess delegate, or an Organization Management admin.

import { describe, expect, it } from 'vitest';
import { isOrganizationAdmin, mailboxForCaller } from '../../src/tenant/mail-access.js';
import type { Mailbox, TenantData } from '../../src/tenant/schema.js';
import { emptyTenant } from '../../src/tenant/tenant.js';

function tenant(): { data: TenantData; admin: Mailbox; user: Mailbox; other: Mailbox } {
  const data = emptyTenant('contoso.com', new Date('2023-08-15T00:00:00Z'));
  const mk = (n: number, name: string): Mailbox => ({
    ...data.mailboxes[0],
    guid: `${n}${n}${n}${n}${n}${n}${n}${n}-1111-5111-8111-111111111111`,
    name,
    alias: name,
    userPrincipalName: `${name}@contoso.com`,
    primarySmtpAddress: `${name}@contoso.com`,
    emailAddresses: [`SMTP:${name}@contoso.com`],
  });
  const user = mk(1, 'user');
  const other = mk(2, 'other');
  data.mailboxes.push(user, other);
  return { data, admin: data.mailboxes[0], user, other };
}

describe('mailboxForCaller', () => {
  it('gives the caller their own mailbox when no identity is named', () => {
    const { data, user } = tenant();
    expect(mailboxForCaller(data, user, undefined).guid).toBe(user.guid);
    expect(mailboxForCaller(data, user, 'user@contoso.com').guid).toBe(user.guid);
  });

  it('lets an Organization Management admin act in any mailbox', () => {
    const { data, admin, other } = tenant();
    expect(isOrganizationAdmin(data, admin)).toBe(true);
    expect(mailboxForCaller(data, admin, 'other@contoso.com').guid).toBe(other.guid);
  });

  it("lets a FullAccess delegate act, and denies anyone else with Exchange's error", () => {
    const { data, user, other } = tenant();
    expect(isOrganizationAdmin(data, user)).toBe(false);
    expect(() => mailboxForCaller(data, user, 'other@contoso.com')).toThrow(
      expect.objectContaining({
        message: "'user@contoso.com' doesn't have access to the mailbox 'other@contoso.com'.",
        errorCategory: 'PermissionDenied',
        errorId: 'MailboxAccessDenied',
        exceptionName: 'UnauthorizedAccessException',
      }),
    );
    data.permissions.push({ mailbox: other.guid, user: user.guid, accessRight: 'FullAccess' } as TenantData['permissions'][number]);
    expect(mailboxForCaller(data, user, 'other@contoso.com').guid).toBe(other.guid);
  });
});
