import { graphqlVerdict, runLoad, type LoadResult } from '../http-load.js';
import { withClient } from '../bench-database.js';
import { BUSY_DAY, ORGANIZATION } from '../dataset-plan.js';
import { startApi } from '../server-process.js';

/** Relay global ids, as the API's: base64 of "Type:uuid". */
const encodeGlobalID = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');
const decodeGlobalID = (gid: string) => ({ id: Buffer.from(gid, 'base64').toString().split(':')[1]! });

export const WRITE_CONCURRENCY = [16, 64] as const;

const TRANSITION = `mutation ($input: TransitionWorkOrderInput!) {
  transitionWorkOrder(input: $input) {
    __typename
    ... on Error { message }
    ... on MutationTransitionWorkOrderSuccess { workOrder { id status version } }
  }
}`;

/** Each assigned work order after the busy day (an unassigned one cannot start) walks SCHEDULED → EN_ROUTE → ON_SITE → IN_PROGRESS, one step per request. */
const STEPS = ['EN_ROUTE', 'ON_SITE', 'IN_PROGRESS'] as const;

interface Ack {
  id: string;
  status: string;
  version: number;
}

export interface WriteRun extends LoadResult {
  acknowledged: number;
}

export interface StatusWritesResult {
  runs: Record<string, WriteRun>;
  acknowledged: number;
  inEventLog: number;
  missingFromEventLog: number;
}

export async function measureStatusWrites(options: {
  url: string;
  tokens: string[];
  durationSeconds: number;
  log: (line: string) => void;
}): Promise<StatusWritesResult> {
  const { url, tokens, log } = options;
  const ids = await withClient(url, async (client) => {
    const { rows } = await client.query<{ id: string }>(
      `SELECT id FROM "WorkOrder" WHERE status = 'SCHEDULED' AND "technicianId" IS NOT NULL AND "windowStart" >= ((DATE '${BUSY_DAY}' + 1)::timestamp AT TIME ZONE '${ORGANIZATION.timeZone}')
       ORDER BY "windowStart", id`,
    );
    return rows.map((r) => r.id);
  });
  if (ids.length < 1_000) throw new Error(`Only ${ids.length} booked work orders to move: load a larger dataset`);
  // Round r moves every work order one step; a work order's next step comes thousands of requests later.
  let cursor = 0;
  const next = () => {
    const round = Math.floor(cursor / ids.length) % STEPS.length;
    const id = ids[cursor % ids.length]!;
    cursor += 1;
    return { id: encodeGlobalID('WorkOrder', id), status: STEPS[round]! };
  };

  const server = await startApi(url);
  const acks: Ack[] = [];
  const runs: Record<string, WriteRun> = {};
  try {
    for (const connections of [2, ...WRITE_CONCURRENCY]) {
      const warmUp = connections === 2;
      const before = acks.length;
      const load = await runLoad({
        url: `${server.origin}/graphql`,
        connections,
        durationSeconds: warmUp ? 2 : options.durationSeconds,
        tokens,
        body: () => JSON.stringify({ query: TRANSITION, variables: { input: next() } }),
        verify: (status, body) => {
          const failed = graphqlVerdict(status, body);
          if (failed) return failed;
          const payload = (JSON.parse(body) as { data: { transitionWorkOrder: { __typename: string; workOrder?: Ack } } }).data.transitionWorkOrder;
          if (!payload.workOrder) return payload.__typename;
          acks.push({ ...payload.workOrder, id: decodeGlobalID(payload.workOrder.id).id });
          return null;
        },
      });
      // Let transitions still running for the closed connections finish before the next run.
      await new Promise((r) => setTimeout(r, 2_000));
      if (warmUp) continue;
      const acknowledged = acks.length - before;
      runs[String(connections)] = { ...load, acknowledged };
      log(
        `writes x${connections}: ${(acknowledged / load.durationSeconds).toFixed(0)} transitions/s, p50 ${load.p50Ms.toFixed(1)} ms, p99 ${load.p99Ms.toFixed(1)} ms` +
          (Object.keys(load.failures).length ? `, not acknowledged: ${JSON.stringify(load.failures)}` : ''),
      );
    }
  } finally {
    await server.stop();
  }

  // Every acknowledged transition (warm-up included) must be in the log: a STATUS_CHANGED event to that status and version.
  const inEventLog = await withClient(url, async (client) => {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM unnest($1::uuid[], $2::text[], $3::int[]) AS a(id, status, version)
       WHERE EXISTS (SELECT 1 FROM "WorkOrderEvent" e WHERE e."workOrderId" = a.id AND e.type = 'STATUS_CHANGED'
                     AND e.after->>'status' = a.status AND (e.after->>'version')::int = a.version)`,
      [acks.map((a) => a.id), acks.map((a) => a.status), acks.map((a) => a.version)],
    );
    return Number(rows[0]!.n);
  });
  log(`writes: ${acks.length} acknowledged transitions, ${inEventLog} found in the event log`);
  return { runs, acknowledged: acks.length, inEventLog, missingFromEventLog: acks.length - inEventLog };
}
