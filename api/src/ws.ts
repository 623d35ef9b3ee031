import type { IncomingMessage, Server } from 'node:http';
import type { YogaServerInstance } from 'graphql-yoga';
import type { ExecutionArgs } from 'graphql';
import type { ServerOptions } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Caller } from './domain/caller.js';
import { tokenFromConnectionParams, type Services } from './auth/context.js';
import { credentialKey } from './auth/revocation.js';
import type { Context } from './schema/context.js';

const FORBIDDEN = 4403;
const GOING_AWAY = 1001;

type SocketExtra = {
  socket: WebSocket;
  /** The upgrade request: the client address of every operation on this socket comes from it. */
  request: IncomingMessage;
  caller?: Caller;
};

/**
 * graphql-ws on the HTTP server's /graphql path, executing through Yoga's envelop so the same
 * plugins apply as over HTTP. A bad token is refused with 4403; revoking a credential closes its sockets.
 */
export function attachWebSockets(server: Server, yoga: YogaServerInstance<Record<string, unknown>, Context>, services: Services) {
  const wss = new WebSocketServer({ server, path: '/graphql' });
  const byCredential = new Map<string, Set<WebSocket>>();

  const disposable = useServer<Record<string, unknown>, SocketExtra>(
    {
      onConnect: async (ctx) => {
        const token = tokenFromConnectionParams(ctx.connectionParams);
        const caller = token ? await services.credentials.callerOf(token) : null;
        if (!token || !caller) return false;
        ctx.extra.caller = caller;
        const key = credentialKey(caller, token);
        const sockets = byCredential.get(key) ?? new Set();
        sockets.add(ctx.extra.socket);
        byCredential.set(key, sockets);
        ctx.extra.socket.once('close', () => {
          sockets.delete(ctx.extra.socket);
          if (sockets.size === 0) byCredential.delete(key);
        });
        return true;
      },
      execute: (args) => (args.rootValue as Enveloped).execute(args),
      subscribe: (args) => (args.rootValue as Enveloped).subscribe(args),
      onSubscribe: async (ctx, _id, params) => {
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          connectionParams: ctx.connectionParams,
          params,
        });
        const args = {
          schema,
          operationName: params.operationName,
          document: parse(params.query),
          variableValues: params.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        };
        const errors = validate(args.schema, args.document);
        return errors.length ? errors : args;
      },
    },
    wss,
  );

  return {
    /** Ends every socket opened with this credential (a revoked API key or a logged-out session). */
    closeCredential(key: string) {
      for (const socket of byCredential.get(key) ?? []) socket.close(FORBIDDEN, 'Forbidden');
    },
    socketCount: () => wss.clients.size,
    async close() {
      for (const socket of wss.clients) socket.close(GOING_AWAY, 'Server shutting down');
      await disposable.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

interface Enveloped {
  execute: (args: ExecutionArgs) => OperationResult;
  subscribe: (args: ExecutionArgs) => OperationResult;
}

type OperationResult = ReturnType<NonNullable<ServerOptions['execute']>>;
