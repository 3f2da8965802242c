// Get-AcceptedDomain and New-AcceptedDomain: the SMTP domains the organization receives mail for.

import { defineCmdlet } from '../../shell/cmdlet.js';
import { PSObject } from '../../shell/values.js';
import { addAcceptedDomain } from '../../tenant/directory.js';
import { notFound } from '../../tenant/errors.js';
import { wildcardRegex } from '../../tenant/recipients.js';
import type { AcceptedDomain } from '../../tenant/schema.js';
import { EXCHANGE_MODULE, tenantOf } from './common.js';

const TYPE = 'Microsoft.Exchange.Data.Directory.SystemConfiguration.AcceptedDomain';

function domainObject(d: AcceptedDomain): PSObject {
  const created = new Date(d.whenCreated);
  return PSObject.from(
    {
      Name: d.name,
      DomainName: d.domainName,
      DomainType: d.domainType,
      Default: d.isDefault,
      InitialDomain: d.initial,
      MatchSubDomains: false,
      AddressBookEnabled: d.domainType === 'Authoritative',
      IsValid: true,
      Identity: d.name,
      Id: d.name,
      Guid: d.guid,
      WhenCreated: created,
      WhenCreatedUTC: created,
    },
    TYPE,
  );
}

const VIEW = { typeName: TYPE, kind: 'table' as const, columns: ['Name', 'DomainName', 'DomainType', { label: 'Default', align: 'left' as const }] };

export const getAcceptedDomainCmdlet = defineCmdlet({
  name: 'Get-AcceptedDomain',
  module: EXCHANGE_MODULE,
  synopsis: 'Gets the accepted domains of the organization.',
  description:
    "Lists the SMTP domains the organization accepts mail for; Default marks the domain new recipients get their address in, InitialDomain the tenant's onmicrosoft.com domain. -Identity takes the name, the domain name or the GUID (* wildcards allowed).",
  parameters: [{ name: 'Identity', type: 'string', position: 0, fromPipelineByPropertyName: true, help: 'The accepted domain: name, domain name or GUID; * wildcards allowed.' }],
  examples: [
    { code: 'Get-AcceptedDomain', remarks: 'Every accepted domain.' },
    { code: '(Get-AcceptedDomain | Where-Object Default).DomainName', remarks: 'The default domain.' },
  ],
  views: [VIEW],
  process(ctx, p) {
    const domains = tenantOf(ctx).read().acceptedDomains;
    if (p.Identity === undefined) {
      for (const d of domains) ctx.write(domainObject(d));
      return;
    }
    const id = p.Identity.trim();
    const re = id.includes('*') ? wildcardRegex(id) : undefined;
    const l = id.toLowerCase();
    const hits = domains.filter((d) => (re ? re.test(d.name) || re.test(d.domainName) : d.name.toLowerCase() === l || d.domainName.toLowerCase() === l || d.guid.toLowerCase() === l));
    if (hits.length === 0) return ctx.writeError(notFound(id));
    for (const d of hits) ctx.write(domainObject(d));
  },
});

export const newAcceptedDomainCmdlet = defineCmdlet({
  name: 'New-AcceptedDomain',
  module: EXCHANGE_MODULE,
  supportsShouldProcess: true,
  synopsis: 'Adds an accepted domain to the organization.',
  description:
    'Adds an SMTP domain the organization accepts mail for, so that recipients can have addresses in it. In Exchange Online domains are added in the Microsoft 365 admin center (this cmdlet exists only in on-premises Exchange); exosh offers it so that a tenant can be set up from a script.',
  parameters: [
    { name: 'Name', type: 'string', mandatory: true, position: 0, help: 'A unique name for the accepted domain.' },
    { name: 'DomainName', type: 'string', mandatory: true, help: 'The SMTP domain, for example fabrikam.com.' },
    { name: 'DomainType', type: { enum: ['Authoritative', 'InternalRelay', 'ExternalRelay'] }, help: 'Authoritative (the default), InternalRelay or ExternalRelay.' },
  ],
  examples: [{ code: 'New-AcceptedDomain -Name Fabrikam -DomainName fabrikam.com', remarks: 'Accepts mail for fabrikam.com.' }],
  views: [VIEW],
  process(ctx, p) {
    const tenant = tenantOf(ctx);
    const domainName = p.DomainName;
    if (!ctx.shouldProcess(domainName, 'New-AcceptedDomain')) return;
    const domain = tenant.write((d) => addAcceptedDomain(d, p.Name, domainName, tenant.now(), p.DomainType ?? 'Authoritative'));
    ctx.write(domainObject(domain));
  },
});

export const acceptedDomainCmdlets = [getAcceptedDomainCmdlet, newAcceptedDomainCmdlet];
