// `exosh init`: a new empty tenant with one admin, a copy of a bundled sample, and refusals.

import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { exosh, ROOT } from '../helpers/exosh-process.js';

// Each spawn costs ~100 ms on an idle machine, far more on a busy one.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const SAMPLE = join(ROOT, 'samples', 'contoso.json');
const NOW = '2023-08-15T00:00:00Z';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'exosh-e2e-init-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const json = (p: string) => JSON.parse(readFileSync(p, 'utf8'));

describe('exosh init', () => {
  it('creates an empty tenant with one admin who can manage it', () => {
    const path = join(dir, 'fabrikam', 'tenant.json'); // the parent directory is created too
    const r = exosh(dir, ['--now', NOW, 'init', 'fabrikam/tenant.json', '--domain', 'Fabrikam.com']);
    expect(r).toEqual({ code: 0, stdout: `Created ${path}: tenant Fabrikam.com with admin@fabrikam.com in Organization Management.\n`, stderr: '' });
    const d = json(path);
    expect(d.schemaVersion).toBe(1);
    expect(d.organization.name).toBe('fabrikam.onmicrosoft.com');
    expect(d.organization.whenCreated).toBe(NOW);
    expect(d.acceptedDomains.map((a: { domainName: string }) => a.domainName)).toEqual(['fabrikam.com', 'fabrikam.onmicrosoft.com']);
    expect(d.mailboxes.map((m: { userPrincipalName: string }) => m.userPrincipalName)).toEqual(['admin@fabrikam.com']);
    const members = d.roleGroups.filter((g: { members: string[] }) => g.members.length).map((g: { name: string; members: string[] }) => [g.name, g.members]);
    expect(members).toEqual([['Organization Management', [d.mailboxes[0].guid]]]);
    expect(d.clock.pinned).toBeNull();
    expect(readdirSync(join(dir, 'fabrikam'))).toEqual(['tenant.json']);
    // the admin is the default caller and may change organization settings
    const set = exosh(dir, ['--store', path, '-c', 'Set-OrganizationConfig -MessageRecallEnabled $false; (Get-OrganizationConfig).MessageRecallEnabled']);
    expect(set).toEqual({ code: 0, stdout: 'False\n', stderr: '' });
    expect(json(path).organization.settingChanges[0].changedBy).toBe('admin@fabrikam.com');
  });

  it('the domain defaults to contoso.com, and the same input gives the same file', () => {
    const a = exosh(dir, ['--now', NOW, 'init', 'a.json']);
    const b = exosh(dir, ['--now', NOW, 'init', 'b.json', '--domain', 'contoso.com']);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect(a.stdout).toContain('tenant contoso.com with admin@contoso.com');
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe(readFileSync(join(dir, 'b.json'), 'utf8'));
  });

  it('EXOSH_NOW dates the new tenant', () => {
    const r = exosh(dir, ['init', 'dated.json'], { EXOSH_NOW: '2021-02-03T04:05:06Z' });
    expect(r.code).toBe(0);
    expect(json(join(dir, 'dated.json')).organization.whenCreated).toBe('2021-02-03T04:05:06Z');
  });

  it('refuses to overwrite an existing file', () => {
    const path = join(dir, 'existing.json');
    writeFileSync(path, 'precious');
    const r = exosh(dir, ['init', 'existing.json']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`exosh: The file '${path}' already exists; exosh init does not overwrite a store.\n`);
    expect(readFileSync(path, 'utf8')).toBe('precious');
  });

  it.each([['not a domain'], ['contoso'], ['-x.com.'], ['contoso..com']])('a bad domain %j is a usage error (exit 2)', (domain) => {
    const r = exosh(dir, ['init', 'bad.json', '--domain', domain]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`exosh: '${domain}' is not a domain name (for example fabrikam.com)\n`);
    expect(existsSync(join(dir, 'bad.json'))).toBe(false);
  });

  it('an invalid --now is a usage error (exit 2)', () => {
    const r = exosh(dir, ['--now', 'tomorrow-ish', 'init', 'never.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("exosh: invalid --now value 'tomorrow-ish'");
    expect(existsSync(join(dir, 'never.json'))).toBe(false);
  });

  it('an unknown sample is a usage error (exit 2)', () => {
    for (const name of ['nosuch', '../package']) {
      const r = exosh(dir, ['init', 'nosample.json', '--sample', name]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^exosh: there is no bundled sample named '${name.replace(/[.]/g, '\\.')}' \\(available: [^)]*\\)\\n$`));
      expect(existsSync(join(dir, 'nosample.json'))).toBe(false);
    }
  });

  // Needs the bundled sample (samples/contoso.json).
  it('--sample contoso copies the bundled sample', () => {
    const path = join(dir, 'sample.json');
    const r = exosh(dir, ['init', 'sample.json', '--sample', 'contoso']);
    expect(r).toEqual({ code: 0, stdout: `Created ${path} from the contoso sample.\n`, stderr: '' });
    expect(json(path)).toEqual(json(SAMPLE));
    const again = exosh(dir, ['init', 'sample.json', '--sample', 'contoso']);
    expect(again.code).toBe(1);
    const q = exosh(dir, ['--store', path, '-c', 'Get-OrganizationConfig | Select-Object -ExpandProperty Name']);
    expect(q).toEqual({ code: 0, stdout: `${json(SAMPLE).organization.name}\n`, stderr: '' });
  });
});
