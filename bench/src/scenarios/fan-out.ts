import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { summarize } from '../http-load.js';
import { withClient } from '../bench-database.js';
import { BUSY_DAY, ORGANIZATION } from '../dataset-plan.js';
import { startApi, type ServerProcess } from '../server-process.js';
import type { FromClient, ToClient } from './fan-out-client.js';

const SUBSCRIBERS_PER_PROCESS = 2_500;
const DELIVERY_TIMEOUT_MS = 120_000;

export interface FanOutLevel {
  subscribers: number;
  clientProcesses: number;
  connectSeconds: number;
  connectFailures: number;
  /** From the mutation's response (as the client that sent it saw it) to each subscriber's receipt. Negative
   * when a subscriber had the event before the response arrived (the server delivered before answering). */
  deliveryMs: { p50: number; p99: number; max: number; min: number } | null;
  /** From the moment the mutation was sent: includes the mutation's own time, never negative. Targets use this. */
  deliveryFromRequestMs: { p50: number; p99: number; max: number; min: number } | null;
  mutationMs: number;
  /** From the mutation's response until the last subscriber had it. */
  allDeliveredMs: number | null;
  lost: number;
  duplicates: number;
  warmUpLost: number;
  rssBaselineBytes: number;
  rssIdleBytes: number;
  rssPeakBytes: number;
  bytesPerIdleSubscriber: number;
}

export interface FanOutResult {
  levels: FanOutLevel[];
}

const TRANSITION = `mutation ($input: TransitionWorkOrderInput!) {
  transitionWorkOrder(input: $input) { __typename ... on MutationTransitionWorkOrderSuccess { workOrder { id status version } } }
}`;

const now = () => performance.timeOrigin + performance.now();

class ClientProcess {
  readonly child: ChildProcess;
  readonly progress = new Map<string, number>();
  private waiters: ((m: FromClient) => boolean)[] = [];

  constructor() {
    this.child = fork(resolve(import.meta.dirname, 'fan-out-client.ts'), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (message: FromClient) => {
      if (message.type === 'progress') this.progress.set(message.seq, message.received);
      this.waiters = this.waiters.filter((accept) => !accept(message));
    });
  }

  request<T extends FromClient['type']>(message: ToClient, reply: T): Promise<Extract<FromClient, { type: T }>> {
    return new Promise((done) => {
      this.waiters.push((m) => {
        if (m.type !== reply) return false;
        done(m as Extract<FromClient, { type: T }>);
        return true;
      });
      this.child.send(message);
    });
  }

  async close() {
    const exited = new Promise((done) => this.child.once('exit', done));
    this.child.send({ type: 'close' } satisfies ToClient);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

async function transition(server: ServerProcess, url: string, token: string, workOrderId: string, status: string) {
  const sentAt = now();
  const response = await fetch(`${server.origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: TRANSITION, variables: { input: { id: Buffer.from(`WorkOrder:${workOrderId}`).toString('base64'), status } } }),
  });
  const answeredAt = now();
  const body = (await response.json()) as { data?: { transitionWorkOrder?: { __typename: string; workOrder?: { version: number } } } };
  if (!body.data?.transitionWorkOrder?.workOrder) throw new Error(`transition refused: ${JSON.stringify(body)}`);
  const { rows } = await withClient(url, (client) =>
    client.query<{ seq: string }>(
      `SELECT seq::text FROM "WorkOrderEvent" WHERE "workOrderId" = $1 AND (after->>'version')::int = $2 AND type = 'STATUS_CHANGED'`,
      [workOrderId, body.data!.transitionWorkOrder!.workOrder!.version],
    ),
  );
  return { sentAt, answeredAt, seq: rows[0]!.seq };
}

async function waitForAll(clients: ClientProcess[], seq: string, expected: number, onTick?: () => void): Promise<boolean> {
  const deadline = Date.now() + DELIVERY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    onTick?.();
    const received = clients.reduce((sum, c) => sum + (c.progress.get(seq) ?? 0), 0);
    if (received >= expected) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

/**
 * For each level: fresh client processes open N sockets (one scheduleChanged subscriber of the busy
 * day each); a first transition proves every subscription is live (warm-up); the server's RSS is then
 * read idle; a second transition is measured from its response to each subscriber's receipt, while
 * the RSS is sampled for its peak.
 */
export async function measureFanOut(options: {
  url: string;
  tokens: string[];
  levels: number[];
  log: (line: string) => void;
}): Promise<FanOutResult> {
  const { url, log } = options;
  const [writerToken, ...subscriberTokens] = options.tokens;
  const maxLevel = Math.max(...options.levels);
  if (subscriberTokens.length < maxLevel) throw new Error(`need ${maxLevel} subscriber sessions`);
  // Busy-day jobs still SCHEDULED: each level moves two of them (warm-up and measured) to EN_ROUTE.
  const jobs = await withClient(url, async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `SELECT id FROM "WorkOrder" WHERE status = 'SCHEDULED' AND "technicianId" IS NOT NULL
         AND "windowStart" >= (DATE '${BUSY_DAY}'::timestamp AT TIME ZONE '${ORGANIZATION.timeZone}')
         AND "windowStart" < ((DATE '${BUSY_DAY}' + 1)::timestamp AT TIME ZONE '${ORGANIZATION.timeZone}')
       ORDER BY "windowStart" DESC, id LIMIT ${options.levels.length * 2}`,
    );
    return rows.map((r) => r.id);
  });

  const server = await startApi(url);
  const levels: FanOutLevel[] = [];
  try {
    // Let the server settle after start-up (migrations check, schema build) before the baseline.
    await new Promise((r) => setTimeout(r, 2_000));
    for (const [i, subscribers] of options.levels.entries()) {
      const processes = Math.max(2, Math.ceil(subscribers / SUBSCRIBERS_PER_PROCESS));
      const rssBaselineBytes = server.rssBytes();
      const clients = Array.from({ length: processes }, () => new ClientProcess());
      const started = Date.now();
      const tokens = subscriberTokens.slice(0, subscribers);
      const share = Math.ceil(subscribers / processes);
      const connected = await Promise.all(
        clients.map((client, p) =>
          client.request(
            { type: 'connect', url: `${server.origin.replace('http', 'ws')}/graphql`, tokens: tokens.slice(p * share, (p + 1) * share), date: BUSY_DAY, concurrency: 50 },
            'connected',
          ),
        ),
      );
      const connectSeconds = (Date.now() - started) / 1000;
      const connectFailures = connected.reduce((sum, c) => sum + c.failed, 0);
      const connectError = connected.find((c) => c.error)?.error;
      log(`fan-out ${subscribers}: ${processes} client processes, connected in ${connectSeconds.toFixed(1)} s, ${connectFailures} failed${connectError ? ` (${connectError})` : ''}`);

      const warmUp = await transition(server, url, writerToken!, jobs[i * 2]!, 'EN_ROUTE');
      const warmedUp = await waitForAll(clients, warmUp.seq, subscribers - connectFailures);
      const warmUpReport = await Promise.all(clients.map((c) => c.request({ type: 'report', seq: warmUp.seq }, 'report')));
      const warmUpLost = warmUpReport.reduce((sum, r) => sum + r.missing, 0) - connectFailures;
      if (!warmedUp) log(`fan-out ${subscribers}: warm-up event reached ${subscribers - connectFailures - warmUpLost} subscribers only`);

      await new Promise((r) => setTimeout(r, 3_000));
      const rssIdleBytes = server.rssBytes();
      let rssPeakBytes = rssIdleBytes;
      const sample = () => {
        rssPeakBytes = Math.max(rssPeakBytes, server.rssBytes());
      };
      const sampler = setInterval(sample, 10);
      const measured = await transition(server, url, writerToken!, jobs[i * 2 + 1]!, 'EN_ROUTE');
      await waitForAll(clients, measured.seq, subscribers - connectFailures, sample);
      clearInterval(sampler);
      const reports = await Promise.all(clients.map((c) => c.request({ type: 'report', seq: measured.seq }, 'report')));
      const latencies = reports.flatMap((r) => r.times.map((t) => t - measured.answeredAt));
      const fromRequest = reports.flatMap((r) => r.times.map((t) => t - measured.sentAt));
      const lost = reports.reduce((sum, r) => sum + r.missing, 0);
      const duplicates = reports.reduce((sum, r) => sum + r.duplicates, 0);
      const deliveryMs = latencies.length ? summarize(latencies) : null;
      const level: FanOutLevel = {
        subscribers,
        clientProcesses: processes,
        connectSeconds,
        connectFailures,
        deliveryMs,
        deliveryFromRequestMs: fromRequest.length ? summarize(fromRequest) : null,
        mutationMs: measured.answeredAt - measured.sentAt,
        allDeliveredMs: deliveryMs && lost === 0 ? deliveryMs.max : null,
        lost,
        duplicates,
        warmUpLost,
        rssBaselineBytes,
        rssIdleBytes,
        rssPeakBytes,
        bytesPerIdleSubscriber: (rssIdleBytes - rssBaselineBytes) / subscribers,
      };
      levels.push(level);
      log(
        `fan-out ${subscribers}: from the response p50 ${deliveryMs?.p50.toFixed(1)} ms, p99 ${deliveryMs?.p99.toFixed(1)} ms, max ${deliveryMs?.max.toFixed(1)} ms; ` +
          `from the request p99 ${level.deliveryFromRequestMs?.p99.toFixed(1)} ms (mutation ${level.mutationMs.toFixed(1)} ms), ` +
          `lost ${lost}, duplicates ${duplicates}; RSS ${(rssBaselineBytes / 2 ** 20).toFixed(0)} → idle ${(rssIdleBytes / 2 ** 20).toFixed(0)} → peak ${(rssPeakBytes / 2 ** 20).toFixed(0)} MiB, ` +
          `${(level.bytesPerIdleSubscriber / 1024).toFixed(1)} KiB per idle subscriber`,
      );
      await Promise.all(clients.map((c) => c.close()));
      // Let the server notice the closed sockets and drop their subscriptions before the next level.
      await new Promise((r) => setTimeout(r, 3_000));
    }
  } finally {
    await server.stop();
  }
  return { levels };
}
