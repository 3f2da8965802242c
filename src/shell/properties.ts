// Property selection shared by Select-Object, Format-Table, Format-List and Sort-Object:
// names, wildcards (`*Recall*`) and calculated properties (`@{n='X'; e={ ... }}`).

import { PSError } from './errors.js';
import { getProperty, hasWildcard, propertyNames, wildcardToRegExp } from './members.js';
import { toStr } from './convert.js';
import { Hashtable, PSValue, ScriptBlockValue } from './values.js';

export interface SelectedProperty {
  label: string;
  get(obj: PSValue): PSValue;
  width?: number;
  align?: 'left' | 'right';
  /** True for a wildcard-free name: Select-Object adds it even where the object lacks it. */
  explicit: boolean;
}

const KEY_NAMES = ['name', 'label', 'expression', 'width', 'alignment', 'formatstring', 'ascending', 'descending'];

function keyKind(key: string, command: string): string {
  const k = key.toLowerCase();
  const matches = KEY_NAMES.filter((n) => n.startsWith(k));
  if (matches.length === 0 || k.length === 0) {
    throw new PSError(`The ${key} key is not valid.`, { category: 'InvalidArgument', errorId: `DictionaryKeyIllegal,${command}`, command });
  }
  // "n" is name, "l" label, "e" expression; ambiguity is impossible among these prefixes
  return matches[0];
}

/** Evaluates a calculated expression (script block or property name) against one object. */
export function evalExpression(expr: PSValue | undefined, obj: PSValue): PSValue {
  if (expr instanceof ScriptBlockValue) {
    const out = expr.invoke(obj, []);
    return out.length === 0 ? null : out.length === 1 ? out[0] : out;
  }
  const v = getProperty(obj, toStr(expr ?? null));
  return v === undefined ? null : v;
}

/**
 * Resolves property specs against the first object (wildcards expand against its properties).
 * `command` names the caller in error messages.
 */
export function resolveProperties(specs: PSValue[], sample: PSValue, command: string): SelectedProperty[] {
  const out: SelectedProperty[] = [];
  const seen = new Set<string>();
  const add = (p: SelectedProperty) => {
    const k = p.label.toLowerCase();
    if (seen.has(k)) return;
    seen.add(k);
    out.push(p);
  };
  for (const spec of specs) {
    if (spec instanceof Hashtable) {
      let label: string | undefined;
      let expression: PSValue | undefined;
      let width: number | undefined;
      let align: 'left' | 'right' | undefined;
      for (const [key, value] of spec.entries()) {
        switch (keyKind(toStr(key), command)) {
          case 'name':
          case 'label':
            label = toStr(value);
            break;
          case 'expression':
            expression = value;
            break;
          case 'width':
            width = Number(value);
            break;
          case 'alignment':
            align = toStr(value).toLowerCase() === 'right' ? 'right' : 'left';
            break;
          default:
            break;
        }
      }
      if (expression === undefined) {
        throw new PSError('A hash table must contain an Expression key: @{Name=...; Expression=...}.', { category: 'InvalidArgument', errorId: `ExpressionMissing,${command}`, command });
      }
      const lbl = label ?? (expression instanceof ScriptBlockValue ? expression.text.trim() : toStr(expression));
      add({ label: lbl, get: (o) => evalExpression(expression, o), width, align, explicit: true });
    } else if (spec instanceof ScriptBlockValue) {
      add({ label: spec.text.trim(), get: (o) => evalExpression(spec, o), explicit: true });
    } else {
      const name = toStr(spec);
      if (hasWildcard(name)) {
        const re = wildcardToRegExp(name);
        for (const p of propertyNames(sample)) {
          if (re.test(p)) add({ label: p, get: (o) => getProperty(o, p) ?? null, explicit: false });
        }
      } else {
        const actual = propertyNames(sample).find((p) => p.toLowerCase() === name.toLowerCase()) ?? name;
        add({ label: actual, get: (o) => getProperty(o, name) ?? null, explicit: true });
      }
    }
  }
  return out;
}
