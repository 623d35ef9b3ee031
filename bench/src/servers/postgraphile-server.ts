// PostGraphile v5 (Amber preset) on the benchmark database, as its own process. PostGraphile exposes
// tables and foreign-key relations; the day is the SQL function bench.schedule_work_orders(day),
// which the schedule scenario creates (servers/postgraphile-schema.ts) before starting this server.
// It runs on Node 22 (server-process.ts: postGraphileNode).
import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';

const pgl = postgraphile({
  extends: [PostGraphileAmberPreset],
  pgServices: [
    makePgService({
      connectionString: process.env.DATABASE_URL!,
      schemas: ['public', 'bench'],
      poolConfig: { max: Number(process.env.DATABASE_POOL_SIZE ?? 10) },
    }),
  ],
  grafserv: { graphqlPath: '/graphql', graphiql: false },
});
const serv = pgl.createServ(grafserv);
const server = createServer();
serv.addTo(server);
await serv.ready();
server.listen(Number(process.env.PORT ?? 4600), '127.0.0.1');

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, async () => {
    server.close();
    server.closeAllConnections();
    await pgl.release();
    process.exit(0);
  });
}
