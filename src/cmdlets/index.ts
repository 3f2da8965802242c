// Every cmdlet exosh knows. Registering a cmdlet (or a module's family) is one line here.

import type { CmdletDefinition } from '../shell/cmdlet.js';
import { exportCsvCmdlet, importCsvCmdlet, convertToCsvCmdlet, convertFromCsvCmdlet } from './utility/csv.js';
import { outFileCmdlet, setContentCmdlet, addContentCmdlet, getContentCmdlet } from './utility/file.js';
import { formatTableCmdlet, formatListCmdlet } from './utility/format.js';
import { helpCmdlets } from './utility/help.js';
import { selectCmdlets } from './utility/select.js';

export function allCmdlets(): CmdletDefinition[] {
  return [
    ...helpCmdlets,
    ...selectCmdlets,
    formatTableCmdlet,
    formatListCmdlet,
    exportCsvCmdlet,
    importCsvCmdlet,
    convertToCsvCmdlet,
    convertFromCsvCmdlet,
    outFileCmdlet,
    setContentCmdlet,
    addContentCmdlet,
    getContentCmdlet,
  ];
}
