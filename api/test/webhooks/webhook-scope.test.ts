import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { openTestDatabase } from '../support/database.js';
import { CREATE_WORK_ORDER, createWorld, newWorkOrderInput, type World } from '../support/world.js';
import { listen, Subscription, wsClient } from '../support/ws-client.js';

/** What a key made only to receive webhooks tried to read of the organization. */
const READS = {
  workOrders: `{ workOrders(first: 10) { edges { node { id label customer { name } } } } }`,
  events: `{ events(first: 10) { edges { node { seq type after { status } } } } }`,
  workOrder: `query ($id: ID!) { workOrder(id: $id) { id label } }`,
  lastEventSeq: `{ lastEventSeq }`,
};

describe('a key with only the WEBHOOKS scope reads what its deliveries carry, nothing else', () => {
  let db: Database;
  let world: World;
  let url: string;
  let workOrderId: string;

  beforeAll(async () => {
    db = await openTestDatabase();
    world = await createWorld(db);
    const created = await world.api.ok(CREATE_WORK_ORDER, { input: newWorkOrderInput(world) }, world.tokens.dispatcher);
    workOrderId = created.createWorkOrder.workOrder.id;
    url = await listen(world.api.app);
  });
  afterAll(async () => {
    await world.api.close();
    await db.close();
  });

  it('is refused the work orders, one work order, the event log and the latest seq, and finds no work order by node', async () => {
    const key = await world.api.apiKey(world.org.id, ['WEBHOOKS']);
    for (const [name, query] of Object.entries(READS)) {
      const answer = await world.api.request(query, { id: workOrderId }, key);
      expect(answer.errors?.[0]?.extensions?.code, name).toBe('FORBIDDEN');
      expect(JSON.stringify(answer.data ?? null), name).not.toContain('Metro Plumbing');
    }
    const node = await world.api.ok(`query ($id: ID!) { node(id: $id) { id } nodes(ids: [$id]) { id } }`, { id: workOrderId }, key);
    expect(node).toEqual({ node: null, nodes: [null] });
    const viewer = await world.api.ok(`{ viewer { permissions } }`, {}, key);
    expect(viewer.viewer.permissions.sort()).toEqual(['MANAGE_WEBHOOKS', 'READ_WEBHOOK_ENDPOINT']);
  });

  it('is refused every subscription, so after: "0" replays none of the log', async () => {
    const key = await world.api.apiKey(world.org.id, ['WEBHOOKS']);
    const connection = wsClient(url, key);
    try {
      const replay = new Subscription(connection.client, `subscription { workOrdersChanged(after: "0") { seq workOrder { id } } }`);
      const one = new Subscription(connection.client, `subscription ($id: ID!) { workOrderChanged(id: $id, after: "0") { seq } }`, { id: workOrderId });
      for (const subscription of [replay, one]) {
        await subscription.done;
        expect(JSON.stringify(subscription.errors)).toContain('FORBIDDEN');
        expect(subscription.received).toEqual([]);
      }
    } finally {
      await connection.client.dispose();
    }
  });

  it('reads the work order and the event log once READ is added to it', async () => {
    const key = await world.api.apiKey(world.org.id, ['WEBHOOKS', 'READ']);
    const answer = await world.api.ok(`query ($id: ID!) { workOrder(id: $id) { id } events(first: 10) { edges { node { seq } } } }`, { id: workOrderId }, key);
    expect(answer.workOrder.id).toBe(workOrderId);
    expect(answer.events.edges.length).toBeGreaterThan(0);
  });
});
