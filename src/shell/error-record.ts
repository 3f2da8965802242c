// The ErrorRecord object a script sees for an error, built from the shell's PSError.

import type { PSError } from './errors.js';
import { PSObject, type PSValue } from './values.js';

/** The ErrorRecord object scripts see in `$_` inside catch and in `$Error`. */
export function errorRecord(error: PSError): PSObject {
  const exception = PSObject.from({ Message: error.message }, `System.Management.Automation.${error.exception}`);
  exception.display = error.message;
  const category = PSObject.from({ Category: error.category, Activity: error.command ?? '', Reason: error.exception }, 'System.Management.Automation.ErrorCategoryInfo');
  category.display = `${error.category}: (:) [${error.command ?? ''}], ${error.exception}`;
  const rec = PSObject.from(
    {
      Exception: exception,
      CategoryInfo: category,
      FullyQualifiedErrorId: error.errorId,
      TargetObject: (error.target as PSValue) ?? null,
      InvocationInfo: null,
    },
    'System.Management.Automation.ErrorRecord',
  );
  rec.display = error.message;
  rec.source = error;
  return rec;
}
