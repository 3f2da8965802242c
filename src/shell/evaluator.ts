// Walks the AST: statements, expressions, scopes, script blocks and error propagation.
// Output is pushed to an `emit` callback as it is produced, so pipelines stream.

import type { Expr, ParamDecl, PipelineStmt, ScriptBlockAst, Statement } from './ast.js';
import { castTo, ConversionError, toInt } from './coerce.js';
import { dotNetRegex, matchesTable, operandToString, regexMatch } from './compare.js';
import { toBool, toStr } from './convert.js';
import { ExitSignal, LoopSignal, PSError, ReturnSignal, toPSError } from './errors.js';
import { getMember, setMember, wildcardToRegExp } from './members.js';
import { invokeMethod, invokeStatic } from './methods.js';
import * as ops from './operators.js';
import { parseScript } from './parser.js';
import { runPipeline } from './pipeline.js';
import { Scope } from './scope.js';
import { errorRecord } from './error-record.js';
import { callDepthOverflow, collapse, enumerate, isScriptTerminating, isStackOverflow, scriptTerminating, type Emit } from './flow.js';
import type { RunOptions, Session, StatementTransaction } from './session.js';
import { Hashtable, PSObject, PSValue, ScriptBlockValue } from './values.js';
import { applyCommonParameters, bindFunctionArguments } from './functions.js';
import type { BoundArg } from './binder.js';

const scriptScopes = new WeakMap<Session, Scope>();

/** How many output objects a statement gathers before a streaming host is handed them. */
const STREAM_BATCH = 1024;

export class Evaluator {
  scope: Scope;
  /** >0 while inside a try body: terminating errors go to the catch instead of being reported. */
  tryDepth = 0;
  /** Set when a command of the current statement writes an error; gives `$?` its value. */
  statementFailed = false;

  constructor(readonly session: Session) {
    // One script scope per session, so variables survive from one `session.run` (a REPL line) to the next
    let scope = scriptScopes.get(session);
    if (!scope) {
      scope = new Scope(session.global, 'script');
      scriptScopes.set(session, scope);
    }
    this.scope = scope;
  }

  // ---------- scripts and blocks ----------

  runScript(ast: ScriptBlockAst, options: RunOptions): void {
    const args = options.args ?? [];
    if (ast.params.length) {
      // Like `pwsh -File`: `-Name value` and `-Name:value` bind by name, the rest by position.
      const scriptName = options.fileName ? options.fileName.replace(/^.*[\\/]/, '') : 'script';
      let bound;
      try {
        bound = bindFunctionArguments(scriptName, ast.params, args.map(scriptArgument), this);
      } catch (e) {
        if (e instanceof PSError) {
          this.session.reportError(e);
          throw new ExitSignal(1);
        }
        throw e;
      }
      for (const [name, value] of bound.values) this.scope.setLocal(name, value);
      this.scope.setLocal('args', bound.rest);
      applyCommonParameters(this.scope, bound.common);
    } else {
      this.scope.setLocal('args', args);
    }
    if (options.fileName) this.scope.setLocal('PSScriptRoot', options.fileName.replace(/[\\/][^\\/]*$/, '') || '.');
    this.scope.setLocal('input', options.input ?? []);
    const statements = [...(ast.begin ?? []), ...(ast.process ?? []), ...ast.end];
    const tx = this.session.transaction;
    // With --transaction the whole script is one unit of work: kept only if no statement wrote an error.
    const wholeScript = options.transaction === 'script';
    const scriptErrorsBefore = this.session.errorsWritten;
    if (wholeScript) tx?.begin();
    try {
      if (wholeScript) this.session.atomically(() => this.runStatements(statements, undefined));
      else this.runStatements(statements, tx);
    } catch (e) {
      if (wholeScript) this.finishTransaction(tx, e instanceof ExitSignal && this.session.errorsWritten === scriptErrorsBefore);
      throw e;
    }
    if (wholeScript) this.finishTransaction(tx, this.session.errorsWritten === scriptErrorsBefore);
  }

  /**
   * Commits or rolls back. A commit that fails (the store could not be written, or another
   * process changed it meanwhile) ends the script: later statements may depend on this one.
   */
  private finishTransaction(tx: StatementTransaction | undefined, ok: boolean): void {
    if (!tx) return;
    if (!ok) {
      tx.rollback();
      return;
    }
    try {
      tx.commit();
    } catch (e) {
      const ps = toPSError(e, '');
      if (!ps) throw e;
      ps.command = undefined;
      // the statement did not happen: its output is not shown
      this.session.flushPendingOutput = undefined;
      this.session.reportError(ps);
      throw new ExitSignal(1);
    }
  }

  private runStatements(statements: Statement[], tx: StatementTransaction | undefined): void {
    for (const stmt of statements) {
      const out: PSValue[] = [];
      this.session.flushPendingOutput = () => {
        if (out.length) this.session.host.writeOutput(out.splice(0));
      };
      const errorsBefore = this.session.errorsWritten;
      tx?.begin();
      let committed = false;
      const finish = (ok: boolean) => {
        if (committed) return;
        committed = true;
        try {
          this.finishTransaction(tx, ok && this.session.errorsWritten === errorsBefore);
        } catch (e) {
          out.length = 0;
          throw e;
        }
      };
      try {
        this.statementFailed = false;
        this.execStatement(stmt, (v) => {
          out.push(v);
          // a long read-only statement streams its output; a writing one's waits for its commit
          if (out.length >= STREAM_BATCH && this.session.host.streamsOutput && !tx?.hasPendingChanges?.()) this.session.flushPendingOutput?.();
        });
        this.scope.set('?', !this.statementFailed);
        finish(true);
      } catch (e) {
        // `exit` and `return` end the script but keep what the statement did
        if (!committed) finish(e instanceof ExitSignal || e instanceof ReturnSignal);
        if (out.length) this.session.host.writeOutput(out);
        if (e instanceof ExitSignal) throw e;
        if (e instanceof PSError) {
          this.session.reportError(e);
          this.scope.set('?', false);
          if (isScriptTerminating(e)) throw new ExitSignal(1);
          continue;
        }
        if (e instanceof LoopSignal) continue; // break/continue outside a loop ends the statement
        if (e instanceof ReturnSignal) {
          // the statement's output (the returned value included) was written just above
          if (e.value.length) this.session.host.writeOutput(e.value as PSValue[]);
          return;
        }
        throw e;
      }
      if (out.length) this.session.host.writeOutput(out);
    }
  }

  /** Runs statements; a statement-terminating error is reported and the next statement runs. */
  execStatements(statements: Statement[], emit: Emit): void {
    for (const stmt of statements) {
      try {
        this.statementFailed = false;
        this.execStatement(stmt, emit);
        this.scope.set('?', !this.statementFailed);
      } catch (e) {
        if (e instanceof PSError && this.tryDepth === 0 && !isScriptTerminating(e)) {
          this.session.reportError(e);
          this.scope.set('?', false);
          continue;
        }
        throw e;
      }
    }
  }

  /** Runs statements and returns everything they output. */
  collect(statements: Statement[]): PSValue[] {
    const out: PSValue[] = [];
    this.execStatements(statements, (v) => out.push(v));
    return out;
  }

  execStatement(stmt: Statement, emit: Emit): void {
    try {
      this.execStatementKind(stmt, emit);
    } catch (e) {
      throw asPSError(e);
    }
  }

  private execStatementKind(stmt: Statement, emit: Emit): void {
    switch (stmt.kind) {
      case 'Pipeline':
        runPipeline(this, stmt, emit);
        return;
      case 'Assignment': {
        const value = this.statementValue(stmt.value);
        this.assign(stmt.target, stmt.op, value);
        return;
      }
      case 'If': {
        for (const clause of stmt.clauses) {
          if (toBool(this.pipelineValue(clause.condition))) {
            this.execStatements(clause.body, emit);
            return;
          }
        }
        if (stmt.elseBody) this.execStatements(stmt.elseBody, emit);
        return;
      }
      case 'Foreach': {
        const iterable = this.pipelineValue(stmt.iterable);
        const items = iterable === null ? [] : enumerate(iterable); // `foreach ($x in $null)` runs zero times
        for (const item of items) {
          this.scope.set(stmt.variable, item);
          if (this.loopBody(stmt.body, emit, stmt.label) === 'break') break;
        }
        return;
      }
      case 'While':
        while (toBool(this.pipelineValue(stmt.condition))) {
          if (this.loopBody(stmt.body, emit, stmt.label) === 'break') break;
        }
        return;
      case 'Do':
        for (;;) {
          if (this.loopBody(stmt.body, emit, stmt.label) === 'break') break;
          const c = toBool(this.pipelineValue(stmt.condition));
          if (stmt.until ? c : !c) break;
        }
        return;
      case 'For':
        if (stmt.init) this.execStatement(stmt.init, () => {});
        while (!stmt.condition || toBool(this.pipelineValue(stmt.condition))) {
          if (this.loopBody(stmt.body, emit, stmt.label) === 'break') break;
          if (stmt.iterator) this.execStatement(stmt.iterator, () => {});
        }
        return;
      case 'Switch':
        this.execSwitch(stmt, emit);
        return;
      case 'Break':
      case 'Continue':
        throw new LoopSignal(stmt.kind === 'Break' ? 'break' : 'continue', stmt.label);
      case 'Return': {
        // `return $x` is `$x; return`: the value is output now, before any finally block runs
        if (stmt.value) for (const v of this.collectPipeline(stmt.value)) emit(v);
        throw new ReturnSignal([]);
      }
      case 'Exit': {
        const v = stmt.value ? this.pipelineValue(stmt.value) : 0;
        let code = 0;
        try {
          code = toInt(v ?? 0);
        } catch {
          code = 0;
        }
        throw new ExitSignal(code);
      }
      case 'Throw':
        throw this.makeThrow(stmt.value ? this.pipelineValue(stmt.value) : null);
      case 'Try':
        this.execTry(stmt, emit);
        return;
      case 'Function':
        this.session.functions.set(stmt.name.toLowerCase(), { name: stmt.name, body: stmt.body });
        return;
    }
  }

  private makeThrow(v: PSValue): PSError {
    if (v instanceof PSObject && v.source instanceof PSError) return scriptTerminating(v.source);
    const message = v === null ? 'ScriptHalted' : toStr(v);
    const e = new PSError(message, { category: 'OperationStopped', errorId: message, exception: 'RuntimeException', command: 'Exception', target: v });
    return scriptTerminating(e);
  }

  /** Runs a loop body; returns 'break' to leave the loop. Labeled break/continue for outer loops propagate. */
  private loopBody(body: Statement[], emit: Emit, label?: string): 'break' | 'next' {
    this.session.checkpoint();
    try {
      this.execStatements(body, emit);
    } catch (e) {
      if (e instanceof LoopSignal && (!e.label || e.label.toLowerCase() === label?.toLowerCase())) {
        return e.kind === 'break' ? 'break' : 'next';
      }
      throw e;
    }
    return 'next';
  }

  private execSwitch(stmt: Extract<Statement, { kind: 'Switch' }>, emit: Emit): void {
    const items = enumerate(this.pipelineValue(stmt.subject));
    const saved = this.scope.get('_');
    try {
      outer: for (const item of items) {
        let matched = false;
        for (const clause of stmt.clauses) {
          if (clause.pattern === 'default') continue;
          this.scope.setLocal('_', item);
          if (!this.switchMatches(stmt, clause.pattern, item)) continue;
          matched = true;
          const r = this.switchBody(clause.body, emit, stmt.label);
          if (r === 'break') break outer;
          if (r === 'continue') continue outer;
        }
        if (!matched) {
          const def = stmt.clauses.find((c) => c.pattern === 'default');
          if (def) {
            this.scope.setLocal('_', item);
            const r = this.switchBody(def.body, emit, stmt.label);
            if (r === 'break') break;
          }
        }
      }
    } finally {
      this.scope.setLocal('_', saved ?? null);
    }
  }

  private switchBody(body: Statement[], emit: Emit, label?: string): 'break' | 'continue' | 'next' {
    try {
      this.execStatements(body, emit);
    } catch (e) {
      if (e instanceof LoopSignal && (!e.label || e.label.toLowerCase() === label?.toLowerCase())) return e.kind;
      throw e;
    }
    return 'next';
  }

  private switchMatches(stmt: Extract<Statement, { kind: 'Switch' }>, pattern: Expr, item: PSValue): boolean {
    if (pattern.kind === 'ScriptBlock') return toBool(collapse(this.makeScriptBlock(pattern.block).invoke(item, [])));
    const p = this.evalExpr(pattern) ?? null;
    const s = toStr(item),
      ps = toStr(p);
    switch (stmt.mode) {
      case 'wildcard':
        return wildcardToRegExp(ps).test(s) && (!stmt.caseSensitive || new RegExp(wildcardToRegExp(ps).source).test(s));
      case 'regex': {
        const m = dotNetRegex(ps, stmt.caseSensitive).exec(s);
        if (m) this.scope.set('Matches', matchesTable(m, ps, stmt.caseSensitive)); // as pwsh, for the clause body
        return m !== null;
      }
      default:
        return toBool(ops.compare(stmt.caseSensitive ? '-ceq' : '-eq', item, p));
    }
  }

  private execTry(stmt: Extract<Statement, { kind: 'Try' }>, emit: Emit): void {
    try {
      this.tryDepth++;
      try {
        this.execStatements(stmt.body, emit);
      } finally {
        this.tryDepth--;
      }
    } catch (e) {
      if (!(e instanceof PSError)) throw e;
      const handler = stmt.catches.find((c) => c.types.length === 0 || c.types.some((t) => catchMatches(t, e)));
      if (!handler) throw e;
      this.session.recordError(e); // pwsh adds caught errors to $Error too
      const saved = this.scope.get('_');
      this.scope.setLocal('_', errorRecord(e));
      this.scope.setLocal('PSItem', errorRecord(e));
      try {
        this.execStatements(handler.body, emit);
      } finally {
        this.scope.setLocal('_', saved ?? null);
      }
    } finally {
      if (stmt.finallyBody) this.execStatements(stmt.finallyBody, emit);
    }
  }

  // ---------- values of statements ----------

  /** The value a statement gives on the right of `=`: an expression's value as is, a pipeline's collected output. */
  statementValue(stmt: Statement): PSValue {
    if (stmt.kind === 'Pipeline' && stmt.elements.length === 1 && stmt.elements[0].kind === 'Expression' && stmt.elements[0].redirections.length === 0) {
      return this.evalExpr(stmt.elements[0].expr) ?? null;
    }
    if (stmt.kind === 'Assignment') {
      this.execStatement(stmt, () => {});
      return this.evalExpr(stmt.target) ?? null;
    }
    const out: PSValue[] = [];
    this.execStatement(stmt, (v) => out.push(v));
    return collapse(out);
  }

  pipelineValue(p: PipelineStmt): PSValue {
    return this.statementValue(p);
  }

  collectPipeline(p: PipelineStmt): PSValue[] {
    const out: PSValue[] = [];
    runPipeline(this, p, (v) => out.push(v));
    return out;
  }

  // ---------- assignment ----------

  assign(target: Expr, op: string, value: PSValue): void {
    if (op !== '=') {
      const current = this.evalExpr(target) ?? null;
      switch (op) {
        case '+=':
          value = ops.add(current, value);
          break;
        case '-=':
          value = ops.subtract(current, value);
          break;
        case '*=':
          value = ops.multiply(current, value);
          break;
        case '/=':
          value = ops.divide(current, value);
          break;
        case '%=':
          value = ops.modulo(current, value);
          break;
      }
    }
    switch (target.kind) {
      case 'Variable':
        this.scope.set(target.name, value);
        return;
      case 'Cast':
        if (target.operand.kind === 'Variable') {
          this.scope.set(target.operand.name, this.cast(target.type, value));
          return;
        }
        break;
      case 'ArrayLiteral': {
        const values = enumerate(value);
        target.items.forEach((item, i) => {
          const v = i === target.items.length - 1 && values.length > target.items.length ? values.slice(i) : (values[i] ?? null);
          if (item.kind === 'Variable') this.scope.set(item.name, v);
        });
        return;
      }
      case 'Member': {
        const obj = this.evalExpr(target.target) ?? null;
        const name = this.memberName(target.name);
        if (obj instanceof PSObject && !obj.has(name)) {
          throw new PSError(`The property '${name}' cannot be found on this object. Verify that the property exists and can be set.`, {
            category: 'InvalidOperation',
            errorId: 'PropertyAssignmentException',
            exception: 'RuntimeException',
          });
        }
        if (!setMember(obj, name, value)) {
          throw new PSError(obj === null ? `The property '${name}' cannot be found on this object. Verify that the property exists and can be set.` : `'${name}' is a ReadOnly property.`, {
            category: 'InvalidOperation',
            errorId: 'PropertyAssignmentException',
            exception: 'RuntimeException',
          });
        }
        return;
      }
      case 'Index': {
        const obj = this.evalExpr(target.target) ?? null;
        const index = this.evalExpr(target.index) ?? null;
        if (obj instanceof Hashtable) {
          obj.set(index, value);
          return;
        }
        if (Array.isArray(obj)) {
          let i = toInt(index);
          if (i < 0) i += obj.length;
          if (i < 0 || i >= obj.length) {
            throw new PSError('Index was outside the bounds of the array.', { category: 'InvalidOperation', errorId: 'IndexOutOfRange', exception: 'RuntimeException' });
          }
          obj[i] = value;
          return;
        }
        if (obj instanceof PSObject) {
          obj.set(toStr(index), value);
          return;
        }
        throw new PSError('Cannot index into a null array.', { category: 'InvalidOperation', errorId: 'NullArray', exception: 'RuntimeException' });
      }
      default:
        break;
    }
    throw new PSError('The assignment expression is not valid. The input to an assignment operator must be an object that is able to accept assignments, such as a variable or a property.', {
      category: 'ParserError',
      errorId: 'InvalidLeftHandSide',
      exception: 'ParseException',
    });
  }

  // ---------- expressions ----------

  memberName(e: Expr): string {
    return e.kind === 'Literal' ? String(e.value) : toStr(this.evalExpr(e) ?? null);
  }

  cast(type: string, v: PSValue): PSValue {
    try {
      return castTo(type, v);
    } catch (e) {
      if (e instanceof ConversionError) {
        if (e.reason.startsWith('Unable to find type')) {
          throw new PSError(e.reason, { category: 'InvalidOperation', errorId: 'TypeNotFound', exception: 'RuntimeException' });
        }
        throw new PSError(e.message, { category: 'InvalidArgument', errorId: 'InvalidCastParseTargetInvocation', exception: 'RuntimeException' });
      }
      throw e;
    }
  }

  /** Evaluates an expression; `undefined` means "no output" (e.g. a void method call). */
  evalExpr(e: Expr): PSValue | undefined {
    switch (e.kind) {
      case 'Literal':
        return e.value;
      case 'Expandable':
        // expansion uses the invariant culture, as pwsh does: "$d" reads 08/14/2023 21:51:20
        return e.parts.map((p) => (typeof p === 'string' ? p : operandToString(this.evalExpr(p) ?? null))).join('');
      case 'Variable': {
        if (e.name === '?') return this.scope.get('?') ?? true;
        const v = this.scope.get(e.name === 'PSItem' || e.name.toLowerCase() === 'psitem' ? '_' : e.name);
        return v === undefined ? null : v;
      }
      case 'ArrayLiteral':
        return e.items.map((x) => this.evalExpr(x) ?? null);
      case 'ArrayExpr':
        return this.collect(e.statements);
      case 'SubExpr':
        return collapse(this.collect(e.statements));
      case 'Paren':
        return this.statementValue(e.statement);
      case 'Hashtable': {
        const h = new Hashtable();
        for (const entry of e.entries) h.set(this.evalExpr(entry.key) ?? null, this.statementValue(entry.value));
        return h;
      }
      case 'ScriptBlock':
        return this.makeScriptBlock(e.block);
      case 'Member': {
        if (e.isStatic) {
          const type = this.staticType(e.target);
          return invokeStatic(type, this.memberName(e.name), undefined, this.session.now);
        }
        const target = this.evalExpr(e.target) ?? null;
        const name = this.memberName(e.name);
        const v = getMember(target, name);
        // the intrinsic Count of PowerShell 3+: $null has 0 items, a string is one item
        if (v === undefined && name.toLowerCase() === 'count' && (target === null || typeof target === 'string')) return target === null ? 0 : 1;
        return v === undefined ? null : v;
      }
      case 'Invoke': {
        const args = e.args.map((a) => this.evalExpr(a) ?? null);
        if (e.isStatic) {
          const type = this.staticType(e.target);
          // [scriptblock]::Create('...') needs the parser, which the static-member table does not have.
          if (/^(system\.management\.automation\.)?scriptblock$/i.test(type) && this.memberName(e.name).toLowerCase() === 'create') {
            return this.makeScriptBlock(parseScript(toStr(args[0] ?? null)));
          }
          return invokeStatic(type, this.memberName(e.name), args, this.session.now);
        }
        const target = this.evalExpr(e.target) ?? null;
        return invokeMethod(target, this.memberName(e.name), args);
      }
      case 'Index':
        return this.index(this.evalExpr(e.target) ?? null, this.evalExpr(e.index) ?? null);
      case 'Unary':
        return this.unary(e);
      case 'Postfix': {
        const before = this.evalExpr(e.operand) ?? null;
        this.assign(e.operand, '=', ops.add(before ?? 0, e.op === '++' ? 1 : -1));
        return before;
      }
      case 'Binary':
        return this.binary(e);
      case 'Cast': {
        const t = e.type.toLowerCase();
        if (t === 'pscustomobject' || t === 'ordered' || t === 'psobject') {
          const v = this.evalExpr(e.operand) ?? null;
          if (v instanceof Hashtable) {
            if (t === 'ordered') {
              const h = new Hashtable(true);
              for (const [k, x] of v.entries()) h.set(k, x);
              return h;
            }
            return new PSObject(
              undefined,
              v.entries().map(([k, x]) => [toStr(k), x] as [string, PSValue]),
            );
          }
          if (t === 'ordered')
            throw new PSError('The ordered attribute can be specified only on a hash literal node.', {
              category: 'ParserError',
              errorId: 'OrderedAttributeOnlyOnHashLiteralNode',
              exception: 'ParseException',
            });
          return v;
        }
        if (t === 'void') {
          this.evalExpr(e.operand);
          return undefined;
        }
        return this.cast(e.type, this.evalExpr(e.operand) ?? null);
      }
      case 'TypeLiteral':
        return e.type;
    }
  }

  private staticType(target: Expr): string {
    if (target.kind === 'TypeLiteral') return target.type;
    const v = this.evalExpr(target);
    return toStr(v ?? null);
  }

  private index(target: PSValue, index: PSValue): PSValue {
    if (target === null) {
      throw new PSError('Cannot index into a null array.', { category: 'InvalidOperation', errorId: 'NullArray', exception: 'RuntimeException' });
    }
    if (target instanceof Hashtable) {
      if (Array.isArray(index)) return index.map((k) => target.get(k) ?? null);
      return target.get(index) ?? null;
    }
    if (target instanceof PSObject && typeof index === 'string') return target.get(index) ?? null;
    const list: PSValue[] | string = Array.isArray(target) ? target : typeof target === 'string' ? target : [target];
    const at = (i: PSValue): PSValue => {
      let n = toInt(i);
      if (n < 0) n += list.length;
      return n >= 0 && n < list.length ? list[n] : null;
    };
    if (Array.isArray(index)) return index.map(at);
    return at(index);
  }

  private unary(e: Extract<Expr, { kind: 'Unary' }>): PSValue {
    switch (e.op) {
      case '-not':
        return !toBool(this.evalExpr(e.operand) ?? null);
      case '-':
        return ops.multiply(-1, this.evalExpr(e.operand) ?? null);
      case '+':
        return ops.add(0, this.evalExpr(e.operand) ?? null);
      case '-bnot':
        return ~toInt(this.evalExpr(e.operand) ?? null);
      case '-join':
        return ops.join(this.evalExpr(e.operand) ?? null, undefined);
      case '-split':
        return ops.split(this.evalExpr(e.operand) ?? null, undefined, false);
      case '++':
      case '--': {
        const v = ops.add(this.evalExpr(e.operand) ?? 0, e.op === '++' ? 1 : -1);
        this.assign(e.operand, '=', v);
        return v;
      }
      default:
        throw new PSError(`Unknown operator ${e.op}`, { category: 'ParserError' });
    }
  }

  private binary(e: Extract<Expr, { kind: 'Binary' }>): PSValue {
    const op = e.op;
    if (op === '-and' || op === '-or' || op === '-xor') {
      const l = toBool(this.evalExpr(e.left) ?? null);
      return ops.logical(op, l, () => this.evalExpr(e.right) ?? null);
    }
    const l = this.evalExpr(e.left) ?? null;
    if (op === '-is' || op === '-isnot' || op === '-as') {
      const typeName = e.right.kind === 'TypeLiteral' ? e.right.type : toStr(this.evalExpr(e.right) ?? null);
      if (op === '-as') return ops.asType(l, typeName);
      const r = ops.isType(l, typeName);
      return op === '-is' ? r : !r;
    }
    const r = this.evalExpr(e.right) ?? null;
    switch (op) {
      case '+':
        return ops.add(l, r);
      case '-':
        return ops.subtract(l, r);
      case '*':
        return ops.multiply(l, r);
      case '/':
        return ops.divide(l, r);
      case '%':
        return ops.modulo(l, r);
      case '..':
        return ops.range(l, r);
      case '-f':
        return ops.format(l, r);
      case '-join':
        return ops.join(l, r);
      case '-band':
      case '-bor':
      case '-bxor':
      case '-shl':
      case '-shr':
        return ops.bitwise(op, l, r);
      default:
        break;
    }
    if (/^-[ci]?replace$/.test(op)) return ops.replace(l, r, op.startsWith('-c'));
    if (/^-[ci]?split$/.test(op)) return ops.split(l, r, op.startsWith('-c'));
    if (/^-[ci]?(not)?match$/.test(op) && !Array.isArray(l)) {
      // pwsh sets $Matches after a successful match of a scalar (and leaves it alone otherwise)
      const caseSensitive = op.startsWith('-c');
      const m = regexMatch(l, r, caseSensitive);
      if (m) this.scope.set('Matches', matchesTable(m, r, caseSensitive));
      return op.includes('not') ? !m : !!m;
    }
    return ops.compare(op, l, r);
  }

  // ---------- script blocks ----------

  /**
   * Wraps a script block AST as a value. Like PowerShell's, it is not a closure: variables
   * resolve in the scope that is current when it runs. Blocks without param() run in that scope
   * (as ForEach-Object's do), with `$_` saved and restored around the call.
   */
  makeScriptBlock(block: ScriptBlockAst): ScriptBlockValue {
    return new ScriptBlockValue(block.text, (dollarUnder, args) => this.invokeBlock(block, dollarUnder, args, !block.hasParamBlock), block);
  }

  invokeBlock(block: ScriptBlockAst, dollarUnder: PSValue | undefined, args: PSValue[], sameScope: boolean): PSValue[] {
    const savedScope = this.scope;
    const out: PSValue[] = [];
    if (!sameScope) this.scope = new Scope(savedScope, 'block');
    const scope = this.scope;
    const savedUnder = scope.get('_');
    const savedArgs = scope.get('args');
    try {
      if (dollarUnder !== undefined) scope.setLocal('_', dollarUnder);
      if (block.params.length) {
        const bound = bindFunctionArguments(
          'scriptblock',
          block.params,
          args.map((a) => ({ kind: 'positional', value: a }) as BoundArg),
          this,
        );
        for (const [name, value] of bound.values) scope.setLocal(name, value);
        scope.setLocal('args', bound.rest);
      } else if (!sameScope || args.length) {
        scope.setLocal('args', args);
      }
      const statements = [...(block.begin ?? []), ...(block.process ?? []), ...block.end];
      try {
        this.execStatements(statements, (v) => out.push(v));
      } catch (e) {
        if (e instanceof ReturnSignal) for (const v of e.value as PSValue[]) out.push(v);
        else throw e;
      }
    } finally {
      if (sameScope) {
        scope.setLocal('_', savedUnder ?? null);
        if (savedArgs !== undefined) scope.setLocal('args', savedArgs);
      }
      this.scope = savedScope;
    }
    return out;
  }

  /** Default values of declared parameters, evaluated in the new scope. */
  defaultValue(p: ParamDecl): PSValue {
    if (p.defaultValue) return this.evalExpr(p.defaultValue) ?? null;
    if (p.type?.toLowerCase() === 'switch') return false;
    return null;
  }
}

/**
 * Conversion failures inside expressions (`'abc' * 'x'`, `$a['q']`, `.AddDays('x')`) and the
 * engine's own limits (runaway recursion, huge strings) become error records, never a crash.
 */
function asPSError(e: unknown): unknown {
  if (e instanceof ConversionError) {
    return new PSError(e.message, { category: 'InvalidArgument', errorId: 'InvalidCastParseTargetInvocation', exception: 'RuntimeException' });
  }
  if (e instanceof RangeError) {
    if (isStackOverflow(e)) return callDepthOverflow();
    return new PSError(e.message, { category: 'InvalidOperation', errorId: 'RuntimeException', exception: 'RuntimeException' });
  }
  return e;
}

/** V8's "Maximum call stack size exceeded"; no regular expression here: near the stack limit it could overflow itself. */
function catchMatches(typeName: string, e: PSError): boolean {
  const t = typeName
    .toLowerCase()
    .replace(/^system\.management\.automation\./, '')
    .replace(/^system\./, '');
  const ex = e.exception.toLowerCase();
  if (t === 'exception' || t === 'runtimeexception' || t === 'management.automation.runtimeexception') return true;
  if (t === ex) return true;
  if (t === 'management.automation.parameterbindingexception' || t === 'parameterbindingexception') return ex.includes('parameterbinding');
  return ex.endsWith(t);
}

/** A command-line argument of a script: `-Name`, `-Name:value`, or a positional value. */
function scriptArgument(a: PSValue): BoundArg {
  if (typeof a === 'string') {
    const m = /^-([A-Za-z_][\w]*)(?::(.*))?$/s.exec(a);
    if (m) return m[2] === undefined ? { kind: 'named', name: m[1], text: a, hasValue: false } : { kind: 'named', name: m[1], text: a, hasValue: true, value: m[2] };
  }
  return { kind: 'positional', value: a };
}
