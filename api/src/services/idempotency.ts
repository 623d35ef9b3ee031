import { createHash } from 'node:crypto';
import type { PrismaClient } from '../generated/prisma/client.js';
import type { Transaction } from '../db/types.js';
import { actorId, type Caller } from '../domain/caller.js';
import { IdempotencyKeyReuseError } from '../domain/errors.js';

/**
 * A request that carries an idempotency key. The key is the caller's own and names one mutation:
 * another caller's key, or the same key on another mutation, is a different key. `input` is the
 * request as normalized by the mutation, with its fields always in the same order, so that its
 * JSON is a stable fingerprint.
 */
export interface IdempotentRequest {
  key: string;
  operation: string;
  input: Record<string, unknown>;
}

/** What a first result leaves behind for its retries. */
export interface IdempotentResponse {
  workOrderId: string;
}

const requestHash = (request: IdempotentRequest) => createHash('sha256').update(JSON.stringify(request.input)).digest('hex');

const recordId = (caller: Caller, request: IdempotentRequest) => ({
  organizationId: caller.organizationId,
  actorId: actorId(caller),
  operation: request.operation,
  key: request.key,
});

/** The first result of this caller's key for this mutation; the same key with another input is refused. */
async function firstResponse(prisma: PrismaClient, caller: Caller, request: IdempotentRequest): Promise<IdempotentResponse | null> {
  const stored = await prisma.idempotencyKey.findUnique({
    where: { organizationId_actorId_operation_key: recordId(caller, request) },
  });
  if (!stored) return null;
  if (stored.requestHash !== requestHash(request)) throw new IdempotencyKeyReuseError();
  return stored.response as unknown as IdempotentResponse;
}

/**
 * Runs `run` once per key: a retry gets the first result through `replay`. The caller's permission
 * must be checked before this is called. `run` calls `remember` inside its transaction, so the record
 * commits with the write or not at all. A concurrent twin waits on the write's row or on the record's
 * primary key; when it then fails, the winner's committed record answers it.
 */
export async function runOnce<T>(
  prisma: PrismaClient,
  caller: Caller,
  request: IdempotentRequest | null,
  run: (remember: (tx: Transaction, response: IdempotentResponse) => Promise<void>) => Promise<T>,
  replay: (response: IdempotentResponse) => Promise<T>,
): Promise<T> {
  if (!request) return run(async () => {});
  const first = await firstResponse(prisma, caller, request);
  if (first) return replay(first);
  const remember = async (tx: Transaction, response: IdempotentResponse) => {
    await tx.idempotencyKey.create({ data: { ...recordId(caller, request), requestHash: requestHash(request), response: { ...response } } });
  };
  try {
    return await run(remember);
  } catch (error) {
    const winner = await firstResponse(prisma, caller, request);
    if (winner) return replay(winner);
    throw error;
  }
}
