import { createHash } from 'node:crypto';
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

/**
 * Runs `run` once per key, in the command's transaction: a retry gets the first result through `replay`.
 * The key is claimed before `run`, so the record commits with the write or not at all, and a concurrent
 * twin waits on the claim: once the first commits, the twin is answered with its result (or refused as
 * a reuse when its input differs); when the first rolls back, the twin claims the key and runs itself.
 * The caller's permission must be checked first.
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
  const id = recordId(caller, request);
  const hash = requestHash(request);
  const [claimed] = await tx.idempotencyKey.createManyAndReturn({ data: [{ ...id, requestHash: hash, response: {} }], skipDuplicates: true });
  if (!claimed) {
    const first = await tx.idempotencyKey.findUniqueOrThrow({ where: { organizationId_actorId_operation_key: id } });
    if (first.requestHash !== hash) throw new IdempotencyKeyReuseError();
    return replay(first.response as unknown as IdempotentResponse);
  }
  const result = await run();
  await tx.idempotencyKey.update({ where: { organizationId_actorId_operation_key: id }, data: { response: { ...responseOf(result) } } });
  return result;
}
