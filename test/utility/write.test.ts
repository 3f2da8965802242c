import { describe, expect, it } from 'vitest';
import {
  outHostCmdlet,
  outNullCmdlet,
  outStringCmdlet,
  writeDebugCmdlet,
  writeErrorCmdlet,
  writeHostCmdlet,
  writeOutputCmdlet,
  writeVerboseCmdlet,
  writeWarningCmdlet,
} from '../../src/cmdlets/utility/write.js';
import { PSError } from '../../src/shell/errors.js';
import { Hashtable, PSValue } from '../../src/shell/values.js';
import { fakeContext, runCmdlet } from '../helpers/context.js';
import { obj } from './helpers.js';

describe('Write-Output', () => {
  it('enumerates a collection unless -NoEnumerate', () => {
    expect(runCmdlet(writeOutputCmdlet, { InputObject: [1, 2] }).output).toEqual([1, 2]);
    expect(runCmdlet(writeOutputCmdlet, { InputObject: [1, 2], NoEnumerate: true }).output).toEqual([[1, 2]]);
    expect(runCmdlet(writeOutputCmdlet, { InputObject: 'x' }).output).toEqual(['x']);
  });
  it('writes $null, and passes piped objects on', () => {
    expect(runCmdlet(writeOutputCmdlet, { InputObject: null }).output).toEqual([null]);
    expect(runCmdlet(writeOutputCmdlet, {}, ['a', null]).output).toEqual(['a', null]);
  });
});

describe('Write-Host', () => {
  it('joins collections with the separator and honours -NoNewline and colours', () => {
    const calls: [string, unknown][] = [];
    const { ctx } = fakeContext('Write-Host');
    const hostCtx = {
      ...ctx,
      bound: new Set(['Object']),
      writeHost: (t: string, o?: unknown) => {
        calls.push([t, o]);
      },
    };
    writeHostCmdlet.process!(hostCtx, { Object: ['a', 1, true], Separator: ', ', NoNewline: true, ForegroundColor: 'Green' }, undefined);
    expect(calls).toEqual([['a, 1, True', { noNewline: true, color: 'Green' }]]);
  });
  it('writes a blank line with no object, and each piped object', () => {
    expect(runCmdlet(writeHostCmdlet, {}).host).toEqual(['']);
    expect(runCmdlet(writeHostCmdlet, {}, ['x', obj({ a: 1 })]).host).toEqual(['x', '@{a=1}']);
  });
  it('prints a hashtable as its entries’ type name', () => {
    const h = new Hashtable();
    h.set('a', 1);
    expect(runCmdlet(writeHostCmdlet, { Object: h }).host).toEqual(['System.Collections.DictionaryEntry']);
  });
});

describe('Write-Warning / Write-Verbose / Write-Debug', () => {
  it('writes warnings', () => {
    expect(runCmdlet(writeWarningCmdlet, { Message: 'careful' }).warnings).toEqual(['careful']);
  });
  it('writes verbose messages through the context, and debug messages nowhere', () => {
    const verbose: string[] = [];
    const { ctx } = fakeContext('Write-Verbose');
    writeVerboseCmdlet.process!({ ...ctx, writeVerbose: (m) => verbose.push(m) }, { Message: 'detail' }, undefined);
    expect(verbose).toEqual(['detail']);
    const r = runCmdlet(writeDebugCmdlet, { Message: 'dbg' });
    expect([r.output, r.host, r.warnings, r.errors]).toEqual([[], [], [], []]);
  });
});

describe('Write-Error', () => {
  it('writes a non-terminating error from Write-Error', () => {
    const errors: (PSError | Error | string)[] = [];
    const { ctx } = fakeContext('Write-Error', ['Message', 'Category', 'TargetObject']);
    writeErrorCmdlet.process!({ ...ctx, writeError: (e) => errors.push(e) }, { Message: 'Mailbox not found', Category: 'ObjectNotFound', TargetObject: 'x@y' }, undefined);
    const e = errors[0] as PSError;
    expect(e).toBeInstanceOf(PSError);
    expect(e.render()).toBe('Write-Error: Mailbox not found');
    expect(e.category).toBe('ObjectNotFound');
    expect(e.errorId).toBe('Microsoft.PowerShell.Commands.WriteErrorException');
    expect(e.target).toBe('x@y');
  });
  it('uses -ErrorId', () => {
    const errors: (PSError | Error | string)[] = [];
    const { ctx } = fakeContext('Write-Error', ['Message', 'ErrorId']);
    writeErrorCmdlet.process!({ ...ctx, writeError: (e) => errors.push(e) }, { Message: 'x', ErrorId: 'MyId' }, undefined);
    expect((errors[0] as PSError).errorId).toBe('MyId');
    expect((errors[0] as PSError).category).toBe('NotSpecified');
  });
  it('writes one error per piped message', () => {
    expect(runCmdlet(writeErrorCmdlet, {}, ['a', 'b']).errors).toEqual(['a', 'b']);
  });
});

describe('Out-Null / Out-String / Out-Host', () => {
  const run = (def: typeof outStringCmdlet, params: Record<string, PSValue | undefined>, input?: PSValue[]) => runCmdlet(def, params, input);
  it('Out-Null writes nothing', () => {
    const r = run(outNullCmdlet, {}, [1, 'a']);
    expect([r.output, r.host]).toEqual([[], []]);
  });
  it('Out-String makes one string of what the host would show', () => {
    expect(run(outStringCmdlet, {}, ['a', 'b']).output).toEqual(['a\nb\n']);
    const table = run(outStringCmdlet, {}, [obj({ Name: 'x', Size: 1 })]).output[0] as string;
    expect(table).toMatch(/Name\s+Size/);
    expect(table).toMatch(/----\s+----/);
  });
  it('Out-String -Stream writes line by line; -NoNewline joins the lines', () => {
    expect(run(outStringCmdlet, { Stream: true }, ['a', 'b']).output).toEqual(['a', 'b']);
    expect(run(outStringCmdlet, { NoNewline: true }, ['a', 'b']).output).toEqual(['ab']);
  });
  it('Out-Host writes the rendered text to the host', () => {
    const r = run(outHostCmdlet, {}, ['a', 'b']);
    expect(r.output).toEqual([]);
    expect(r.host).toEqual(['a\nb']);
  });
});
