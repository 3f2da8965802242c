// Get-TenantClock and Set-TenantClock: exosh simulation controls for tenant time.

import { defineCmdlet } from '../../shell/cmdlet.js';
import { PSObject } from '../../shell/values.js';
import { isoText, pinClock, unpinClock } from '../../tenant/clock.js';
import { EXCHANGE_MODULE, tenantOf } from './common.js';

const TYPE = 'Exosh.TenantClock';

export const getTenantClockCmdlet = defineCmdlet({
  name: 'Get-TenantClock',
  module: EXCHANGE_MODULE,
  synopsis: 'exosh simulation control: shows tenant time and where it comes from.',
  description: "Tenant time is --now / EXOSH_NOW if given, else the store's pinned clock, else the real clock. Source says which (Option, Store, System).",
  examples: [{ code: 'Get-TenantClock', remarks: 'Shows tenant time (pinned at 8/15/2023 9:00:00 AM in the contoso sample) and whether it comes from the store, --now or the real clock.' }],
  parameters: [],
  views: [{ typeName: TYPE, kind: 'table', columns: ['Now', 'Source', 'Pinned'] }],
  process(ctx) {
    const tenant = tenantOf(ctx);
    const reading = tenant.clock();
    const pinned = tenant.read().clock.pinned;
    ctx.write(PSObject.from({ Now: reading.now, Source: reading.source, Pinned: pinned ? new Date(pinned) : null }, TYPE));
  },
});

export const setTenantClockCmdlet = defineCmdlet({
  name: 'Set-TenantClock',
  module: EXCHANGE_MODULE,
  supportsShouldProcess: true,
  synopsis: 'exosh simulation control: pins, advances or unpins the tenant clock stored in the tenant.',
  description:
    'Everything that happens later in the tenant (a setting taking effect, recall retries and time-outs, reports, historical searches) is computed from tenant time whenever a command runs, so moving the clock makes it happen, deterministically. -Advance accepts 01:00:00, 1.00:00:00, or 30m, 1h, 2d.',
  defaultSet: 'Now',
  parameters: [
    { name: 'Now', type: 'datetime', position: 0, sets: ['Now'], help: 'Pins the clock at this time.' },
    { name: 'Advance', type: 'timespan', sets: ['Advance'], help: 'Moves the clock forward (01:00:00, 1h, 30m, 2d).' },
    { name: 'Real', type: 'switch', sets: ['Real'], help: 'Unpins the clock: tenant time is the real time again.' },
  ],
  examples: [
    { code: 'Set-TenantClock -Now "8/15/2023 9:00 AM"', remarks: 'Pins tenant time.' },
    { code: 'Set-TenantClock -Advance 1h', remarks: 'One hour later: a Set-OrganizationConfig change made now is in force.' },
  ],
  process(ctx, p) {
    const tenant = tenantOf(ctx);
    if (!ctx.bound.has('Now') && !ctx.bound.has('Advance') && !p.Real) {
      throw Object.assign(new Error('Specify -Now, -Advance or -Real.'), { errorCategory: 'InvalidArgument', errorId: 'MissingClockAction' });
    }
    const data = tenant.read();
    const current = data.clock.pinned ? new Date(data.clock.pinned) : new Date();
    let target: Date | null;
    if (p.Real) target = null;
    else if (p.Now !== undefined) target = p.Now;
    else target = new Date(current.getTime() + p.Advance!.ms); // -Advance: checked above
    if (target && target.getTime() < current.getTime() && ctx.bound.has('Advance')) {
      throw Object.assign(new Error('The tenant clock only moves forward with -Advance; use -Now to set an earlier time.'), { errorCategory: 'InvalidArgument', errorId: 'NegativeAdvance' });
    }
    if (!ctx.shouldProcess(data.organization.name, target ? `Set tenant clock to ${isoText(target)}` : 'Unpin tenant clock')) return;
    tenant.write((d) => (target ? pinClock(d, target) : unpinClock(d)));
    if (tenant.hasClockOverride) ctx.writeWarning('The store clock was changed, but --now / EXOSH_NOW overrides it for this run.');
  },
});

export const clockCmdlets = [getTenantClockCmdlet, setTenantClockCmdlet];
