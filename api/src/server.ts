import { createServer, type Server } from 'node:http';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { Database } from './db/database.js';
import { contextFromToken, tokenFromConnectionParams, tokenFromRequest } from './auth/context.js';
import { EventFeed } from './events/feed.js';
import { ACCESS_REVOKED_CHANNEL } from './events/listen.js';
import type { Context } from './schema/context.js';
import { schema } from './schema/index.js';
import { attachWebSockets } from './ws.js';

export interface App {
  yoga: YogaServerInstance<Record<string, unknown>, Context>;
  server: Server;
  feed: EventFeed;
  socketCount(): number;
  /** Stops accepting, lets in-flight requests finish, closes sockets with 1001, stops listening. */
  close(): Promise<void>;
}

export async function startApp(db: Database): Promise<App> {
  const feed = new EventFeed(db.prisma, db.listen);
  await feed.start();
  const services = { prisma: db.prisma, feed };

  const yoga = createYoga<Record<string, unknown>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: process.env.NODE_ENV !== 'production',
    context: ({ request, connectionParams }) =>
      contextFromToken(services, connectionParams ? tokenFromConnectionParams(connectionParams) : tokenFromRequest(request)),
    logging: process.env.NODE_ENV === 'test' ? 'error' : 'info',
  });
  const server = createServer(yoga);
  const sockets = attachWebSockets(server, yoga, services);
  const stopRevocations = await db.listen(ACCESS_REVOKED_CHANNEL, (key) => sockets.closeCredential(key));

  return {
    yoga,
    server,
    feed,
    socketCount: sockets.socketCount,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await sockets.close();
      await closed;
      await stopRevocations();
      await feed.stop();
    },
  };
}
