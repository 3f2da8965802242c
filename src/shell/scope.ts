// Variable scopes with PowerShell's dynamic scoping: reads walk up to the global scope,
// writes go to the current scope unless qualified (`$script:x`, `$global:x`).

import { PSError } from './errors.js';
import type { PSValue } from './values.js';

const CONSTANTS: Record<string, PSValue> = { true: true, false: false, null: null };

export class Scope {
  private readonly vars = new Map<string, { name: string; value: PSValue }>();

  constructor(
    readonly parent?: Scope,
    readonly kind: 'global' | 'script' | 'function' | 'block' = 'block',
  ) {}

  private find(key: string): Scope | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) if (s.vars.has(key)) return s;
    return undefined;
  }

  private qualified(name: string): { scope: Scope; key: string } | undefined {
    const m = /^(global|script|local|private|variable):(.+)$/i.exec(name);
    if (!m) return undefined;
    const which = m[1].toLowerCase();
    let scope: Scope = this;
    if (which === 'global') while (scope.parent) scope = scope.parent;
    if (which === 'script') {
      let s: Scope | undefined = this;
      while (s && s.kind !== 'script' && s.kind !== 'global') s = s.parent;
      scope = s ?? this;
    }
    return { scope, key: m[2] };
  }

  get(name: string): PSValue | undefined {
    const q = this.qualified(name);
    if (q) return which(q.scope, q.key);
    const key = name.toLowerCase();
    if (key in CONSTANTS) return CONSTANTS[key];
    if (key.startsWith('env:')) return process.env[name.slice(4)] ?? null;
    return this.find(key)?.vars.get(key)?.value;

    function which(scope: Scope, k: string): PSValue | undefined {
      return scope.get(k);
    }
  }

  set(name: string, value: PSValue): void {
    const q = this.qualified(name);
    if (q) {
      q.scope.setLocal(q.key, value);
      return;
    }
    const key = name.toLowerCase();
    if (key === 'null') return; // `$null = ...` discards
    if (key === 'true' || key === 'false') {
      throw new PSError(`Cannot overwrite variable ${name} because it is read-only or constant.`, {
        category: 'WriteError',
        errorId: 'VariableNotWritable',
        exception: 'SessionStateUnauthorizedAccessException',
      });
    }
    if (key.startsWith('env:')) {
      if (value === null || value === '') delete process.env[name.slice(4)];
      else process.env[name.slice(4)] = String(value);
      return;
    }
    this.setLocal(name, value);
  }

  setLocal(name: string, value: PSValue): void {
    const key = name.toLowerCase();
    const existing = this.vars.get(key);
    if (existing) existing.value = value;
    else this.vars.set(key, { name, value });
  }

  /** Sets where the variable already lives (used by `$x++` and compound assignment semantics). */
  has(name: string): boolean {
    return this.find(name.toLowerCase()) !== undefined;
  }

  remove(name: string): void {
    this.find(name.toLowerCase())?.vars.delete(name.toLowerCase());
  }

  names(): string[] {
    const seen = new Map<string, string>();
    for (let s: Scope | undefined = this; s; s = s.parent) for (const [k, v] of s.vars) if (!seen.has(k)) seen.set(k, v.name);
    return [...seen.values()];
  }
}
