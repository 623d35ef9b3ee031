import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { possibleTypesPath, printedPossibleTypes } from '../../src/schema/print.js';

describe('possible-types.json', () => {
  it('lists the possible types of the schema the server runs (run `pnpm schema:print` after changing the Pothos types)', () => {
    expect(readFileSync(possibleTypesPath, 'utf8')).toBe(printedPossibleTypes());
  });

  it('names every interface and union clients match fragments on', () => {
    const possibleTypes = JSON.parse(readFileSync(possibleTypesPath, 'utf8')) as Record<string, string[]>;
    expect(possibleTypes.Node).toContain('WorkOrder');
    expect(possibleTypes.Error).toContain('ValidationError');
    expect(possibleTypes.MutationLoginResult).toContain('MutationLoginSuccess');
  });
});
