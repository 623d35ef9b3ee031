import type { Transaction } from '../db/types.js';
import { ValidationError } from '../domain/errors.js';

/**
 * Waits for any other change in flight to one of the organization's sets of rows (`name`), and holds
 * the set until this transaction ends: a check of the set made after it still holds at commit.
 */
export async function lockSet(tx: Transaction, organizationId: string, name: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`${name}:${organizationId}`}, 0))`;
}

/**
 * Room for one more row in a set the organization holds at most `max` of (domain/list-bounds.ts), or a
 * ValidationError on the input saying so, checked under the set's lock.
 */
export async function requireRoomInSet(
  tx: Transaction,
  organizationId: string,
  set: { name: string; max: number; count: () => Promise<number>; refusal: string },
): Promise<void> {
  await lockSet(tx, organizationId, set.name);
  if ((await set.count()) >= set.max) throw ValidationError.field(['input'], set.refusal);
}
