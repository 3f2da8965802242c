// Files larger than a JavaScript string (about 512 MB): Import-Csv and Get-Content read them a
// chunk at a time. Not part of `npm run bench` or CI: it writes a 600 MB file and takes minutes.
//
//   npm run build && node bench/big-files.mjs        (BENCH_BIG_MB=600 sets the size)
//
// It also exports `suites` in the shape bench/run.mjs loads, should run.mjs list this file.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printTable } from './lib.mjs';

/** A message-trace-like CSV of about `mb` megabytes; some subjects hold quotes, commas, newlines and non-ASCII. Returns its row count. */
function writeCsv(path, mb) {
  const subjects = ['Quarterly report', 'Lunch, today?', 'He said ""hi""', 'Multi\r\nline', 'Résumé ✓ 😀'];
  const fd = openSync(path, 'w');
  let rows = 0;
  let size = 0;
  try {
    writeSync(fd, '"Received","SenderAddress","RecipientAddress","Subject","Status","Size","MessageId"\r\n');
    while (size < mb * 1024 * 1024) {
      let block = '';
      for (let i = 0; i < 10_000; i++, rows++) {
        block += `"2023-08-${String(1 + (rows % 28)).padStart(2, '0')}T12:00:00Z","user${rows % 500}@contoso.com","rcpt${rows % 900}@fabrikam.com","${subjects[rows % subjects.length]} #${rows}","Delivered","${1000 + (rows % 90_000)}","<${rows.toString(16)}@contoso.com>"\r\n`;
      }
      size += writeSync(fd, block);
    }
  } finally {
    closeSync(fd);
  }
  return rows;
}

/** Runs exosh with a script; returns the time, the peak resident memory and the output. */
function measure(exosh, dir, script) {
  const preload = join(dir, 'maxrss.cjs');
  writeFileSync(preload, "process.on('exit', () => require('fs').writeSync(2, '\\nmaxrss=' + process.resourceUsage().maxRSS + '\\n'));\n");
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['-r', preload, exosh, '-c', script], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const rss = Number(/maxrss=(\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
  const stderr = r.stderr.replace(/\n?maxrss=\d+\n/, '').trim();
  return { seconds, rss, code: r.status, stdout: r.stdout.trim(), stderr };
}

export function suites(rows, { exosh }) {
  return {
    bigFiles() {
      const dir = mkdtempSync(join(tmpdir(), 'exosh-bench-big-'));
      try {
        const mb = Number(process.env.BENCH_BIG_MB ?? 600);
        const records = writeCsv(join(dir, 'big.csv'), mb);
        const size = `${(statSync(join(dir, 'big.csv')).size / 2 ** 20).toFixed(0)} MB`;
        const cases = [
          ['(Import-Csv big.csv | Measure-Object).Count', String(records)],
          ['(Get-Content big.csv | Measure-Object).Count', String(records + 1 + records / 5)],
          ['$rows = Import-Csv big.csv; $rows.Count', 'a count, or Insufficient memory'],
          ['(Get-Content big.csv -Raw).Length', 'too large to read as one string'],
        ];
        for (const [script, expected] of cases) {
          process.stderr.write(`bench: ${script}\n`);
          const m = measure(exosh, dir, script);
          rows.push({
            benchmark: `${script} on ${size}`,
            exit: m.code,
            result: (m.code === 0 ? m.stdout : m.stderr).split('\n')[0].slice(0, 80),
            expected,
            time: `${m.seconds.toFixed(1)} s`,
            'max RSS': `${m.rss.toFixed(0)} MB`,
          });
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..');
  const rows = [];
  suites(rows, { exosh: join(root, 'bin', 'exosh'), root }).bigFiles();
  printTable(rows);
}
