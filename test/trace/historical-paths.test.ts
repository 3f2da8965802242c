// Values read from the store never steer a path: a historical search's report is named by its
// JobId only when that is a GUID (checked on load and again by the path builder), and the
// reports folder is checked before any search is marked Done. Also: store nesting is bounded,
// so a hand-edited store can't make exosh overflow its stack when it writes the store back.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreError, TenantError } from '../../src/tenant/errors.js';
import { MAX_STORE_NESTING, validateTenant, type TenantData } from '../../src/tenant/schema.js';
import { emptyTenant } from '../../src/tenant/tenant.js';
import { historicalReportPath, prepareReportsFolder } from '../../src/tenant/trace/historical.js';

const FILE = '/x/t.json';
const JOB = '1c84a05c-a258-565d-a0ca-f9c1c78abc4d';
const root = mkdtempSync(join(tmpdir(), 'exosh-report-paths-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function tenantWithSearch(jobId: string): Record<string, any> {
  const data = structuredClone(emptyTenant('contoso.com', new Date('2023-08-15T00:00:00Z'))) as unknown as Record<string, any>;
  data.mail.historicalSearches = [
    {
      jobId,
      reportTitle: 'r',
      reportType: 'MessageTrace',
      submitDate: '2023-08-15T00:00:00Z',
      submittedBy: 'admin@contoso.com',
      startDate: '2023-08-01T00:00:00Z',
      endDate: '2023-08-15T00:00:00Z',
      senderAddress: ['a@contoso.com'],
      recipientAddress: [],
      messageId: [],
      notifyAddress: [],
      deliveryStatus: null,
      direction: null,
      originalClientIP: null,
      cancelledAt: null,
      completedAt: null,
      rows: null,
      fileRows: null,
    },
  ];
  return data;
}

function storeProblem(data: unknown): string {
  try {
    validateTenant(data, FILE);
  } catch (e) {
    expect(e).toBeInstanceOf(StoreError);
    return (e as Error).message;
  }
  return 'valid';
}

describe('a JobId must be a GUID', () => {
  it('the store validator refuses any other JobId, naming the field', () => {
    expect(storeProblem(tenantWithSearch(JOB))).toBe('valid');
    for (const bad of ['../../x', `${JOB}/../../x`, `${JOB}.csv`, '', 'x']) {
      expect(storeProblem(tenantWithSearch(bad))).toBe(`The tenant store '${FILE}' is not valid: $.mail.historicalSearches[0].jobId must be a GUID such as 1c84a05c-a258-565d-a0ca-f9c1c78abc4d.`);
    }
  });

  it('the report path builder refuses it again, and keeps every report inside the reports folder', () => {
    const store = join(root, 'a', 't.json');
    expect(historicalReportPath(store, JOB)).toBe(join(root, 'a', 't.json.reports', `${JOB}.csv`));
    expect(historicalReportPath('relative/t.json', JOB)).toBe(join(process.cwd(), 'relative', 't.json.reports', `${JOB}.csv`));
    for (const bad of ['../../x', `../${JOB}`, `${JOB}/..`, `/etc/${JOB}`, `${JOB}\0`]) {
      expect(() => historicalReportPath(store, bad)).toThrow(TenantError);
      expect(() => historicalReportPath(store, bad)).toThrow(`The historical search JobId '${bad}' isn't a GUID, so exosh won't use it to name a report file.`);
    }
  });
});

describe('prepareReportsFolder', () => {
  it('creates the folder', () => {
    const store = join(root, 'fresh', 't.json');
    mkdirSync(join(root, 'fresh'));
    prepareReportsFolder(store);
    expect(() => prepareReportsFolder(store)).not.toThrow();
  });

  it('refuses with a clear error when a file is in the way', () => {
    mkdirSync(join(root, 'blocked'));
    const store = join(root, 'blocked', 't.json');
    writeFileSync(`${store}.reports`, 'not a folder');
    let error: unknown;
    try {
      prepareReportsFolder(store);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TenantError);
    expect((error as TenantError).message).toBe(
      `The historical search reports can't be written to '${store}.reports': a file of that name is in the way. Nothing was changed; the searches are completed, and their reports written, by the first command that runs once the folder can be written.`,
    );
    expect((error as TenantError).errorCategory).toBe('WriteError');
  });
});

describe('store nesting', () => {
  const nest = (depth: number, make: (inner: unknown) => unknown) => {
    let v: unknown = 1;
    for (let i = 0; i < depth; i++) v = make(v);
    return v;
  };

  it(`accepts unknown fields up to ${MAX_STORE_NESTING} levels deep`, () => {
    const data = tenantWithSearch(JOB);
    data.x = nest(MAX_STORE_NESTING - 1, (v) => [v]); // the document itself is the first level
    expect(storeProblem(data)).toBe('valid');
  });

  it('refuses deeper JSON with a store error, without overflowing the stack (arrays and objects, at any place)', () => {
    const arrays = tenantWithSearch(JOB);
    arrays.x = nest(6000, (v) => [v]);
    expect(storeProblem(arrays)).toBe(`The tenant store '${FILE}' is not valid: $.x[0][0][0][0][0]… is nested more than ${MAX_STORE_NESTING} levels deep.`);
    const objects = tenantWithSearch(JOB);
    objects.mail.y = nest(100_000, (v) => ({ a: v }));
    expect(storeProblem(objects)).toBe(`The tenant store '${FILE}' is not valid: $.mail.y.a.a.a.a… is nested more than ${MAX_STORE_NESTING} levels deep.`);
    const inKnownField = tenantWithSearch(JOB) as TenantData & Record<string, any>;
    (inKnownField.mailboxes[0] as Record<string, unknown>).extra = nest(MAX_STORE_NESTING, (v) => [v]);
    expect(storeProblem(inKnownField)).toMatch(/is not valid: \$\.mailboxes\[0\]\.extra\[0\]\[0\]\[0\]… is nested more than/);
  });
});
