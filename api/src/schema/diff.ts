import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CriticalityLevel, diff, type Change } from '@graphql-inspector/core';
import { buildSchema } from 'graphql';
import { schemaPath } from './print.js';

export const changelogPath = resolve(import.meta.dirname, '../../../docs/api-changelog.md');

export interface SchemaReview {
  /** Breaking changes whose schema coordinate the changelog names. */
  recorded: Change[];
  /** Breaking changes it does not: the check fails on these. */
  unrecorded: Change[];
  /** Changes that may break a client (a new enum value, a new optional argument): reported, never a failure. */
  dangerous: Change[];
}

/**
 * Compares two printed schemas with GraphQL Inspector. A breaking change is recorded when its schema
 * coordinate (`Type.field`, `Type.field.argument`, `Enum.VALUE`, or a type's name) appears in backticks
 * in the changelog, as its entries begin: ``- `Mutation.cancelWorkOrder` removed: use …``.
 */
export async function reviewSchemaChange(previousSdl: string, currentSdl: string, changelog: string): Promise<SchemaReview> {
  const changes = await diff(buildSchema(previousSdl), buildSchema(currentSdl));
  const named = new Set([...changelog.matchAll(/`([^`\n]+)`/g)].map((match) => match[1]!.trim()));
  const breaking = changes.filter((change) => change.criticality.level === CriticalityLevel.Breaking);
  return {
    recorded: breaking.filter((change) => named.has(coordinateOf(change))),
    unrecorded: breaking.filter((change) => !named.has(coordinateOf(change))),
    dangerous: changes.filter((change) => change.criticality.level === CriticalityLevel.Dangerous),
  };
}

export function coordinateOf(change: Change): string {
  return change.path ?? change.type;
}

/** The schema as the previous commit had it; null when there is none (the first commit, or the file is new). */
function previousSchema(): string | null {
  const repository = resolve(import.meta.dirname, '../../..');
  const git = (...args: string[]) => execFileSync('git', ['-C', repository, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  try {
    git('rev-parse', '--verify', '--quiet', 'HEAD^');
  } catch {
    return null;
  }
  try {
    return git('show', 'HEAD^:api/schema.graphql');
  } catch {
    return null;
  }
}

async function main(): Promise<number> {
  const previous = previousSchema();
  if (previous === null) {
    console.log('schema:diff: no previous api/schema.graphql to compare with');
    return 0;
  }
  const changelog = existsSync(changelogPath) ? readFileSync(changelogPath, 'utf8') : '';
  const review = await reviewSchemaChange(previous, readFileSync(schemaPath, 'utf8'), changelog);
  for (const change of review.dangerous) console.log(`dangerous: ${change.message}`);
  for (const change of review.recorded) console.log(`breaking, recorded in docs/api-changelog.md: ${change.message}`);
  for (const change of review.unrecorded) console.error(`breaking, NOT recorded: ${change.message} (add an entry naming \`${coordinateOf(change)}\` to docs/api-changelog.md)`);
  if (review.unrecorded.length) return 1;
  console.log(`schema:diff: ${review.recorded.length} breaking change(s), all recorded; ${review.dangerous.length} dangerous`);
  return 0;
}

if (process.argv[1] === import.meta.filename) process.exitCode = await main();
