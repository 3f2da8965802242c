// The tenant store in-process: transactions, atomic writes, validation and corruption
// messages, migration with a backup, and lock handling.

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/tenant/errors.js';
import { SCHEMA_VERSION } from '../../src/tenant/schema.js';
import { jsonErrorOffset, serialize, TenantStore } from '../../src/tenant/store.js';
import { emptyTenant } from '../../src/tenant/tenant.js';

const T0 = new Date('2023-08-15T00:00:00Z');
let dir: string;
let path: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'exosh-store-unit-'));
  path = join(dir, 't.json');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function created(): string {
  TenantStore.create(path, emptyTenant('contoso.com', T0));
  return readFileSync(path, 'utf8');
}

function setOld(p: string, secondsAgo = 3600): number {
  const t = new Date(Date.now() - secondsAgo * 1000);
  utimesSync(p, t, t);
  return statSync(p).mtimeMs;
}

function storeError(f: () => unknown): StoreError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(StoreError);
    return e as StoreError;
  }
  throw new Error('expected a StoreError');
}

describe('TenantStore.create', () => {
  it('writes the serialized tenant and refuses to overwrite', () => {
    const text = created();
    expect(text).toBe(serialize(emptyTenant('contoso.com', T0)));
    expect(text.endsWith('}\n')).toBe(true);
    const e = storeError(() => TenantStore.create(path, emptyTenant('fabrikam.com', T0)));
    expect(e.errorId).toBe('StoreExists');
    expect(e.message).toContain(path);
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  it('creates missing parent directories', () => {
    const deep = join(dir, 'a', 'b', 't.json');
    TenantStore.create(deep, emptyTenant('contoso.com', T0));
    expect(JSON.parse(readFileSync(deep, 'utf8')).schemaVersion).toBe(SCHEMA_VERSION);
  });
});

describe('transactions', () => {
  it('locks on first use and releases at commit', () => {
    created();
    const store = new TenantStore(path);
    expect(store.isLoaded).toBe(false);
    expect(existsSync(`${path}.lock`)).toBe(false);
    const a = store.data();
    expect(store.data()).toBe(a);
    expect(store.isLoaded).toBe(true);
    expect(existsSync(`${path}.lock`)).toBe(true);
    store.commit();
    expect(store.isLoaded).toBe(false);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('commit writes a changed tenant atomically, leaving no temporary file', () => {
    created();
    const store = new TenantStore(path);
    store.data().organization.displayName = 'Changed';
    store.touch();
    store.commit();
    const text = readFileSync(path, 'utf8');
    expect(JSON.parse(text).organization.displayName).toBe('Changed');
    expect(text).toBe(serialize(JSON.parse(text)));
    expect(readdirSync(dir)).toEqual(['t.json']);
  });

  it('commit without touch does not write, even if the data was modified', () => {
    const before = created();
    const mtime = setOld(path);
    const store = new TenantStore(path);
    store.data().organization.displayName = 'Changed';
    store.commit();
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(statSync(path).mtimeMs).toBe(mtime);
  });

  it('commit of a touched but unchanged tenant does not rewrite the file', () => {
    created();
    const mtime = setOld(path);
    const store = new TenantStore(path);
    store.data();
    store.touch();
    store.commit();
    expect(statSync(path).mtimeMs).toBe(mtime);
  });

  it('rollback drops changes and the next unit of work reads the file again', () => {
    const before = created();
    const store = new TenantStore(path);
    store.data().organization.displayName = 'Changed';
    store.touch();
    store.rollback();
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(existsSync(`${path}.lock`)).toBe(false);
    expect(store.data().organization.displayName).toBe('contoso');
    store.rollback();
  });

  it('takes over a stale lock left by a dead process', () => {
    created();
    mkdirSync(`${path}.lock`);
    setOld(`${path}.lock`, 120);
    const store = new TenantStore(path);
    store.data().organization.displayName = 'After crash';
    store.touch();
    store.commit();
    expect(JSON.parse(readFileSync(path, 'utf8')).organization.displayName).toBe('After crash');
    expect(existsSync(`${path}.lock`)).toBe(false);
  });
});

describe('refusing bad stores', () => {
  it('a missing store names the file and the exosh init command', () => {
    const store = new TenantStore(path);
    expect(store.exists()).toBe(false);
    const e = storeError(() => store.data());
    expect(e.errorId).toBe('StoreNotFound');
    expect(e.message).toBe(`The tenant store '${path}' does not exist. Create it with: exosh init ${path} [--sample contoso] [--domain fabrikam.com]`);
  });

  it('invalid JSON: names the file, line and column; file untouched; lock released', () => {
    const good = created();
    const lines = good.split('\n');
    const at = lines.findIndex((l) => l.includes('"displayName": "contoso"'));
    lines[at] = lines[at].replace('"contoso"', '"contoso" oops');
    const bad = lines.join('\n');
    writeFileSync(path, bad);
    const e = storeError(() => new TenantStore(path).data());
    expect(e.errorId).toBe('CorruptStore');
    const col = lines[at].indexOf('oops') + 1;
    expect(e.message).toContain(`The tenant store '${path}' is corrupt: it is not valid JSON at line ${at + 1}, column ${col} (position ${bad.indexOf('oops')})`);
    expect(e.message).toContain('exosh init');
    expect(readFileSync(path, 'utf8')).toBe(bad);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('an unexpected token (which V8 reports without a position) still gets one', () => {
    const good = created();
    const bad = good.replace('"MessageRecallEnabled": null', '"MessageRecallEnabled": nul');
    writeFileSync(path, bad);
    const e = storeError(() => new TenantStore(path).data());
    const pos = bad.indexOf('nul,') + 3;
    const before = bad.slice(0, pos);
    expect(e.message).toContain(`at line ${before.split('\n').length}, column ${pos - before.lastIndexOf('\n')} (position ${pos}): Unexpected token ','`);
    expect(e.message).not.toContain('is not valid JSON.'); // not V8's whole-snippet text
  });

  it('a truncated store is reported as truncated at its end', () => {
    const good = created();
    const cut = good.slice(0, 400);
    writeFileSync(path, cut);
    const e = storeError(() => new TenantStore(path).data());
    const lines = cut.split('\n');
    expect(e.message).toContain(`line ${lines.length}, column ${lines[lines.length - 1].length + 1} (position 400)`);
    expect(e.message).toContain('truncated');
    expect(readFileSync(path, 'utf8')).toBe(cut);
  });

  it('an empty file is refused', () => {
    writeFileSync(path, '');
    const e = storeError(() => new TenantStore(path).data());
    expect(e.errorId).toBe('CorruptStore');
    expect(e.message).toContain(path);
  });

  it('a wrong field type names the JSON path', () => {
    const data = JSON.parse(created());
    data.mailboxes[0].alias = 5;
    const text = JSON.stringify(data, null, 2);
    writeFileSync(path, text);
    const e = storeError(() => new TenantStore(path).data());
    expect(e.errorId).toBe('InvalidStore');
    expect(e.message).toBe(`The tenant store '${path}' is not valid: $.mailboxes[0].alias must be a string.`);
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('a store without schemaVersion is refused', () => {
    writeFileSync(path, '{"organization": {}}');
    expect(storeError(() => new TenantStore(path).data()).message).toContain('$.schemaVersion is missing');
    writeFileSync(path, '[]');
    expect(storeError(() => new TenantStore(path).data()).message).toContain('$.schemaVersion is missing');
  });

  it('a newer schema version is refused, file untouched', () => {
    const data = JSON.parse(created());
    data.schemaVersion = 99;
    const text = serialize(data);
    writeFileSync(path, text);
    const e = storeError(() => new TenantStore(path).data());
    expect(e.errorId).toBe('NewerStoreSchema');
    expect(e.message).toContain('schema version 99');
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(existsSync(`${path}.v99.bak`)).toBe(false);
  });
});

describe('migration from schema version 0', () => {
  function v0(): { original: unknown; text: string } {
    const original = JSON.parse(created());
    const old = structuredClone(original);
    old.schemaVersion = 0;
    delete old.contacts;
    delete old.inboxRules;
    delete old.mail; // added to version 1 after the fact; the 0 → 1 step supplies it when missing
    const text = JSON.stringify(old, null, 2);
    writeFileSync(path, text);
    return { original, text };
  }

  it('backs the file up, migrates, and writes the new layout at commit', () => {
    const { original, text } = v0();
    const store = new TenantStore(path);
    expect(store.data()).toEqual(original);
    expect(readFileSync(`${path}.v0.bak`, 'utf8')).toBe(text);
    store.commit();
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(original);
    expect(readFileSync(`${path}.v0.bak`, 'utf8')).toBe(text);
  });

  it('a rolled-back unit of work leaves the old file (and keeps the backup)', () => {
    const { text } = v0();
    const store = new TenantStore(path);
    store.data();
    store.rollback();
    expect(readFileSync(path, 'utf8')).toBe(text);
    expect(readFileSync(`${path}.v0.bak`, 'utf8')).toBe(text);
  });

  it('an existing backup is not overwritten', () => {
    v0();
    writeFileSync(`${path}.v0.bak`, 'older backup');
    const store = new TenantStore(path);
    store.data();
    store.commit();
    expect(readFileSync(`${path}.v0.bak`, 'utf8')).toBe('older backup');
  });
});

describe('jsonErrorOffset', () => {
  it('is -1 for valid JSON and the offending offset otherwise', () => {
    expect(jsonErrorOffset('{"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"]}')).toBe(-1);
    expect(jsonErrorOffset('  "s"  ')).toBe(-1);
    expect(jsonErrorOffset('{"a": 1,')).toBe(8);
    expect(jsonErrorOffset('{"a": tru}')).toBe(9);
    expect(jsonErrorOffset('[1,]')).toBe(3);
    expect(jsonErrorOffset('{"a":1} x')).toBe(8);
    expect(jsonErrorOffset('{a:1}')).toBe(1);
    expect(jsonErrorOffset('"a\u0001"')).toBe(2);
    expect(jsonErrorOffset('"\\x"')).toBe(2);
    expect(jsonErrorOffset('01')).toBe(1);
    expect(jsonErrorOffset('')).toBe(0);
  });

  it('agrees with JSON.parse on validity, and every strict prefix of an object fails at its end', () => {
    const doc = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.boolean(), fc.constant(null), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string(), tie('array'), tie('object')),
      array: fc.array(tie('value'), { maxLength: 4 }),
      object: fc.dictionary(fc.string(), tie('value'), { maxKeys: 4 }),
    }));
    fc.assert(
      fc.property(doc.object, fc.nat(), fc.boolean(), (obj, cut, pretty) => {
        const text = JSON.stringify(obj, null, pretty ? 2 : undefined);
        expect(jsonErrorOffset(text)).toBe(-1);
        const n = cut % text.length;
        expect(jsonErrorOffset(text.slice(0, n))).toBe(n);
      }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        let valid = true;
        try {
          JSON.parse(s);
        } catch {
          valid = false;
        }
        expect(jsonErrorOffset(s) === -1).toBe(valid);
      }),
      { numRuns: 500 },
    );
  });
});
