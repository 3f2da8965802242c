// Identity resolution at scale: one lookup is one pass over the recipients, repeated lookups
// on the same data (pipelines) use an index that the directory changes keep up to date, and
// Get-Mailbox -Identity works on a store of 100,000 mailboxes.

import { afterAll, describe, expect, it } from 'vitest';
import { createMailbox, deleteMailbox, updateMailbox } from '../../src/tenant/directory.js';
import { resolveMailbox } from '../../src/tenant/recipients.js';
import type { Mailbox, TenantData } from '../../src/tenant/schema.js';
import { emptyTenant } from '../../src/tenant/tenant.js';
import { adminShell, names, prop, removeTempStores } from './harness.js';

afterAll(removeTempStores);

function addMailboxes(d: TenantData, count: number): void {
  for (let i = 0; i < count; i++) {
    const a = `user${i}`;
    d.mailboxes.push({
      guid: `00000000-0000-5000-8000-${String(i).padStart(12, '0')}`,
      name: `User ${i}`,
      alias: a,
      displayName: `User ${i}`,
      userPrincipalName: `${a}@contoso.com`,
      primarySmtpAddress: `${a}@contoso.com`,
      emailAddresses: [`SMTP:${a}@contoso.com`],
      type: 'UserMailbox',
      litigationHoldEnabled: false,
      forwardingSmtpAddress: null,
      deliverToMailboxAndForward: false,
      whenCreated: '2023-08-15T00:00:00Z',
    });
  }
}

/** The tenant with its mailbox list wrapped so that every element read is counted. */
function counted(count: number): { data: TenantData; reads: () => number } {
  const data = emptyTenant('contoso.com', new Date('2023-08-15T00:00:00Z'));
  addMailboxes(data, count);
  let n = 0;
  data.mailboxes = new Proxy(data.mailboxes, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) n++;
      return Reflect.get(target, key, receiver);
    },
  }) as Mailbox[];
  return { data, reads: () => n };
}

describe('identity lookups', () => {
  it('one lookup reads each mailbox at most once', () => {
    const { data, reads } = counted(10_000);
    expect(resolveMailbox(data, 'user9999').name).toBe('User 9999');
    expect(reads()).toBeLessThanOrEqual(10_001);
    expect(reads()).toBeGreaterThan(0);
  });

  it('many lookups on the same data cost a few passes in all, not one pass each', () => {
    const { data, reads } = counted(10_000);
    for (let i = 0; i < 2000; i++) expect(resolveMailbox(data, `user${i * 5}@contoso.com`).alias).toBe(`user${i * 5}`);
    expect(reads()).toBeLessThan(10 * 10_001);
  });

  it('the index follows creation, address changes and removal', () => {
    const data = emptyTenant('contoso.com', new Date('2023-08-15T00:00:00Z'));
    addMailboxes(data, 50);
    for (let i = 0; i < 10; i++) resolveMailbox(data, `user${i}`); // past the point where the index is built
    const made = createMailbox(data, { name: 'Dana', alias: 'dana', userPrincipalName: 'dana.upn@contoso.com', primarySmtpAddress: 'dana@contoso.com' }, new Date('2023-08-15T00:00:00Z'));
    expect(resolveMailbox(data, 'dana@contoso.com')).toBe(made);
    updateMailbox(data, made, { emailAddresses: { replace: ['SMTP:dana.f@contoso.com'] } });
    expect(resolveMailbox(data, 'dana.f@contoso.com')).toBe(made);
    expect(() => resolveMailbox(data, 'dana@contoso.com')).toThrow(/couldn't be found/);
    const user7 = resolveMailbox(data, 'user7');
    deleteMailbox(data, user7);
    expect(() => resolveMailbox(data, 'user7')).toThrow(/couldn't be found/);
    expect(resolveMailbox(data, 'user8').name).toBe('User 8');
    data.mailboxes = data.mailboxes.filter((m) => m.alias !== 'user9'); // a change outside the directory functions
    expect(() => resolveMailbox(data, 'user9')).toThrow(/couldn't be found/);
    expect(resolveMailbox(data, 'Dana')).toBe(made);
  });

  it('within one pipeline, changed and removed mailboxes resolve as they now are', () => {
    const s = adminShell((d) => addMailboxes(d, 30));
    const r = s.ok('Get-Mailbox "User*" | ForEach-Object { Set-Mailbox $_.Alias -EmailAddresses @{Add="new.$($_.Alias)@contoso.com"}; Get-Mailbox "new.$($_.Alias)@contoso.com" }');
    expect(r.output).toHaveLength(30);
    expect(prop(r.output[29], 'EmailAddresses')).toEqual(['SMTP:user29@contoso.com', 'smtp:new.user29@contoso.com']);
    const gone = s.run('Get-Mailbox "User*" | ForEach-Object { Remove-Mailbox $_.Alias -Confirm:$false; Get-Mailbox $_.Alias -ErrorAction SilentlyContinue }');
    expect(gone.output).toEqual([]);
    expect(names(s.ok('Get-Mailbox').output)).toEqual(['admin']);
  });
});

describe('a store of 100,000 mailboxes', () => {
  it('Get-Mailbox -Identity finds one mailbox; Get-Mailbox pages at 1000', () => {
    const s = adminShell((d) => addMailboxes(d, 100_000));
    const one = s.ok('Get-Mailbox -Identity user99999@contoso.com');
    expect(names(one.output)).toEqual(['User 99999']);
    expect(names(s.ok('Get-Mailbox "User 9999*"').output)).toEqual([
      'User 9999',
      'User 99990',
      'User 99991',
      'User 99992',
      'User 99993',
      'User 99994',
      'User 99995',
      'User 99996',
      'User 99997',
      'User 99998',
      'User 99999',
    ]);
    const page = s.ok('Get-Mailbox');
    expect(page.output).toHaveLength(1000);
    expect(page.warnings).toHaveLength(1);
  }, 120_000);
});
