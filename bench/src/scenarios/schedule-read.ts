import { isDeepStrictEqual } from 'node:util';
import { graphqlVerdict, runLoad, type LoadResult } from '../http-load.js';
import { withClient } from '../bench-database.js';
import { BUSY_DAY } from '../dataset-plan.js';
import { API_SCHEDULE_QUERY, countWorkOrders, POSTGRAPHILE_SCHEDULE_QUERY } from '../schedule-queries.js';
import { postGraphileNode, startApi, startPostGraphile, startRawSql, type ServerProcess } from '../server-process.js';
import { countStatements, type StatementCount } from '../statement-count.js';
import { createPostGraphileSchema } from '../servers/postgraphile-schema.js';

export const READ_CONCURRENCY = [1, 16] as const;

export interface SystemResult {
  name: string;
  /** Why it was not measured, when it was not. */
  notRun?: string;
  note?: string;
  responseBytes?: number;
  workOrders?: number;
  load?: Record<string, LoadResult>;
  statements?: { busyDay: StatementCount; quietDay: StatementCount };
  rssBytesAfter?: number;
}

export interface ScheduleReadResult {
  date: string;
  quietDate: string;
  workOrdersOnDay: number;
  systems: Record<'api' | 'postgraphile' | 'raw', SystemResult>;
}

const COUNTING_READERS = 10;

interface System {
  name: 'api' | 'postgraphile' | 'raw';
  start: () => Promise<ServerProcess>;
  /** How it starts for the statement count, when that differs: without what would log statements of its own. */
  startForCount?: () => Promise<ServerProcess>;
  query: string;
}

async function ask(server: ServerProcess, query: string, token: string, date: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${server.origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables: { date } }),
  });
  return { status: response.status, text: await response.text() };
}

export async function measureScheduleRead(options: {
  databaseName: string;
  url: string;
  tokens: string[];
  durationSeconds: number;
  quietDate: string;
  log: (line: string) => void;
}): Promise<ScheduleReadResult> {
  const { url, tokens, log } = options;
  const token = tokens[0]!;
  const date = BUSY_DAY;
  const postGraphileOn = postGraphileNode();
  const systems: System[] = [
    { name: 'raw', start: () => startRawSql(url), query: API_SCHEDULE_QUERY },
    // The in-process job worker polls the database every few seconds: its statements are no read's.
    { name: 'api', start: () => startApi(url), startForCount: () => startApi(url, { JOBS_IN_PROCESS: 'false' }), query: API_SCHEDULE_QUERY },
    {
      name: 'postgraphile',
      start: () => startPostGraphile(url, postGraphileOn!),
      query: POSTGRAPHILE_SCHEDULE_QUERY,
    },
  ];
  const results = {} as ScheduleReadResult['systems'];
  let reference: unknown = null;

  for (const system of systems) {
    const result: SystemResult = { name: system.name };
    results[system.name] = result;
    if (system.name === 'postgraphile') {
      if (!postGraphileOn) {
        result.notRun = `not run: PostGraphile 5 needs Node 22 and this is Node ${process.versions.node}, without bench/node22 installed`;
        log(`schedule: PostGraphile ${result.notRun}`);
        continue;
      }
      const nodeVersion = postGraphileOn === process.execPath ? process.versions.node : '22.23.3 from bench/node22';
      result.note = `PostGraphile runs on Node ${nodeVersion}; the API and the floor on Node ${process.versions.node}`;
      await withClient(url, createPostGraphileSchema);
    }
    log(`schedule: ${system.name}: starting`);
    const server = await system.start();
    try {
      const first = await ask(server, system.query, token, date);
      if (first.status !== 200) throw new Error(`${system.name} answered ${first.status}: ${first.text.slice(0, 500)}`);
      const parsed = JSON.parse(first.text) as { errors?: unknown; data?: { benchScheduleWorkOrders?: { nodes: unknown[] } } };
      if (parsed.errors) throw new Error(`${system.name} answered errors: ${JSON.stringify(parsed.errors).slice(0, 500)}`);
      result.responseBytes = Buffer.byteLength(first.text);
      if (system.name === 'postgraphile') {
        result.workOrders = parsed.data?.benchScheduleWorkOrders?.nodes.length ?? -1;
      } else {
        result.workOrders = countWorkOrders(parsed);
        // The floor must do the same work: the API's data and the raw statement's are the same JSON.
        if (reference === null) reference = parsed.data;
        else if (!isDeepStrictEqual(reference, parsed.data)) {
          const [x, y] = [JSON.stringify(reference), JSON.stringify(parsed.data)];
          let at = 0;
          while (at < x.length && x[at] === y[at]) at++;
          throw new Error(`${system.name}'s schedule differs from the raw SQL floor's:\n raw: …${x.slice(Math.max(0, at - 150), at + 150)}\n ${system.name}: …${y.slice(Math.max(0, at - 150), at + 150)}`);
        }
      }
      const body = JSON.stringify({ query: system.query, variables: { date } });
      const target = { url: `${server.origin}/graphql`, tokens, body: () => body };
      // Answers still being computed for a finished run's closed connections would slow the next run.
      const settle = () => ask(server, system.query, token, date);
      await runLoad({ ...target, connections: 16, durationSeconds: 2 }); // warm-up: JIT, pools, plan caches
      await settle();
      result.load = {};
      for (const connections of READ_CONCURRENCY) {
        const load = await runLoad({ ...target, connections, durationSeconds: options.durationSeconds });
        await settle();
        result.load[String(connections)] = load;
        log(
          `schedule: ${system.name} x${connections}: ${load.requestsPerSecond.toFixed(1)} req/s, p50 ${load.p50Ms.toFixed(1)} ms, p99 ${load.p99Ms.toFixed(1)} ms` +
            (Object.keys(load.failures).length ? `, failed: ${JSON.stringify(load.failures)}` : ''),
        );
      }
      result.rssBytesAfter = server.rssBytes();
    } finally {
      await server.stop();
    }
    const count = async (day: string) => {
      let counted: ServerProcess | null = null;
      let turn = 0;
      // A few dispatchers reading the day again and again, as boards do (one alone would meet the query-cost
      // throttle), each read once before counting: a session's last use is written at most once a minute,
      // which 20 sessions read once each would count as one write per read.
      const readers = tokens.slice(0, COUNTING_READERS);
      return countStatements({
        databaseName: options.databaseName,
        start: async () => (counted = await (system.startForCount ?? system.start)()),
        warmUps: readers.length,
        request: async () => {
          const answer = await ask(counted!, system.query, readers[turn++ % readers.length]!, day);
          const failed = graphqlVerdict(answer.status, answer.text);
          if (failed) throw new Error(`${system.name} failed while counting statements: ${failed}`);
        },
      });
    };
    result.statements = { busyDay: await count(date), quietDay: await count(options.quietDate) };
    log(`schedule: ${system.name}: ${result.statements.busyDay.perRequest} SQL statements per request (busy day), ${result.statements.quietDay.perRequest} (quiet day)`);
  }
  return { date, quietDate: options.quietDate, workOrdersOnDay: results.raw.workOrders ?? -1, systems: results };
}
