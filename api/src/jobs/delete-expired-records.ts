import type { Task } from 'graphile-worker';
import { IDEMPOTENCY_KEY_KEPT_MS } from '../domain/retention.js';

declare global {
  namespace GraphileWorker {
    interface Tasks {
      deleteExpiredRecords: Record<string, unknown>;
    }
  }
}

/** Deletes sessions that have ended and idempotency keys past their time (domain/retention.ts). */
export const deleteExpiredRecords: Task<'deleteExpiredRecords'> = async (_payload, helpers) => {
  const sessions = await helpers.query(`DELETE FROM "Session" WHERE "expiresAt" <= now() OR "revokedAt" IS NOT NULL`);
  const keys = await helpers.query(`DELETE FROM "IdempotencyKey" WHERE "createdAt" < now() - make_interval(secs => $1)`, [
    IDEMPOTENCY_KEY_KEPT_MS / 1000,
  ]);
  helpers.logger.info(`Deleted ${sessions.rowCount} ended sessions and ${keys.rowCount} expired idempotency keys`);
};
