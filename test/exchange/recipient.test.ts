import { afterAll, describe, expect, it } from 'vitest';
import { adminShell, names, prop, removeTempStores } from './harness.js';

afterAll(removeTempStores);

describe('Get-Recipient', () => {
  it('lists mailboxes, groups and contacts with their RecipientType, and narrows by -RecipientType and -Identity', () => {
    const s = adminShell();
    s.ok("New-Mailbox -Name 'Ann' -Alias ann | Out-Null; New-MailContact -Name 'Partner' -ExternalEmailAddress p@fabrikam.com | Out-Null; New-DistributionGroup -Name 'Team' -Members ann | Out-Null");
    const all = s.ok('Get-Recipient').output;
    expect(names(all)).toEqual(['admin', 'Ann', 'Team', 'Partner']);
    expect(all.map((r) => prop(r, 'RecipientType'))).toEqual(['UserMailbox', 'UserMailbox', 'MailUniversalDistributionGroup', 'MailContact']);
    expect(prop(s.ok('Get-Recipient -RecipientType MailContact').output[0], 'PrimarySmtpAddress')).toBe('p@fabrikam.com');
    expect(names(s.ok('Get-Recipient a*').output)).toEqual(['admin', 'Ann']);
    const missing = s.run('Get-Recipient nobody');
    expect(missing.errors).toEqual(["Get-Recipient: The operation couldn't be performed because object 'nobody' couldn't be found on 'NAMPR01A001DC01.NAMPR01A001.prod.outlook.com'."]);
    s.dispose();
  });
});
