import { runLoad, type LoadResult } from '../http-load.js';
import { dropDatabase, freshDatabase, withClient } from '../bench-database.js';
import { createDispatcherSessions } from '../bench-sessions.js';
import { loadReferenceData, loadWorkOrders, nextWorkOrderNumber } from '../dataset-loader.js';
import { BUSY_DAY, historyDays, mainDays, scaleLabel } from '../dataset-plan.js';
import { API_SCHEDULE_QUERY, countWorkOrders } from '../schedule-queries.js';
import { startApi, startRawSql, type ServerProcess } from '../server-process.js';
import { countStatements, type StatementCount } from '../statement-count.js';
import { loadAverageNow } from '../report.js';

export interface GrowthPoint {
  workOrdersInTable: number;
  loadSeconds: number;
  workOrdersOnDay: number;
  api: LoadResult;
  raw: LoadResult;
  /** The API's statements and PostgreSQL's own time for them, per read (independent of the load on the API's CPU). */
  apiSql: StatementCount;
  /** 1-minute load average when the point was measured. */
  loadAverage: number;
}

export interface GrowthResult {
  database: string;
  points: GrowthPoint[];
}

/**
 * One database grown in place: 10k work orders, then more history added before them (100k, 1M);
 * the busy day itself never changes, so its read should take the same time at every size.
 * Each point reads the busy day's schedule from the API and the raw floor with one client.
 */
export async function measureGrowth(options: {
  sizes: number[];
  durationSeconds: number;
  keep: boolean;
  log: (line: string) => void;
}): Promise<GrowthResult> {
  const { log } = options;
  const database = 'dispatch_bench_growth';
  const { url } = await freshDatabase(database);
  const points: GrowthPoint[] = [];
  const tokens = await withClient(url, async (client) => {
    await loadReferenceData(client);
    return createDispatcherSessions(client, 200);
  });
  let inTable = 0;
  let earliest = 0;
  for (const size of options.sizes) {
    const started = Date.now();
    await withClient(url, async (client) => {
      const days = inTable === 0 ? mainDays(size) : historyDays(earliest, size - inTable);
      await loadWorkOrders(client, days, await nextWorkOrderNumber(client));
      earliest = Math.min(earliest, ...days.map((d) => d.offset));
    });
    inTable = size;
    const loadSeconds = (Date.now() - started) / 1000;
    log(`growth: ${scaleLabel(size)} work orders in the table (loaded in ${loadSeconds.toFixed(0)} s)`);
    const body = JSON.stringify({ query: API_SCHEDULE_QUERY, variables: { date: BUSY_DAY } });
    const measure = async (start: typeof startApi) => {
      const server = await start(url);
      try {
        const first = await fetch(`${server.origin}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[0]}` },
          body,
        });
        const workOrders = countWorkOrders(await first.json());
        const target = { url: `${server.origin}/graphql`, tokens: tokens.slice(1), body: () => body };
        await runLoad({ ...target, connections: 4, durationSeconds: 2 });
        // Let the warm-up's last answers finish before measuring.
        await (await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[0]}` }, body })).text();
        return { workOrders, load: await runLoad({ ...target, connections: 1, durationSeconds: options.durationSeconds }) };
      } finally {
        await server.stop();
      }
    };
    const loadAverage = loadAverageNow();
    const api = await measure(startApi);
    const raw = await measure(startRawSql);
    let counted: ServerProcess | null = null;
    let turn = 1;
    const apiSql = await countStatements({
      databaseName: database,
      start: async () => (counted = await startApi(url)),
      request: async () => {
        const answer = await fetch(`${counted!.origin}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[turn++ % tokens.length]}` },
          body,
        });
        await answer.text();
      },
    });
    points.push({ workOrdersInTable: size, loadSeconds, workOrdersOnDay: api.workOrders, api: api.load, raw: raw.load, apiSql, loadAverage });
    log(
      `growth: ${scaleLabel(size)}: API p50 ${api.load.p50Ms.toFixed(1)} ms (min ${api.load.minMs.toFixed(1)}), ` +
        `its SQL ${apiSql.sqlMsPerRequest?.toFixed(1)} ms in ${apiSql.perRequest} statements; raw p50 ${raw.load.p50Ms.toFixed(1)} ms ` +
        `(${api.workOrders} work orders on the day, load average ${loadAverage})`,
    );
  }
  if (!options.keep) await dropDatabase(database);
  return { database, points };
}
