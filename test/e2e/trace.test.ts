// End-to-end: the recall document's three message trace commands, verbatim, as samples/trace-*.ps1
// run by `node bin/exosh` on (a copy of) the contoso sample tenant with the clock pinned where
// the documents' examples happen; golden output. Then the join cmdlet against the script's
// CSV, Get-MessageTraceV2's continuation across processes, and `npm run gen`.

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, type Run } from '../helpers/exosh-process.js';
import { SENDER_TRACE_TABLE } from '../trace/helpers.js';

const NOW = '2023-08-15T09:00:00Z';
const RECALL_ID = '<SN6PRDAMB2711030E0708A38AEA3029F26B96E@SN6PRDAMB27110.namprd01.prod.outlook.com>';

let tmp: string;
let work: string;
let store: string;

function exosh(args: string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: work,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: join(tmp, 'home'), LANG: 'C.UTF-8', EXOSH_NOW: NOW, ...env },
    input: '',
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const sample = (name: string) => join(ROOT, 'samples', name);

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist', 'exosh.mjs'))) throw new Error('exosh is not built: run `npm run build` before these tests');
  tmp = mkdtempSync(join(tmpdir(), 'exosh-e2e-trace-'));
  work = join(tmp, 'work');
  mkdirSync(work, { recursive: true });
  mkdirSync(join(tmp, 'home'), { recursive: true });
  store = join(tmp, 'contoso.json');
  if (existsSync(sample('contoso.json'))) copyFileSync(sample('contoso.json'), store);
  else {
    // @ts-expect-error: a plain ES module script without type declarations
    const { buildSample } = await import('../../scripts/make-sample.mjs');
    writeFileSync(store, buildSample('contoso'));
  }
}, 120_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const DROP_ENTRY = (result: string) =>
  [
    'Organization     : contoso.onmicrosoft.com',
    `MessageId        : ${RECALL_ID}`,
    'MessageTraceId   : 6301e59d-79e7-5ea2-a83a-e1b6c518f3ea',
    'Date             : 8/14/2023 9:51:20 PM',
    'Event            : Drop',
    'Action           : ',
    'Detail           : Reason: [Stage: OnPromotedEvent][Agent: Transport Message Recall Agent];Message recall process ',
    `                   complete, dropping the recall email. Result:${result}`,
    'Data             : <root><MEP Name="AgentName" String="Transport Message Recall Agent"/><MEP Name="Stage" ',
    '                   String="OnPromotedEvent"/></root>',
    'SenderAddress    : ',
    'RecipientAddress : ',
    'StartDate        : 8/13/2023 9:00:00 AM',
    'EndDate          : 8/15/2023 9:00:00 AM',
    'Index            : 0',
    '',
  ].join('\n');

const CSV_HEADER = '"Organization","MessageId","MessageTraceId","Date","Event","Action","Detail","Data","SenderAddress","RecipientAddress"';
const CSV_ROWS = ['recipient1@contoso.com', 'recipient2@contoso.com', 'recipient3@contoso.com'].flatMap((r, i) => [
  `"contoso.onmicrosoft.com","${RECALL_ID}","6301e59d-79e7-5ea2-a83a-e1b6c518f3ea","8/14/2023 9:51:20 PM","Receive",,"Message received by: SN6PRDAMB27110.namprd01.prod.outlook.com","<root><MEP Name=""ClientSubmitTime"" String=""2023-08-14T21:51:20Z""/><MEP Name=""ReturnPath"" String=""user@contoso.com""/></root>","user@contoso.com","${r}"`,
  `"contoso.onmicrosoft.com","${RECALL_ID}","6301e59d-79e7-5ea2-a83a-e1b6c518f3ea","8/14/2023 9:51:20 PM","Drop",,"Reason: [Stage: OnPromotedEvent][Agent: Transport Message Recall Agent];Message recall process complete, dropping the recall email. Result:${i === 1 ? 'Failed' : 'Success'}","<root><MEP Name=""AgentName"" String=""Transport Message Recall Agent""/><MEP Name=""Stage"" String=""OnPromotedEvent""/></root>","user@contoso.com","${r}"`,
]);

describe("the recall document's message trace commands, verbatim (samples/trace-*.ps1)", () => {
  it('Get-MessageTrace -SenderAddress user@contoso.com lists the recall rows, Status Failed', () => {
    const r = exosh(['--store', store, '--now', NOW, sample('trace-sender.ps1')]);
    expect(r).toEqual({
      code: 0,
      stderr: '',
      stdout: SENDER_TRACE_TABLE,
    });
  });

  it("... | Get-MessageTraceDetail -Event Drop | fl shows the Drop event and the recall's Result", () => {
    const r = exosh(['--store', store, '--now', NOW, sample('trace-recall-drop.ps1')]);
    expect(r).toEqual({ code: 0, stderr: '', stdout: '\n' + [DROP_ENTRY('Success'), DROP_ENTRY('Failed'), DROP_ENTRY('Success')].join('\n') + '\n' });
    // on a console wide enough, the document's three lines appear whole
    const wide = exosh(['--store', store, sample('trace-recall-drop.ps1')], { COLUMNS: '250' });
    expect(wide.stdout).toContain(
      [
        'Event            : Drop',
        'Action           : ',
        'Detail           : Reason: [Stage: OnPromotedEvent][Agent: Transport Message Recall Agent];Message recall process complete, dropping the recall email. Result:Success',
      ].join('\n'),
    );
  });

  it('the three-statement script writes the joined CSV, and run again appends without a second header', () => {
    const dir = join(work, 'join');
    mkdirSync(dir, { recursive: true });
    const run = () =>
      spawnSync(process.execPath, [BIN, '--store', store, '--now', NOW, sample('trace-join.ps1')], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: join(tmp, 'home') } });
    const first = run();
    expect({ code: first.status, stdout: first.stdout, stderr: first.stderr }).toEqual({ code: 0, stdout: '', stderr: '' });
    const csv = join(dir, 'msgtraceBrid.csv');
    expect(readFileSync(csv, 'utf8')).toBe([CSV_HEADER, ...CSV_ROWS, ''].join('\n'));
    const second = run();
    expect(second.status).toBe(0);
    expect(readFileSync(csv, 'utf8')).toBe([CSV_HEADER, ...CSV_ROWS, ...CSV_ROWS, ''].join('\n'));
  });

  it('leaves the store as it was (reading the sample changes nothing)', () => {
    const before = readFileSync(store, 'utf8');
    exosh(['--store', store, '--now', NOW, sample('trace-sender.ps1')]);
    exosh(['--store', store, '--now', NOW, sample('trace-recall-drop.ps1')]);
    expect(readFileSync(store, 'utf8')).toBe(before);
  });
});

describe('Get-MessageTraceDetailJoined', () => {
  it("exports the document's joined CSV in one pipeline", () => {
    const dir = join(work, 'joined');
    mkdirSync(dir, { recursive: true });
    const r = spawnSync(
      process.execPath,
      [
        BIN,
        '--store',
        store,
        '--now',
        NOW,
        '-c',
        `Get-MessageTraceDetailJoined -MessageId "${RECALL_ID}" -StartDate 08/14/2023 -EndDate 08/15/2023 | Export-Csv msgtraceBrid.csv -Append -NoTypeInformation`,
      ],
      { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: join(tmp, 'home') } },
    );
    expect(r.status).toBe(0);
    expect(readFileSync(join(dir, 'msgtraceBrid.csv'), 'utf8')).toBe([CSV_HEADER, ...CSV_ROWS, ''].join('\n'));
  });
});

describe('Get-MessageTraceV2 across processes', () => {
  it("the warning's command, run as is, returns the next rows", () => {
    const seen: string[] = [];
    let command = 'Get-MessageTraceV2 -StartDate 08/06/2023 -EndDate "08/15/2023 09:00" -ResultSize 6';
    for (let i = 0; i < 10; i++) {
      const r = exosh(['--store', store, '--output', 'csv', '-c', `${command} | Select-Object Received, RecipientAddress, MessageTraceId`]);
      expect(r.code).toBe(0);
      seen.push(...r.stdout.trim().split('\n').slice(1));
      const m = /^WARNING: There are more results, use the following command to get more\. (Get-MessageTraceV2 .*)$/m.exec(r.stderr);
      if (!m) {
        expect(r.stderr).toBe('');
        break;
      }
      command = m[1];
    }
    const all = exosh(['--store', store, '--output', 'csv', '-c', 'Get-MessageTraceV2 -StartDate 08/06/2023 -EndDate "08/15/2023 09:00" | Select-Object Received, RecipientAddress, MessageTraceId']);
    expect(seen).toEqual(all.stdout.trim().split('\n').slice(1));
    expect(seen).toHaveLength(19);
  });
});

describe('npm run gen', () => {
  it('writes the same bytes for the same seed, and a store exosh reads', () => {
    const gen = (out: string, seed: string) =>
      spawnSync(process.execPath, [join(ROOT, 'scripts', 'generate.mjs'), '--messages', '2000', '--recipients', '3', '--seed', seed, '--out', out], { cwd: work, encoding: 'utf8' });
    const a = join(work, 'gen-a.json'),
      b = join(work, 'gen-b.json'),
      c = join(work, 'gen-c.json');
    for (const [path, seed] of [
      [a, 'one'],
      [b, 'one'],
      [c, 'two'],
    ]) {
      const r = gen(path, seed);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/^wrote .*: \d+ messages, \d+ trace rows, \d+ events, \d+ recalls, \d+ mailboxes; clock pinned at 2023-08-15T09:00:00Z \(\d+ ms\)\n$/);
    }
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
    expect(readFileSync(a, 'utf8')).not.toBe(readFileSync(c, 'utf8'));
    expect(gen(a, 'one').stderr).toMatch(/exists; pass --force to replace it/);
    const data = JSON.parse(readFileSync(a, 'utf8'));
    const r = exosh(['--store', a, '-c', '(Get-MessageTraceV2 -ResultSize 5000 -StartDate 08/06/2023 -EndDate "08/15/2023 09:00" | Measure-Object).Count']);
    const expected = data.mail.traces.filter((t: { received: string }) => Date.parse(t.received) >= Date.parse('2023-08-06T00:00:00Z')).length;
    expect(expected).toBeGreaterThan(5000);
    expect(Number(r.stdout.trim())).toBeLessThanOrEqual(5000);
    expect(Number(r.stdout.trim())).toBeGreaterThan(4990);
    expect(r.stderr).toMatch(
      /^WARNING: There are more results, use the following command to get more\. Get-MessageTraceV2 -StartDate "2023-08-06T00:00:00.0000000Z" -EndDate "[^"]+" -StartingRecipientAddress "[^"]+" -ResultSize 5000\n$/,
    );
  }, 120_000);

  it('writes 100,000 trace rows as one streamed JSON file that loads', () => {
    const out = join(work, 'gen-100k.json');
    const started = Date.now();
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts', 'generate.mjs'), '--messages', '25000', '--recipients', '4', '--out', out], { cwd: work, encoding: 'utf8' });
    const elapsed = Date.now() - started;
    expect(r.status, r.stderr).toBe(0);
    const rows = Number(/(\d+) trace rows/.exec(r.stdout)![1]);
    expect(rows).toBeGreaterThanOrEqual(100_000);
    console.log(`npm run gen -- --messages 25000 --recipients 4: ${rows} rows, ${(statSync(out).size / 1e6).toFixed(0)} MB in ${elapsed} ms`);
    expect(elapsed).toBeLessThan(90_000);
    const q = exosh(['--store', out, '-c', '(Get-MessageTrace -RecipientAddress *@fabrikam.com -PageSize 10).Count']);
    expect(q).toEqual({ code: 0, stdout: '10\n', stderr: '' });
  }, 180_000);
});
