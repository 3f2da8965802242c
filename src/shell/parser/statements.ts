// Statements: script block bodies (param blocks, begin/process/end), statement lists, and
// the keyword statements (if, loops, switch, function, try, flow control).

import type { Expr, ParamDecl, PipelineStmt, Pos, ScriptBlockAst, Statement } from '../ast.js';
import * as scan from '../scanner.js';
import { CommandParser } from './commands.js';

const KEYWORDS = new Set([
  'if',
  'elseif',
  'else',
  'foreach',
  'for',
  'while',
  'do',
  'until',
  'function',
  'filter',
  'try',
  'catch',
  'finally',
  'throw',
  'return',
  'break',
  'continue',
  'exit',
  'switch',
  'param',
  'begin',
  'process',
  'end',
  'in',
]);

export class StatementParser extends CommandParser {
  // ---------- statements ----------

  parseScriptBlockBody(closer: '}' | undefined, textStart: number): ScriptBlockAst {
    this.skipSpaceAndNewlines();
    let params: ParamDecl[] = [];
    let hasParamBlock = false;
    // [CmdletBinding()] and other attributes before param(...)
    const save = this.i;
    while (this.peek() === '[') {
      const end = scan.matchBracket(this.src, this.i);
      if (end < 0) break;
      const inner = this.src.slice(this.i + 1, end).trim();
      if (!/^(CmdletBinding|OutputType)\b/i.test(inner)) break;
      this.consume('type', end + 1 - this.i);
      this.skipSpaceAndNewlines();
    }
    if (this.atKeyword('param')) {
      this.consume('keyword', 5);
      this.skipSpace();
      params = this.parseParamList(')');
      hasParamBlock = true;
    } else {
      this.i = save;
    }
    this.skipSpaceAndNewlines();
    const block: ScriptBlockAst = { params, hasParamBlock, end: [], text: '' };
    // Named blocks: begin { } process { } end { }
    const named = ['begin', 'process', 'end'].find((k) => this.atKeyword(k) && this.isFollowedByBrace(k.length));
    if (named) {
      while (!this.atBlockEnd(closer)) {
        const kw = ['begin', 'process', 'end'].find((k) => this.atKeyword(k));
        if (!kw) throw this.unexpected();
        this.consume('keyword', kw.length);
        this.skipSpaceAndNewlines();
        const body = this.parseBraceBlock(`Missing opening '{' after '${kw}'.`);
        if (kw === 'begin') block.begin = body;
        else if (kw === 'process') block.process = body;
        else block.end = body;
        this.skipSpaceAndNewlines();
      }
    } else {
      block.end = this.parseStatements(closer);
    }
    if (closer) {
      if (this.peek() !== '}') throw this.incomplete("Missing closing '}' in statement block or type definition.", this.i, 'MissingEndCurlyBrace');
      block.text = this.src.slice(textStart, this.i);
    } else {
      if (this.i < this.src.length) throw this.unexpected();
      block.text = this.src;
    }
    return block;
  }

  protected isFollowedByBrace(len: number): boolean {
    let j = this.i + len;
    while (j < this.src.length && /\s/.test(this.src[j])) j++;
    return this.src[j] === '{';
  }

  protected atBlockEnd(closer: '}' | ')' | undefined): boolean {
    this.skipSpaceAndNewlines();
    return closer ? this.peek() === closer || this.peek() === '' : this.peek() === '';
  }

  /** Statements until `closer` (not consumed) or end of input. */
  parseStatements(closer: '}' | ')' | undefined): Statement[] {
    const out: Statement[] = [];
    for (;;) {
      this.skipSpaceAndNewlines();
      while (this.peek() === ';') {
        this.i++;
        this.skipSpaceAndNewlines();
      }
      const c = this.peek();
      if (c === '') {
        if (closer === '}') throw this.incomplete("Missing closing '}' in statement block or type definition.", this.i, 'MissingEndCurlyBrace');
        if (closer === ')') throw this.incomplete("Missing closing ')' in expression.", this.i, 'MissingEndParenthesisInExpression');
        return out;
      }
      if (closer && c === closer) return out;
      if (c === '}' || c === ')') throw this.unexpected();
      out.push(this.parseStatement());
      this.skipSpace();
      const n = this.peek();
      if (n === ';' || n === '\n' || n === '\r' || n === '') continue;
      if (closer && n === closer) continue;
      throw this.unexpected();
    }
  }

  parseStatement(): Statement {
    this.enterNesting();
    // A statement nested in a method argument or command argument (`f @(1,2)`, `.M($(1,2))`,
    // `Where-Object { $_ -in 1,2 }`) is a new context: its commas build arrays again.
    const statement = this.withCommas(() => this.parseStatementInner());
    this.nesting--;
    return statement;
  }

  protected parseStatementInner(): Statement {
    this.skipSpace();
    const start = this.i;
    const pos = this.pos();
    let label: string | undefined;
    if (this.peek() === ':' && /[A-Za-z_]/.test(this.peek(1))) {
      this.i++;
      label = this.readWord();
      this.i += label.length;
      this.token('label', start);
      this.skipSpaceAndNewlines();
    }
    const word = this.readWord().toLowerCase();
    const isKw = word && KEYWORDS.has(word) && !/[\w-]/.test(this.peek(word.length) || ' ');
    if (isKw) {
      switch (word) {
        case 'if':
          return this.parseIf(pos);
        case 'foreach':
          if (this.isForeachStatement()) return this.parseForeach(pos, label);
          break;
        case 'for':
          return this.parseFor(pos, label);
        case 'while':
          return this.parseWhile(pos, label);
        case 'do':
          return this.parseDo(pos, label);
        case 'switch':
          return this.parseSwitch(pos, label);
        case 'function':
        case 'filter':
          return this.parseFunction(pos, word === 'filter');
        case 'try':
          return this.parseTry(pos);
        case 'break':
        case 'continue': {
          this.consume('keyword', word.length);
          this.skipSpace();
          const w = this.readWord();
          if (w) this.consume('label', w.length);
          return { kind: word === 'break' ? 'Break' : 'Continue', label: w || undefined, pos };
        }
        case 'return':
        case 'exit':
        case 'throw': {
          this.consume('keyword', word.length);
          this.skipSpace();
          const value = this.atStatementEnd() || this.peek() === '|' ? undefined : this.parsePipeline();
          return { kind: word === 'return' ? 'Return' : word === 'exit' ? 'Exit' : 'Throw', value, pos };
        }
        case 'param':
          throw this.error('The param block must be the first statement of a script or script block.', start);
        case 'else':
        case 'elseif':
        case 'catch':
        case 'finally':
        case 'until':
          throw this.unexpected();
        default:
          break;
      }
    }
    if (label) throw this.error(`Unexpected label ':${label}': a label must be followed by a loop.`, start);
    return this.parsePipelineOrAssignment();
  }

  /** `foreach (` is the statement; `foreach {` or `foreach Name` is the ForEach-Object alias. */
  protected isForeachStatement(): boolean {
    let j = this.i + 7;
    while (j < this.src.length && /[ \t]/.test(this.src[j])) j++;
    return this.src[j] === '(';
  }

  protected parseCondition(keyword: string): PipelineStmt {
    this.skipSpace();
    if (this.peek() !== '(') throw this.incomplete(`Missing '(' after '${keyword}' in ${keyword} statement.`);
    this.consume('punctuation');
    this.skipSpaceAndNewlines();
    if (this.peek() === ')' || this.peek() === '') throw this.incomplete(`Missing condition in ${keyword} statement after '${keyword} ('.`);
    const cond = this.parsePipeline();
    this.skipSpaceAndNewlines();
    this.expect(')', `Missing closing ')' after expression in '${keyword}' statement.`);
    return cond;
  }

  protected parseBraceBlock(missing: string): Statement[] {
    this.skipSpaceAndNewlines();
    if (this.peek() !== '{') throw this.incomplete(missing);
    this.consume('punctuation');
    const body = this.parseStatements('}');
    this.consume('punctuation'); // '}'
    return body;
  }

  protected parseIf(pos: Pos): Statement {
    this.consume('keyword', 2);
    const clauses: { condition: PipelineStmt; body: Statement[] }[] = [];
    clauses.push({ condition: this.parseCondition('if'), body: this.parseBraceBlock('Missing statement block after if ( condition ).') });
    let elseBody: Statement[] | undefined;
    for (;;) {
      const save = this.i;
      this.skipSpaceAndNewlines();
      if (this.atKeyword('elseif')) {
        this.consume('keyword', 6);
        clauses.push({ condition: this.parseCondition('elseif'), body: this.parseBraceBlock('Missing statement block after elseif ( condition ).') });
      } else if (this.atKeyword('else')) {
        this.consume('keyword', 4);
        elseBody = this.parseBraceBlock("Missing statement block after 'else' keyword.");
        break;
      } else {
        this.i = save;
        break;
      }
    }
    return { kind: 'If', clauses, elseBody, pos };
  }

  protected parseForeach(pos: Pos, label?: string): Statement {
    this.consume('keyword', 7);
    this.skipSpace();
    this.expect('(', "Missing opening '(' after keyword 'foreach'.");
    this.skipSpaceAndNewlines();
    if (this.peek() !== '$') throw this.incomplete('Missing variable name after foreach.');
    const name = this.parseVariable(false).name;
    this.skipSpaceAndNewlines();
    if (!this.atKeyword('in')) throw this.incomplete("Missing 'in' after variable in foreach loop.");
    this.consume('keyword', 2);
    this.skipSpaceAndNewlines();
    const iterable = this.parsePipeline();
    this.skipSpaceAndNewlines();
    this.expect(')', "Missing closing ')' after expression in 'foreach' statement.");
    const body = this.parseBraceBlock('Missing statement body in foreach loop.');
    return { kind: 'Foreach', label, variable: name, iterable, body, pos };
  }

  protected parseFor(pos: Pos, label?: string): Statement {
    this.consume('keyword', 3);
    this.skipSpace();
    this.expect('(', "Missing opening '(' after keyword 'for'.");
    const part = (end: string): Statement | undefined => {
      this.skipSpaceAndNewlines();
      if (this.peek() === end) {
        this.consume('punctuation');
        return undefined;
      }
      const s = this.parseStatement();
      this.skipSpaceAndNewlines();
      this.expect(end, end === ')' ? "Missing closing ')' after expression in 'for' statement." : "Missing ';' in 'for' statement.");
      return s;
    };
    const init = part(';');
    const condition = part(';');
    const iterator = part(')');
    if (condition && condition.kind !== 'Pipeline') throw this.error('The for loop condition must be an expression.');
    const body = this.parseBraceBlock('Missing statement body in for loop.');
    return { kind: 'For', label, init, condition: condition as PipelineStmt | undefined, iterator, body, pos };
  }

  protected parseWhile(pos: Pos, label?: string): Statement {
    this.consume('keyword', 5);
    const condition = this.parseCondition('while');
    const body = this.parseBraceBlock('Missing statement body in while loop.');
    return { kind: 'While', label, condition, body, pos };
  }

  protected parseDo(pos: Pos, label?: string): Statement {
    this.consume('keyword', 2);
    const body = this.parseBraceBlock('Missing statement body in do loop.');
    this.skipSpaceAndNewlines();
    let until: boolean;
    if (this.atKeyword('while')) {
      until = false;
      this.consume('keyword', 5);
    } else if (this.atKeyword('until')) {
      until = true;
      this.consume('keyword', 5);
    } else throw this.incomplete('Missing while or until keyword in do loop.');
    const condition = this.parseCondition(until ? 'until' : 'while');
    return { kind: 'Do', label, body, until, condition, pos };
  }

  protected parseSwitch(pos: Pos, label?: string): Statement {
    this.consume('keyword', 6);
    let mode: 'exact' | 'wildcard' | 'regex' = 'exact';
    let caseSensitive = false;
    for (;;) {
      this.skipSpace();
      const m = /^-(regex|wildcard|exact|casesensitive)\b/i.exec(this.src.slice(this.i, this.i + 20));
      if (!m) break;
      const opt = m[1].toLowerCase();
      if (opt === 'casesensitive') caseSensitive = true;
      else mode = opt as typeof mode;
      this.consume('parameter', m[0].length);
    }
    const subject = this.parseCondition('switch');
    this.skipSpaceAndNewlines();
    this.expect('{', "Missing '{' in switch statement.");
    const clauses: { pattern: Expr | 'default'; body: Statement[] }[] = [];
    for (;;) {
      this.skipSpaceAndNewlines();
      while (this.peek() === ';') {
        this.i++;
        this.skipSpaceAndNewlines();
      }
      if (this.peek() === '}') {
        this.consume('punctuation');
        break;
      }
      if (this.peek() === '') throw this.incomplete("Missing closing '}' in switch statement.");
      let pattern: Expr | 'default';
      if (this.atKeyword('default')) {
        this.consume('keyword', 7);
        pattern = 'default';
      } else if (this.peek() === '{') pattern = this.parsePrimary();
      else pattern = this.parseCommandArgItem();
      const body = this.parseBraceBlock('Missing statement block in switch statement clause.');
      clauses.push({ pattern, body });
    }
    return { kind: 'Switch', label, subject, mode, caseSensitive, clauses, pos };
  }

  protected parseFunction(pos: Pos, isFilter: boolean): Statement {
    this.consume('keyword', isFilter ? 6 : 8);
    this.skipSpace();
    const m = /^[^\s(){};|]+/.exec(this.src.slice(this.i));
    if (!m) throw this.incomplete('Missing name after function keyword.');
    const name = m[0];
    this.consume('command', name.length);
    this.skipSpace();
    let params: ParamDecl[] | undefined;
    if (this.peek() === '(') params = this.parseParamList(')');
    this.skipSpaceAndNewlines();
    if (this.peek() !== '{') throw this.incomplete('Missing function body in function declaration.');
    const textStart = this.i + 1;
    this.consume('punctuation');
    const body = this.parseScriptBlockBody('}', textStart);
    this.consume('punctuation');
    if (params) {
      body.params = params;
      body.hasParamBlock = true;
    }
    if (isFilter && !body.process) {
      body.process = body.end;
      body.end = [];
    }
    return { kind: 'Function', name, body, pos };
  }

  protected parseTry(pos: Pos): Statement {
    this.consume('keyword', 3);
    const body = this.parseBraceBlock("Missing statement block after 'try'.");
    const catches: { types: string[]; body: Statement[] }[] = [];
    let finallyBody: Statement[] | undefined;
    for (;;) {
      const save = this.i;
      this.skipSpaceAndNewlines();
      if (this.atKeyword('catch')) {
        this.consume('keyword', 5);
        const types: string[] = [];
        for (;;) {
          this.skipSpace();
          if (this.peek() !== '[') break;
          const end = scan.matchBracket(this.src, this.i);
          if (end < 0) throw this.error("Missing ']' in catch type.");
          types.push(this.src.slice(this.i + 1, end).trim());
          this.consume('type', end + 1 - this.i);
          this.skipSpace();
          if (this.peek() === ',') {
            this.consume('operator');
            this.skipSpaceAndNewlines();
          }
        }
        catches.push({ types, body: this.parseBraceBlock('Missing statement block in catch block.') });
      } else if (this.atKeyword('finally')) {
        this.consume('keyword', 7);
        finallyBody = this.parseBraceBlock('Missing statement block in finally block.');
        break;
      } else {
        this.i = save;
        break;
      }
    }
    if (catches.length === 0 && !finallyBody) throw this.incomplete('The Try statement is missing its Catch or Finally block.');
    return { kind: 'Try', body, catches, finallyBody, pos };
  }

  /** `( [attr] [type] $name = default, ... )` of param blocks and function headers. */
  protected parseParamList(closer: ')'): ParamDecl[] {
    this.expect('(', "Missing '(' in parameter list.");
    const out: ParamDecl[] = [];
    let position = 0;
    for (;;) {
      this.skipSpaceAndNewlines();
      if (this.peek() === closer) {
        this.consume('punctuation');
        break;
      }
      const decl: ParamDecl = { name: '', mandatory: false, fromPipeline: false, fromPipelineByPropertyName: false, aliases: [], pos: this.pos() };
      let explicitPosition: number | undefined;
      while (this.peek() === '[') {
        const end = scan.matchBracket(this.src, this.i);
        if (end < 0) throw this.error("Missing ']' in parameter attribute.");
        const inner = this.src.slice(this.i + 1, end).trim();
        this.consume('type', end + 1 - this.i);
        this.skipSpaceAndNewlines();
        const attr = /^(\w+)\s*\(([\s\S]*)\)$/.exec(inner);
        if (attr) {
          const kind = attr[1].toLowerCase();
          const args = attr[2];
          if (kind === 'parameter') {
            for (const part of args.split(',')) {
              const [k, v] = part.split('=').map((s) => s.trim());
              const on = v === undefined || /^\$true$/i.test(v) || v === '1';
              switch (k.toLowerCase()) {
                case 'mandatory':
                  decl.mandatory = on;
                  break;
                case 'valuefrompipeline':
                  decl.fromPipeline = on;
                  break;
                case 'valuefrompipelinebypropertyname':
                  decl.fromPipelineByPropertyName = on;
                  break;
                case 'position':
                  explicitPosition = Number(v);
                  break;
                default:
                  break;
              }
            }
          } else if (kind === 'alias') {
            decl.aliases = [...args.matchAll(/['"]([^'"]+)['"]/g)].map((x) => x[1]);
          } else if (kind === 'validateset') {
            decl.validateSet = [...args.matchAll(/['"]([^'"]+)['"]/g)].map((x) => x[1]);
          }
        } else {
          decl.type = inner;
        }
      }
      if (this.peek() !== '$') throw this.incomplete('Missing variable name in parameter list.');
      decl.name = this.parseVariable(false).name;
      this.skipSpaceAndNewlines();
      if (this.peek() === '=') {
        this.consume('operator');
        this.skipSpaceAndNewlines();
        // `param($a = 1, $b)`: the comma ends the default value, it does not build an array
        decl.defaultValue = this.withoutCommas(() => this.parseExpression());
        this.skipSpaceAndNewlines();
      }
      decl.position = explicitPosition ?? (decl.type?.toLowerCase() === 'switch' ? undefined : position++);
      out.push(decl);
      if (this.peek() === ',') {
        this.consume('operator');
        continue;
      }
      this.skipSpaceAndNewlines();
      if (this.peek() !== closer) throw this.incomplete("Missing ')' in function parameter list.");
    }
    return out;
  }
}
