// Role groups, role-based visibility of cmdlets, and the caller (--as, Connect-ExchangeOnline),
// through the real shell.

import { afterAll, describe, expect, it } from 'vitest';
import { adminShell, names, openShell, prop, removeTempStores, type ExchangeShell } from './harness.js';

afterAll(removeTempStores);

const DC = 'NAMPR01A001DC01.NAMPR01A001.prod.outlook.com';
const notFound = (cmd: string, id: string) => `${cmd}: The operation couldn't be performed because object '${id}' couldn't be found on '${DC}'.`;
const notRecognized = (name: string) =>
  `${name}: The term '${name}' is not recognized as a name of a cmdlet, function, script file, or executable program.\n` +
  'Check the spelling of the name, or if a path was included, verify that the path is correct and try again.';

/** admin plus helpdesk@contoso.com in Help Desk and plain@contoso.com in no role group. */
function withHelpDesk(): ExchangeShell {
  const s = adminShell();
  s.ok('New-Mailbox -Name helpdesk; New-Mailbox -Name plain; New-Mailbox -Name recip');
  s.ok('Add-RoleGroupMember "Help Desk" -Member helpdesk; Add-RoleGroupMember "Recipient Management" -Member recip');
  return s;
}

const commandNames = (s: ExchangeShell, pattern = '*') => s.ok(`Get-Command ${pattern}`).output.map((c) => prop(c, 'Name') as string);

describe('Get-RoleGroup and Get-RoleGroupMember', () => {
  it('lists the built-in role groups with their roles, role assignments and members', () => {
    const s = adminShell();
    const r = s.ok('Get-RoleGroup');
    expect(names(r.output)).toEqual(['Organization Management', 'View-Only Organization Management', 'Compliance Management', 'Help Desk', 'Recipient Management']);
    const hd = r.output[3];
    expect(prop(hd, 'AssignedRoles')).toEqual(['View-Only Recipients', 'Message Tracking']);
    expect(prop(hd, 'RoleAssignments')).toEqual(['View-Only Recipients-Help Desk', 'Message Tracking-Help Desk']);
    expect(prop(hd, 'Members')).toEqual([]);
    expect(prop(hd, 'Description')).toContain('view recipients');
    expect(prop(r.output[0], 'Members')).toEqual(['admin']);
    const header = s
      .render([hd])
      .split('\n')
      .find((l) => l.trim())!;
    expect(header.split(/\s+/).filter(Boolean)).toEqual(['Name', 'AssignedRoles', 'RoleAssignments', 'ManagedBy']);
  });

  it('finds a role group by name (wildcards allowed); an unknown one is not found', () => {
    const s = adminShell();
    expect(names(s.ok('Get-RoleGroup "help desk"').output)).toEqual(['Help Desk']);
    expect(names(s.ok('Get-RoleGroup *Management').output)).toEqual(['Organization Management', 'View-Only Organization Management', 'Compliance Management', 'Recipient Management']);
    expect(s.run('Get-RoleGroup Auditors').errors).toEqual([notFound('Get-RoleGroup', 'Auditors')]);
  });

  it('Get-RoleGroupMember lists the members with Name and RecipientType', () => {
    const s = withHelpDesk();
    const r = s.ok('Get-RoleGroupMember "Organization Management"');
    expect(names(r.output)).toEqual(['admin']);
    expect(prop(r.output[0], 'RecipientType')).toBe('UserMailbox');
    expect(names(s.ok('Get-RoleGroupMember "Help Desk"').output)).toEqual(['helpdesk']);
    expect(
      s
        .render(r.output)
        .split('\n')
        .find((l) => l.trim())!
        .split(/\s+/),
    ).toEqual(['Name', 'RecipientType']);
    expect(s.run('Get-RoleGroupMember Auditors').errors).toEqual([notFound('Get-RoleGroupMember', 'Auditors')]);
  });
});

describe('Add-RoleGroupMember and Remove-RoleGroupMember', () => {
  it("write the member's mailbox GUID to the role group", () => {
    const s = adminShell();
    const guid = prop(s.ok('New-Mailbox -Name Dana').output[0], 'Guid');
    s.ok('Add-RoleGroupMember -Identity "Help Desk" -Member Dana');
    expect(s.data().roleGroups.find((g) => g.name === 'Help Desk')?.members).toEqual([guid]);
    s.ok('Remove-RoleGroupMember "Help Desk" -Member dana@contoso.com -Confirm:$false');
    expect(s.data().roleGroups.find((g) => g.name === 'Help Desk')?.members).toEqual([]);
  });

  it('adding twice, removing a non-member, unknown groups or mailboxes are errors', () => {
    const s = adminShell();
    s.ok('New-Mailbox -Name Dana; Add-RoleGroupMember "Help Desk" -Member Dana');
    const before = s.bytes();
    expect(s.run('Add-RoleGroupMember "Help Desk" -Member Dana').errors).toEqual(['Add-RoleGroupMember: The recipient "Dana" is already a member of the group "Help Desk".']);
    expect(s.run('Remove-RoleGroupMember "Recipient Management" -Member Dana -Confirm:$false').errors).toEqual([
      'Remove-RoleGroupMember: The recipient "Dana" isn\'t a member of the group "Recipient Management".',
    ]);
    expect(s.run('Add-RoleGroupMember Auditors -Member Dana').errors).toEqual([notFound('Add-RoleGroupMember', 'Auditors')]);
    expect(s.run('Add-RoleGroupMember "Help Desk" -Member nobody').errors).toEqual([notFound('Add-RoleGroupMember', 'nobody')]);
    expect(s.bytes()).toBe(before);
  });

  it("the last member of Organization Management can't be removed", () => {
    const s = adminShell();
    const r = s.run('Remove-RoleGroupMember "Organization Management" -Member admin -Confirm:$false');
    expect(r.errors[0]).toContain("can't be removed from the role group \"Organization Management\" because it's the group's last member");
    s.ok('New-Mailbox -Name second; Add-RoleGroupMember "Organization Management" -Member second');
    s.ok('Remove-RoleGroupMember "Organization Management" -Member admin -Confirm:$false');
    expect(names(s.ok('Get-RoleGroupMember "Organization Management"').output)).toEqual(['second']);
  });

  it('-WhatIf changes nothing; mailboxes can be piped in', () => {
    const s = adminShell();
    s.ok('New-Mailbox -Name Dana; New-Mailbox -Name Lee');
    const before = s.bytes();
    const r = s.ok('Add-RoleGroupMember "Help Desk" -Member Dana -WhatIf');
    expect(r.hostText).toEqual(['What if: Performing the operation "Add-RoleGroupMember Dana" on target "Help Desk".']);
    expect(s.bytes()).toBe(before);
    s.ok('Get-Mailbox | Where-Object Name -ne admin | Add-RoleGroupMember "Help Desk"');
    expect(names(s.ok('Get-RoleGroupMember "Help Desk"').output)).toEqual(['Dana', 'Lee']);
  });
});

describe('role-based access', () => {
  it('a Help Desk caller (--as) can run Get-Mailbox, but Set-OrganizationConfig and New-Mailbox are not recognized', () => {
    const s = withHelpDesk();
    const hd = s.session({ user: 'helpdesk@contoso.com' });
    expect(names(hd.ok('Get-Mailbox helpdesk').output)).toEqual(['helpdesk']);
    const before = s.bytes();
    expect(hd.run('Set-OrganizationConfig -MessageRecallEnabled $false').errors).toEqual([notRecognized('Set-OrganizationConfig')]);
    expect(hd.run('New-Mailbox -Name x').errors).toEqual([notRecognized('New-Mailbox')]);
    expect(hd.run('Set-Mailbox helpdesk -LitigationHoldEnabled $true').errors).toEqual([notRecognized('Set-Mailbox')]);
    expect(hd.run('Add-RoleGroupMember "Organization Management" -Member helpdesk').errors).toEqual([notRecognized('Add-RoleGroupMember')]);
    expect(s.bytes()).toBe(before);
  });

  it("Get-Command lists only what the caller's roles grant", () => {
    const s = withHelpDesk();
    const admin = commandNames(s);
    for (const c of ['Get-Mailbox', 'New-Mailbox', 'Set-OrganizationConfig', 'Get-RoleGroup', 'Add-RoleGroupMember']) expect(admin).toContain(c);
    const hd = s.session({ user: 'helpdesk' });
    const visible = commandNames(hd);
    for (const c of ['Get-Mailbox', 'Get-DistributionGroup', 'Get-MailboxPermission', 'Connect-ExchangeOnline']) expect(visible).toContain(c);
    for (const c of ['New-Mailbox', 'Set-Mailbox', 'Set-OrganizationConfig', 'Add-RoleGroupMember', 'New-AcceptedDomain']) expect(visible).not.toContain(c);
    expect(hd.run('Get-Command New-Mailbox').errors).toEqual([notRecognized('New-Mailbox').replace(/^New-Mailbox:/, 'Get-Command:')]);
  });

  it('Recipient Management may create mailboxes but not change the organization', () => {
    const s = withHelpDesk();
    const rm = s.session({ user: 'recip@contoso.com' });
    expect(names(rm.ok('New-Mailbox -Name Made').output)).toEqual(['Made']);
    rm.ok('New-DistributionGroup -Name Team -Members Made');
    expect(rm.run('Set-OrganizationConfig -MessageRecallEnabled $false').errors).toEqual([notRecognized('Set-OrganizationConfig')]);
    expect(rm.run('Get-RoleGroup').errors).toEqual([notRecognized('Get-RoleGroup')]);
  });

  it("a caller in no role group has only the user's own cmdlets", () => {
    const s = withHelpDesk();
    const plain = s.session({ user: 'plain' });
    expect(plain.run('Get-Mailbox').errors).toEqual([notRecognized('Get-Mailbox')]);
    expect(commandNames(plain, '*-Mailbox')).toEqual([]);
    expect(commandNames(plain, '*ExchangeOnline')).toEqual(['Connect-ExchangeOnline', 'Disconnect-ExchangeOnline']);
  });

  it("joining a role group takes effect for the member's next command", () => {
    const s = withHelpDesk();
    const plain = s.session({ user: 'plain' });
    expect(plain.run('Get-Mailbox plain').errors).toEqual([notRecognized('Get-Mailbox')]);
    s.ok('Add-RoleGroupMember "Help Desk" -Member plain');
    expect(names(plain.ok('Get-Mailbox plain').output)).toEqual(['plain']);
    s.ok('Remove-RoleGroupMember "Help Desk" -Member plain -Confirm:$false');
    expect(plain.run('Get-Mailbox plain').errors).toEqual([notRecognized('Get-Mailbox')]);
  });
});

describe('Connect-ExchangeOnline and Disconnect-ExchangeOnline', () => {
  it('-UserPrincipalName sets the caller for the rest of the session', () => {
    const s = withHelpDesk();
    expect(s.ok('New-Mailbox -Name before').errors).toEqual([]);
    const r = s.ok('Connect-ExchangeOnline -UserPrincipalName helpdesk@contoso.com -ShowBanner:$false');
    expect(r.hostText).toEqual([]);
    expect(r.output).toEqual([]);
    expect(names(s.ok('Get-Mailbox helpdesk').output)).toEqual(['helpdesk']);
    expect(s.run('New-Mailbox -Name after').errors).toEqual([notRecognized('New-Mailbox')]);
    expect(s.run('Set-OrganizationConfig -MessageRecallEnabled $false').errors).toEqual([notRecognized('Set-OrganizationConfig')]);
    expect(commandNames(s)).not.toContain('New-Mailbox');
    // New-InboxRule without -Mailbox now acts on the connected user's own mailbox... if granted: Help Desk has no *-InboxRule write role
    expect(s.run('New-InboxRule -Name x -MoveToFolder y').errors).toEqual([notRecognized('New-InboxRule')]);
  });

  it('the connected user is the owner of what it creates', () => {
    const s = withHelpDesk();
    s.ok('Connect-ExchangeOnline -UserPrincipalName recip -ShowBanner:$false');
    expect(prop(s.ok('New-DistributionGroup -Name Team').output[0], 'ManagedBy')).toEqual(['recip']);
    expect(s.ok('Get-InboxRule').output).toEqual([]);
  });

  it('shows a banner naming the tenant and the user unless -ShowBanner:$false', () => {
    const s = withHelpDesk();
    const r = s.ok('Connect-ExchangeOnline -UserPrincipalName helpdesk@contoso.com');
    expect(r.hostText).toHaveLength(1);
    expect(r.hostText[0]).toContain('connected to contoso.onmicrosoft.com as helpdesk@contoso.com');
    const again = s.ok('Connect-ExchangeOnline');
    expect(again.hostText[0]).toContain('as helpdesk@contoso.com');
  });

  it('an unknown user or another organization is an error, and the caller stays as it was', () => {
    const s = withHelpDesk();
    expect(s.run('Connect-ExchangeOnline -UserPrincipalName someone@fabrikam.com').errors).toEqual([
      "Connect-ExchangeOnline: The user 'someone@fabrikam.com' isn't a user of the tenant 'contoso.onmicrosoft.com': connect with the UserPrincipalName of one of its mailboxes.",
    ]);
    expect(s.run('Connect-ExchangeOnline -UserPrincipalName helpdesk -Organization fabrikam.onmicrosoft.com').errors[0]).toContain("The organization 'fabrikam.onmicrosoft.com' isn't this tenant");
    expect(names(s.ok('New-Mailbox -Name stillAdmin').output)).toEqual(['stillAdmin']);
    s.ok('Connect-ExchangeOnline -UserPrincipalName helpdesk -Organization contoso.onmicrosoft.com -ShowBanner:$false');
    expect(s.run('New-Mailbox -Name x').errors).toEqual([notRecognized('New-Mailbox')]);
  });

  it('--as picks the caller for a new session; Connect-ExchangeOnline overrides it', () => {
    const s = withHelpDesk();
    const hd = openShell(s.storePath, { user: 'helpdesk' });
    expect(hd.run('New-Mailbox -Name x').errors).toEqual([notRecognized('New-Mailbox')]);
    hd.ok('Connect-ExchangeOnline -UserPrincipalName admin@contoso.com -ShowBanner:$false');
    expect(names(hd.ok('New-Mailbox -Name made').output)).toEqual(['made']);
  });

  it('Disconnect-ExchangeOnline -Confirm:$false runs quietly', () => {
    const s = adminShell();
    const r = s.ok('Connect-ExchangeOnline -ShowBanner:$false; Disconnect-ExchangeOnline -Confirm:$false');
    expect([r.output, r.hostText, r.warnings]).toEqual([[], [], []]);
    expect(s.ok('Disconnect-ExchangeOnline -WhatIf').hostText).toEqual(['What if: Performing the operation "Disconnect-ExchangeOnline" on target "Exchange Online".']);
  });
});
