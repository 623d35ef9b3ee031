import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { attemptDelivery } from '../../src/webhooks/deliver.js';
import { guardedAgents, post } from '../../src/webhooks/post.js';
import { openTestDatabase } from '../support/database.js';
import { createOrganization } from '../support/fixtures.js';

const refusedFor = (host: string) => `The address of ${host} is not allowed: deliveries go to public addresses only`;
/** What a refusal must not tell: the addresses localhost resolves to, or the resolver's wording around them. */
const RESOLVED = /127\.0\.0\.1|::1|family|DNS lookup/;

describe('a refused address is logged without what the host name resolved to', () => {
  let db: Database;
  let server: Server;
  let port: number;
  let hits = 0;

  beforeAll(async () => {
    db = await openTestDatabase();
    server = createServer((_request, response) => {
      hits++;
      response.writeHead(200).end('ok');
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((done) => server.close(done));
    await db.close();
  });

  it('logs an attempt at a name that resolves to loopback as "the address of <host> is not allowed", and sends nothing', async () => {
    const org = await createOrganization(db.prisma);
    // Made in the database: the endpoint's URL is one an admin could have saved before its name pointed here.
    const endpoint = await db.prisma.webhookEndpoint.create({
      data: { organizationId: org.id, url: `http://localhost:${port}/hooks`, eventTypes: ['WORK_ORDER_CREATED'], secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw' },
    });
    const delivery = await db.prisma.webhookDelivery.create({
      data: { organizationId: org.id, endpointId: endpoint.id, eventType: 'TEST', occurredAt: new Date(), body: '{"type":"webhook.test"}' },
    });
    try {
      await attemptDelivery({ prisma: db.prisma, agents: guardedAgents(false), timeoutMs: 2_000 }, { deliveryId: delivery.id, attempt: 1 });
      const [attempt] = await db.prisma.webhookAttempt.findMany({ where: { deliveryId: delivery.id } });
      expect(attempt).toMatchObject({ statusCode: null, succeeded: false, error: refusedFor('localhost') });
      expect(attempt!.error).not.toMatch(RESOLVED);
      expect(hits).toBe(0);
    } finally {
      // Its retry job then finds nothing to do.
      await db.prisma.webhookEndpoint.delete({ where: { id: endpoint.id } });
    }
  });

  it('says the same of literal private and metadata addresses, naming only the host of the URL', async () => {
    const cases: [string, boolean][] = [
      ['localhost', false],
      ['127.0.0.1', false],
      ['[::1]', false],
      ['10.0.0.1', false],
      ['169.254.169.254', true],
      ['[::ffff:a9fe:a9fe]', true],
    ];
    for (const [host, allowPrivateAddresses] of cases) {
      const result = await post(`http://${host}:${port}/hooks`, {}, '{}', { agents: guardedAgents(allowPrivateAddresses), timeoutMs: 2_000 });
      const written = new URL(`http://${host}/`).hostname;
      expect(result.error, host).toBe(refusedFor(written));
      if (host === 'localhost') expect(result.error).not.toMatch(RESOLVED);
    }
    expect(hits).toBe(0);
  });
});
