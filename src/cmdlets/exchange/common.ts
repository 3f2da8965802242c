// What the Exchange cmdlets share: the module name that puts them under role-based access,
// and access to the tenant service.

import type { CmdletContext } from '../../shell/cmdlet.js';
import type { Tenant } from '../../tenant/tenant.js';

/** Cmdlets of this module are visible only when the caller's roles grant them. */
export const EXCHANGE_MODULE = 'ExchangeOnline';

export function tenantOf(ctx: CmdletContext): Tenant {
  return ctx.service<Tenant>('tenant');
}

/** Exchange's warning when a Set-* cmdlet changes nothing. */
export function noChangeWarning(identity: string): string {
  return `The command completed successfully but no settings of '${identity}' have been modified.`;
}
