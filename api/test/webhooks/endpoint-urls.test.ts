import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { openTestDatabase } from '../support/database.js';
import { createOrganization } from '../support/fixtures.js';
import { CREATE_ENDPOINT, createEndpoint } from '../support/webhooks.js';
import { TestApi } from '../support/api.js';

const UPDATE = `mutation ($input: UpdateWebhookEndpointInput!) {
  updateWebhookEndpoint(input: $input) {
    __typename ... on ValidationError { fieldErrors { path message } } ... on MutationUpdateWebhookEndpointSuccess { endpoint { url } }
  }
}`;

describe('one endpoint per URL, whatever its spelling', () => {
  let db: Database;
  let api: TestApi;

  beforeAll(async () => {
    db = await openTestDatabase();
    api = await TestApi.start(db);
  });
  afterAll(async () => {
    await api.close();
    await db.close();
  });

  async function organization() {
    const org = await createOrganization(db.prisma);
    return { org, admin: await api.signIn(org.id, 'ADMIN') };
  }
  const create = async (token: string, url: string) =>
    (await api.ok(CREATE_ENDPOINT, { input: { url, eventTypes: ['WORK_ORDER_CREATED'] } }, token)).createWebhookEndpoint;

  it('refuses another spelling of a URL it has, so that no event is delivered twice to one place', async () => {
    const { org, admin } = await organization();
    expect((await create(admin, 'https://example.com/dupe')).__typename).toBe('MutationCreateWebhookEndpointSuccess');
    for (const spelling of [
      'https://EXAMPLE.com:443/dupe',
      'HTTPS://Example.Com/dupe',
      'https://example.com:443/dupe',
      'https://example.com./dupe',
      'https://example.com/dupe#again',
      ' https://example.com/dupe ',
    ]) {
      const answer = await create(admin, spelling);
      expect(answer.__typename, spelling).toBe('ValidationError');
      expect(answer.fieldErrors, spelling).toEqual([{ path: ['input', 'url'], message: 'An endpoint with this URL already exists: edit that one' }]);
    }
    const other = await createEndpoint(api, admin, 'https://example.com/other');
    const moved = await api.ok(UPDATE, { input: { id: other.id, url: 'https://EXAMPLE.COM:443/dupe' } }, admin);
    expect(moved.updateWebhookEndpoint.__typename).toBe('ValidationError');
    const urls = await db.prisma.webhookEndpoint.findMany({ where: { organizationId: org.id }, select: { url: true }, orderBy: { createdAt: 'asc' } });
    expect(urls.map((e) => e.url)).toEqual(['https://example.com/dupe', 'https://example.com/other']);
  });

  it('keeps and answers the URL written out: host lowercased, default port and fragment dropped, path as it is sent', async () => {
    const { admin } = await organization();
    const created = await create(admin, 'https://Hooks.EXAMPLE.com:443/In Box/%7Eme?Token=AbC#top');
    expect(created.created.endpoint.url).toBe('https://hooks.example.com/In%20Box/%7Eme?Token=AbC');
    // Another port, path or query is another URL.
    for (const url of ['https://hooks.example.com:8443/In%20Box/%7Eme?Token=AbC', 'https://hooks.example.com/in%20box/%7Eme?Token=AbC', 'https://hooks.example.com/In%20Box/%7Eme?Token=abc']) {
      expect((await create(admin, url)).__typename, url).toBe('MutationCreateWebhookEndpointSuccess');
    }
    const edited = await api.ok(UPDATE, { input: { id: created.created.endpoint.id, url: 'HTTP://Hooks.Example.com:80/moved' } }, admin);
    expect(edited.updateWebhookEndpoint.endpoint.url).toBe('http://hooks.example.com/moved');
  });

  it('compares with an endpoint kept in another spelling before URLs were written out', async () => {
    const { org, admin } = await organization();
    await db.prisma.webhookEndpoint.create({
      data: { organizationId: org.id, url: 'https://EXAMPLE.com:443/kept', eventTypes: ['WORK_ORDER_CREATED'], secret: 'whsec_kept' },
    });
    expect((await create(admin, 'https://example.com/kept')).__typename).toBe('ValidationError');
  });
});
