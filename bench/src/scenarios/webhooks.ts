import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { withClient } from '../bench-database.js';
import { ORGANIZATION_ID_SQL } from '../dataset-loader.js';
import { BUSY_DAY, ORGANIZATION } from '../dataset-plan.js';
import { summarize } from '../http-load.js';
import { startApi } from '../server-process.js';

const encodeGlobalID = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');

export const WEBHOOK_EVENTS = 1_000;
export const WEBHOOK_ENDPOINTS = 10;
const CLIENTS = 16;

const TRANSITION = `mutation ($input: TransitionWorkOrderInput!) {
  transitionWorkOrder(input: $input) { __typename ... on MutationTransitionWorkOrderSuccess { workOrder { id } } }
}`;

export interface WebhooksResult {
  /** Status changes committed (each one event); the rest failed and made none. */
  events: number;
  failedWrites: number;
  endpoints: number;
  deliveries: number;
  lost: number;
  /** From the mutation's response (its transaction committed before it) to the receiver's receipt. */
  fromCommitMs: { p50: number; p99: number; max: number };
  /** Deliveries per second from the first request to the last receipt. */
  deliveriesPerSecond: number;
  /** Seconds from the first request to the last receipt. */
  seconds: number;
}

/**
 * 1,000 status changes of distinct booked work orders (one event each) through the API with 16 clients,
 * to 10 endpoints whose receivers (in this process) answer 200 at once: each event's delivery to each
 * endpoint is timed from the moment its mutation's response arrived.
 */
export async function measureWebhooks(options: { url: string; tokens: string[]; log: (line: string) => void }): Promise<WebhooksResult> {
  const { url, tokens, log } = options;
  const receipts = new Map<string, number[]>();
  const servers: Server[] = [];
  for (let i = 0; i < WEBHOOK_ENDPOINTS; i++) {
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const at = performance.now();
        response.writeHead(200).end();
        const workOrderId = (JSON.parse(Buffer.concat(chunks).toString()) as { data: { workOrder: { id: string } } }).data.workOrder.id;
        receipts.set(workOrderId, [...(receipts.get(workOrderId) ?? []), at]);
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    servers.push(server);
  }

  const ids = await withClient(url, async (client) => {
    for (const server of servers) {
      await client.query(
        `INSERT INTO "WebhookEndpoint" (id, "organizationId", url, "eventTypes", secret, "updatedAt")
         VALUES (gen_random_uuid(), ${ORGANIZATION_ID_SQL}, $1, '{WORK_ORDER_STATUS_CHANGED}', $2, now())`,
        [`http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, `whsec_${randomBytes(24).toString('base64')}`],
      );
    }
    await client.query(
      `INSERT INTO "WebhookCursor" ("organizationId", "lastSeq")
       SELECT ${ORGANIZATION_ID_SQL}, COALESCE(MAX(seq), 0) FROM "WorkOrderEvent" ON CONFLICT ("organizationId") DO UPDATE SET "lastSeq" = EXCLUDED."lastSeq"`,
    );
    const { rows } = await client.query<{ id: string }>(
      `SELECT id FROM "WorkOrder" WHERE status = 'SCHEDULED' AND "technicianId" IS NOT NULL AND "windowStart" >= ((DATE '${BUSY_DAY}' + 1)::timestamp AT TIME ZONE '${ORGANIZATION.timeZone}')
       ORDER BY "windowStart" DESC, id LIMIT ${WEBHOOK_EVENTS}`,
    );
    return rows.map((row) => row.id);
  });
  if (ids.length < WEBHOOK_EVENTS) throw new Error(`Only ${ids.length} booked work orders to move: load a larger dataset`);

  const server = await startApi(url, { WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true', JOBS_CONCURRENCY: String(WEBHOOK_ENDPOINTS) });
  const committed = new Map<string, number>();
  const failedWrites: string[] = [];
  try {
    log(`webhooks: ${WEBHOOK_EVENTS} status changes to ${WEBHOOK_ENDPOINTS} endpoints`);
    const began = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, client) => {
        while (next < ids.length) {
          const id = encodeGlobalID('WorkOrder', ids[next++]!);
          const response = await fetch(`${server.origin}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[client % tokens.length]}` },
            body: JSON.stringify({ query: TRANSITION, variables: { input: { id, status: 'EN_ROUTE' } } }),
          }).catch((error: Error) => {
            throw new Error(`${error.message}; the API said:\n${server.output().slice(-4_000)}`);
          });
          const body = (await response.json()) as { data?: { transitionWorkOrder: { __typename: string } } };
          if (body.data?.transitionWorkOrder.__typename === 'MutationTransitionWorkOrderSuccess') committed.set(id, performance.now());
          else failedWrites.push(JSON.stringify(body).slice(0, 300));
        }
      }),
    );
    if (failedWrites.length) log(`webhooks: ${failedWrites.length} transitions failed (no event, so no delivery), e.g. ${failedWrites[0]}\n${server.output().slice(-3_000)}`);
    const expected = committed.size * WEBHOOK_ENDPOINTS;
    // Wait for every delivery, or for nothing new to arrive for 30 s.
    let last = -1;
    let quietSince = performance.now();
    for (;;) {
      const count = [...receipts.values()].reduce((sum, times) => sum + times.length, 0);
      if (count >= expected) break;
      if (count !== last) [last, quietSince] = [count, performance.now()];
      else if (performance.now() - quietSince > 30_000) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const latencies: number[] = [];
    let lastReceipt = began;
    for (const [id, at] of committed) {
      for (const receipt of receipts.get(id) ?? []) {
        latencies.push(receipt - at);
        lastReceipt = Math.max(lastReceipt, receipt);
      }
    }
    const seconds = (lastReceipt - began) / 1000;
    const { p50, p99, max } = summarize(latencies);
    return {
      events: committed.size,
      failedWrites: failedWrites.length,
      endpoints: WEBHOOK_ENDPOINTS,
      deliveries: latencies.length,
      lost: expected - latencies.length,
      fromCommitMs: { p50, p99, max },
      deliveriesPerSecond: latencies.length / seconds,
      seconds,
    };
  } finally {
    await server.stop();
    for (const receiver of servers) receiver.close();
  }
}
