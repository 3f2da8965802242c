// What the Exchange cmdlets share: the module name that puts them under role-based access,
// access to the tenant service, and how list and string parameters are read ("" is not given).

import type { CmdletContext } from '../../shell/cmdlet.js';
import { toList } from '../../shell/lists.js';
import type { PSValue } from '../../shell/values.js';
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

/** A list parameter's values; empty strings ($null passed to a string parameter) are left out. */
export function strings(v: PSValue | undefined): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  const list = toList(v)
    .filter((x) => x !== null && x !== undefined)
    .map((x) => String(x))
    .filter((x) => x.trim() !== '');
  return list.length ? list : undefined;
}

/** A string parameter's value; "" (what $null becomes) counts as not given. */
export function optString(v: PSValue | undefined): string | undefined {
  return v === undefined || v === null || String(v).trim() === '' ? undefined : String(v);
}
