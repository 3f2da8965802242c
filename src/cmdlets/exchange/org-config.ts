// Get-OrganizationConfig and Set-OrganizationConfig: the organization's recall settings.

import { defineCmdlet, type ParamSpec } from '../../shell/cmdlet.js';
import { PSObject, TimeSpan } from '../../shell/values.js';
import { changeOrgSettings, isOn, settingsInForce, type SettingValue } from '../../tenant/org-config.js';
import { ORG_SETTING_NAMES, type OrgSettingName, type TenantData } from '../../tenant/schema.js';
import { EXCHANGE_MODULE, noChangeWarning, tenantOf } from './common.js';

const TYPE = 'Microsoft.Exchange.Data.Directory.Management.OrganizationConfig';

function configObject(data: TenantData): PSObject {
  const org = data.organization;
  const s = org.settings;
  return PSObject.from(
    {
      Name: org.name,
      DisplayName: org.displayName,
      Identity: org.name,
      Guid: org.guid,
      OrganizationId: org.name,
      MessageRecallEnabled: s.MessageRecallEnabled,
      RecallReadMessagesEnabled: s.RecallReadMessagesEnabled,
      MessageRecallAlertRecipientsEnabled: s.MessageRecallAlertRecipientsEnabled,
      MessageRecallAlertRecipientsReadMessagesOnlyEnabled: s.MessageRecallAlertRecipientsReadMessagesOnlyEnabled,
      MessageRecallMaxRecallableAge: s.MessageRecallMaxRecallableAge,
      DefaultDomain: (data.acceptedDomains.find((d) => d.isDefault) ?? data.acceptedDomains[0])?.domainName ?? null,
      IsDehydrated: false,
      WhenCreated: new Date(org.whenCreated),
      WhenCreatedUTC: new Date(org.whenCreated),
    },
    TYPE,
  );
}

export const getOrganizationConfigCmdlet = defineCmdlet({
  name: 'Get-OrganizationConfig',
  module: EXCHANGE_MODULE,
  synopsis: 'Gets configuration data for the Exchange organization, including the Cloud-based Message Recall settings.',
  description:
    'Returns the organization object. MessageRecallEnabled and RecallReadMessagesEnabled show the configured value at once (empty means $null, the default, which behaves as $true); mail flow obeys a change one hour after it was made (see Get-OrganizationConfigInForce).',
  parameters: [],
  examples: [{ code: 'Get-OrganizationConfig | fl *Recall*', remarks: 'Shows the recall settings.' }],
  process(ctx) {
    ctx.write(configObject(tenantOf(ctx).read()));
  },
});

const boolSetting = <N extends OrgSettingName>(name: N, help: string) => ({ name, type: 'bool', allowNull: true, help }) as const satisfies ParamSpec;

export const setOrganizationConfigCmdlet = defineCmdlet({
  name: 'Set-OrganizationConfig',
  module: EXCHANGE_MODULE,
  supportsShouldProcess: true,
  synopsis: 'Changes the organization settings of Cloud-based Message Recall.',
  description:
    'Sets MessageRecallEnabled (cloud recall on or off; off reverts to the legacy recall experience) and RecallReadMessagesEnabled (whether read messages may be recalled). $null is the default and behaves as $true. A change shows at once in Get-OrganizationConfig and takes effect for mail flow one hour later (tenant time).',
  parameters: [
    boolSetting('MessageRecallEnabled', 'Turns Cloud-based Message Recall on ($true or $null) or off ($false: the legacy recall experience).'),
    boolSetting('RecallReadMessagesEnabled', 'Allows recalling messages the recipient has already read ($true or $null) or not ($false).'),
    boolSetting('MessageRecallAlertRecipientsEnabled', 'Stored and shown; Microsoft has not documented its effect.'),
    boolSetting('MessageRecallAlertRecipientsReadMessagesOnlyEnabled', 'Stored and shown; Microsoft has not documented its effect.'),
    { name: 'MessageRecallMaxRecallableAge', type: 'timespan', allowNull: true, help: 'Stored and shown as a TimeSpan (for example 365.00:00:00); Microsoft has not documented its effect.' },
  ],
  examples: [
    { code: 'Set-OrganizationConfig -RecallReadMessagesEnabled $false', remarks: 'Read messages can no longer be recalled (one hour from now).' },
    { code: 'Set-OrganizationConfig -MessageRecallEnabled $false', remarks: 'Reverts to the legacy recall experience (one hour from now).' },
  ],
  process(ctx, p) {
    const tenant = tenantOf(ctx);
    const data = tenant.read();
    const changes: Partial<Record<OrgSettingName, SettingValue>> = {};
    for (const name of ORG_SETTING_NAMES) {
      const v = p[name];
      if (v === undefined) continue;
      changes[name] = v instanceof TimeSpan ? v.toString() : v;
    }
    if (!ctx.shouldProcess(data.organization.name, 'Set-OrganizationConfig')) return;
    const now = tenant.now();
    const changed = tenant.write((d) => changeOrgSettings(d, changes, now, tenant.caller().userPrincipalName));
    if (changed.length === 0) ctx.writeWarning(noChangeWarning(data.organization.name));
    else ctx.writeVerbose(`${changed.join(', ')} changed; mail flow uses the new value from ${new Date(now.getTime() + 3_600_000).toISOString()}.`);
  },
});

export const getOrganizationConfigInForceCmdlet = defineCmdlet({
  name: 'Get-OrganizationConfigInForce',
  module: EXCHANGE_MODULE,
  synopsis: 'exosh simulation control: the recall settings that mail flow obeys at a given tenant time.',
  description:
    'Not an Exchange Online cmdlet. A Set-OrganizationConfig change takes about an hour to reach mail flow; this shows the values in force at -At (default: now), and what they mean (null behaves as $true).',
  parameters: [{ name: 'At', type: 'datetime', position: 0, help: 'The tenant time to evaluate (default: the tenant clock now).' }],
  examples: [{ code: 'Get-OrganizationConfigInForce -At (Get-Date).AddHours(1)', remarks: 'The settings mail flow will obey in an hour.' }],
  process(ctx, p) {
    const tenant = tenantOf(ctx);
    const at = p.At ?? tenant.now();
    const s = settingsInForce(tenant.read(), at);
    ctx.write(
      PSObject.from(
        {
          At: at,
          MessageRecallEnabled: s.MessageRecallEnabled,
          RecallReadMessagesEnabled: s.RecallReadMessagesEnabled,
          CloudRecallInForce: isOn(s.MessageRecallEnabled),
          ReadMessagesRecallable: isOn(s.RecallReadMessagesEnabled),
        },
        'Exosh.OrganizationConfigInForce',
      ),
    );
  },
});

export const orgConfigCmdlets = [getOrganizationConfigCmdlet, setOrganizationConfigCmdlet, getOrganizationConfigInForceCmdlet];
