// Accepted domains and mailboxes through the real shell: New-/Get-AcceptedDomain,
// New-/Get-/Set-/Remove-Mailbox, with Exchange's parameter names, objects, views and errors.

import { afterAll, describe, expect, it } from 'vitest';
import type { Mailbox } from '../../src/tenant/schema.js';
import { adminShell, names, prop, removeTempStores, TEST_NOW } from './harness.js';

afterAll(removeTempStores);

const DC = 'NAMPR01A001DC01.NAMPR01A001.prod.outlook.com';
const notFound = (cmd: string, id: string) => `${cmd}: The operation couldn't be performed because object '${id}' couldn't be found on '${DC}'.`;
const DEFAULT_WARNING =
  'By default, only the first 1000 items are returned. Use the ResultSize parameter to specify the number of items returned. To return all items, specify "-ResultSize Unlimited". Be aware that, depending upon the actual number of items, returning all items can take a long time and consume a large amount of memory. Also, we don\'t recommend storing the results in a variable. Instead, pipe the results to another task or script to perform batch changes.';

function extraMailboxes(count: number, shared = 0) {
  return (d: { mailboxes: Mailbox[] }) => {
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
        type: i < shared ? 'SharedMailbox' : 'UserMailbox',
        litigationHoldEnabled: false,
        forwardingSmtpAddress: null,
        deliverToMailboxAndForward: false,
        whenCreated: '2023-08-15T00:00:00Z',
      });
    }
  };
}

describe('Get-AcceptedDomain', () => {
  it("lists the default and the initial domain with Exchange's properties", () => {
    const s = adminShell();
    const r = s.ok('Get-AcceptedDomain');
    expect(names(r.output)).toEqual(['contoso.com', 'contoso.onmicrosoft.com']);
    const [main, initial] = r.output;
    expect(prop(main, 'DomainName')).toBe('contoso.com');
    expect(prop(main, 'DomainType')).toBe('Authoritative');
    expect(prop(main, 'Default')).toBe(true);
    expect(prop(main, 'InitialDomain')).toBe(false);
    expect(prop(main, 'Identity')).toBe('contoso.com');
    expect(prop(main, 'Guid')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(prop(main, 'WhenCreated')).toEqual(new Date('2023-08-15T00:00:00Z'));
    expect(prop(initial, 'Default')).toBe(false);
    expect(prop(initial, 'InitialDomain')).toBe(true);
  });

  it('shows the default table view Name, DomainName, DomainType, Default', () => {
    const s = adminShell();
    const lines = s
      .render(s.ok('Get-AcceptedDomain').output)
      .split('\n')
      .filter((l) => l.trim());
    expect(lines[0].split(/\s+/)).toEqual(['Name', 'DomainName', 'DomainType', 'Default']);
    expect(lines[2].split(/\s+/)).toEqual(['contoso.com', 'contoso.com', 'Authoritative', 'True']);
  });

  it('finds a domain by name or domain name, with wildcards, and reports an unknown one', () => {
    const s = adminShell();
    expect(names(s.ok('Get-AcceptedDomain contoso.onmicrosoft.com').output)).toEqual(['contoso.onmicrosoft.com']);
    expect(names(s.ok('Get-AcceptedDomain *.onmicrosoft.com').output)).toEqual(['contoso.onmicrosoft.com']);
    const r = s.run('Get-AcceptedDomain fabrikam.com');
    expect(r.output).toEqual([]);
    expect(r.errors).toEqual([notFound('Get-AcceptedDomain', 'fabrikam.com')]);
  });
});

describe('New-AcceptedDomain', () => {
  it('adds a domain that recipients can then have addresses in', () => {
    const s = adminShell();
    expect(s.run('New-Mailbox -Name Dana -PrimarySmtpAddress dana@fabrikam.com').errors[0]).toContain("The domain 'fabrikam.com' isn't an accepted domain for your organization.");
    const r = s.ok('New-AcceptedDomain -Name Fabrikam -DomainName Fabrikam.com -DomainType InternalRelay');
    expect(prop(r.output[0], 'Name')).toBe('Fabrikam');
    expect(prop(r.output[0], 'DomainName')).toBe('fabrikam.com');
    expect(prop(r.output[0], 'DomainType')).toBe('InternalRelay');
    expect(prop(r.output[0], 'Default')).toBe(false);
    expect(s.data().acceptedDomains.map((d) => d.domainName)).toEqual(['contoso.com', 'contoso.onmicrosoft.com', 'fabrikam.com']);
    expect(prop(s.ok('New-Mailbox -Name Dana -PrimarySmtpAddress dana@fabrikam.com').output[0], 'PrimarySmtpAddress')).toBe('dana@fabrikam.com');
  });

  it('refuses a domain that is already accepted, and a name in use, changing nothing', () => {
    const s = adminShell();
    const before = s.bytes();
    expect(s.run('New-AcceptedDomain -Name Other -DomainName contoso.com').errors).toEqual(['New-AcceptedDomain: The accepted domain "contoso.com" already exists.']);
    expect(s.run('New-AcceptedDomain -Name contoso.com -DomainName fabrikam.com').errors).toEqual(['New-AcceptedDomain: An accepted domain with the name "contoso.com" already exists.']);
    expect(s.run('New-AcceptedDomain -Name Bad -DomainName "not a domain"').errors[0]).toContain("isn't a valid domain name");
    expect(s.bytes()).toBe(before);
  });

  it('-WhatIf changes nothing', () => {
    const s = adminShell();
    const before = s.bytes();
    const r = s.ok('New-AcceptedDomain -Name Fabrikam -DomainName fabrikam.com -WhatIf');
    expect(r.output).toEqual([]);
    expect(r.hostText).toEqual(['What if: Performing the operation "New-AcceptedDomain" on target "fabrikam.com".']);
    expect(s.bytes()).toBe(before);
  });
});

describe('New-Mailbox', () => {
  it("creates a user mailbox with Exchange's defaults and returns it", () => {
    const s = adminShell();
    const r = s.ok('New-Mailbox -Name "Lynne Robbins" -DisplayName "Lynne R."');
    expect(r.output).toHaveLength(1);
    const m = r.output[0];
    expect((m as { typeNames: string[] }).typeNames[0]).toBe('Microsoft.Exchange.Data.Directory.Management.Mailbox');
    expect(prop(m, 'Name')).toBe('Lynne Robbins');
    expect(prop(m, 'Alias')).toBe('LynneRobbins');
    expect(prop(m, 'DisplayName')).toBe('Lynne R.');
    expect(prop(m, 'PrimarySmtpAddress')).toBe('LynneRobbins@contoso.com');
    expect(prop(m, 'UserPrincipalName')).toBe('LynneRobbins@contoso.com');
    expect(prop(m, 'EmailAddresses')).toEqual(['SMTP:LynneRobbins@contoso.com']);
    expect(prop(m, 'RecipientTypeDetails')).toBe('UserMailbox');
    expect(prop(m, 'LitigationHoldEnabled')).toBe(false);
    expect(prop(m, 'ForwardingSmtpAddress')).toBe(null);
    expect(prop(m, 'DeliverToMailboxAndForward')).toBe(false);
    expect(prop(m, 'Identity')).toBe('Lynne Robbins');
    expect(prop(m, 'Database')).toMatch(/^NAMPR01DG\d{3}-db\d{3}$/);
    expect(prop(m, 'ProhibitSendQuota')).toBe('99 GB (106,300,440,576 bytes)');
    expect(prop(m, 'WhenCreated')).toEqual(TEST_NOW);
    expect(prop(m, 'WhenCreatedUTC')).toEqual(TEST_NOW);
    expect(prop(m, 'ExchangeGuid')).not.toBe(prop(m, 'Guid'));
    const stored = s.data().mailboxes.find((x) => x.name === 'Lynne Robbins');
    expect(stored?.guid).toBe(prop(m, 'Guid'));
    expect(stored?.type).toBe('UserMailbox');
  });

  it('-Shared makes a shared mailbox; -Alias and -MicrosoftOnlineServicesID set the alias and the UPN', () => {
    const s = adminShell();
    expect(prop(s.ok('New-Mailbox -Shared -Name "Sales Department" -Alias Sales').output[0], 'RecipientTypeDetails')).toBe('SharedMailbox');
    const m = s.ok('New-Mailbox -Name Dana -Alias danaf -MicrosoftOnlineServicesID dana.f@contoso.com').output[0];
    expect(prop(m, 'Alias')).toBe('danaf');
    expect(prop(m, 'UserPrincipalName')).toBe('dana.f@contoso.com');
    expect(prop(m, 'PrimarySmtpAddress')).toBe('dana.f@contoso.com');
  });

  it('refuses a name, alias or address in use, and an address outside the accepted domains', () => {
    const s = adminShell();
    s.ok('New-Mailbox -Name Dana -Alias dana');
    const before = s.bytes();
    expect(s.run('New-Mailbox -Name dana -Alias other').errors).toEqual(['New-Mailbox: The name "dana" is already being used. Please try another name.']);
    expect(s.run('New-Mailbox -Name Other -Alias DANA').errors).toEqual(['New-Mailbox: The alias "DANA" is already being used. Please try another alias.']);
    expect(s.run('New-Mailbox -Name Other -PrimarySmtpAddress dana@contoso.com').errors).toEqual([
      'New-Mailbox: The proxy address "SMTP:dana@contoso.com" is already being used by the proxy addresses or LegacyExchangeDN. Please choose another proxy address.',
    ]);
    expect(s.run('New-Mailbox -Name Other -PrimarySmtpAddress other@fabrikam.com').errors).toEqual([
      "New-Mailbox: The domain 'fabrikam.com' isn't an accepted domain for your organization. Use an accepted domain or add the domain to your accepted domains list.",
    ]);
    expect(s.run('New-Mailbox -Alias x').errors[0]).toContain('missing mandatory parameters: Name');
    expect(s.bytes()).toBe(before);
  });

  it('-WhatIf creates nothing', () => {
    const s = adminShell();
    const before = s.bytes();
    const r = s.ok('New-Mailbox -Name Dana -WhatIf');
    expect(r.output).toEqual([]);
    expect(r.hostText).toEqual(['What if: Performing the operation "New-Mailbox" on target "Dana".']);
    expect(s.bytes()).toBe(before);
  });
});

describe('Get-Mailbox', () => {
  it('resolves an identity by name, alias, any SMTP address, UPN or GUID', () => {
    const s = adminShell();
    const guid = prop(s.ok('New-Mailbox -Name "Lynne Robbins" -Alias lynner -MicrosoftOnlineServicesID lynne@contoso.com').output[0], 'Guid') as string;
    s.ok('Set-Mailbox lynner -EmailAddresses @{Add="lr@contoso.com"}');
    for (const id of ['"Lynne Robbins"', 'lynner', 'LYNNE@contoso.com', 'lr@contoso.com', guid, guid.toUpperCase()]) {
      const r = s.ok(`Get-Mailbox -Identity ${id}`);
      expect(names(r.output), id).toEqual(['Lynne Robbins']);
    }
    expect(names(s.ok('Get-Mailbox lynner').output)).toEqual(['Lynne Robbins']); // -Identity is positional
  });

  it('accepts * wildcards in the identity', () => {
    const s = adminShell(extraMailboxes(12));
    expect(names(s.ok('Get-Mailbox "User 1*"').output)).toEqual(['User 1', 'User 10', 'User 11']);
    expect(names(s.ok('Get-Mailbox *admin*').output)).toEqual(['admin']);
  });

  it('an identity that matches nothing is a non-terminating not-found error', () => {
    const s = adminShell();
    const r = s.run("'nobody','admin' | Get-Mailbox");
    expect(r.errors).toEqual([notFound('Get-Mailbox', 'nobody')]);
    expect(r.errorRecords[0].category).toBe('ObjectNotFound');
    expect(names(r.output)).toEqual(['admin']);
    const quiet = s.run('Get-Mailbox nobody -ErrorAction SilentlyContinue; "next"');
    expect(quiet.errors).toEqual([]);
    expect(quiet.output).toEqual(['next']);
  });

  it("an identity that matches several recipients is Exchange's ambiguity error", () => {
    const s = adminShell();
    s.ok('New-Mailbox -Name dup -Alias first; New-Mailbox -Name Other -Alias dup');
    const r = s.run('Get-Mailbox dup');
    expect(r.output).toEqual([]);
    expect(r.errors).toEqual(["Get-Mailbox: The operation couldn't be performed because 'dup' matches multiple entries."]);
  });

  it('shows the EXO default table view', () => {
    const s = adminShell();
    const text = s.render(s.ok('Get-Mailbox admin').output);
    const lines = text.split('\n').filter((l) => l.trim());
    expect(lines[0]).toBe('Name                      Alias           Database                       ProhibitSendQuota    ExternalDirectoryObjectId');
    expect(lines[2]).toMatch(/^admin {21}admin {11}NAMPR01DG\d{3}-db\d{3} {13}99 GB \(106,300,440,… [0-9a-f]{8}-[0-9a-f-]+…?$/);
  });

  it("returns the first 1000 by default with Exchange's warning when there are more", () => {
    const s = adminShell(extraMailboxes(1004));
    const r = s.ok('Get-Mailbox');
    expect(r.output).toHaveLength(1000);
    expect(r.warnings).toEqual([DEFAULT_WARNING]);
    const all = s.ok('Get-Mailbox -ResultSize Unlimited');
    expect(all.output).toHaveLength(1005);
    expect(all.warnings).toEqual([]);
    const five = s.ok('Get-Mailbox -ResultSize 5');
    expect(names(five.output)).toEqual(['admin', 'User 0', 'User 1', 'User 2', 'User 3']);
    expect(five.warnings).toEqual(['There are more results available than are currently displayed. To view them, increase the value for the ResultSize parameter.']);
    expect(s.ok('Get-Mailbox -ResultSize 1005').warnings).toEqual([]);
    expect(s.run('Get-Mailbox -ResultSize lots').errors[0]).toContain("Cannot validate argument on parameter 'ResultSize'.");
  });

  it('gives no warning when everything fits', () => {
    const s = adminShell(extraMailboxes(999));
    const r = s.ok('Get-Mailbox');
    expect(r.output).toHaveLength(1000);
    expect(r.warnings).toEqual([]);
  });

  it('-RecipientTypeDetails filters by mailbox type', () => {
    const s = adminShell(extraMailboxes(4, 2));
    expect(names(s.ok('Get-Mailbox -RecipientTypeDetails SharedMailbox').output)).toEqual(['User 0', 'User 1']);
    expect(names(s.ok('Get-Mailbox -RecipientTypeDetails UserMailbox').output)).toEqual(['admin', 'User 2', 'User 3']);
    expect(names(s.ok('Get-Mailbox -RecipientTypeDetails UserMailbox,SharedMailbox').output)).toHaveLength(5);
    expect(s.run('Get-Mailbox -RecipientTypeDetails Robot').errors[0]).toContain('does not belong to the set');
  });
});

describe('Set-Mailbox', () => {
  it('adds and removes proxy addresses with @{Add=...; Remove=...}, and the new ones resolve', () => {
    const s = adminShell();
    s.ok('New-Mailbox -Name Dana -Alias dana');
    s.ok('Set-Mailbox dana -EmailAddresses @{Add="d1@contoso.com","d2@contoso.com"}');
    expect(s.data().mailboxes.find((m) => m.alias === 'dana')?.emailAddresses).toEqual(['SMTP:dana@contoso.com', 'smtp:d1@contoso.com', 'smtp:d2@contoso.com']);
    s.ok('Set-Mailbox dana -EmailAddresses @{Remove="d1@contoso.com"}');
    const m = s.ok('Get-Mailbox d2@contoso.com').output[0];
    expect(prop(m, 'EmailAddresses')).toEqual(['SMTP:dana@contoso.com', 'smtp:d2@contoso.com']);
    expect(s.run('Get-Mailbox d1@contoso.com').errors).toEqual([notFound('Get-Mailbox', 'd1@contoso.com')]);
  });

  it('a list replaces the addresses; SMTP: makes the primary address', () => {
    const s = adminShell();
    s.ok('New-Mailbox -Name Dana -Alias dana');
    s.ok('Set-Mailbox dana -EmailAddresses "SMTP:dana.f@contoso.com","smtp:dana@contoso.com"');
    const m = s.ok('Get-Mailbox dana').output[0];
    expect(prop(m, 'PrimarySmtpAddress')).toBe('dana.f@contoso.com');
    expect(prop(m, 'EmailAddresses')).toEqual(['SMTP:dana.f@contoso.com', 'smtp:dana@contoso.com']);
    expect(s.run('Set-Mailbox dana -EmailAddresses "SMTP:a@contoso.com","SMTP:b@contoso.com"').errors[0]).toContain('Only one primary SMTP address');
    expect(s.run('Set-Mailbox dana -EmailAddresses "x@fabrikam.com"').errors[0]).toContain("The domain 'fabrikam.com' isn't an accepted domain");
    expect(s.run('Set-Mailbox dana -EmailAddresses @{Add="admin@contoso.com"}').errors[0]).toContain('The proxy address "SMTP:admin@contoso.com" is already being used');
    expect(s.run('Set-Mailbox dana -EmailAddresses @{Replace="x@contoso.com"}').errors[0]).toContain('the hashtable key "Replace" isn\'t valid');
  });

  it('sets forwarding (shown as smtp:x@y), litigation hold, delivery and display name; $null clears forwarding', () => {
    const s = adminShell();
    s.ok('Set-Mailbox admin -ForwardingSmtpAddress boss@fabrikam.com -DeliverToMailboxAndForward $true -LitigationHoldEnabled $true -DisplayName "The Admin"');
    let m = s.ok('Get-Mailbox admin').output[0];
    expect(prop(m, 'ForwardingSmtpAddress')).toBe('smtp:boss@fabrikam.com');
    expect(prop(m, 'DeliverToMailboxAndForward')).toBe(true);
    expect(prop(m, 'LitigationHoldEnabled')).toBe(true);
    expect(prop(m, 'DisplayName')).toBe('The Admin');
    expect(s.data().mailboxes[0].forwardingSmtpAddress).toBe('boss@fabrikam.com');
    s.ok('Set-Mailbox admin -ForwardingSmtpAddress $null');
    m = s.ok('Get-Mailbox admin').output[0];
    expect(prop(m, 'ForwardingSmtpAddress')).toBe(null);
    expect(s.data().mailboxes[0].forwardingSmtpAddress).toBe(null);
    expect(s.run('Set-Mailbox admin -ForwardingSmtpAddress "not an address"').errors[0]).toContain('The email address "not an address" isn\'t correct.');
  });

  it('-Type Shared converts the mailbox', () => {
    const s = adminShell();
    s.ok('New-Mailbox -Name Dana');
    s.ok('Set-Mailbox Dana -Type Shared');
    expect(prop(s.ok('Get-Mailbox Dana').output[0], 'RecipientTypeDetails')).toBe('SharedMailbox');
  });

  it('warns, as Exchange does, when nothing changes, and leaves the store as it was', () => {
    const s = adminShell();
    const before = s.bytes();
    const r = s.ok('Set-Mailbox admin -LitigationHoldEnabled $false -DisplayName Administrator');
    expect(r.warnings).toEqual(["The command completed successfully but no settings of 'admin' have been modified."]);
    expect(s.bytes()).toBe(before);
    expect(s.ok('Set-Mailbox admin -LitigationHoldEnabled $true').warnings).toEqual([]);
    expect(s.bytes()).not.toBe(before);
  });

  it('-WhatIf changes nothing', () => {
    const s = adminShell();
    const before = s.bytes();
    const r = s.ok('Set-Mailbox admin -LitigationHoldEnabled $true -WhatIf');
    expect(r.hostText).toEqual(['What if: Performing the operation "Set-Mailbox" on target "admin".']);
    expect(r.warnings).toEqual([]);
    expect(s.bytes()).toBe(before);
  });

  it('an unknown mailbox is the not-found error', () => {
    const s = adminShell();
    expect(s.run('Set-Mailbox nobody -LitigationHoldEnabled $true').errors).toEqual([notFound('Set-Mailbox', 'nobody')]);
  });

  it('takes mailboxes from the pipeline: Get-Mailbox | Set-Mailbox', () => {
    const s = adminShell(extraMailboxes(3));
    const r = s.ok('Get-Mailbox | Set-Mailbox -LitigationHoldEnabled $true');
    expect(r.output).toEqual([]);
    expect(s.data().mailboxes.map((m) => m.litigationHoldEnabled)).toEqual([true, true, true, true]);
    s.ok('Get-Mailbox -RecipientTypeDetails UserMailbox | Where-Object Name -like "User*" | Set-Mailbox -LitigationHoldEnabled $false');
    expect(s.data().mailboxes.map((m) => m.litigationHoldEnabled)).toEqual([true, false, false, false]);
  });

  it('a piped mailbox is changed exactly, even when its name alone would be ambiguous', () => {
    const s = adminShell();
    s.ok('New-Mailbox -Name dup -Alias first; New-Mailbox -Name Other -Alias dup');
    expect(s.run('Set-Mailbox dup -DisplayName X').errors).toEqual(["Set-Mailbox: The operation couldn't be performed because 'dup' matches multiple entries."]);
    s.ok('Get-Mailbox first | Set-Mailbox -DisplayName "Changed"');
    const byAlias = Object.fromEntries(s.data().mailboxes.map((m) => [m.alias, m.displayName]));
    expect(byAlias).toEqual({ admin: 'Administrator', first: 'Changed', dup: 'Other' });
  });

  it('strings piped in are identities; one that fails rolls the whole statement back', () => {
    const s = adminShell();
    s.ok('New-Mailbox -Name Dana');
    const before = s.bytes();
    const r = s.run("'Dana','nobody' | Set-Mailbox -LitigationHoldEnabled $true");
    expect(r.errors).toEqual([notFound('Set-Mailbox', 'nobody')]);
    expect(s.bytes()).toBe(before);
    s.ok("'Dana','admin' | Set-Mailbox -LitigationHoldEnabled $true");
    expect(s.data().mailboxes.every((m) => m.litigationHoldEnabled)).toBe(true);
  });
});

describe('Remove-Mailbox', () => {
  it('removes the mailbox and what refers to it', () => {
    const s = adminShell();
    s.ok('New-Mailbox -Name Dana; New-Mailbox -Name Sales -Shared; New-DistributionGroup Team -Members Dana,admin');
    s.ok('Add-MailboxPermission Sales -User Dana -AccessRights FullAccess; Add-RecipientPermission Sales -Trustee Dana -AccessRights SendAs -Confirm:$false');
    s.ok('New-InboxRule -Mailbox Dana -Name r1 -MoveToFolder Archive; Add-RoleGroupMember "Help Desk" -Member Dana');
    s.ok('Remove-Mailbox Dana -Confirm:$false');
    const d = s.data();
    expect(d.mailboxes.map((m) => m.name)).toEqual(['admin', 'Sales']);
    expect(d.groups[0].members).toEqual([d.mailboxes[0].guid]);
    expect(d.permissions).toEqual([]);
    expect(d.inboxRules).toEqual([]);
    expect(d.roleGroups.find((g) => g.name === 'Help Desk')?.members).toEqual([]);
    expect(s.run('Get-Mailbox Dana').errors).toEqual([notFound('Get-Mailbox', 'Dana')]);
  });

  it('-WhatIf removes nothing; an unknown mailbox is the not-found error', () => {
    const s = adminShell();
    s.ok('New-Mailbox -Name Dana');
    const before = s.bytes();
    expect(s.ok('Remove-Mailbox Dana -WhatIf').hostText).toEqual(['What if: Performing the operation "Remove-Mailbox" on target "Dana".']);
    expect(s.bytes()).toBe(before);
    expect(s.run('Remove-Mailbox nobody -Confirm:$false').errors).toEqual([notFound('Remove-Mailbox', 'nobody')]);
  });

  it('takes mailboxes from the pipeline', () => {
    const s = adminShell(extraMailboxes(5));
    s.ok('Get-Mailbox "User*" | Remove-Mailbox -Confirm:$false');
    expect(s.data().mailboxes.map((m) => m.name)).toEqual(['admin']);
    expect(names(s.ok('Get-Mailbox').output)).toEqual(['admin']);
  });
});
