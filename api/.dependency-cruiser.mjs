/**
 * The layers of api/src, top to bottom; a module imports only its own layer or those below it, and no
 * import circle exists (type-only imports count). `pnpm --filter api run imports` prints any breach,
 * and test/architecture/imports.test.ts keeps it that way.
 *
 *   entry        main.ts, worker.ts, server.ts, ws.ts, sse.ts: start processes, wire everything, the transports
 *   schema       GraphQL types and resolvers
 *   composition  context.ts (the request context and its services), jobs/tasks.ts (every job's task)
 *   services     the writes
 *   support      auth, events, limits, pagination, jobs, http, webhooks, error-log.ts, settings.ts
 *   db           PostgreSQL or embedded PGlite
 *   domain       pure rules
 */
const entry = '^src/(main|worker|server|ws|sse)[.]ts$';
const schema = '^src/schema/';
const composition = '^src/(context|jobs/tasks)[.]ts$';
const services = '^src/services/';
const support = '^src/((auth|events|limits|pagination|jobs|http|webhooks)/|(error-log|settings)[.]ts$)';
const db = '^src/db/';
const domain = '^src/domain/';

/** Nothing in `importers` may import `layer`. */
const above = (name, layer, importers) => ({
  name,
  severity: 'error',
  comment: 'an import that runs up the layers',
  from: { path: importers },
  to: { path: layer },
});

export default {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'modules that import each other, directly or through others',
      from: { path: '^src/' },
      to: { circular: true },
    },
    { ...above('entry-on-top', entry, []), from: { path: '^src/', pathNot: entry } },
    above('schema-above-composition', schema, [composition, services, support, db, domain]),
    above('composition-above-services', composition, [services, support, db, domain]),
    above('services-above-support', services, [support, db, domain]),
    above('support-above-db', support, [db, domain]),
    above('db-above-domain', db, [domain]),
    above('domain-at-the-bottom', '^src/(?!domain/|generated/)', [domain]),
  ],
  options: {
    includeOnly: '^src/',
    // Generated code (the Prisma client) is a leaf here: its own circles are Prisma's.
    doNotFollow: '^src/generated/',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
  },
};
