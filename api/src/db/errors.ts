/** The PostgreSQL SQLSTATE behind a Prisma error raised through a driver adapter, if any. */
export function postgresErrorCode(error: unknown): string | undefined {
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { originalCode?: string; code?: string } } } })?.meta
    ?.driverAdapterError?.cause;
  return cause?.originalCode ?? cause?.code;
}

export const EXCLUSION_VIOLATION = '23P01';
export const UNIQUE_VIOLATION = '23505';
export const FOREIGN_KEY_VIOLATION = '23503';
export const CHECK_VIOLATION = '23514';
