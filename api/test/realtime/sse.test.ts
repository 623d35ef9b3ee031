import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { openTestDatabase } from '../support/database.js';
import { CREATE_WORK_ORDER, createWorld, newWorkOrderInput, type World } from '../support/world.js';

describe('subscriptions over server-sent events', () => {
  let db: Database;
  let world: World;

  beforeAll(async () => {
    db = await openTestDatabase();
    world = await createWorld(db);
  });
  afterAll(async () => {
    await world.api.close();
    await db.close();
  });

  it('streams workOrderChanged to a client holding a bearer token', async () => {
    const wo = (await world.api.ok(CREATE_WORK_ORDER, { input: newWorkOrderInput(world) }, world.tokens.dispatcher)).createWorkOrder.workOrder;
    const abort = new AbortController();
    const response = await world.api.app.yoga.fetch('http://test/graphql', {
      method: 'POST',
      signal: abort.signal,
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${world.tokens.technician}` },
      body: JSON.stringify({
        query: `subscription ($id: ID!, $after: String) { workOrderChanged(id: $id, after: $after) { seq event { type } workOrder { status } } }`,
        variables: { id: wo.id, after: '0' },
      }),
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const reader = response.body!.getReader();
    let text = '';
    while (!text.includes('"CREATED"')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain('"status":"SCHEDULED"');
    abort.abort();
  });
});
