// Mailbox and recipient permissions, and Inbox rules, through the real shell.

import { afterAll, describe, expect, it } from 'vitest';
import { adminShell, names, prop, removeTempStores, type ExchangeShell } from './harness.js';

afterAll(removeTempStores);

const DC = 'NAMPR01A001DC01.NAMPR01A001.prod.outlook.com';
const notFound = (cmd: string, id: string) => `${cmd}: The operation couldn't be performed because object '${id}' couldn't be found on '${DC}'.`;

function withSales(): ExchangeShell {
  const s = adminShell();
  s.ok('New-Mailbox -Name "Lynne Robbins" -Alias lynner; New-Mailbox -Name Dana -Alias dana; New-Mailbox -Shared -Name Sales');
  return s;
}

const users = (out: unknown[]) => out.map((o) => prop(o as never, 'User'));
const trustees = (out: unknown[]) => out.map((o) => prop(o as never, 'Trustee'));

describe('mailbox permissions', () => {
  it('Add-MailboxPermission grants FullAccess and returns the entry', () => {
    const s = withSales();
    const r = s.ok('Add-MailboxPermission -Identity Sales -User lynner -AccessRights FullAccess -InheritanceType All -AutoMapping $false');
    expect(r.output).toHaveLength(1);
    const e = r.output[0];
    expect((e as { typeNames: string[] }).typeNames[0]).toBe('Microsoft.Exchange.Management.RecipientTasks.MailboxAcePresentationObject');
    expect([prop(e, 'Identity'), prop(e, 'User'), prop(e, 'AccessRights'), prop(e, 'IsInherited'), prop(e, 'Deny'), prop(e, 'InheritanceType')]).toEqual([
      'Sales',
      'lynner@contoso.com',
      ['FullAccess'],
      false,
      false,
      'All',
    ]);
    const d = s.data();
    expect(d.permissions).toEqual([
      { mailbox: d.mailboxes.find((m) => m.name === 'Sales')!.guid, user: d.mailboxes.find((m) => m.alias === 'lynner')!.guid, accessRight: 'FullAccess', whenCreated: '2023-08-15T12:00:00Z' },
    ]);
    const lines = s
      .render(r.output)
      .split('\n')
      .filter((l) => l.trim());
    expect(lines[0].split(/\s+/)).toEqual(['Identity', 'User', 'AccessRights', 'IsInherited', 'Deny']);
    expect(lines[2].split(/\s+/)).toEqual(['Sales', 'lynner@contoso.com', '{FullAccess}', 'False', 'False']);
  });

  it('Get-MailboxPermission shows the SELF entry and the grants; -User filters', () => {
    const s = withSales();
    s.ok('Add-MailboxPermission Sales -User lynner -AccessRights FullAccess; Add-MailboxPermission Sales -User dana -AccessRights FullAccess');
    const all = s.ok('Get-MailboxPermission -Identity Sales');
    expect(users(all.output)).toEqual(['NT AUTHORITY\\SELF', 'lynner@contoso.com', 'dana@contoso.com']);
    expect(prop(all.output[0], 'AccessRights')).toEqual(['FullAccess', 'ReadPermission']);
    expect(users(s.ok('Get-MailboxPermission Sales -User dana').output)).toEqual(['dana@contoso.com']);
    expect(users(s.ok('Get-MailboxPermission Sales | Where-Object User -ne "NT AUTHORITY\\SELF"').output)).toEqual(['lynner@contoso.com', 'dana@contoso.com']);
    expect(users(s.ok('Get-MailboxPermission lynner').output)).toEqual(['NT AUTHORITY\\SELF']);
    expect(s.run('Get-MailboxPermission nobody').errors).toEqual([notFound('Get-MailboxPermission', 'nobody')]);
    expect(s.run('Get-MailboxPermission Sales -User nobody').errors).toEqual([notFound('Get-MailboxPermission', 'nobody')]);
  });

  it('granting an existing entry warns and changes nothing', () => {
    const s = withSales();
    s.ok('Add-MailboxPermission Sales -User lynner -AccessRights FullAccess');
    const before = s.bytes();
    const r = s.ok('Add-MailboxPermission Sales -User lynner -AccessRights FullAccess');
    expect(r.output).toEqual([]);
    expect(r.warnings).toEqual(['The appropriate access control entry is already present on the object "Sales" for account "lynner@contoso.com".']);
    expect(s.bytes()).toBe(before);
  });

  it('only FullAccess is accepted, and the user must exist', () => {
    const s = withSales();
    expect(s.run('Add-MailboxPermission Sales -User lynner -AccessRights SendAs').errors[0]).toContain('does not belong to the set "FullAccess"');
    expect(s.run('Add-MailboxPermission Sales -User nobody -AccessRights FullAccess').errors).toEqual([notFound('Add-MailboxPermission', 'nobody')]);
    expect(s.data().permissions).toEqual([]);
  });

  it("Remove-MailboxPermission removes the grant; a missing one is Exchange's warning", () => {
    const s = withSales();
    s.ok('Add-MailboxPermission Sales -User lynner -AccessRights FullAccess');
    const r = s.ok('Remove-MailboxPermission -Identity Sales -User lynner -AccessRights FullAccess -Confirm:$false');
    expect(r.warnings).toEqual([]);
    expect(s.data().permissions).toEqual([]);
    const again = s.ok('Remove-MailboxPermission Sales -User lynner -AccessRights FullAccess -Confirm:$false');
    expect(again.warnings).toEqual(['Can\'t remove the access control entry on the object "Sales" for the user "Lynne Robbins" because the ACE doesn\'t exist on the object.']);
  });

  it('-WhatIf grants and removes nothing', () => {
    const s = withSales();
    const before = s.bytes();
    s.ok('Add-MailboxPermission Sales -User lynner -AccessRights FullAccess -WhatIf');
    expect(s.bytes()).toBe(before);
    s.ok('Add-MailboxPermission Sales -User lynner -AccessRights FullAccess');
    const granted = s.bytes();
    s.ok('Remove-MailboxPermission Sales -User lynner -AccessRights FullAccess -WhatIf');
    expect(s.bytes()).toBe(granted);
  });

  it('pipelines: Get-Mailbox | Add-MailboxPermission, and Get-MailboxPermission | Remove-MailboxPermission', () => {
    const s = withSales();
    s.ok('Get-Mailbox -RecipientTypeDetails SharedMailbox | Add-MailboxPermission -User dana -AccessRights FullAccess');
    expect(users(s.ok('Get-Mailbox Sales | Get-MailboxPermission -User dana').output)).toEqual(['dana@contoso.com']);
    s.ok('Get-MailboxPermission Sales -User dana | Remove-MailboxPermission -Confirm:$false');
    expect(s.data().permissions).toEqual([]);
  });
});

describe('recipient permissions', () => {
  it('Add-RecipientPermission grants SendAs and returns the entry', () => {
    const s = withSales();
    const r = s.ok('Add-RecipientPermission -Identity Sales -Trustee lynner -AccessRights SendAs -Confirm:$false');
    const e = r.output[0];
    expect([prop(e, 'Identity'), prop(e, 'Trustee'), prop(e, 'AccessControlType'), prop(e, 'AccessRights'), prop(e, 'IsInherited'), prop(e, 'InheritanceType')]).toEqual([
      'Sales',
      'lynner@contoso.com',
      'Allow',
      ['SendAs'],
      false,
      'None',
    ]);
    expect(s.data().permissions.map((p) => p.accessRight)).toEqual(['SendAs']);
    const lines = s
      .render(r.output)
      .split('\n')
      .filter((l) => l.trim());
    expect(lines[0].split(/\s+/)).toEqual(['Identity', 'Trustee', 'AccessControlType', 'AccessRights', 'Inherited']);
    expect(lines[2].split(/\s+/)).toEqual(['Sales', 'lynner@contoso.com', 'Allow', '{SendAs}', 'False']);
  });

  it('Get-RecipientPermission: per mailbox with the SELF entry, by trustee, or every grant', () => {
    const s = withSales();
    s.ok('Add-RecipientPermission Sales -Trustee lynner -AccessRights SendAs -Confirm:$false; Add-RecipientPermission dana -Trustee lynner -AccessRights SendAs -Confirm:$false');
    expect(trustees(s.ok('Get-RecipientPermission -Identity Sales').output)).toEqual(['NT AUTHORITY\\SELF', 'lynner@contoso.com']);
    expect(s.ok('Get-RecipientPermission -Trustee lynner').output.map((o) => prop(o, 'Identity'))).toEqual(['Sales', 'Dana']);
    expect(s.ok('Get-RecipientPermission').output).toHaveLength(2);
    expect(trustees(s.ok('Get-RecipientPermission Sales -Trustee dana').output)).toEqual([]);
  });

  it('duplicates warn; Remove-RecipientPermission removes; a missing one warns', () => {
    const s = withSales();
    s.ok('Add-RecipientPermission Sales -Trustee lynner -AccessRights SendAs -Confirm:$false');
    expect(s.ok('Add-RecipientPermission Sales -Trustee lynner -AccessRights SendAs -Confirm:$false').warnings).toEqual([
      'The appropriate access control entry is already present on the object "Sales" for account "lynner@contoso.com".',
    ]);
    expect(s.data().permissions).toHaveLength(1);
    s.ok('Remove-RecipientPermission Sales -Trustee lynner -AccessRights SendAs -Confirm:$false');
    expect(s.data().permissions).toEqual([]);
    expect(s.ok('Remove-RecipientPermission Sales -Trustee lynner -AccessRights SendAs -Confirm:$false').warnings[0]).toContain("because the ACE doesn't exist on the object.");
    expect(s.run('Add-RecipientPermission Sales -Trustee lynner -AccessRights FullAccess -Confirm:$false').errors[0]).toContain('does not belong to the set "SendAs"');
    expect(s.run('Add-RecipientPermission nobody -Trustee lynner -AccessRights SendAs -Confirm:$false').errors).toEqual([notFound('Add-RecipientPermission', 'nobody')]);
  });

  it('-WhatIf grants nothing', () => {
    const s = withSales();
    const before = s.bytes();
    s.ok('Add-RecipientPermission Sales -Trustee lynner -AccessRights SendAs -WhatIf');
    expect(s.bytes()).toBe(before);
  });
});

describe('Inbox rules', () => {
  it('New-InboxRule creates rules in priority order and returns them', () => {
    const s = withSales();
    const first = s.ok('New-InboxRule -Mailbox lynner -Name Invoices -SubjectContainsWords invoice,bill -MoveToFolder "lynner:\\Invoices"').output[0];
    expect((first as { typeNames: string[] }).typeNames[0]).toBe('Microsoft.Exchange.Management.Common.InboxRule');
    expect([prop(first, 'Name'), prop(first, 'Enabled'), prop(first, 'Priority')]).toEqual(['Invoices', true, 1]);
    expect(Number.isSafeInteger(prop(first, 'RuleIdentity'))).toBe(true);
    expect(prop(first, 'Identity')).toBe(`Lynne Robbins\\${prop(first, 'RuleIdentity') as number}`);
    expect(prop(first, 'MoveToFolder')).toBe('Invoices');
    expect(prop(first, 'SubjectContainsWords')).toEqual(['invoice', 'bill']);
    const second = s.ok('New-InboxRule "From Dana" -Mailbox lynner -From dana -ForwardTo chris@fabrikam.com').output[0];
    expect(prop(second, 'Priority')).toBe(2);
    expect(prop(second, 'From')).toEqual(['dana@contoso.com']);
    expect(prop(second, 'ForwardTo')).toEqual(['chris@fabrikam.com']);
    expect(s.data().inboxRules.map((r) => [r.name, r.priority])).toEqual([
      ['Invoices', 1],
      ['From Dana', 2],
    ]);
    const lines = s
      .render([first])
      .split('\n')
      .filter((l) => l.trim());
    expect(lines[0].split(/\s+/)).toEqual(['Name', 'Enabled', 'Priority', 'RuleIdentity']);
    expect(lines[2]).toMatch(/^Invoices True {4}1 {8}\d+$/); // Exchange's view aligns every column left
  });

  it('refuses a duplicate name, a rule without an action and an unknown mailbox', () => {
    const s = withSales();
    s.ok('New-InboxRule -Mailbox lynner -Name Invoices -MoveToFolder Invoices');
    const before = s.bytes();
    expect(s.run('New-InboxRule -Mailbox lynner -Name invoices -MoveToFolder Other').errors).toEqual([
      'New-InboxRule: An Inbox rule with the name "invoices" already exists. Please use a different name.',
    ]);
    expect(s.run('New-InboxRule -Mailbox lynner -Name Empty -From dana').errors[0]).toContain('at least one action');
    expect(s.run('New-InboxRule -Mailbox nobody -Name X -MoveToFolder Y').errors).toEqual([notFound('New-InboxRule', 'nobody')]);
    expect(s.bytes()).toBe(before);
    // the same name in another mailbox is fine
    s.ok('New-InboxRule -Mailbox dana -Name Invoices -MoveToFolder Invoices');
  });

  it("without -Mailbox, rules are the caller's own", () => {
    const s = withSales();
    s.ok('New-InboxRule -Name Mine -MoveToFolder Archive');
    expect(s.ok('Get-InboxRule').output.map((r) => prop(r, 'MailboxOwnerId'))).toEqual(['admin']);
    expect(s.ok('Get-InboxRule -Mailbox lynner').output).toEqual([]);
  });

  it('Get-InboxRule finds a rule by name, RuleIdentity or mailbox\\RuleIdentity; unknown is not found', () => {
    const s = withSales();
    s.ok('New-InboxRule -Mailbox lynner -Name A -MoveToFolder X; New-InboxRule -Mailbox lynner -Name B -MoveToFolder Y');
    const b = s.ok('Get-InboxRule -Mailbox lynner -Identity B').output;
    expect(names(b)).toEqual(['B']);
    const id = prop(b[0], 'RuleIdentity') as number;
    expect(names(s.ok(`Get-InboxRule -Mailbox lynner -Identity ${id}`).output)).toEqual(['B']);
    expect(names(s.ok(`Get-InboxRule -Identity "Lynne Robbins\\${id}"`).output)).toEqual(['B']);
    expect(s.run('Get-InboxRule -Mailbox lynner -Identity C').errors).toEqual([notFound('Get-InboxRule', 'C')]);
    expect(names(s.ok('Get-Mailbox -RecipientTypeDetails UserMailbox | Get-InboxRule').output)).toEqual(['A', 'B']);
  });

  it('Remove-InboxRule by mailbox\\RuleIdentity, by -Mailbox and name, and from the pipeline; priorities close up', () => {
    const s = withSales();
    s.ok('New-InboxRule -Mailbox lynner -Name A -MoveToFolder X; New-InboxRule -Mailbox lynner -Name B -MoveToFolder Y; New-InboxRule -Mailbox lynner -Name C -MoveToFolder Z');
    const a = s.ok('Get-InboxRule -Mailbox lynner A').output[0];
    s.ok(`Remove-InboxRule -Identity "${prop(a, 'Identity') as string}" -Confirm:$false`);
    expect(s.data().inboxRules.map((r) => [r.name, r.priority])).toEqual([
      ['B', 1],
      ['C', 2],
    ]);
    s.ok('Remove-InboxRule -Mailbox lynner -Identity C -Confirm:$false');
    expect(s.data().inboxRules.map((r) => r.name)).toEqual(['B']);
    const before = s.bytes();
    s.ok('Get-InboxRule -Mailbox lynner | Remove-InboxRule -WhatIf');
    expect(s.bytes()).toBe(before);
    s.ok('Get-InboxRule -Mailbox lynner | Remove-InboxRule -Confirm:$false');
    expect(s.data().inboxRules).toEqual([]);
    expect(s.run('Remove-InboxRule -Mailbox lynner -Identity B -Confirm:$false').errors).toEqual([notFound('Remove-InboxRule', 'B')]);
  });
});
