// The raw-SQL floor: an HTTP server that answers the schedule with one hand-written statement
// through node-postgres, sending PostgreSQL's JSON text as it comes. Run as its own process.
import { createServer } from 'node:http';
import pg from 'pg';
import { RAW_SCHEDULE_SQL } from '../schedule-queries.js';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
const port = Number(process.env.PORT ?? 4500);

const server = createServer(async (request, response) => {
  if (request.url === '/health') {
    response.writeHead(200).end('ok');
    return;
  }
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  try {
    const { variables } = JSON.parse(Buffer.concat(chunks).toString()) as { variables: { date: string } };
    const token = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
    const { rows } = await pool.query<{ response: string }>({ name: 'schedule', text: RAW_SCHEDULE_SQL.trim(), values: [token, variables.date] });
    if (!rows[0]) {
      response.writeHead(401, { 'content-type': 'application/json' }).end('{"errors":[{"message":"Not signed in"}]}');
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end(rows[0].response);
  } catch (error) {
    response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: String(error) }] }));
  }
});

server.listen(port, '127.0.0.1');
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.close();
    server.closeAllConnections();
    void pool.end().then(() => process.exit(0));
  });
}
