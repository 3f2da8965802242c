// Shared helpers for the benchmarks: timing child processes and printing a result table.
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';

export function timeCommand(cmd, args, options = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30, ...options });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${r.stderr}`);
  return { ms, stdout: r.stdout };
}

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Runs two commands alternately `runs` times and returns their median times. */
export function compare(a, b, runs) {
  const ta = [],
    tb = [];
  for (let i = 0; i < runs; i++) {
    ta.push(timeCommand(...a).ms);
    tb.push(timeCommand(...b).ms);
  }
  return { a: median(ta), b: median(tb) };
}

export function printTable(rows) {
  const cols = Object.keys(rows[0]);
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const line = (vals) =>
    vals
      .map((v, i) => String(v).padEnd(width[i]))
      .join('  ')
      .trimEnd();
  console.log(line(cols));
  console.log(line(width.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(cols.map((c) => r[c])));
}

/**
 * A tenant store at `store` made by `exosh init` plus `count` generated mailboxes (user0…), for
 * the store and lock benchmarks; `pretty` writes it indented, `pinned` pins its clock. Returns its size.
 */
export function makeMailboxStore(exosh, store, count, { pretty = false, pinned } = {}) {
  const init = spawnSync(process.execPath, [exosh, '--now', '2023-08-15T00:00:00Z', 'init', store, '--domain', 'contoso.com'], { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(init.stderr);
  const data = JSON.parse(readFileSync(store, 'utf8'));
  for (let i = 0; i < count; i++) {
    const a = `user${i}@contoso.com`;
    data.mailboxes.push({
      guid: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      name: `User ${i}`,
      alias: `user${i}`,
      displayName: `User ${i}`,
      userPrincipalName: a,
      primarySmtpAddress: a,
      emailAddresses: [`SMTP:${a}`],
      type: 'UserMailbox',
      litigationHoldEnabled: false,
      forwardingSmtpAddress: null,
      deliverToMailboxAndForward: false,
      whenCreated: '2023-08-15T00:00:00Z',
    });
  }
  if (pinned) data.clock = { pinned };
  writeFileSync(store, (pretty ? JSON.stringify(data, null, 2) : JSON.stringify(data)) + '\n');
  return statSync(store).size;
}
