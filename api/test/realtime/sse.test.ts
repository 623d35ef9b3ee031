import { describe, expect, it } from 'vitest';
import { issueApiKey, revokeApiKey, signOut } from '../support/credentials.js';
import { createSession } from '../support/fixtures.js';
import { REVOKED, SseStream, WORK_ORDER_CHANGED } from '../support/sse.js';
import { worldForFile } from '../support/world-for-file.js';
import { bookWorkOrder, transitionWorkOrder } from '../support/world.js';

describe('subscriptions over server-sent events', () => {
  const { db, world } = worldForFile();

  const open = (token: string, query: string, variables: Record<string, unknown>) =>
    SseStream.open((url, init) => world.api.app.yoga.fetch(url, init), 'http://test/graphql', token, query, variables);

  /** A live stream of a work order's changes that has delivered its creation. */
  const following = async (token: string, existing?: { id: string }) => {
    const wo = existing ?? (await bookWorkOrder(world));
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
    expect(await signOut(world.api, token)).toBe(true);
    await expectEndedByRevocation(first.stream);
    await expectEndedByRevocation(second.stream);
    await transitionWorkOrder(world, bystander.wo.id, 'EN_ROUTE');
    await bystander.stream.waitFor('"EN_ROUTE"');
    bystander.stream.close();
  });

  it("ends an API key's streams when the key is revoked", async () => {
    const { secret, id } = await issueApiKey(world.api, world.tokens.admin, 'Fleet board');
    const { stream } = await following(secret);
    await revokeApiKey(world.api, world.tokens.admin, id);
    await expectEndedByRevocation(stream);
  });

  it('ends the stream of a session when the session expires', async () => {
    const wo = await bookWorkOrder(world);
    const user = await db.prisma.user.findFirstOrThrow({ where: { organizationId: world.org.id, role: 'DISPATCHER' } });
    const { token } = await createSession(db.prisma, user, new Date(Date.now() + 4_000));
    const { stream } = await following(token, wo);
    await expectEndedByRevocation(stream);
  });
});
