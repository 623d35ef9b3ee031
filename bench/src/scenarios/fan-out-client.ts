// One fan-out client process: holds many graphql-ws sockets, one subscriber of scheduleChanged each,
// and records when each subscriber receives each event. Driven by its parent over IPC.
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export type ToClient =
  | { type: 'connect'; url: string; tokens: string[]; date: string; concurrency: number }
  | { type: 'report'; seq: string }
  | { type: 'close' };

export type FromClient =
  | { type: 'connected'; connected: number; failed: number; error?: string }
  | { type: 'progress'; seq: string; received: number }
  | { type: 'report'; seq: string; times: number[]; missing: number; duplicates: number };

const SUBSCRIPTION = `subscription ($date: Date!) {
  scheduleChanged(date: $date) {
    seq
    event { type after { status } }
    workOrder { id status version technician { id name } }
  }
}`;

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes on this machine. */
const now = () => performance.timeOrigin + performance.now();

const clients: Client[] = [];
/** seq -> receipt time of each subscriber (index), and how many duplicates arrived. */
const received = new Map<string, { times: Float64Array; got: Uint8Array; count: number; duplicates: number }>();
let subscribers = 0;

const send = (message: FromClient) => process.send!(message);

function onEvent(index: number, seq: string) {
  const at = now();
  let entry = received.get(seq);
  if (!entry) {
    entry = { times: new Float64Array(subscribers), got: new Uint8Array(subscribers), count: 0, duplicates: 0 };
    received.set(seq, entry);
  }
  if (entry.got[index]) {
    entry.duplicates += 1;
    return;
  }
  entry.got[index] = 1;
  entry.times[index] = at;
  entry.count += 1;
}

function subscribe(index: number, url: string, token: string, date: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const client = createClient({
      url,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${token}` },
      onNonLazyError: (error) => {
        if (!settled) reject(error instanceof Error ? error : new Error(JSON.stringify(error)));
        settled = true;
      },
      on: {
        connected: () => {
          if (settled) return;
          settled = true;
          resolve();
        },
      },
    });
    clients.push(client);
    client.subscribe<{ scheduleChanged: { seq: string } }>(
      { query: SUBSCRIPTION, variables: { date } },
      {
        next: (message) => {
          const seq = message.data?.scheduleChanged.seq;
          if (seq) onEvent(index, seq);
        },
        error: () => {},
        complete: () => {},
      },
    );
  });
}

let progressTimer: NodeJS.Timeout | null = null;

process.on('message', async (message: ToClient) => {
  if (message.type === 'connect') {
    subscribers = message.tokens.length;
    let next = 0;
    let failed = 0;
    let error: string | undefined;
    const worker = async () => {
      while (next < message.tokens.length) {
        const index = next++;
        await subscribe(index, message.url, message.tokens[index]!, message.date).catch((e: unknown) => {
          failed += 1;
          error ??= String(e);
        });
      }
    };
    await Promise.all(Array.from({ length: message.concurrency }, worker));
    send({ type: 'connected', connected: subscribers - failed, failed, error });
    progressTimer = setInterval(() => {
      for (const [seq, entry] of received) send({ type: 'progress', seq, received: entry.count });
    }, 100);
  } else if (message.type === 'report') {
    const entry = received.get(message.seq);
    const times: number[] = [];
    if (entry) for (let i = 0; i < subscribers; i++) if (entry.got[i]) times.push(entry.times[i]!);
    send({ type: 'report', seq: message.seq, times, missing: subscribers - times.length, duplicates: entry?.duplicates ?? 0 });
  } else if (message.type === 'close') {
    if (progressTimer) clearInterval(progressTimer);
    await Promise.all(clients.map((c) => c.dispose()));
    process.exit(0);
  }
});
