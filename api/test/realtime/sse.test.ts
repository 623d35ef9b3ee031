import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { hashSecret, newSecret } from '../../src/auth/secrets.js';
import { openTestDatabase } from '../support/database.js';
import { SseStream } from '../support/sse.js';
import { CREATE_WORK_ORDER, TRANSITION, createWorld, newWorkOrderInput, type World } from '../support/world.js';

const WORK_ORDER_CHANGED = `subscription ($id: ID!, $after: String) { workOrderChanged(id: $id, after: $after) { seq event { type } workOrder { id status } } }`;
const REVOKED = 'This session was signed out or has expired, or this API key was revoked';

describe('subscriptions over server-sent events', () => {
  let db: Database;
  let world: World;

  const open = (token: string, query: string, variables: Record<string, unknown>) =>
    SseStream.open((url, init) => world.api.app.yoga.fetch(url, init), 'http://test/graphql', token, query, variables);
  const createWorkOrder = async () =>
    (await world.api.ok(CREATE_WORK_ORDER, { input: newWorkOrderInput(world) }, world.tokens.dispatcher)).createWorkOrder.workOrder;
  const transition = (id: string, status: string) => world.api.ok(TRANSITION, { input: { id, status } }, world.tokens.dispatcher);

  /** A live stream of a work order's changes that has delivered its creation. */
  const following = async (token: string, existing?: { id: string }) => {
    const wo = existing ?? (await createWorkOrder());
    const stream = await open(token, WORK_ORDER_CHANGED, { id: wo.id, after: '0' });
    await stream.waitFor('"CREATED"');
    return { wo, stream };
  };

  /** After the credential is gone, the server says why and ends the response. */
  const expectEndedByRevocation = async (stream: SseStream) => {
    await stream.ended;
    expect(stream.text).toContain(REVOKED);
    expect(stream.text).toContain('"code":"FORBIDDEN"');
  };

  beforeAll(async () => {
    db = await openTestDatabase();
    world = await createWorld(db);
  });
  afterAll(async () => {
    await world.api.close();
    await db.close();
  });

  it('streams workOrderChanged to a client holding a bearer token', async () => {
    const { stream } = await following(world.tokens.technician);
    expect(stream.contentType).toContain('text/event-stream');
    expect(stream.text).toContain('"status":"SCHEDULED"');
    stream.close();
  });

  it('ends the streams of a session when it signs out, and no other session’s', async () => {
    const token = await world.api.signIn(world.org.id, 'DISPATCHER');
    const other = await world.api.signIn(world.org.id, 'DISPATCHER');
    const [first, second, bystander] = [await following(token), await following(token), await following(other)];
    expect((await world.api.ok(`mutation { logout }`, {}, token)).logout).toBe(true);
    await expectEndedByRevocation(first.stream);
    await expectEndedByRevocation(second.stream);
    await transition(bystander.wo.id, 'EN_ROUTE');
    await bystander.stream.waitFor('"EN_ROUTE"');
    bystander.stream.close();
  });

  it("ends an API key's streams when the key is revoked", async () => {
    const created = await world.api.ok(
      `mutation { createApiKey(input: { name: "Fleet board", scopes: [READ] }) { ... on MutationCreateApiKeySuccess { created { secret apiKey { id } } } } }`,
      {},
      world.tokens.admin,
    );
    const { secret, apiKey } = created.createApiKey.created;
    const { stream } = await following(secret);
    await world.api.ok(`mutation ($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { __typename } }`, { input: { id: apiKey.id } }, world.tokens.admin);
    await expectEndedByRevocation(stream);
  });

  it('ends the stream of a session when the session expires', async () => {
    const wo = await createWorkOrder();
    const user = await db.prisma.user.findFirstOrThrow({ where: { organizationId: world.org.id, role: 'DISPATCHER' } });
    const token = newSecret();
    await db.prisma.session.create({
      data: { organizationId: world.org.id, userId: user.id, tokenHash: hashSecret(token), expiresAt: new Date(Date.now() + 4_000) },
    });
    const { stream } = await following(token, wo);
    await expectEndedByRevocation(stream);
  });
});
