// The bundled sample tenant is what its script builds: samples/contoso.json must be
// regenerated (npm run sample) whenever samples/contoso.ps1 or the simulation changes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ES module without types
import { buildSample } from '../../scripts/make-sample.mjs';

describe('samples/contoso.json', () => {
  it('is exactly what samples/contoso.ps1 builds', () => {
    const committed = readFileSync(new URL('../../samples/contoso.json', import.meta.url), 'utf8');
    const built: string = buildSample('contoso');
    expect(built.length).toBeGreaterThan(1000);
    expect(built === committed, 'samples/contoso.json is stale: run `npm run sample`').toBe(true);
  }, 60_000);
});
