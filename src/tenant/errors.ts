// Domain errors. They carry a PowerShell-style category and error id so that whoever
// presents them (the shell) can show them as Exchange would, without the tenant knowing
// anything about the shell.

export type TenantErrorCategory =
  | 'NotSpecified'
  | 'InvalidArgument'
  | 'InvalidData'
  | 'InvalidOperation'
  | 'LimitsExceeded'
  | 'ObjectNotFound'
  | 'PermissionDenied'
  | 'ResourceExists'
  | 'ResourceUnavailable'
  | 'WriteError'
  | 'ReadError';

export class TenantError extends Error {
  readonly errorCategory: TenantErrorCategory;
  readonly errorId: string;
  readonly exceptionName: string;

  constructor(message: string, category: TenantErrorCategory = 'InvalidOperation', errorId = 'TenantError', exceptionName = 'ManagementObjectNotFoundException') {
    super(message);
    this.name = 'TenantError';
    this.errorCategory = category;
    this.errorId = errorId;
    this.exceptionName = exceptionName;
  }
}

/** The domain controller name Exchange Online names in "couldn't be found on" messages. */
export const DOMAIN_CONTROLLER = 'NAMPR01A001DC01.NAMPR01A001.prod.outlook.com';

export function notFound(identity: string): TenantError {
  return new TenantError(
    `The operation couldn't be performed because object '${identity}' couldn't be found on '${DOMAIN_CONTROLLER}'.`,
    'ObjectNotFound',
    'ManagementObjectNotFoundException',
    'ManagementObjectNotFoundException',
  );
}

export function ambiguous(identity: string): TenantError {
  return new TenantError(
    `The operation couldn't be performed because '${identity}' matches multiple entries.`,
    'InvalidArgument',
    'ManagementObjectAmbiguousException',
    'ManagementObjectAmbiguousException',
  );
}

export function alreadyExists(message: string): TenantError {
  return new TenantError(message, 'ResourceExists', 'ADObjectAlreadyExistsException', 'ADObjectAlreadyExistsException');
}

/** Errors about the store file itself: missing, corrupt, locked, of another schema. */
export class StoreError extends TenantError {
  constructor(message: string, category: TenantErrorCategory = 'ReadError', errorId = 'StoreError') {
    super(message, category, errorId, 'StoreException');
    this.name = 'StoreError';
  }
}
