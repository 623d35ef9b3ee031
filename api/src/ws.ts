import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { YogaServerInstance } from 'graphql-yoga';
import { getOperationAST, type ExecutionArgs } from 'graphql';
import type { ServerOptions } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer, type WebSocket } from 'ws';
import { tokenFromConnectionParams } from './auth/tokens.js';
import { MAX_BODY_BYTES } from './limits/policy.js';
import { parseFailure, unidentifiedOperation } from './limits/operation-errors.js';
import type { Context, Services } from './context.js';

const FORBIDDEN = 4403;
const GOING_AWAY = 1001;

type SocketExtra = {
  socket: WebSocket;
  /** The upgrade request: the client address of every operation on this socket comes from it. */
  request: IncomingMessage;
};

/**
 * graphql-ws on the HTTP server's /graphql path, executing through Yoga's envelop so the same
 * plugins apply as over HTTP. A bad token is refused with 4403; the socket is one of the live
 * streams of its credential, closed with 4403 when that is revoked or expires. A message over
 * MAX_BODY_BYTES closes the socket with 1009.
 */
export function attachWebSockets(server: Server, yoga: YogaServerInstance<Record<string, unknown>, Context>, services: Services) {
  // The server's upgrades are handed over here rather than by giving ws the server, which would re-emit the
  // server's own errors (a port in use) as its own, and graphql-ws report those as an internal error.
  const wss = new WebSocketServer({ noServer: true, path: '/graphql', maxPayload: MAX_BODY_BYTES });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  });

  const disposable = useServer<Record<string, unknown>, SocketExtra>(
    {
      onConnect: async (ctx) => {
        const token = tokenFromConnectionParams(ctx.connectionParams);
        const credential = token ? await services.credentials.credentialOf(token) : null;
        if (!credential) return false;
        const socket = ctx.extra.socket;
        const forget = services.liveStreams.add(credential, (why) =>
          why === 'shutdown' ? socket.close(GOING_AWAY, 'Server shutting down') : socket.close(FORBIDDEN, 'Forbidden'),
        );
        socket.once('close', forget);
        return true;
      },
      execute: (args) => (args.rootValue as Enveloped).execute(args),
      subscribe: (args) => (args.rootValue as Enveloped).subscribe(args),
      // A bad operation (a syntax error, a limit) is an `error` message for its id; the socket and its other subscriptions go on.
      onSubscribe: async (ctx, _id, params) => {
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          connectionParams: ctx.connectionParams,
          params,
        });
        let document;
        try {
          document = parse(params.query);
        } catch (error) {
          return [parseFailure(error)];
        }
        const errors = validate(schema, document);
        if (errors.length) return errors;
        // graphql-ws would answer this itself, past the error masking, with no code.
        if (!getOperationAST(document, params.operationName)) return [unidentifiedOperation(params.operationName)];
        return {
          schema,
          operationName: params.operationName,
          document,
          variableValues: params.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        };
      },
    },
    wss,
  );

  return {
    socketCount: () => wss.clients.size,
    /** Closes every socket with 1001 and waits for each closing handshake (ws gives up on a silent peer after 30 s). */
    async close() {
      const open = [...wss.clients];
      for (const socket of open) socket.close(GOING_AWAY, 'Server shutting down');
      await Promise.all(open.map((socket) => socket.readyState === socket.CLOSED || new Promise((done) => socket.once('close', done))));
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
