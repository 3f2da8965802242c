// Test-Path, Join-Path, Split-Path and Remove-Item: what export scripts do around their CSV
// files (`if (Test-Path $csv) { Remove-Item $csv }`). Files and folders only.

import { existsSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { defineCmdlet } from '../../shell/cmdlet.js';
import { PSError } from '../../shell/errors.js';

const MODULE = 'Microsoft.PowerShell.Management';

function expandHome(p: string): string {
  return p.startsWith('~') ? (process.env.HOME ?? '') + p.slice(1) : p;
}

export const testPathCmdlet = defineCmdlet({
  name: 'Test-Path',
  module: MODULE,
  synopsis: 'Tells whether a file or folder exists ($true or $false).',
  parameters: [
    { name: 'Path', type: 'string[]', mandatory: true, position: 0, fromPipeline: true, aliases: ['LiteralPath'] },
    { name: 'PathType', type: { enum: ['Any', 'Container', 'Leaf'] }, aliases: ['Type'] },
  ],
  process(ctx, p) {
    for (const given of p.Path) {
      const full = resolve(ctx.cwd, expandHome(given));
      if (!existsSync(full)) { ctx.write(false); continue; }
      const isDir = statSync(full).isDirectory();
      const want = p.PathType ?? 'Any';
      ctx.write(want === 'Any' || (want === 'Container') === isDir);
    }
  },
});

export const joinPathCmdlet = defineCmdlet({
  name: 'Join-Path',
  module: MODULE,
  synopsis: 'Joins a path and a child path.',
  parameters: [
    { name: 'Path', type: 'string[]', mandatory: true, position: 0, fromPipeline: true },
    { name: 'ChildPath', type: 'string', mandatory: true, position: 1 },
    { name: 'AdditionalChildPath', type: 'string[]', position: 2, remaining: true },
  ],
  process(ctx, p) {
    const extra = p.AdditionalChildPath ?? [];
    for (const base of p.Path) ctx.write(join(base, p.ChildPath, ...extra));
  },
});

export const splitPathCmdlet = defineCmdlet({
  name: 'Split-Path',
  module: MODULE,
  synopsis: 'The folder part of a path (default, -Parent) or its last part (-Leaf).',
  parameters: [
    { name: 'Path', type: 'string[]', mandatory: true, position: 0, fromPipeline: true },
    { name: 'Leaf', type: 'switch' },
    { name: 'Parent', type: 'switch' },
  ],
  process(ctx, p) {
    for (const given of p.Path) ctx.write(p.Leaf ? basename(given) : dirname(given) === '.' && !given.includes('/') ? '' : dirname(given));
  },
});

export const removeItemCmdlet = defineCmdlet({
  name: 'Remove-Item',
  aliases: ['rm', 'del'],
  module: MODULE,
  supportsShouldProcess: true,
  synopsis: 'Deletes files (and, with -Recurse, folders).',
  parameters: [
    { name: 'Path', type: 'string[]', mandatory: true, position: 0, fromPipeline: true, aliases: ['LiteralPath'] },
    { name: 'Recurse', type: 'switch' },
    { name: 'Force', type: 'switch' },
  ],
  process(ctx, p) {
    for (const given of p.Path) {
      const full = resolve(ctx.cwd, expandHome(given));
      if (!existsSync(full)) {
        ctx.writeError(new PSError(`Cannot find path '${full}' because it does not exist.`, { category: 'ObjectNotFound', errorId: 'PathNotFound,Microsoft.PowerShell.Commands.RemoveItemCommand', exception: 'ItemNotFoundException' }));
        continue;
      }
      if (statSync(full).isDirectory() && !p.Recurse) {
        ctx.writeError(new PSError(`The item at ${full} has children and the Recurse parameter was not specified.`, { category: 'InvalidOperation', errorId: 'DirectoryNotEmpty,Microsoft.PowerShell.Commands.RemoveItemCommand', exception: 'IOException' }));
        continue;
      }
      if (!ctx.shouldProcess(full, 'Remove File')) continue;
      rmSync(full, { recursive: p.Recurse === true, force: true });
    }
  },
});

export const pathCmdlets = [testPathCmdlet, joinPathCmdlet, splitPathCmdlet, removeItemCmdlet];
