import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  json: any;
  /** Every signature checked with the standardwebhooks package against each secret the test trusts. */
  verifiedWith: string[];
}

export interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Never answer (the delivery's timeout ends it). */
  hang?: boolean;
}

/**
 * A real HTTP receiver: it verifies every request with `standardwebhooks` against the secrets it is
 * given, records it, and answers what the test scripts (200 by default).
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  secrets: string[] = [];
  private script: Answer[] = [];
  private waiters: { count: number; done: () => void }[] = [];
  private server: Server | null = null;
  port = 0;
  /** Runs before each answer (to hold it, or to watch how many are in flight). */
  onRequest: (() => Promise<void>) | null = null;

  static async start(port = 0): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    await receiver.listen(port);
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hooks`;
  }

  /** The next answers, in order; afterwards 200. */
  answer(...answers: Answer[]): void {
    this.script.push(...answers);
  }

  async listen(port = this.port): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', async () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const headers = request.headers;
        const verifiedWith = this.secrets.filter((secret) => {
          try {
            new Webhook(secret).verify(body, headers as Record<string, string>);
            return true;
          } catch {
            return false;
          }
        });
        this.received.push({ headers, body, json: JSON.parse(body), verifiedWith });
        this.waiters = this.waiters.filter((waiter) => (this.received.length >= waiter.count ? (waiter.done(), false) : true));
        const answer = this.script.shift() ?? { status: 200 };
        await this.onRequest?.();
        if (answer.hang) return;
        response.writeHead(answer.status, answer.headers ?? {}).end(answer.body ?? 'ok');
      });
    });
    await new Promise<void>((done) => this.server!.listen(port, '127.0.0.1', done));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Resolves once `count` requests in all have arrived. */
  waitFor(count: number): Promise<Received[]> {
    if (this.received.length >= count) return Promise.resolve(this.received);
    return new Promise((done) => this.waiters.push({ count, done: () => done(this.received) }));
  }

  async close(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise((done) => this.server!.close(done));
    this.server = null;
  }
}
