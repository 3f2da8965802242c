// Mail benchmark: send 10,000 messages to 5 recipients each into an empty tenant in one
// script run, then recall 1,000 of them; trace rows per second and the store's size.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { timeCommand } from './lib.mjs';

export function suites(rows, { exosh }) {
  return {
    mail() {
      const dir = mkdtempSync(join(tmpdir(), 'exosh-bench-mail-'));
      try {
        const store = join(dir, 'mail.json');
        const run = (args) => {
          const r = spawnSync(process.execPath, [exosh, '--now', '2023-08-15T00:00:00Z', ...args], { encoding: 'utf8', maxBuffer: 1 << 30 });
          if (r.status !== 0) throw new Error(r.stderr);
        };
        run(['init', store, '--domain', 'contoso.com']);
        run(['--store', store, '-c', 'New-Mailbox -Name Sender -Alias sender | Out-Null; 1..5 | % { New-Mailbox -Name "R$_" -Alias "r$_" | Out-Null }']);
        const messages = Number(process.env.BENCH_MESSAGES ?? 10_000);
        const recalls = Math.min(messages, Number(process.env.BENCH_RECALLS ?? 1_000));
        const script = join(dir, 'send.ps1');
        writeFileSync(
          script,
          [
            `$ids = foreach ($i in 1..${messages}) { (Send-MailMessage -To r1@contoso.com, r2@contoso.com, r3@contoso.com, r4@contoso.com, r5@contoso.com -Subject "Message $i" -Body 'Benchmark body' -PassThru).MessageId }`,
            `foreach ($id in $ids[0..${recalls - 1}]) { Invoke-MessageRecall -MessageId $id | Out-Null }`,
          ].join('\n'),
        );
        const t = timeCommand(process.execPath, [exosh, '--now', '2023-08-15T00:00:00Z', '--store', store, '--as', 'sender@contoso.com', script]);
        const traceRows = messages * 5 + recalls * 5;
        const size = statSync(store).size;
        rows.push({
          benchmark: `send ${messages.toLocaleString('en-US')} messages x 5 recipients, recall ${recalls.toLocaleString('en-US')} (one script run)`,
          exosh: `${(t.ms / 1000).toFixed(1)} s`,
          baseline: `${traceRows.toLocaleString('en-US')} trace rows`,
          ratio: `${Math.round(traceRows / (t.ms / 1000)).toLocaleString('en-US')} rows/s; ${Math.round(messages / (t.ms / 1000)).toLocaleString('en-US')} msg/s; store ${(size / 1e6).toFixed(1)} MB`,
          aim: '>= 5,000 rows/s',
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
