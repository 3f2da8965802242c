// Write-Progress and New-Object -TypeName PSObject -Property: older admin scripts use both.

import { defineCmdlet } from '../../shell/cmdlet.js';
import { toStr } from '../../shell/convert.js';
import { PSError } from '../../shell/errors.js';
import { PSObject } from '../../shell/values.js';

export const writeProgressCmdlet = defineCmdlet({
  name: 'Write-Progress',
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Reports progress. exosh runs commands synchronously and draws no progress bar, so the record is shown only with -Verbose.',
  parameters: [
    { name: 'Activity', type: 'string', position: 0 },
    { name: 'Status', type: 'string', position: 1 },
    { name: 'Id', type: 'int', position: 2 },
    { name: 'PercentComplete', type: 'int', range: [-1, 100] },
    { name: 'SecondsRemaining', type: 'int' },
    { name: 'CurrentOperation', type: 'string' },
    { name: 'ParentId', type: 'int' },
    { name: 'Completed', type: 'switch' },
  ],
  process(ctx, p) {
    const parts = [p.Activity, p.Status, p.PercentComplete !== undefined ? `${p.PercentComplete}%` : undefined, p.CurrentOperation].filter((x) => x !== undefined && x !== '');
    ctx.writeVerbose(`Progress: ${parts.map((x) => toStr(x ?? null)).join(' - ')}${p.Completed ? ' (completed)' : ''}`);
  },
});

export const newObjectCmdlet = defineCmdlet({
  name: 'New-Object',
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Creates a PSObject from -Property (New-Object PSObject -Property @{...}); other .NET types are not available.',
  parameters: [
    { name: 'TypeName', type: 'string', mandatory: true, position: 0 },
    { name: 'Property', type: 'hashtable', position: 1 },
    { name: 'ArgumentList', type: 'object[]', aliases: ['Args'] },
  ],
  process(ctx, p) {
    const t = toStr(p.TypeName ?? null).toLowerCase().replace(/^system\.management\.automation\./, '').replace(/^system\./, '');
    if (t !== 'psobject' && t !== 'pscustomobject' && t !== 'object') {
      throw new PSError(`Cannot find type [${toStr(p.TypeName ?? null)}]: exosh creates only PSObject (use [pscustomobject]@{...} or @() for collections).`, { category: 'InvalidType', errorId: 'TypeNotFound,Microsoft.PowerShell.Commands.NewObjectCommand', exception: 'PSArgumentException' });
    }
    const props = p.Property;
    ctx.write(new PSObject(undefined, (props?.entries() ?? []).map(([k, v]) => [toStr(k), v])));
  },
});

export const progressCmdlets = [writeProgressCmdlet, newObjectCmdlet];
