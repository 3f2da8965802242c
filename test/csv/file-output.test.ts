// Out-File, Set-Content, Add-Content and Get-Content against a real temp directory.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addContentCmdlet, getContentCmdlet, outFileCmdlet, setContentCmdlet } from '../../src/cmdlets/utility/file.js';
import { PSObject, type PSValue } from '../../src/shell/values.js';
import { failure, runCmdlet } from '../helpers/context.js';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exosh-file-'));
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8');
const bytes = (f: string) => fs.readFileSync(path.join(dir, f));
const run = (def: typeof outFileCmdlet, params: Record<string, PSValue>, input?: PSValue[]) => runCmdlet(def, params, input, dir);

describe('Out-File', () => {
  it('writes strings one per line, ending with a newline, UTF-8 without BOM', () => {
    run(outFileCmdlet, { FilePath: 'out.txt' }, ['one', 'zwei ü', '']);
    expect(bytes('out.txt')).toEqual(Buffer.from('one\nzwei ü\n\n', 'utf8'));
  });

  it('-Append adds, -NoNewline concatenates', () => {
    run(outFileCmdlet, { FilePath: 'out.txt' }, ['a']);
    run(outFileCmdlet, { FilePath: 'out.txt', Append: true, NoNewline: true }, ['b', 'c']);
    expect(read('out.txt')).toBe('a\nbc');
  });

  it('truncates and creates the file even with no input', () => {
    fs.writeFileSync(path.join(dir, 'out.txt'), 'old');
    run(outFileCmdlet, { FilePath: 'out.txt' }, []);
    expect(read('out.txt')).toBe('');
  });

  it('writes non-strings as the console shows them: one table for objects of one shape', () => {
    run(outFileCmdlet, { FilePath: 'out.txt' }, [42, true, PSObject.from({ Name: 'a', Count: 1 }), PSObject.from({ Name: 'bb', Count: 22 })]);
    expect(read('out.txt')).toBe('42\nTrue\n\nName Count\n---- -----\na        1\nbb      22\n\n');
  });

  it("-NoNewline keeps a string's own newlines", () => {
    run(outFileCmdlet, { FilePath: 'out.txt', NoNewline: true }, ['a\nb', 'c']);
    expect(read('out.txt')).toBe('a\nbc');
  });

  it('-LiteralPath and -Width (a narrow table is cut to the width)', () => {
    const wide = PSObject.from({ Name: 'x'.repeat(50), Count: 1 });
    run(outFileCmdlet, { LiteralPath: 'w[1].txt', Width: 20 }, [wide]);
    const lines = read('w[1].txt').split('\n');
    expect(lines.length).toBeGreaterThan(3);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(20);
  });

  it('-Encoding unicode writes a UTF-16LE BOM', () => {
    run(outFileCmdlet, { FilePath: 'out.txt', Encoding: 'unicode' }, ['hi']);
    expect(bytes('out.txt')).toEqual(Buffer.from([0xff, 0xfe, 0x68, 0, 0x69, 0, 0x0a, 0]));
  });

  it('-NoClobber refuses an existing file; a missing folder is reported with the full path', () => {
    fs.writeFileSync(path.join(dir, 'out.txt'), 'keep');
    const err = failure(() => run(outFileCmdlet, { FilePath: 'out.txt', NoClobber: true }, ['x']));
    expect(err.message).toBe('File out.txt already exists and NoClobber was specified.');
    expect(err.errorId).toBe('NoClobber,Microsoft.PowerShell.Commands.OutFileCommand');
    expect(read('out.txt')).toBe('keep');
    expect(failure(() => run(outFileCmdlet, { FilePath: 'no/out.txt' }, ['x'])).message).toBe(`Could not find a part of the path '${path.join(dir, 'no/out.txt')}'.`);
  });
});

describe('Set-Content / Add-Content', () => {
  it('Set-Content replaces the content; each value on its own line', () => {
    fs.writeFileSync(path.join(dir, 'f.txt'), 'old content that is longer');
    run(setContentCmdlet, { Path: ['f.txt'] }, ['a', 'b']);
    expect(read('f.txt')).toBe('a\nb\n');
  });

  it('-Value flattens an array one level and skips $null; objects are written with ToString()', () => {
    run(setContentCmdlet, { Path: ['f.txt'], Value: ['x', null, 7, PSObject.from({ a: 1 })] });
    expect(read('f.txt')).toBe('x\n7\n@{a=1}\n');
  });

  it('Add-Content appends without inserting a newline before; -NoNewline omits it', () => {
    fs.writeFileSync(path.join(dir, 'f.txt'), 'start');
    run(addContentCmdlet, { Path: ['f.txt'], Value: ['more'] });
    run(addContentCmdlet, { Path: ['f.txt'], Value: ['end'], NoNewline: true });
    expect(read('f.txt')).toBe('startmore\nend');
  });

  it('Add-Content creates a missing file', () => {
    run(addContentCmdlet, { Path: ['new.txt'] }, ['line']);
    expect(read('new.txt')).toBe('line\n');
  });

  it('an empty pipeline leaves the file untouched (the writer opens on the first input)', () => {
    fs.writeFileSync(path.join(dir, 'f.txt'), 'keep');
    run(setContentCmdlet, { Path: ['f.txt'] }, []);
    expect(read('f.txt')).toBe('keep');
  });

  it('-PassThru writes the values back out', () => {
    expect(run(setContentCmdlet, { Path: ['f.txt'], PassThru: true }, ['a']).output).toEqual(['a']);
  });

  it('a missing folder is a non-terminating error', () => {
    const r = run(setContentCmdlet, { Path: ['no/f.txt', 'ok.txt'] }, ['v']);
    expect(r.errors).toEqual([`Could not find a part of the path '${path.join(dir, 'no/f.txt')}'.`]);
    expect(read('ok.txt')).toBe('v\n');
  });
});

describe('Get-Content', () => {
  it('returns lines without the final empty one, for \\n, \\r\\n and \\r', () => {
    fs.writeFileSync(path.join(dir, 'f.txt'), 'a\r\nb\nc\rd\n');
    expect(run(getContentCmdlet, { Path: ['f.txt'] }).output).toEqual(['a', 'b', 'c', 'd']);
  });

  it('-Raw returns the whole text; an empty file gives nothing', () => {
    fs.writeFileSync(path.join(dir, 'f.txt'), 'a\nb\n');
    fs.writeFileSync(path.join(dir, 'e.txt'), '');
    expect(run(getContentCmdlet, { Path: ['f.txt'], Raw: true }).output).toEqual(['a\nb\n']);
    expect(run(getContentCmdlet, { Path: ['e.txt'] }).output).toEqual([]);
    expect(run(getContentCmdlet, { Path: ['e.txt'], Raw: true }).output).toEqual([]);
  });

  it('-TotalCount and -Tail', () => {
    fs.writeFileSync(path.join(dir, 'f.txt'), '1\n2\n3\n4\n');
    expect(run(getContentCmdlet, { Path: ['f.txt'], TotalCount: 2 }).output).toEqual(['1', '2']);
    expect(run(getContentCmdlet, { Path: ['f.txt'], Tail: 3 }).output).toEqual(['2', '3', '4']);
  });

  it('reads what Set-Content wrote, in any encoding with a BOM', () => {
    run(setContentCmdlet, { Path: ['u.txt'], Encoding: 'bigendianunicode' }, ['Zoë', 'x']);
    expect(bytes('u.txt').subarray(0, 2)).toEqual(Buffer.from([0xfe, 0xff]));
    expect(run(getContentCmdlet, { Path: ['u.txt'] }).output).toEqual(['Zoë', 'x']);
  });

  it('reads every file a wildcard matches', () => {
    fs.writeFileSync(path.join(dir, 'a.log'), 'A\n');
    fs.writeFileSync(path.join(dir, 'b.log'), 'B\n');
    expect(run(getContentCmdlet, { Path: ['*.log'] }).output).toEqual(['A', 'B']);
  });

  it('reports a missing file and a directory without stopping', () => {
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'ok.txt'), 'fine\n');
    const r = run(getContentCmdlet, { Path: ['nope.txt', 'sub', 'ok.txt'] });
    expect(r.errors).toEqual([
      `Cannot find path '${path.join(dir, 'nope.txt')}' because it does not exist.`,
      `Unable to get content because it is a directory: '${path.join(dir, 'sub')}'. Please use 'Get-ChildItem' instead.`,
    ]);
    expect(r.output).toEqual(['fine']);
  });
});
