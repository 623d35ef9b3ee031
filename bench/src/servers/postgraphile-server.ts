// PostGraphile v5 (Amber preset) on the benchmark database, as its own process. PostGraphile exposes
// tables and foreign-key relations; the day is the SQL function bench.schedule_work_orders(day),
// which the schedule scenario creates (servers/postgraphile-schema.ts) before starting this server.
// PostGraphile 5 needs Node 22 (it calls Promise.withResolvers); BENCH_POSTGRAPHILE_POLYFILL=1 adds a
// standard polyfill so the code path can be exercised on Node 20, which PostGraphile does not support.
import { createServer } from 'node:http';

if (typeof (Promise as { withResolvers?: unknown }).withResolvers !== 'function') {
  if (process.env.BENCH_POSTGRAPHILE_POLYFILL !== '1') {
    console.error(`PostGraphile 5 needs Node 22 (Promise.withResolvers); this is Node ${process.versions.node}`);
    process.exit(3);
  }
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value<T>() {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}

const { postgraphile } = await import('postgraphile');
const { makePgService } = await import('postgraphile/adaptors/pg');
const { PostGraphileAmberPreset } = await import('postgraphile/presets/amber');
const { grafserv } = await import('postgraphile/grafserv/node');

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
