// Distribution groups and mail contacts through the real shell.

import { afterAll, describe, expect, it } from 'vitest';
import { adminShell, names, prop, removeTempStores, type ExchangeShell } from './harness.js';

afterAll(removeTempStores);

const DC = 'NAMPR01A001DC01.NAMPR01A001.prod.outlook.com';
const notFound = (cmd: string, id: string) => `${cmd}: The operation couldn't be performed because object '${id}' couldn't be found on '${DC}'.`;

function withPeople(): ExchangeShell {
  const s = adminShell();
  s.ok('New-Mailbox -Name "Lynne Robbins" -Alias lynner; New-Mailbox -Name Dana -Alias dana');
  s.ok('New-MailContact -Name "Chris Ashton" -ExternalEmailAddress chris@tailspintoys.com');
  return s;
}

describe('New-DistributionGroup', () => {
  it('creates a group with members; the caller owns it by default', () => {
    const s = withPeople();
    const r = s.ok('New-DistributionGroup -Name "Sales Team" -Members lynner,"Chris Ashton"');
    const g = r.output[0];
    expect((g as { typeNames: string[] }).typeNames[0]).toBe('Microsoft.Exchange.Data.Directory.Management.DistributionGroup');
    expect(prop(g, 'Name')).toBe('Sales Team');
    expect(prop(g, 'DisplayName')).toBe('Sales Team');
    expect(prop(g, 'Alias')).toBe('SalesTeam');
    expect(prop(g, 'GroupType')).toBe('Universal');
    expect(prop(g, 'PrimarySmtpAddress')).toBe('SalesTeam@contoso.com');
    expect(prop(g, 'RecipientTypeDetails')).toBe('MailUniversalDistributionGroup');
    expect(prop(g, 'ManagedBy')).toEqual(['admin']);
    const d = s.data();
    const lynne = d.mailboxes.find((m) => m.alias === 'lynner')!.guid;
    expect(d.groups[0].members).toEqual([lynne, d.contacts[0].guid]);
    expect(d.groups[0].managedBy).toEqual([d.mailboxes[0].guid]);
  });

  it('-Alias, -DisplayName, -PrimarySmtpAddress and -ManagedBy', () => {
    const s = withPeople();
    const g = s.ok('New-DistributionGroup -Name Ops -Alias ops-team -DisplayName "Operations" -PrimarySmtpAddress operations@contoso.com -ManagedBy lynner,dana').output[0];
    expect([prop(g, 'Alias'), prop(g, 'DisplayName'), prop(g, 'PrimarySmtpAddress')]).toEqual(['ops-team', 'Operations', 'operations@contoso.com']);
    expect(prop(g, 'ManagedBy')).toEqual(['Lynne Robbins', 'Dana']);
  });

  it('shows the default table view Name, DisplayName, GroupType, PrimarySmtpAddress', () => {
    const s = withPeople();
    const lines = s
      .render(s.ok('New-DistributionGroup -Name Ops').output)
      .split('\n')
      .filter((l) => l.trim());
    expect(lines[0].split(/\s+/)).toEqual(['Name', 'DisplayName', 'GroupType', 'PrimarySmtpAddress']);
    expect(lines[2].split(/\s+/)).toEqual(['Ops', 'Ops', 'Universal', 'Ops@contoso.com']);
  });

  it('refuses a name, alias or address in use, or an unknown member, and creates nothing', () => {
    const s = withPeople();
    const before = s.bytes();
    expect(s.run('New-DistributionGroup -Name Dana').errors).toEqual(['New-DistributionGroup: The name "Dana" is already being used. Please try another name.']);
    expect(s.run('New-DistributionGroup -Name Team -Alias lynner').errors).toEqual(['New-DistributionGroup: The alias "lynner" is already being used. Please try another alias.']);
    expect(s.run('New-DistributionGroup -Name Team -PrimarySmtpAddress dana@contoso.com').errors[0]).toContain('The proxy address "SMTP:dana@contoso.com" is already being used');
    expect(s.run('New-DistributionGroup -Name Team -Members nobody').errors).toEqual([notFound('New-DistributionGroup', 'nobody')]);
    expect(s.bytes()).toBe(before);
  });
});

describe('Get-DistributionGroup', () => {
  it('lists groups, finds one by name, alias, address or wildcard, and reports an unknown one', () => {
    const s = withPeople();
    s.ok('New-DistributionGroup -Name "Sales Team"; New-DistributionGroup -Name Support -Alias help');
    expect(names(s.ok('Get-DistributionGroup').output)).toEqual(['Sales Team', 'Support']);
    expect(names(s.ok('Get-DistributionGroup help').output)).toEqual(['Support']);
    expect(names(s.ok('Get-DistributionGroup SalesTeam@contoso.com').output)).toEqual(['Sales Team']);
    expect(names(s.ok('Get-DistributionGroup S*').output)).toEqual(['Sales Team', 'Support']);
    expect(s.run('Get-DistributionGroup lynner').errors).toEqual([notFound('Get-DistributionGroup', 'lynner')]);
  });
});

describe('group membership', () => {
  it('Add- and Get-DistributionGroupMember: mailboxes, contacts and groups, with Name, RecipientType and PrimarySmtpAddress', () => {
    const s = withPeople();
    s.ok('New-DistributionGroup -Name Team; New-DistributionGroup -Name Inner');
    s.ok('Add-DistributionGroupMember -Identity Team -Member lynner');
    s.ok('Add-DistributionGroupMember Team -Member chris@tailspintoys.com');
    s.ok('Add-DistributionGroupMember Team -Member Inner');
    const r = s.ok('Get-DistributionGroupMember -Identity Team');
    expect(names(r.output)).toEqual(['Lynne Robbins', 'Chris Ashton', 'Inner']);
    expect(r.output.map((m) => prop(m, 'RecipientType'))).toEqual(['UserMailbox', 'MailContact', 'MailUniversalDistributionGroup']);
    expect(r.output.map((m) => prop(m, 'PrimarySmtpAddress'))).toEqual(['lynner@contoso.com', 'chris@tailspintoys.com', 'Inner@contoso.com']);
    const lines = s
      .render(r.output)
      .split('\n')
      .filter((l) => l.trim());
    expect(lines[0].split(/\s+/)).toEqual(['Name', 'RecipientType']);
  });

  it('adding a member twice, a group to itself, or an unknown recipient is an error', () => {
    const s = withPeople();
    s.ok('New-DistributionGroup -Name Team -Members dana');
    const before = s.bytes();
    expect(s.run('Add-DistributionGroupMember Team -Member dana').errors).toEqual(['Add-DistributionGroupMember: The recipient "Dana" is already a member of the group "Team".']);
    expect(s.run('Add-DistributionGroupMember Team -Member Team').errors).toEqual(['Add-DistributionGroupMember: The group "Team" can\'t be a member of itself.']);
    expect(s.run('Add-DistributionGroupMember Team -Member nobody').errors).toEqual([notFound('Add-DistributionGroupMember', 'nobody')]);
    expect(s.run('Add-DistributionGroupMember NoGroup -Member dana').errors).toEqual([notFound('Add-DistributionGroupMember', 'NoGroup')]);
    expect(s.bytes()).toBe(before);
  });

  it('Remove-DistributionGroupMember removes a member; one that is not a member is an error', () => {
    const s = withPeople();
    s.ok('New-DistributionGroup -Name Team -Members dana,lynner');
    s.ok('Remove-DistributionGroupMember Team -Member dana -Confirm:$false');
    expect(names(s.ok('Get-DistributionGroupMember Team').output)).toEqual(['Lynne Robbins']);
    expect(s.run('Remove-DistributionGroupMember Team -Member dana -Confirm:$false').errors).toEqual(['Remove-DistributionGroupMember: The recipient "Dana" isn\'t a member of the group "Team".']);
  });

  it('-WhatIf changes no membership', () => {
    const s = withPeople();
    s.ok('New-DistributionGroup -Name Team -Members dana');
    const before = s.bytes();
    expect(s.ok('Add-DistributionGroupMember Team -Member lynner -WhatIf').hostText[0]).toMatch(/^What if: Performing the operation "Add-DistributionGroupMember lynner" on target "Team"\.$/);
    s.ok('Remove-DistributionGroupMember Team -Member dana -WhatIf');
    expect(s.bytes()).toBe(before);
  });

  it('pipelines: mailboxes into Add-DistributionGroupMember, a group into Get-DistributionGroupMember', () => {
    const s = withPeople();
    s.ok('New-DistributionGroup -Name Team');
    s.ok('Get-Mailbox -RecipientTypeDetails UserMailbox | Add-DistributionGroupMember -Identity Team');
    expect(names(s.ok('Get-DistributionGroup Team | Get-DistributionGroupMember').output)).toEqual(['admin', 'Lynne Robbins', 'Dana']);
    s.ok('Get-DistributionGroupMember Team | Where-Object Name -ne admin | Remove-DistributionGroupMember -Identity Team -Confirm:$false');
    expect(names(s.ok('Get-DistributionGroupMember Team').output)).toEqual(['admin']);
  });
});

describe('mail contacts', () => {
  it("New-MailContact returns the contact with Exchange's properties and view", () => {
    const s = adminShell();
    const r = s.ok('New-MailContact -Name "Chris Ashton" -ExternalEmailAddress chris@tailspintoys.com -Alias chrisa -DisplayName "Chris A."');
    const c = r.output[0];
    expect((c as { typeNames: string[] }).typeNames[0]).toBe('Microsoft.Exchange.Data.Directory.Management.MailContact');
    expect(prop(c, 'Name')).toBe('Chris Ashton');
    expect(prop(c, 'Alias')).toBe('chrisa');
    expect(prop(c, 'DisplayName')).toBe('Chris A.');
    expect(prop(c, 'ExternalEmailAddress')).toBe('SMTP:chris@tailspintoys.com');
    expect(prop(c, 'PrimarySmtpAddress')).toBe('chris@tailspintoys.com');
    expect(prop(c, 'RecipientType')).toBe('MailContact');
    expect(s.data().contacts.map((x) => x.externalEmailAddress)).toEqual(['chris@tailspintoys.com']);
    const lines = s
      .render(r.output)
      .split('\n')
      .filter((l) => l.trim());
    expect(lines[0].split(/\s+/)).toEqual(['Name', 'Alias', 'RecipientType']);
  });

  it('refuses a name or address in use and a malformed address', () => {
    const s = withPeople();
    const before = s.bytes();
    expect(s.run('New-MailContact -Name Dana -ExternalEmailAddress d@fabrikam.com').errors).toEqual(['New-MailContact: The name "Dana" is already being used. Please try another name.']);
    expect(s.run('New-MailContact -Name Other -ExternalEmailAddress SMTP:chris@tailspintoys.com').errors[0]).toContain('The proxy address "SMTP:chris@tailspintoys.com" is already being used');
    expect(s.run('New-MailContact -Name Other -ExternalEmailAddress nonsense').errors[0]).toContain('The email address "nonsense" isn\'t correct.');
    expect(s.run('New-MailContact -Name Other').errors[0]).toContain('missing mandatory parameters: ExternalEmailAddress');
    expect(s.bytes()).toBe(before);
  });

  it('Get-MailContact lists contacts and finds one by name, alias or address', () => {
    const s = withPeople();
    s.ok('New-MailContact -Name "Pat Kim" -ExternalEmailAddress pat@fabrikam.com -Alias patk');
    expect(names(s.ok('Get-MailContact').output)).toEqual(['Chris Ashton', 'Pat Kim']);
    expect(names(s.ok('Get-MailContact patk').output)).toEqual(['Pat Kim']);
    expect(names(s.ok('Get-MailContact chris@tailspintoys.com').output)).toEqual(['Chris Ashton']);
    expect(s.run('Get-MailContact dana').errors).toEqual([notFound('Get-MailContact', 'dana')]);
  });

  it('-WhatIf creates no contact', () => {
    const s = adminShell();
    const before = s.bytes();
    s.ok('New-MailContact -Name Pat -ExternalEmailAddress pat@fabrikam.com -WhatIf');
    expect(s.bytes()).toBe(before);
  });
});
