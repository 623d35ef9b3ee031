import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from './index.js';

export const schemaPath = resolve(import.meta.dirname, '../../schema.graphql');

export function printedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

if (process.argv[1] === import.meta.filename) {
  writeFileSync(schemaPath, printedSchema());
  console.log(`Wrote ${schemaPath}`);
}
