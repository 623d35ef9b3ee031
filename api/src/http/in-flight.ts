import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/**
 * The requests a server is answering, so that a shutdown can let them finish on connections that close
 * behind them. Node's `server.close()` closes only connections idle at that moment; a keep-alive
 * connection whose response ends later would stay open until its keep-alive timeout.
 */
export class InFlightRequests {
  private readonly open = new Set<ServerResponse>();
  private closing = false;

  constructor(private readonly server: Server) {}

  /** Wraps the server's request listener. */
  track(listener: (req: IncomingMessage, res: ServerResponse) => void) {
    return (req: IncomingMessage, res: ServerResponse) => {
      if (this.closing) res.setHeader('connection', 'close');
      else {
        this.open.add(res);
        res.once('close', () => this.open.delete(res));
      }
      listener(req, res);
    };
  }

  /**
   * From now on every response closes its connection when it ends (saying so, when its headers are not
   * sent yet), so that a load balancer retires its connections to this server one answer at a time.
   */
  closeConnectionsAfterResponses(): void {
    this.closing = true;
    for (const res of this.open) {
      if (!res.headersSent) res.setHeader('connection', 'close');
      else res.once('finish', () => res.socket?.end());
    }
  }

  /** Stops accepting; closes the connections that are idle now, and each other one after its response. */
  close(): Promise<void> {
    this.closeConnectionsAfterResponses();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    return closed;
  }
}
