// Cmdlet contract v2: begin returns the run's state, process and end receive it, and dispose(state)
// is always called once the pipeline is done (PowerShell's IDisposable on command processors).
import { describe, expect, it } from 'vitest';
import { defineCmdlet, type CmdletDefinition } from '../../src/shell/cmdlet.js';
import { PSError } from '../../src/shell/errors.js';
import { selectCmdlets } from '../../src/cmdlets/utility/select.js';
import { runShell } from '../helpers/shell.js';

/** Test cmdlets whose runs number themselves, so the log shows which run's state each call got. */
function disposingCmdlets(log: string[]): CmdletDefinition[] {
  let runs = 0;
  return [
    defineCmdlet({
      name: 'Emit-Numbers',
      synopsis: 'writes 1..Count',
      parameters: [{ name: 'Count', type: 'int', position: 0 }],
      begin: () => ({ run: ++runs, written: 0 }),
      process: (ctx, p, input, st) => {
        for (let i = 1; i <= (p.Count ?? 3); i++) {
          st.written++;
          ctx.write(i);
        }
      },
      end: (ctx, p, st) => {
        log.push(`Emit.end run ${st.run} wrote ${st.written}`);
      },
      dispose: (st) => {
        log.push(`Emit.dispose run ${st.run} wrote ${st.written}`);
      },
    }),
    defineCmdlet({
      name: 'Collect-Items',
      synopsis: 'passes input on, counting it',
      parameters: [{ name: 'InputObject', type: 'object', fromPipeline: true }],
      begin: () => ({ seen: [] as unknown[] }),
      process: (ctx, p, input, st) => {
        st.seen.push(p.InputObject);
        ctx.write(p.InputObject ?? null);
      },
      end: (ctx, p, st) => {
        log.push(`Collect.end ${st.seen.join(',')}`);
      },
      dispose: (st) => {
        log.push(`Collect.dispose ${st.seen.join(',')}`);
      },
    }),
    defineCmdlet({
      name: 'Fail-On',
      synopsis: 'throws a terminating error when it sees -Value',
      parameters: [
        { name: 'InputObject', type: 'object', fromPipeline: true },
        { name: 'Value', type: 'int', mandatory: true, position: 0 },
      ],
      process: (ctx, p) => {
        if (p.InputObject === p.Value) throw new PSError(`failed at ${p.Value}`);
        ctx.write(p.InputObject ?? null);
      },
    }),
    defineCmdlet({
      name: 'Fail-Begin',
      synopsis: 'throws in begin',
      parameters: [{ name: 'InputObject', type: 'object', fromPipeline: true }],
      begin: () => {
        throw new PSError('no start');
      },
      dispose: () => {
        log.push('Fail-Begin.dispose');
      },
    }),
  ];
}

describe('dispose', () => {
  it('is called after end, with the state begin returned and process changed', () => {
    const log: string[] = [];
    const r = runShell('Emit-Numbers 2 | Collect-Items', { cmdlets: disposingCmdlets(log) });
    expect(r.output).toEqual([1, 2]);
    expect(log).toEqual(['Emit.end run 1 wrote 2', 'Collect.end 1,2', 'Emit.dispose run 1 wrote 2', 'Collect.dispose 1,2']);
  });

  it('gives each run of the same definition its own state', () => {
    const log: string[] = [];
    runShell('Emit-Numbers 1; Emit-Numbers 2 | Collect-Items', { cmdlets: disposingCmdlets(log) });
    expect(log).toEqual(['Emit.end run 1 wrote 1', 'Emit.dispose run 1 wrote 1', 'Emit.end run 2 wrote 2', 'Collect.end 1,2', 'Emit.dispose run 2 wrote 2', 'Collect.dispose 1,2']);
  });

  it('is called, without end, when a later command throws a terminating error', () => {
    const log: string[] = [];
    const r = runShell('Emit-Numbers 5 | Collect-Items | Fail-On 3', { cmdlets: disposingCmdlets(log) });
    expect(r.errors.join('\n')).toContain('failed at 3');
    expect(log).toEqual(['Emit.dispose run 1 wrote 3', 'Collect.dispose 1,2,3']);
  });

  it('is called for the commands that began when a later command fails in begin', () => {
    const log: string[] = [];
    const r = runShell('Emit-Numbers 2 | Collect-Items | Fail-Begin', { cmdlets: disposingCmdlets(log) });
    expect(r.output).toEqual([]);
    expect(r.errors.join('\n')).toContain('no start');
    expect(log).toEqual(['Emit.dispose run 1 wrote 0', 'Collect.dispose ']);
  });

  it('is called for the commands Select-Object -First stopped, whose end is skipped', () => {
    const log: string[] = [];
    const r = runShell('Emit-Numbers 100 | Collect-Items | Select-Object -First 2', { cmdlets: [...disposingCmdlets(log), ...selectCmdlets] });
    expect(r.output).toEqual([1, 2]);
    expect(log).toEqual(['Emit.dispose run 1 wrote 2', 'Collect.dispose 1,2']);
  });

  it('is called once per run when the pipeline runs inside a loop that stops early', () => {
    const log: string[] = [];
    runShell('foreach ($i in 1..2) { Emit-Numbers 3 | Select-Object -First 1 }', { cmdlets: [...disposingCmdlets(log), ...selectCmdlets] });
    expect(log).toEqual(['Emit.dispose run 1 wrote 1', 'Emit.dispose run 2 wrote 1']);
  });
});
