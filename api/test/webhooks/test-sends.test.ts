import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { memoryBucket } from '../../src/limits/bucket.js';
import { memoryBuckets } from '../../src/limits/buckets.js';
import { TEST_WEBHOOK_SENDS } from '../../src/limits/policy.js';
import { TestApi } from '../support/api.js';
import { openTestDatabase } from '../support/database.js';
import { createOrganization } from '../support/fixtures.js';
import { createEndpoint } from '../support/webhooks.js';

const SEND_TEST = `mutation ($input: SendTestWebhookInput!) {
  sendTestWebhook(input: $input) {
    __typename ... on Error { code message } ... on ThrottledError { retryAfterSeconds }
    ... on MutationSendTestWebhookSuccess { delivery { id eventType } }
  }
}`;

describe('test events are limited per endpoint', () => {
  let db: Database;
  let api: TestApi;
  let clock = Date.now();

  beforeAll(async () => {
    db = await openTestDatabase();
    // The test-send bucket runs on a clock of the test's, so that refilling takes no waiting.
    api = await TestApi.start(db, { buckets: memoryBuckets(undefined, undefined, memoryBucket(TEST_WEBHOOK_SENDS, () => clock)) });
  });
  afterAll(async () => {
    await api.close();
    await db.close();
  });

  async function organization() {
    const org = await createOrganization(db.prisma);
    return { org, admin: await api.signIn(org.id, 'ADMIN') };
  }
  const send = async (token: string, webhookEndpointId: string) => (await api.ok(SEND_TEST, { input: { webhookEndpointId } }, token)).sendTestWebhook;
  const testDeliveries = (endpointId: string) => db.prisma.webhookDelivery.count({ where: { endpointId, eventType: 'TEST' } });

  it('sends five to one endpoint at once, refuses a flood beyond them with THROTTLED and when to retry, and one more after 12 seconds', async () => {
    const { admin } = await organization();
    const endpoint = await createEndpoint(api, admin, 'https://example.com/test-flood');
    const answers = await Promise.all(Array.from({ length: 40 }, () => send(admin, endpoint.id)));
    const kinds = answers.map((answer) => answer.__typename);
    expect(kinds.filter((kind) => kind === 'MutationSendTestWebhookSuccess')).toHaveLength(5);
    const refused = answers.filter((answer) => answer.__typename === 'ThrottledError');
    expect(refused).toHaveLength(35);
    for (const answer of refused) {
      expect(answer.code).toBe('THROTTLED');
      expect(answer.retryAfterSeconds).toBeGreaterThan(0);
      expect(answer.retryAfterSeconds).toBeLessThanOrEqual(12);
    }
    expect(await testDeliveries(endpoint.rowId)).toBe(5);

    clock += 6_000;
    expect((await send(admin, endpoint.id)).__typename).toBe('ThrottledError');
    clock += 6_000;
    expect((await send(admin, endpoint.id)).__typename).toBe('MutationSendTestWebhookSuccess');
    expect((await send(admin, endpoint.id)).__typename).toBe('ThrottledError');
    expect(await testDeliveries(endpoint.rowId)).toBe(6);
  });

  it("counts each endpoint on its own, and another organization's tries at an endpoint neither count nor send", async () => {
    const { org, admin } = await organization();
    const first = await createEndpoint(api, admin, 'https://example.com/test-first');
    const second = await createEndpoint(api, admin, 'https://example.com/test-second');
    const key = await api.apiKey(org.id, ['WEBHOOKS']);
    const outsider = await organization();
    for (let i = 0; i < 10; i++) {
      expect((await send(outsider.admin, first.id)).__typename).toBe('NotFoundError');
      // A key of the same organization does not manage the admins' endpoint either.
      expect((await send(key, first.id)).__typename).toBe('NotFoundError');
    }
    for (const endpoint of [first, second]) {
      for (let i = 0; i < 5; i++) expect((await send(admin, endpoint.id)).__typename).toBe('MutationSendTestWebhookSuccess');
      expect((await send(admin, endpoint.id)).__typename).toBe('ThrottledError');
      expect(await testDeliveries(endpoint.rowId)).toBe(5);
    }
  });
});
