// The abstract syntax tree of the PowerShell subset. The parser builds it; the evaluator walks it.

export interface Pos {
  line: number;
  column: number;
}

export type Statement = PipelineStmt | AssignmentStmt | IfStmt | ForeachStmt | WhileStmt | DoStmt | ForStmt | SwitchStmt | FlowStmt | TryStmt | FunctionStmt;

export interface PipelineStmt {
  kind: 'Pipeline';
  elements: PipelineElement[];
  pos: Pos;
}

export type PipelineElement = CommandElement | ExpressionElement;

export interface CommandElement {
  kind: 'Command';
  /** Command name, or an expression for `& $cmd`. */
  name: string | Expr;
  args: CommandArg[];
  redirections: Redirection[];
  pos: Pos;
}

export interface ExpressionElement {
  kind: 'Expression';
  expr: Expr;
  redirections: Redirection[];
  pos: Pos;
}

export interface Redirection {
  /** 1 = output, 2 = error, 3 = warning, '*' = all. */
  stream: '1' | '2' | '3' | '*';
  append: boolean;
  /** A file path expression, or 'merge' for `2>&1`. */
  target: Expr | 'merge';
}

export type CommandArg = { kind: 'Param'; name: string; value?: Expr; pos: Pos; text: string } | { kind: 'Arg'; value: Expr; pos: Pos };

export interface AssignmentStmt {
  kind: 'Assignment';
  target: Expr;
  op: '=' | '+=' | '-=' | '*=' | '/=' | '%=';
  value: Statement;
  pos: Pos;
}

export interface IfStmt {
  kind: 'If';
  clauses: { condition: PipelineStmt; body: Statement[] }[];
  elseBody?: Statement[];
  pos: Pos;
}

export interface ForeachStmt {
  kind: 'Foreach';
  label?: string;
  variable: string;
  iterable: PipelineStmt;
  body: Statement[];
  pos: Pos;
}

export interface WhileStmt {
  kind: 'While';
  label?: string;
  condition: PipelineStmt;
  body: Statement[];
  pos: Pos;
}

export interface DoStmt {
  kind: 'Do';
  label?: string;
  body: Statement[];
  until: boolean;
  condition: PipelineStmt;
  pos: Pos;
}

export interface ForStmt {
  kind: 'For';
  label?: string;
  init?: Statement;
  condition?: PipelineStmt;
  iterator?: Statement;
  body: Statement[];
  pos: Pos;
}

export interface SwitchStmt {
  kind: 'Switch';
  label?: string;
  subject: PipelineStmt;
  mode: 'exact' | 'wildcard' | 'regex';
  caseSensitive: boolean;
  clauses: { pattern: Expr | 'default'; body: Statement[] }[];
  pos: Pos;
}

export interface FlowStmt {
  kind: 'Break' | 'Continue' | 'Return' | 'Exit' | 'Throw';
  label?: string;
  value?: PipelineStmt;
  pos: Pos;
}

export interface TryStmt {
  kind: 'Try';
  body: Statement[];
  catches: { types: string[]; body: Statement[] }[];
  finallyBody?: Statement[];
  pos: Pos;
}

export interface FunctionStmt {
  kind: 'Function';
  name: string;
  body: ScriptBlockAst;
  pos: Pos;
}

export interface ParamDecl {
  name: string;
  type?: string;
  defaultValue?: Expr;
  mandatory: boolean;
  position?: number;
  fromPipeline: boolean;
  fromPipelineByPropertyName: boolean;
  aliases: string[];
  validateSet?: string[];
  pos: Pos;
}

export interface ScriptBlockAst {
  params: ParamDecl[];
  hasParamBlock: boolean;
  begin?: Statement[];
  process?: Statement[];
  end: Statement[];
  text: string;
}

export type Expr =
  | { kind: 'Literal'; value: string | number | boolean | null; pos: Pos }
  | { kind: 'Expandable'; parts: (string | Expr)[]; pos: Pos }
  | { kind: 'Variable'; name: string; splat?: boolean; pos: Pos }
  | { kind: 'ArrayLiteral'; items: Expr[]; pos: Pos }
  | { kind: 'ArrayExpr'; statements: Statement[]; pos: Pos }
  | { kind: 'SubExpr'; statements: Statement[]; pos: Pos }
  | { kind: 'Paren'; statement: Statement; pos: Pos }
  | { kind: 'Hashtable'; entries: { key: Expr; value: Statement }[]; pos: Pos }
  | { kind: 'ScriptBlock'; block: ScriptBlockAst; pos: Pos }
  | { kind: 'Member'; target: Expr; name: Expr; isStatic: boolean; pos: Pos }
  | { kind: 'Invoke'; target: Expr; name: Expr; args: Expr[]; isStatic: boolean; pos: Pos }
  | { kind: 'Index'; target: Expr; index: Expr; pos: Pos }
  | { kind: 'Unary'; op: string; operand: Expr; pos: Pos }
  | { kind: 'Postfix'; op: '++' | '--'; operand: Expr; pos: Pos }
  | { kind: 'Binary'; op: string; left: Expr; right: Expr; pos: Pos }
  | { kind: 'Cast'; type: string; operand: Expr; pos: Pos }
  | { kind: 'TypeLiteral'; type: string; pos: Pos };
