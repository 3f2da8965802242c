// Write-Progress and New-Object -TypeName PSObject -Property: older admin scripts use both.

import { defineCmdlet } from '../../shell/cmdlet.js';
import { toStr } from '../../shell/convert.js';
import { PSError } from '../../shell/errors.js';
import { PSObject } from '../../shell/values.js';

export const writeProgressCmdlet = defineCmdlet({
  name: 'Write-Progress',
  module: 'Microsoft.PowerShell.Utility',
  synopsis: 'Reports progress. exosh runs commands synchronously and draws no progress bar, so the record is shown only with -Verbose.',
  examples: [{ code: "Write-Progress -Activity 'Exporting trace' -Status 'Page 2' -PercentComplete 40 -Verbose", remarks: 'Shows VERBOSE: Progress: Exporting trace - Page 2 - 40%.' }],
  parameters: [
    { name: 'Activity', type: 'string', position: 0, help: 'The first line of the progress record: what is being done.' },
    { name: 'Status', type: 'string', position: 1, help: 'The second line: the current state of the activity.' },
    { name: 'Id', type: 'int', position: 2, help: 'Identifies this progress record among others (default 0).' },
    { name: 'PercentComplete', type: 'int', range: [-1, 100], help: 'How much of the activity is done, 0 to 100 (-1: unknown).' },
    { name: 'SecondsRemaining', type: 'int', help: 'Estimated seconds until the activity is done.' },
    { name: 'CurrentOperation', type: 'string', help: 'The line below the bar: the operation in progress.' },
    { name: 'ParentId', type: 'int', help: 'The Id of the progress record this one belongs to.' },
    { name: 'Completed', type: 'switch', help: 'Marks the activity as finished, so its record is removed.' },
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
  examples: [{ code: "New-Object PSObject -Property @{ Name = 'Ana'; Mailbox = 'ana@contoso.com' }", remarks: 'Creates an object with the properties Name and Mailbox.' }],
  parameters: [
    { name: 'TypeName', type: 'string', mandatory: true, position: 0, help: 'The type to create: PSObject (or PSCustomObject); other .NET types are not available.' },
    { name: 'Property', type: 'hashtable', position: 1, help: 'Properties and their values for the new object, as a hashtable.' },
    { name: 'ArgumentList', type: 'object[]', aliases: ['Args'], help: 'Constructor arguments; PSObject takes none.' },
  ],
  process(ctx, p) {
    const t = toStr(p.TypeName ?? null)
      .toLowerCase()
      .replace(/^system\.management\.automation\./, '')
      .replace(/^system\./, '');
    if (t !== 'psobject' && t !== 'pscustomobject' && t !== 'object') {
      throw new PSError(`Cannot find type [${toStr(p.TypeName ?? null)}]: exosh creates only PSObject (use [pscustomobject]@{...} or @() for collections).`, {
        category: 'InvalidType',
        errorId: 'TypeNotFound,Microsoft.PowerShell.Commands.NewObjectCommand',
        exception: 'PSArgumentException',
      });
    }
    const props = p.Property;
    ctx.write(
      new PSObject(
        undefined,
        (props?.entries() ?? []).map(([k, v]) => [toStr(k), v]),
      ),
    );
  },
});

export const progressCmdlets = [writeProgressCmdlet, newObjectCmdlet];
