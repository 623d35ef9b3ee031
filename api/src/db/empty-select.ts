import type { PrismaClient } from '../generated/prisma/client.js';

type Args = { select?: Record<string, unknown>; include?: Record<string, unknown> };

/** Drops every empty `select` (Prisma refuses them; Pothos builds one when a client selects only __typename). */
function dropEmptySelects(args: unknown): void {
  if (!args || typeof args !== 'object') return;
  const { select, include } = args as Args;
  if (select && Object.keys(select).length === 0) delete (args as Args).select;
  for (const nested of [select, include]) {
    if (nested) for (const value of Object.values(nested)) dropEmptySelects(value);
  }
}

export function withoutEmptySelects(prisma: PrismaClient): PrismaClient {
  return prisma.$extends({
    query: {
      $allModels: {
        $allOperations({ args, query }) {
          dropEmptySelects(args);
          return query(args);
        },
      },
    },
  }) as unknown as PrismaClient;
}
