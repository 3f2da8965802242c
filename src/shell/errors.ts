// Error records, shaped like PowerShell's ErrorRecord so that messages, categories and
// FullyQualifiedErrorIds read as users know them from pwsh.

export type ErrorCategory =
  | 'NotSpecified'
  | 'InvalidArgument'
  | 'InvalidData'
  | 'InvalidOperation'
  | 'LimitsExceeded'
  | 'ObjectNotFound'
  | 'ParserError'
  | 'PermissionDenied'
  | 'ResourceExists'
  | 'ResourceUnavailable'
  | 'WriteError'
  | 'ReadError'
  | 'OperationStopped'
  | 'SyntaxError'
  | 'InvalidType'
  | 'InvalidResult'
  | 'OpenError'
  | 'CloseError';

export interface ErrorDetails {
  category?: ErrorCategory;
  /** FullyQualifiedErrorId, e.g. NamedParameterNotFound. */
  errorId?: string;
  /** The command that raised it, e.g. Get-MessageTrace; shown as the message prefix. */
  command?: string;
  /** Exception type name, e.g. ParameterBindingException. */
  exception?: string;
  target?: unknown;
}

export class PSError extends Error {
  category: ErrorCategory;
  errorId: string;
  command?: string;
  exception: string;
  target?: unknown;

  constructor(message: string, details: ErrorDetails = {}) {
    super(message);
    this.name = 'PSError';
    this.category = details.category ?? 'NotSpecified';
    this.errorId = details.errorId ?? 'RuntimeException';
    this.command = details.command;
    this.exception = details.exception ?? 'RuntimeException';
    this.target = details.target;
  }

  /** The concise one-record view of pwsh 7: `Command: message`. */
  render(): string {
    if (this.command) return `${this.command}: ${this.message}`;
    // Errors raised by the language itself carry their category (or exception) as the prefix.
    return `${this.category !== 'NotSpecified' ? this.category : this.exception}: ${this.message}`;
  }
}

/**
 * A parse error, with 1-based line and column. `incompleteInput` is PowerShell's
 * ParseError.IncompleteInput: the input ended while a construct was still open (an unclosed
 * brace, paren, bracket, string or here-string, a trailing pipe, an operator waiting for its
 * right-hand side, a missing statement block...), so more lines could complete it. The REPL
 * uses it to prompt for more input instead of reporting the error.
 */
export class ParseError extends PSError {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
    readonly errorIdName = 'ParseError',
    readonly incompleteInput = false,
  ) {
    super(message, { category: 'ParserError', errorId: errorIdName, exception: 'ParseException' });
  }

  override render(): string {
    return `ParserError: line ${this.line}, column ${this.column}: ${this.message}`;
  }
}

export function commandNotFound(name: string): PSError {
  return new PSError(
    `The term '${name}' is not recognized as a name of a cmdlet, function, script file, or executable program.\n` +
      'Check the spelling of the name, or if a path was included, verify that the path is correct and try again.',
    { category: 'ObjectNotFound', errorId: 'CommandNotFoundException', exception: 'CommandNotFoundException', command: name, target: name },
  );
}

export function bindingError(command: string, message: string, errorId: string): PSError {
  return new PSError(message, { category: 'InvalidArgument', errorId: `${errorId},${command}`, exception: 'ParameterBindingException', command });
}

/** Thrown by `exit N`; unwinds to the host. */
export class ExitSignal {
  constructor(readonly code: number) {}
}

/**
 * Thrown when the user stops the running statement (Ctrl-C in the REPL), like pwsh's
 * PipelineStoppedException: no catch block sees it, finally blocks run, and the
 * statement's changes are rolled back.
 */
export class StopSignal {}

/** Thrown by break / continue; unwinds to the nearest loop. */
export class LoopSignal {
  constructor(
    readonly kind: 'break' | 'continue',
    readonly label?: string,
  ) {}
}

/** Thrown by `return`; unwinds to the enclosing function or script block. */
export class ReturnSignal {
  constructor(readonly value: unknown[]) {}
}

/**
 * Errors from lower layers (e.g. the tenant) that describe themselves with a PowerShell
 * category and error id become error records of the cmdlet that raised them.
 */
export function toPSError(e: unknown, command: string): PSError | undefined {
  if (e instanceof PSError) return e;
  if (e instanceof Error && typeof (e as { errorCategory?: unknown }).errorCategory === 'string') {
    const x = e as Error & { errorCategory: ErrorCategory; errorId?: string; exceptionName?: string };
    return new PSError(e.message, { category: x.errorCategory, errorId: `${x.errorId ?? 'Error'},${command}`, exception: x.exceptionName ?? 'Exception', command });
  }
  return undefined;
}

/**
 * Thrown by a command that needs no more input (Select-Object -First): the commands before
 * it stop, and it and the commands after it finish normally, as with pwsh's
 * StopUpstreamCommandsException.
 */
export class StopUpstreamSignal {
  constructor(readonly source: unknown) {}
}
