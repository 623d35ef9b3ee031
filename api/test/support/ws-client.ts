import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { App } from '../../src/server.js';
import { serve } from './api.js';

/** Starts the app's HTTP server on a free loopback port and returns its ws:// URL. */
export async function listen(app: App): Promise<string> {
  return `${(await serve(app)).replace(/^http/, 'ws')}/graphql`;
}

export function wsClient(url: string, token: string | null): { client: Client; closed: Promise<number> } {
  let onClosed: (code: number) => void = () => {};
  const closed = new Promise<number>((resolve) => (onClosed = resolve));
  const client = createClient({
    url,
    webSocketImpl: WebSocket,
    lazy: false,
    retryAttempts: 0,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    on: { closed: (event) => onClosed((event as { code: number }).code) },
    onNonLazyError: () => {},
  });
  return { client, closed };
}

/** A live subscription whose messages are collected as they arrive. */
export class Subscription<T = any> {
  readonly received: T[] = [];
  readonly errors: unknown[] = [];
  private waiters: (() => void)[] = [];
  readonly done: Promise<void>;
  private readonly dispose: () => void;

  constructor(client: Client, query: string, variables: Record<string, unknown> = {}, operationName?: string) {
    let finish = () => {};
    this.done = new Promise((resolve) => (finish = resolve));
    this.dispose = client.subscribe<T>(
      { query, variables, operationName },
      {
        next: (message) => {
          if (message.errors) this.errors.push(message.errors);
          if (message.data) this.received.push(message.data as T);
          this.waiters.splice(0).forEach((wake) => wake());
        },
        error: (error) => {
          this.errors.push(error);
          finish();
          this.waiters.splice(0).forEach((wake) => wake());
        },
        complete: () => finish(),
      },
    );
  }

  /** Waits until `count` messages have arrived (or fails after `timeoutMs`). */
  async waitFor(count: number, timeoutMs = 10_000): Promise<T[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (this.errors.length) throw new Error(`Subscription failed: ${JSON.stringify(this.errors)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`Expected ${count} messages, got ${this.received.length}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.received.slice(0, count);
  }

  close(): void {
    this.dispose();
  }
}

export const SCHEDULE_CHANGED = `subscription ($date: Date!, $after: String) {
  scheduleChanged(date: $date, after: $after) {
    seq
    event { type after { status internalNotes customerNotes } before { internalNotes } }
    workOrder { id label status internalNotes customerNotes customer { name } }
  }
}`;
