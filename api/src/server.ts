import { createServer, type Server } from 'node:http';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { PrismaClient } from './generated/prisma/client.js';
import { contextFromRequest } from './auth/context.js';
import type { Context } from './schema/context.js';
import { schema } from './schema/index.js';

export interface App {
  yoga: YogaServerInstance<Record<string, unknown>, Context>;
  server: Server;
}

export function createApp({ prisma }: { prisma: PrismaClient }): App {
  const yoga = createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: process.env.NODE_ENV !== 'production',
    context: ({ request }) => contextFromRequest(prisma, request),
    logging: process.env.NODE_ENV === 'test' ? 'error' : 'info',
  });
  const server = createServer(yoga);
  return { yoga, server };
}
