// Nothing leaked, nothing lost, no crash, through the real CLI: a value hand-edited into the
// store can't steer where exosh writes; a reports folder that can't be written fails the
// statement instead of leaving a Done search without its report; a store nested thousands of
// levels deep is a store error, not a stack overflow; and a recall report is told only to the
// sender, its delegates and the message trace roles.

import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { describe, expect, it, vi } from 'vitest';
import { BIN, caseStores, exosh, isolatedEnv, type Run } from '../helpers/exosh-process.js';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/** A directory of its own with a copy of the contoso sample as t.json (clock pinned at 8/15/2023 09:00 UTC). */
const fresh = caseStores('exosh-e2e-security-', (template) => ['init', template, '--sample', 'contoso']);

const LATER = '2023-08-15T14:00:00Z'; // every search submitted at 09:00 is Done by then
const START_SEARCH =
  'Start-HistoricalSearch -ReportTitle R -StartDate 08/01/2023 -EndDate 08/15/2023 -ReportType MessageTrace -SenderAddress user@contoso.com -NotifyAddress admin@contoso.com | Out-Null';

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

function expectNoCrash(r: Run): void {
  expect(r.stderr).not.toContain('internal error');
  expect(r.stderr).not.toMatch(/^\s+at /m); // no stack trace
  expect(r.code).not.toBe(70);
}

describe('historical search reports stay inside <store>.reports', () => {
  it("a JobId such as '../../x' hand-edited into the store is refused on load, and nothing is written anywhere", () => {
    const { dir, store: template } = fresh();
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    const store = join(dir, 'a', 'b', 't.json');
    copyFileSync(template, store);
    rmSync(template);
    expect(exosh(dir, ['--store', store, '-c', START_SEARCH]).code).toBe(0);
    const data = JSON.parse(readFileSync(store, 'utf8'));
    data.mail.historicalSearches[0].jobId = '../../x';
    writeFileSync(store, JSON.stringify(data, null, 2) + '\n');
    const before = readFileSync(store);

    for (const command of ['Get-Mailbox', 'Get-HistoricalSearch']) {
      const r = exosh(dir, ['--store', store, '--now', LATER, '-c', command]);
      expectNoCrash(r);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`The tenant store '${store}' is not valid: $.mail.historicalSearches[0].jobId must be a GUID such as 1c84a05c-a258-565d-a0ca-f9c1c78abc4d.`);
    }
    expect(readFileSync(store).equals(before)).toBe(true);
    expect(filesUnder(dir)).toEqual([join('a', 'b', 't.json')]); // no a/x.csv, no reports folder
  });
});

describe('a reports folder that cannot be created', () => {
  it('fails the statement with a clear error; the search is completed once the folder can be written', () => {
    const { dir, store } = fresh();
    expect(exosh(dir, ['--store', store, '-c', START_SEARCH]).code).toBe(0);
    writeFileSync(`${store}.reports`, 'a file in the way\n');
    const before = readFileSync(store);

    const blocked = exosh(dir, ['--store', store, '--now', LATER, '-c', 'Get-HistoricalSearch | Format-List Status, Rows, FileUrl']);
    expectNoCrash(blocked);
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toContain(`Get-HistoricalSearch: The historical search reports can't be written to '${store}.reports': a file of that name is in the way. Nothing was changed;`);
    expect(blocked.stdout).not.toContain('Done');
    expect(readFileSync(store).equals(before)).toBe(true); // not Done, no notification
    // every command fails the same way: none may show the search Done without its report
    const other = exosh(dir, ['--store', store, '--now', LATER, '-c', 'try { Get-HistoricalSearch -ErrorAction Stop } catch { "caught" }; Get-HistoricalSearch | ForEach-Object Status']);
    expect(other.stdout.trim()).toBe('caught');
    // (the caught statement commits what else fell due by then, but not the search)
    expect(JSON.parse(readFileSync(store, 'utf8')).mail.historicalSearches[0].completedAt).toBeNull();

    rmSync(`${store}.reports`);
    const done = exosh(dir, ['--store', store, '--now', LATER, '-c', 'Get-HistoricalSearch | ForEach-Object { $_.Status; $_.FileUrl }']);
    expect(done.code).toBe(0);
    const [status, url] = done.stdout.trim().split('\n');
    expect(status).toBe('Done');
    expect(existsSync(new URL(url))).toBe(true);
  });

  it('fails the same way when the reports folder is not writable', () => {
    const { dir, store } = fresh();
    expect(exosh(dir, ['--store', store, '-c', START_SEARCH]).code).toBe(0);
    const before = readFileSync(store);
    mkdirSync(`${store}.reports`);
    chmodSync(`${store}.reports`, 0o555);
    // root may write anywhere: run as an ordinary user then, who may use the store but not the folder
    const asRoot = process.getuid?.() === 0;
    if (asRoot) {
      chmodSync(dirname(dir), 0o755);
      chmodSync(dir, 0o777);
      chmodSync(store, 0o666);
    }
    const args = [BIN, '--store', store, '--now', LATER, '-c', 'Get-HistoricalSearch'];
    const child = spawnSync(process.execPath, args, { cwd: dir, env: isolatedEnv(dir), encoding: 'utf8', input: '', ...(asRoot ? { uid: 65534, gid: 65534 } : {}) });
    const r: Run = { code: child.status, stdout: child.stdout, stderr: child.stderr };
    expectNoCrash(r);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`The historical search reports can't be written to '${store}.reports'`);
    expect(readFileSync(store).equals(before)).toBe(true);
  });
});

describe('a store nested thousands of levels deep', () => {
  const deepArrays = '['.repeat(6000) + ']'.repeat(6000);
  const deepObjects = '{"a":'.repeat(6000) + '1' + '}'.repeat(6000);

  it.each([
    ['an unknown top-level field of nested arrays', (text: string) => text.replace(/^\{/, `{"x": ${deepArrays},`), '$.x[0][0][0][0][0]…'],
    ['an unknown field of nested objects inside mail', (text: string) => text.replace('"mail": {', `"mail": {"z": ${deepObjects},`), '$.mail.z.a.a.a.a…'],
  ])('%s is a clear store error, not a stack overflow; the store is left as it was', (_name, edit, path) => {
    const { dir, store } = fresh();
    writeFileSync(store, edit(readFileSync(store, 'utf8')));
    const before = readFileSync(store);
    for (const command of ['Get-Mailbox', 'Set-TenantClock -Advance 1m']) {
      const r = exosh(dir, ['--store', store, '-c', command]);
      expectNoCrash(r);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`The tenant store '${store}' is not valid: ${path} is nested more than 100 levels deep.`);
    }
    expect(readFileSync(store).equals(before)).toBe(true);
  });
});

describe('Get-MessageRecallReport answers only the sender, its delegates and the message trace roles', () => {
  const RECALLED = '<SN6PRDAMB27110BC806D36DC2E6AAAAB04D7E9@SN6PRDAMB27110.namprd01.prod.outlook.com>'; // user's, recalled
  const NOT_RECALLED = '<SN6PRDAMB27110C1072D6F54CAAEA17DDA2C7E@SN6PRDAMB27110.namprd01.prod.outlook.com>'; // admin's "Recall test plan"
  const UNKNOWN = '<nothing@contoso.com>';
  const REPORT = ['recipient1@contoso.com Succeeded', 'recipient2@contoso.com Failed', 'recipient3@contoso.com Succeeded'];
  const report = (dir: string, store: string, as: string, id: string) =>
    exosh(dir, ['--store', store, '--as', as, '-c', `Get-MessageRecallReport -MessageId '${id}' | ForEach-Object { "$($_.Recipient) $($_.Status)" }`]);
  const denied = (as: string, id: string) =>
    `Get-MessageRecallReport: '${as}' doesn't have access to the recall report of the message '${id}': only its sender, the sender's delegates (FullAccess or SendAs) and role groups with the Message Tracking role may read it.`;

  it('someone else gets the same access-denied error and no data, whether or not the message was recalled', () => {
    const { dir, store } = fresh();
    for (const as of ['recipient1@contoso.com', 'dana@contoso.com']) {
      for (const id of [RECALLED, NOT_RECALLED, UNKNOWN]) {
        const r = report(dir, store, as, id);
        expect(r.code).toBe(1);
        expect(r.stdout.trim()).toBe('');
        expect(r.stderr.trim()).toBe(denied(as, id));
      }
    }
  });

  it("the sender, an admin, a message trace role and the sender's delegates get the report", () => {
    const { dir, store } = fresh();
    const grant = exosh(dir, [
      '--store',
      store,
      '-c',
      'Add-MailboxPermission user -User recipient2 -AccessRights FullAccess | Out-Null; Add-RecipientPermission user -Trustee recipient3 -AccessRights SendAs -Confirm:$false | Out-Null',
    ]);
    expect(grant.code).toBe(0);
    const sent = exosh(dir, ['--store', store, '--as', 'user@contoso.com', '-c', 'Send-MailMessage -To recipient1@contoso.com -Subject Hello -PassThru | ForEach-Object MessageId']);
    const notRecalledOfUser = sent.stdout.trim();
    for (const as of ['user@contoso.com', 'admin@contoso.com', 'helpdesk@contoso.com', 'recipient2@contoso.com', 'recipient3@contoso.com']) {
      const r = report(dir, store, as, RECALLED);
      expect(r.stderr).toBe('');
      expect(r.stdout.trim().split('\n')).toEqual(REPORT);
    }
    // those who may know are told when there is no recall
    for (const [as, id] of [
      ['admin@contoso.com', NOT_RECALLED],
      ['helpdesk@contoso.com', UNKNOWN],
      ['user@contoso.com', notRecalledOfUser],
      ['recipient3@contoso.com', notRecalledOfUser],
    ]) {
      expect(report(dir, store, as, id).stderr.trim()).toBe(`Get-MessageRecallReport: No recall was requested for the message '${id}'.`);
    }
  });
});
