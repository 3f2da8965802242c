// Tokens, as the parser sees them. PowerShell's tokenizer has an expression mode and a command
// mode, and the parser tells it which one applies; here the parser scans the characters itself
// in the mode its context calls for, and records each token as it consumes it. So the same
// text gives the tokens each mode gives in pwsh: `Get-Date 8/14/2023` is a command and one
// argument, `8/14` after `=` a number, an operator and a number.

/** What a token is, for completion and highlighting. */
export type TokenKind =
  /** `if`, `foreach`, `function`, `else`, `param`, ... */
  | 'keyword'
  /** A command name in command mode, or a function's name where it is declared. */
  | 'command'
  /** `-Name` or `-Name:` after a command (also `switch -regex`). */
  | 'parameter'
  /** A bare-word command argument (`user@contoso.com`, `8/14/2023`); may hold `$var` parts. */
  | 'argument'
  /** A quoted string or here-string; an expandable one holds its `$var` and `$( )` parts. */
  | 'string'
  /** `$name`, `${name}`, `$env:X`, `@splat`. */
  | 'variable'
  /** A number literal. */
  | 'number'
  /** Operators: `+`, `-eq`, `=`, `|`, `,`, `..`, `!`, `&`, `.` and `::`, redirections, `--`. */
  | 'operator'
  /** A property or method name after `.` or `::`, or a hashtable key. */
  | 'member'
  /** `[int]`, `[datetime]`, attributes such as `[Parameter(...)]`, catch types. */
  | 'type'
  /** `# ...` and `<# ... #>`. */
  | 'comment'
  /** `:outer` before a loop. */
  | 'label'
  /** Brackets and the openers `$(`, `@(`, `@{`. */
  | 'punctuation';

export interface Token {
  kind: TokenKind;
  text: string;
  /** Offsets into the text: `text === source.slice(start, end)`. */
  start: number;
  end: number;
  /** 1-based line and column of `start`. */
  line: number;
  column: number;
  /** The tokens inside an expandable string or a bare-word argument (`"a $x $(1 + 2)"`). */
  nested?: Token[];
}
