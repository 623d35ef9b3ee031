import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printedSchema, schemaPath } from '../../src/schema/print.js';

describe('schema.graphql', () => {
  it('is the schema the server runs (run `pnpm schema:print` after changing the Pothos types)', () => {
    expect(readFileSync(schemaPath, 'utf8')).toBe(printedSchema());
  });
});
