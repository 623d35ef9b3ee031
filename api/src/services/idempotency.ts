import { createHash } from 'node:crypto';
import type { Transaction } from '../db/types.js';
import { actorId, type Caller } from '../domain/caller.js';
import { DomainError, IdempotencyKeyReuseError } from '../domain/errors.js';

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
async function firstResponse(tx: Transaction, caller: Caller, request: IdempotentRequest): Promise<IdempotentResponse | null> {
  const stored = await tx.idempotencyKey.findUnique({
    where: { organizationId_actorId_operation_key: recordId(caller, request) },
  });
  if (!stored) return null;
  if (stored.requestHash !== requestHash(request)) throw new IdempotencyKeyReuseError();
  return stored.response as unknown as IdempotentResponse;
}

/**
 * Runs `run` once per key, in the command's transaction: a retry gets the first result through `replay`,
 * and the record commits with the write or not at all. The caller's permission must be checked first.
 * A concurrent twin waits on the write's row and then finds nothing to move; the typed error it would
 * answer is replaced by the winner's result, whose record has committed by then.
 */
export async function runOnce<T>(
  tx: Transaction,
  caller: Caller,
  request: IdempotentRequest | null,
  run: () => Promise<T>,
  responseOf: (result: T) => IdempotentResponse,
  replay: (response: IdempotentResponse) => Promise<T>,
): Promise<T> {
  if (!request) return run();
  const first = await firstResponse(tx, caller, request);
  if (first) return replay(first);
  let result: T;
  try {
    result = await run();
  } catch (error) {
    // Only a typed refusal leaves the transaction usable; a failed statement has aborted it.
    const winner = error instanceof DomainError ? await firstResponse(tx, caller, request) : null;
    if (winner) return replay(winner);
    throw error;
  }
  await tx.idempotencyKey.create({ data: { ...recordId(caller, request), requestHash: requestHash(request), response: { ...responseOf(result) } } });
  return result;
}
