import type { PrismaClient } from '../generated/prisma/client.js';

/** The client inside an interactive transaction. */
export type Transaction = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];
