// pnpm --filter bench exec tsx src/sql-profile.ts [database]: the API's statements for one busy-day read, with PostgreSQL's time for each.
import { databaseUrl, withClient } from './bench-database.js';
import { createDispatcherSessions } from './bench-sessions.js';
import { BUSY_DAY } from './dataset-plan.js';
import { API_SCHEDULE_QUERY } from './schedule-queries.js';
import { startApi, type ServerProcess } from './server-process.js';
import { countStatements } from './statement-count.js';

const database = process.argv[2] ?? 'dispatch_bench_100k';
const url = databaseUrl(database);
const tokens = await withClient(url, (client) => createDispatcherSessions(client, 20, 20));
let server: ServerProcess | null = null;
let turn = 0;
const result = await countStatements({
  databaseName: database,
  start: async () => (server = await startApi(url)),
  request: async () => {
    const answer = await fetch(`${server!.origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[turn++ % tokens.length]}` },
      body: JSON.stringify({ query: API_SCHEDULE_QUERY, variables: { date: BUSY_DAY } }),
    });
    await answer.text();
  },
});
console.log(`${result.perRequest} statements, ${result.sqlMsPerRequest?.toFixed(1)} ms of PostgreSQL time per read`);
for (const s of result.statements) console.log(`${s.msPerRequest.toFixed(2).padStart(8)} ms  x${s.perRequest}  ${s.sql}`);
