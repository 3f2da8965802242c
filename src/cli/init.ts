// `exosh init PATH [--sample contoso] [--domain fabrikam.com]`: creates a tenant store.

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { StoreError } from '../tenant/errors.js';
import { validateTenant } from '../tenant/schema.js';
import { TenantStore } from '../tenant/store.js';
import { emptyTenant } from '../tenant/tenant.js';
import { samplePath } from './shell-factory.js';

export function initStore(path: string, options: { sample?: string; domain: string; now?: Date }): number {
  const full = resolve(path);
  try {
    let data;
    if (options.sample) {
      const source = samplePath(options.sample);
      if (!/^[\w-]+$/.test(options.sample) || !existsSync(source)) {
        const dir = dirname(samplePath());
        const names = existsSync(dir)
          ? readdirSync(dir)
              .filter((f) => f.endsWith('.json'))
              .map((f) => f.slice(0, -5))
              .sort()
          : [];
        process.stderr.write(`exosh: there is no bundled sample named '${options.sample}' (available: ${names.join(', ') || 'none'})\n`);
        return 2;
      }
      data = JSON.parse(readFileSync(source, 'utf8'));
      validateTenant(data, source);
    } else {
      if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(options.domain)) {
        process.stderr.write(`exosh: '${options.domain}' is not a domain name (for example fabrikam.com)\n`);
        return 2;
      }
      data = emptyTenant(options.domain, options.now ?? new Date());
    }
    TenantStore.create(full, data);
  } catch (e) {
    if (e instanceof StoreError) {
      process.stderr.write(`exosh: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  process.stdout.write(
    options.sample ? `Created ${full} from the ${options.sample} sample.\n` : `Created ${full}: tenant ${options.domain} with admin@${options.domain.toLowerCase()} in Organization Management.\n`,
  );
  return 0;
}
