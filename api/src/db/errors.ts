/** The PostgreSQL SQLSTATE behind a Prisma error raised through a driver adapter, if any. */
export function postgresErrorCode(error: unknown): string | undefined {
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: string; code?: string } } } })?.meta
    ?.driverAdapterError?.cause;
  return cause?.originalCode ?? cause?.code;
}

/** PostgreSQL chose this transaction to end a deadlock, or could not serialize it: run again, it may pass. */
export function isTransactionConflict(error: unknown): boolean {
  const code = postgresErrorCode(error);
  return (error as { code?: unknown })?.code === 'P2034' || code === '40P01' || code === '40001';
}

export const EXCLUSION_VIOLATION = '23P01';
export const UNIQUE_VIOLATION = '23505';
export const FOREIGN_KEY_VIOLATION = '23503';
/** PostgreSQL 18 (the embedded database) reports an ON DELETE RESTRICT refusal as this, 15 as a foreign key violation. */
export const RESTRICT_VIOLATION = '23001';

/** A delete refused because other rows still point at the row. */
export function isStillReferenced(error: unknown): boolean {
  const code = postgresErrorCode(error);
  return code === FOREIGN_KEY_VIOLATION || code === RESTRICT_VIOLATION;
}

/**
 * The column a foreign key violation is about, from Prisma's constraint name
 * (`Vehicle_organizationId_customerId_fkey` → `customerId`; the tenant column is never the one).
 */
export function foreignKeyColumn(error: unknown): string | undefined {
  const constraint = (error as { meta?: { driverAdapterError?: { cause?: { constraint?: { index?: string } } } } })?.meta?.driverAdapterError?.cause
    ?.constraint?.index;
  const columns = /^[A-Za-z]+_(.+)_fkey$/.exec(constraint ?? '')?.[1]?.split('_');
  return columns?.filter((column) => column !== 'organizationId').at(-1);
}
