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
  examples: [{ code: 'Test-Path ./reports -PathType Container', remarks: 'True when ./reports exists and is a folder.' }],
  parameters: [
    { name: 'Path', type: 'string[]', mandatory: true, position: 0, fromPipeline: true, aliases: ['LiteralPath'], help: 'The paths to test.' },
    { name: 'PathType', type: { enum: ['Any', 'Container', 'Leaf'] }, aliases: ['Type'], help: 'What the path must be: Container (a folder), Leaf (a file) or Any (default).' },
  ],
  process(ctx, p) {
    for (const given of p.Path) {
      const full = resolve(ctx.cwd, expandHome(given));
      if (!existsSync(full)) {
        ctx.write(false);
        continue;
      }
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
  examples: [{ code: 'Join-Path reports trace.csv', remarks: "Returns reports/trace.csv (with the platform's separator)." }],
  parameters: [
    { name: 'Path', type: 'string[]', mandatory: true, position: 0, fromPipeline: true, help: 'The main paths the child path is appended to.' },
    { name: 'ChildPath', type: 'string', mandatory: true, position: 1, help: 'The path to append to each main path.' },
    { name: 'AdditionalChildPath', type: 'string[]', position: 2, remaining: true, help: 'More child paths, appended in order.' },
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
  examples: [{ code: 'Split-Path ./reports/trace.csv -Leaf', remarks: 'Returns trace.csv; without -Leaf, the folder ./reports.' }],
  parameters: [
    { name: 'Path', type: 'string[]', mandatory: true, position: 0, fromPipeline: true, help: 'The paths to split.' },
    { name: 'Leaf', type: 'switch', help: 'Returns only the last element of the path (the file or folder name).' },
    { name: 'Parent', type: 'switch', help: 'Returns the parent folder of the path (the default).' },
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
  examples: [{ code: 'Remove-Item ./trace.csv', remarks: 'Deletes the file trace.csv in the current folder.' }],
  parameters: [
    { name: 'Path', type: 'string[]', mandatory: true, position: 0, fromPipeline: true, aliases: ['LiteralPath'], help: 'The files or folders to delete.' },
    { name: 'Recurse', type: 'switch', help: 'Also deletes folders and everything they contain.' },
    { name: 'Force', type: 'switch', help: 'Accepted for compatibility: exosh deletes read-only files without it.' },
  ],
  process(ctx, p) {
    for (const given of p.Path) {
      const full = resolve(ctx.cwd, expandHome(given));
      if (!existsSync(full)) {
        ctx.writeError(
          new PSError(`Cannot find path '${full}' because it does not exist.`, {
            category: 'ObjectNotFound',
            errorId: 'PathNotFound,Microsoft.PowerShell.Commands.RemoveItemCommand',
            exception: 'ItemNotFoundException',
          }),
        );
        continue;
      }
      if (statSync(full).isDirectory() && !p.Recurse) {
        ctx.writeError(
          new PSError(`The item at ${full} has children and the Recurse parameter was not specified.`, {
            category: 'InvalidOperation',
            errorId: 'DirectoryNotEmpty,Microsoft.PowerShell.Commands.RemoveItemCommand',
            exception: 'IOException',
          }),
        );
        continue;
      }
      if (!ctx.shouldProcess(full, 'Remove File')) continue;
      rmSync(full, { recursive: p.Recurse === true, force: true });
    }
  },
});

export const pathCmdlets = [testPathCmdlet, joinPathCmdlet, splitPathCmdlet, removeItemCmdlet];
