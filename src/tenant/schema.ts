// The tenant store's schema (documented in docs/store.md) and its validation on load.
// Validation names the first field that is wrong, with its JSON path, so a hand-edited
// store can be fixed by a person.

import { StoreError } from './errors.js';
import { emptyMailData } from './mail/model.js';
import { GUID_PATTERN, PATTERN_TEXTS } from './schema/constants.js';
import type { TenantData } from './schema/definition.js';
import { createRequire } from 'node:module';

export const SCHEMA_VERSION = 1;

// The store's types are derived from its one schema, schema/definition.ts (type imports only:
// TypeBox is not loaded at run time).
export type {
  AcceptedDomain,
  DistributionGroup,
  InboxRule,
  MailContact,
  Mailbox,
  MailboxType,
  Organization,
  OrgSettingName,
  OrgSettings,
  Permission,
  RoleGroup,
  SettingChange,
  TenantData,
} from './schema/definition.js';

export type TriState = boolean | null;

export { ORG_SETTING_NAMES } from './schema/constants.js';

// ---------- validation ----------

function fail(file: string, path: string, what: string): never {
  throw new StoreError(`The tenant store '${file}' is not valid: ${path} ${what}.`, 'InvalidData', 'InvalidStore');
}

const GUID = new RegExp(GUID_PATTERN);

export function isGuid(value: string): boolean {
  return GUID.test(value);
}

/**
 * How deep a store's JSON may nest. The schema needs about six levels; unknown fields are kept
 * as they are, but a value nested thousands of levels deep can't be written back
 * (JSON.stringify runs out of stack), so such a store is refused on load instead.
 */
export const MAX_STORE_NESTING = 100;

/** The JSON Schema subset TypeBox writes for definition.ts. */
interface JsonSchema {
  type?: JsonType | JsonType[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  patternProperties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  enum?: string[];
  pattern?: string;
}
type JsonType = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

/** ajv's validator, compiled from definition.ts at build time, with the schema as JSON. */
type CompiledValidator = ((data: unknown) => boolean) & { schema: JsonSchema };
let compiled: CompiledValidator | undefined;

/**
 * The compiled validator, loaded the first time a store is validated (require is synchronous,
 * and a CommonJS module outside the bundle is not even parsed by commands that open no store).
 * Next to this module: src/tenant/schema/ when run from source, dist/schema/ in the bundle.
 */
function compiledValidator(): CompiledValidator {
  compiled ??= createRequire(import.meta.url)('./schema/validate.cjs') as CompiledValidator;
  return compiled;
}

/** Throws a StoreError naming the first invalid field. */
export function validateTenant(data: unknown, file: string): asserts data is TenantData {
  // The validator compiled from the schema at build time answers yes or no, fast; only a
  // store that fails is walked again, to name its first bad field.
  const validate = compiledValidator();
  if (!validate(data)) {
    const problem = firstProblem(validate.schema, data, '$');
    if (problem) fail(file, problem[0], problem[1]);
    fail(file, '$', 'does not match the schema');
  }
  checkNesting(data, file);
}

const patterns = new Map<string, RegExp>();
const regex = (pattern: string) => patterns.get(pattern) ?? patterns.set(pattern, new RegExp(pattern)).get(pattern)!;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The first field of `value` that does not fit `schema`, as [JSON path, what it must be]:
 * fields in the order the schema declares them, depth first, a missing field where it would
 * be. It reads the same JSON Schema the validator was compiled from (the subset TypeBox
 * writes for definition.ts), so the two cannot disagree on what is valid.
 */
function firstProblem(schema: JsonSchema, value: unknown, path: string): [string, string] | undefined {
  const choices = alternatives(schema);
  if (choices) return choices.some((s) => !firstProblem(s, value, path)) ? undefined : [path, mustBe(schema)];
  switch (schema.type) {
    case 'string':
      if (typeof value !== 'string' || (schema.pattern !== undefined && !regex(schema.pattern).test(value)) || (schema.enum && !schema.enum.includes(value))) return [path, mustBe(schema)];
      return undefined;
    case 'number':
      return typeof value === 'number' && isFinite(value) ? undefined : [path, mustBe(schema)];
    case 'boolean':
      return typeof value === 'boolean' ? undefined : [path, mustBe(schema)];
    case 'null':
      return value === null ? undefined : [path, mustBe(schema)];
    case 'array':
      if (!Array.isArray(value)) return [path, mustBe(schema)];
      for (let i = 0; i < value.length; i++) {
        const problem = firstProblem(schema.items!, value[i], `${path}[${i}]`);
        if (problem) return problem;
      }
      return undefined;
    case 'object': {
      if (!isObject(value)) return [path, mustBe(schema)];
      for (const [key, field] of Object.entries(schema.properties ?? {})) {
        if (!Object.prototype.hasOwnProperty.call(value, key)) {
          if (schema.required?.includes(key)) return [`${path}.${key}`, 'is missing'];
          continue;
        }
        const problem = firstProblem(field, value[key], `${path}.${key}`);
        if (problem) return problem;
      }
      for (const [pattern, field] of Object.entries(schema.patternProperties ?? {})) {
        for (const key of Object.keys(value)) {
          if (!regex(pattern).test(key)) continue;
          const problem = firstProblem(field, value[key], `${path}.${key}`);
          if (problem) return problem;
        }
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** The schemas a value may fit one of (a union, or a list of types), or undefined. */
function alternatives(schema: JsonSchema): JsonSchema[] | undefined {
  if (Array.isArray(schema.type)) return schema.type.map((type) => ({ ...schema, type }));
  return schema.anyOf;
}

/** What a value must be to fit `schema`, as exosh words it ("must be a string"). */
function mustBe(schema: JsonSchema): string {
  const choices = alternatives(schema);
  if (choices) {
    const kinds = choices.filter((s) => s.type !== 'null');
    const nullable = kinds.length < choices.length;
    // A nullable value is worded as its type: "must be a string", an ISO date, ...
    if (kinds.length === 1 && kinds[0].type !== 'boolean') return mustBe(kinds[0]);
    const words = kinds.map((s) => (s.type === 'boolean' ? 'true, false' : mustBe(s).replace(/^must be /, '')));
    if (nullable) words.push('null');
    return `must be ${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
  }
  if (schema.enum) return `must be one of ${schema.enum.join(', ')}`;
  if (schema.pattern !== undefined && PATTERN_TEXTS[schema.pattern]) return PATTERN_TEXTS[schema.pattern];
  switch (schema.type) {
    case 'string':
      return 'must be a string';
    case 'number':
      return 'must be a number';
    case 'boolean':
      return 'must be true or false';
    case 'null':
      return 'must be null';
    case 'array':
      return 'must be an array';
    default:
      return 'must be an object';
  }
}

/**
 * Throws a StoreError if the document nests deeper than MAX_STORE_NESTING. It walks with an
 * explicit stack, not recursion, since the documents it is there to refuse are deeper than the
 * call stack.
 */
function checkNesting(data: unknown, file: string): void {
  const values: unknown[] = [data];
  const depths: number[] = [1];
  const visit = (child: unknown, depth: number) => {
    if (typeof child === 'object' && child !== null) {
      values.push(child);
      depths.push(depth + 1);
    }
  };
  // Index and for-in loops: a large store has hundreds of thousands of objects, and this
  // walk should cost little next to JSON.parse.
  while (values.length) {
    const value = values.pop() as Record<string, unknown>;
    const depth = depths.pop()!;
    if (depth > MAX_STORE_NESTING) fail(file, tooDeepPath(data), `is nested more than ${MAX_STORE_NESTING} levels deep`);
    if (Array.isArray(value)) for (let i = 0; i < value.length; i++) visit(value[i], depth);
    else for (const key in value) visit(value[key], depth);
  }
}

/** The JSON path down to the first value nested too deep, cut short after a few steps. */
function tooDeepPath(data: unknown): string {
  const shown = 6;
  const walk: { value: unknown; steps: string[] }[] = [{ value: data, steps: [] }];
  while (walk.length) {
    const { value, steps } = walk.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (steps.length >= MAX_STORE_NESTING) return '$' + steps.slice(0, shown).join('') + '…';
    for (const [key, child] of Object.entries(value)) {
      walk.push({ value: child, steps: [...steps, Array.isArray(value) ? `[${key}]` : `.${key}`] });
    }
  }
  return '$';
}

/** Migrations from older schema versions, each taking version N to N+1. */
export const MIGRATIONS: Record<number, (data: Record<string, unknown>) => void> = {
  // 0 → 1: the pre-release layout had no contacts or inbox rules collections.
  0: (data) => {
    data.contacts ??= [];
    data.inboxRules ??= [];
    data.mail ??= emptyMailData();
    data.schemaVersion = 1;
  },
};
