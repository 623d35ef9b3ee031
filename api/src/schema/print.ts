import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isAbstractType, lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from './index.js';

export const schemaPath = resolve(import.meta.dirname, '../../schema.graphql');
export const possibleTypesPath = resolve(import.meta.dirname, '../../possible-types.json');

export function printedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

/**
 * Every interface and union with the object types it may be, in the form Apollo Client's
 * `InMemoryCache({ possibleTypes })` takes: without it, a fragment on `Error` or `Node` matches nothing.
 */
export function printedPossibleTypes(): string {
  const sorted = lexicographicSortSchema(schema);
  const possibleTypes = Object.fromEntries(
    Object.values(sorted.getTypeMap())
      .filter(isAbstractType)
      .filter((type) => !type.name.startsWith('__'))
      .map((type) => [type.name, sorted.getPossibleTypes(type).map((possible) => possible.name).sort()]),
  );
  return `${JSON.stringify(possibleTypes, null, 2)}\n`;
}

if (process.argv[1] === import.meta.filename) {
  writeFileSync(schemaPath, printedSchema());
  writeFileSync(possibleTypesPath, printedPossibleTypes());
  console.log(`Wrote ${schemaPath} and ${possibleTypesPath}`);
}
