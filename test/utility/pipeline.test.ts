// The object cmdlets through the real parser, binder and pipeline: parameter binding as the
// lead's binder does it (positions, switches, sets) and streaming between commands.
import { describe, expect, it } from 'vitest';
import { dateCmdlets } from '../../src/cmdlets/utility/date.js';
import { objectCmdlets } from '../../src/cmdlets/utility/objects.js';
import { writeCmdlets } from '../../src/cmdlets/utility/write.js';
import { PSObject } from '../../src/shell/values.js';
import { makeShell } from '../helpers/shell.js';

const shell = () => makeShell({ cmdlets: [...objectCmdlets, ...writeCmdlets, ...dateCmdlets] });
const ROWS = "$rows = [pscustomobject]@{Status='Failed';Subject='A';Size=3},[pscustomobject]@{Status='Delivered';Subject='B';Size=1},[pscustomobject]@{Status='failed';Subject='C';Size=2}";

function out(script: string) {
  const { run } = shell();
  const r = run(`${ROWS}; ${script}`);
  expect(r.errors).toEqual([]);
  return r.output;
}

describe('object cmdlets in a pipeline', () => {
  it('Where-Object simplified syntax binds Property, the switch and Value', () => {
    expect(out('$rows | Where-Object Status -eq Failed | ForEach-Object Subject')).toEqual(['A', 'C']);
    expect(out('$rows | where Status -CEQ Failed | % Subject')).toEqual(['A']);
    expect(out("$rows | ? -Property Subject -In -Value 'b','c' | % Subject")).toEqual(['B', 'C']);
    expect(out('$rows | ? Size -gt 1 | % Subject')).toEqual(['A', 'C']);
  });
  it('Where-Object with a script block and with a bare property', () => {
    expect(out('$rows | Where-Object { $_.Size -lt 3 } | % Subject')).toEqual(['B', 'C']);
    expect(out("'', 'x', $null | Where-Object Length")).toEqual(['x']);
  });
  it('ForEach-Object begin/process/end and positional blocks', () => {
    expect(out('1..3 | ForEach-Object -Begin { $t = 0 } -Process { $t += $_ } -End { $t }')).toEqual([6]);
    expect(out("1..2 | % { 'b' } { $_ * 10 } { 'e' }")).toEqual(['b', 10, 20, 'e']);
    expect(out("'a,b' | % Split ','")).toEqual(['a', 'b']);
  });
  it('Select-Object with calculated properties reading a variable', () => {
    const o = out(
      "$result = [pscustomobject]@{senderaddress='boss@contoso.com'}; $rows | Select-Object -First 1 Subject, @{n='SenderAddress';e={$result.senderaddress}}, @{n='Big';e={$_.Size -gt 2}}",
    );
    const first = o[0] as PSObject;
    expect(first.entries()).toEqual([
      ['Subject', 'A'],
      ['SenderAddress', 'boss@contoso.com'],
      ['Big', true],
    ]);
  });
  it('Select-Object -ExpandProperty, -Last, -Skip', () => {
    expect(out('$rows | Select-Object -ExpandProperty Subject -Last 2')).toEqual(['B', 'C']);
    expect(out('1..10 | Select -Skip 8')).toEqual([9, 10]);
  });
  it('Sort-Object and Group-Object', () => {
    expect(out('$rows | Sort-Object Size -Descending | % Subject')).toEqual(['A', 'C', 'B']);
    expect(out("$rows | Sort-Object @{e='Status'; Descending=$true}, Subject | % Subject")).toEqual(['A', 'C', 'B']);
    expect(out('$rows | Group-Object Status | % { "$($_.Name)=$($_.Count)" }')).toEqual(['Delivered=1', 'Failed=2']);
  });
  it('Measure-Object', () => {
    expect(out('($rows | Measure-Object Size -Sum -Maximum).Sum')).toEqual([6]);
    expect(out('($rows | measure).Count')).toEqual([3]);
  });
  it('Write-Output and Out-String', () => {
    expect(out('Write-Output 1,2 | % { $_ + 1 }')).toEqual([2, 3]);
    expect(out("'x' | Out-String")).toEqual(['x\n']);
  });
  it('Write-Error goes to the error stream as Write-Error: message', () => {
    const { run } = shell();
    expect(run("Write-Error 'boom'").errors).toEqual(['Write-Error: boom']);
  });
  it('Get-Date uses the session clock', () => {
    expect(out("Get-Date -Format 'yyyy-MM-dd'")).toEqual(['2023-08-15']);
  });
});
