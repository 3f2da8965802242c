// The object-pipeline cmdlets in one list, for the session to register with one line.
// Each cmdlet lives in its own small module; compare.ts holds the comparison rules they share
// with the language operators.

import { foreachCmdlets } from './foreach.js';
import { groupCmdlets } from './group.js';
import { measureCmdlets } from './measure.js';
import { memberCmdlets } from './member.js';
import { selectCmdlets } from './select.js';
import { sortCmdlets } from './sort.js';
import { whereCmdlets } from './where.js';

export { forEachObjectCmdlet } from './foreach.js';
export { groupObjectCmdlet } from './group.js';
export { measureObjectCmdlet } from './measure.js';
export { getMemberCmdlet } from './member.js';
export { selectObjectCmdlet } from './select.js';
export { sortObjectCmdlet } from './sort.js';
export { whereObjectCmdlet } from './where.js';

/** Select-Object, Where-Object, ForEach-Object, Sort-Object, Group-Object, Measure-Object, Get-Member. */
export const objectCmdlets = [...selectCmdlets, ...whereCmdlets, ...foreachCmdlets, ...sortCmdlets, ...groupCmdlets, ...measureCmdlets, ...memberCmdlets];
