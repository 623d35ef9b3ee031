import type pg from 'pg';
import { newSecret } from '../../api/src/auth/secrets.js';
import { ORGANIZATION_ID_SQL } from './dataset-loader.js';

/**
 * The office staff the load comes from: `users` dispatchers (the API throttles each user's query
 * cost, so a load from one user would measure the throttle, not the server), and `sessions` sign-ins
 * spread over them, made straight in the Session table as `login` would (only the token's SHA-256 is
 * stored). Returns the bearer tokens; consecutive tokens belong to different users.
 */
export async function createDispatcherSessions(client: pg.Client, sessions: number, users = 200): Promise<string[]> {
  const tokens = Array.from({ length: sessions }, () => newSecret());
  await client.query(
    `INSERT INTO "User" (id, "organizationId", email, name, "passwordHash", role)
     SELECT md5('bench-dispatcher-' || i)::uuid, ${ORGANIZATION_ID_SQL}, 'dispatcher' || i || '@bench.test', 'Dispatcher ' || i,
            (SELECT "passwordHash" FROM "User" WHERE id = md5('user-dispatcher')::uuid), 'DISPATCHER'
     FROM generate_series(0, $1::int - 1) AS i
     ON CONFLICT DO NOTHING`,
    [users],
  );
  await client.query(
    `INSERT INTO "Session" (id, "organizationId", "userId", "tokenHash", "expiresAt")
     SELECT gen_random_uuid(), ${ORGANIZATION_ID_SQL}, md5('bench-dispatcher-' || ((n - 1) % $2::int))::uuid,
            encode(sha256(convert_to(t, 'UTF8')), 'hex'), now() + interval '1 day'
     FROM unnest($1::text[]) WITH ORDINALITY AS s(t, n)`,
    [tokens, users],
  );
  return tokens;
}
