// scripts/generate.mjs (npm run gen): a large realistic store, deterministic for a seed, that
// loads (schema validation) and that the trace cmdlets query quickly through the index.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without type declarations
import { generate, memorySink, parseArgs } from '../../scripts/generate.mjs';
import { validateTenant, type TenantData } from '../../src/tenant/schema.js';
import { emptyTenant } from '../../src/tenant/tenant.js';
import { addressFilter } from '../../src/tenant/trace/match.js';
import { traceRows } from '../../src/tenant/trace/query.js';
import { indexBuildCount, traceIndex } from '../../src/tenant/trace/trace-index.js';
import { openShell, prop, removeTempDirs, tempDir } from './helpers.js';

afterAll(removeTempDirs);

interface Generated {
  data: TenantData;
  counts: { messages: number; traces: number; events: number };
}

function make(args: string[]): Generated {
  const options = parseArgs(args);
  return generate(options, memorySink(), emptyTenant(options.domain, new Date(options.now))) as Generated;
}

describe('npm run gen', () => {
  it('parses its options and refuses bad ones', () => {
    expect(parseArgs(['--messages', '10', '--recipients', '2', '--seed', 'x', '--out', 'a.json'])).toMatchObject({
      messages: 10,
      recipients: 2,
      seed: 'x',
      out: 'a.json',
      days: 10,
      domain: 'contoso.com',
    });
  });

  it('is deterministic for a seed, and differs between seeds', () => {
    const a = make(['--messages', '300', '--recipients', '3', '--seed', 's1']);
    const b = make(['--messages', '300', '--recipients', '3', '--seed', 's1']);
    const c = make(['--messages', '300', '--recipients', '3', '--seed', 's2']);
    expect(JSON.stringify(a.data)).toBe(JSON.stringify(b.data));
    expect(JSON.stringify(a.data.mail.traces)).not.toBe(JSON.stringify(c.data.mail.traces));
  });

  it('writes a valid store with many senders and domains, every status, the usual events and recalls', () => {
    const { data, counts } = make(['--messages', '3000', '--recipients', '3', '--users', '120']);
    expect(() => validateTenant(JSON.parse(JSON.stringify(data)), 'generated.json')).not.toThrow();
    const traces = data.mail.traces;
    expect(counts.traces).toBe(traces.length);
    expect(traces.length).toBeGreaterThanOrEqual(9000);
    expect(new Set(traces.map((t) => t.status))).toEqual(new Set(['Delivered', 'Failed', 'Pending', 'Expanded', 'Quarantined', 'FilteredAsSpam', 'GettingStatus']));
    const events = new Set(traces.flatMap((t) => t.events.map((e) => e.event)));
    for (const e of ['Receive', 'Deliver', 'Send', 'Fail', 'Defer', 'Expand', 'Drop', 'Transport rule', 'Quarantine']) expect(events).toContain(e);
    expect(new Set(traces.map((t) => t.senderAddress)).size).toBeGreaterThan(100);
    expect(new Set(traces.map((t) => t.recipientAddress.split('@')[1])).size).toBeGreaterThan(10);
    expect(data.mail.recalls.length).toBeGreaterThan(5);
    const drops = traces.filter((t) => t.events.some((e) => e.event === 'Drop'));
    expect(drops.every((t) => t.status === 'Failed' && t.subject.startsWith('Recall: '))).toBe(true);
    expect(new Set(drops.map((t) => /Result:(\w+)$/.exec(t.events.at(-1)!.detail)![1]))).toEqual(new Set(['Success', 'Failed']));
    const now = Date.parse('2023-08-15T09:00:00Z');
    expect(traces.every((t) => Date.parse(t.received) < now && Date.parse(t.received) >= now - 10 * 86_400_000)).toBe(true);
    expect(data.clock.pinned).toBe('2023-08-15T09:00:00Z');
  });

  it('makes 100,000 trace rows in seconds, and the indexed queries over them take milliseconds', () => {
    let t = performance.now();
    const { data } = make(['--messages', '25000', '--recipients', '4']);
    const generated = performance.now() - t;
    expect(data.mail.traces.length).toBeGreaterThanOrEqual(100_000);
    t = performance.now();
    traceIndex(data);
    const indexed = performance.now() - t;
    const window = { start: new Date('2023-08-05T00:00:00Z'), end: new Date('2023-08-15T09:00:00Z') };
    const sender = data.mail.traces[500].senderAddress;
    t = performance.now();
    const builds = indexBuildCount();
    let n = 0;
    for (let i = 0; i < 100; i++)
      for (const r of traceRows(data, { window, senders: addressFilter([sender], 'SenderAddress') })) {
        n += r.size > 0 ? 1 : 0;
      }
    const queried = (performance.now() - t) / 100;
    expect(indexBuildCount()).toBe(builds);
    expect(n).toBe(100 * data.mail.traces.filter((r) => r.senderAddress === sender).length);
    // a page of the newest 1000 rows of a domain reads ~1000 positions, not 100,000 rows
    t = performance.now();
    let page = 0;
    for (const _ of traceRows(data, { window, recipients: addressFilter(['*@fabrikam.com'], 'RecipientAddress') })) if (++page >= 1000) break;
    const paged = performance.now() - t;
    console.log(`generate 100k rows: ${generated.toFixed(0)} ms; index: ${indexed.toFixed(0)} ms; one sender: ${queried.toFixed(2)} ms; 1000 rows of a domain: ${paged.toFixed(1)} ms`);
    expect(generated).toBeLessThan(60_000);
    expect(indexed).toBeLessThan(5_000);
    expect(queried).toBeLessThan(50);
  }, 120_000);

  it('loads through the store and answers the cmdlets', () => {
    const { data } = make(['--messages', '2000', '--recipients', '3']);
    const path = join(tempDir(), 'gen.json');
    writeFileSync(path, JSON.stringify(data));
    const s = openShell(path, { now: new Date('2023-08-15T09:00:00Z') });
    const sender = data.mail.traces.find((t) => t.senderAddress.endsWith('@contoso.com') && Date.parse(t.received) > Date.parse('2023-08-13T09:00:00Z'))!.senderAddress;
    const r = s.ok(`Get-MessageTrace -SenderAddress ${sender}`);
    expect(r.output.length).toBe(data.mail.traces.filter((t) => t.senderAddress === sender && Date.parse(t.received) >= Date.parse('2023-08-13T09:00:00Z')).length);
    const drop = s.ok('Get-MessageTraceDetailJoined -StartDate 08/06/2023 -Event Drop').output;
    expect(drop.length).toBe(data.mail.traces.filter((t) => t.events.some((e) => e.event === 'Drop') && Date.parse(t.received) >= Date.parse('2023-08-06T00:00:00Z')).length);
    expect(prop(drop[0], 'SenderAddress')).toMatch(/@contoso\.com$/);
    s.dispose();
  });
});
