import type { Transaction } from '../db/types.js';
import { ValidationError } from '../domain/errors.js';

/**
 * Room for one more row in a set the organization holds at most `max` of (domain/list-bounds.ts), or a
 * ValidationError on the input saying so. Another addition to the same set in flight is waited for
 * first, so that the bound holds at commit.
 */
export async function requireRoomInSet(
  tx: Transaction,
  organizationId: string,
  set: { name: string; max: number; count: () => Promise<number>; refusal: string },
): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`${set.name}:${organizationId}`}, 0))`;
  if ((await set.count()) >= set.max) throw ValidationError.field(['input'], set.refusal);
}
