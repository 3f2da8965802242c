// The community paging pattern for Get-MessageTraceV2: read the continuation command from
// -WarningVariable, strip the warning text, and run it with Invoke-Expression until done.
import { afterAll, describe, expect, it } from 'vitest';
import { openShell, removeTempDirs, sampleStore } from './helpers.js';

afterAll(removeTempDirs);

describe('Get-MessageTraceV2 paging with -WarningVariable and Invoke-Expression', () => {
  it('walks every row once, five at a time', () => {
    const s = openShell(sampleStore());
    const r = s.ok(`
$all = @()
$more = $null
$batch = Get-MessageTraceV2 -StartDate (Get-Date).AddDays(-3) -EndDate (Get-Date) -ResultSize 5 -WarningVariable more -WarningAction SilentlyContinue
$all += $batch
$pages = 1
while ($more) {
    $next = ($more -join "") -replace "There are more results, use the following command to get more. ", ""
    $more = $null
    $all += Invoke-Expression "$next -WarningVariable more -WarningAction SilentlyContinue"
    $pages++
}
$everything = Get-MessageTraceV2 -StartDate (Get-Date).AddDays(-3) -EndDate (Get-Date) -ResultSize 5000
$pages
$all.Count
($all | ForEach-Object { "$($_.MessageTraceId)|$($_.RecipientAddress)" } | Sort-Object -Unique).Count
$everything.Count
`);
    const [pages, rows, distinct, total] = r.output as number[];
    expect(total).toBeGreaterThan(10);
    expect(rows).toBe(total);
    expect(distinct).toBe(total);
    expect(pages).toBe(Math.ceil(total / 5));
    s.dispose();
  });
});
