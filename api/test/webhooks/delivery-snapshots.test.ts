import { decodeGlobalID } from '@pothos/plugin-relay';
import { isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { schema } from '../../src/schema/index.js';
import { openTestDatabase } from '../support/database.js';
import { WebhookReceiver } from '../support/webhook-receiver.js';
import { createEndpoint, startWebhookWorker } from '../support/webhooks.js';
import type { JobQueue } from '../../src/jobs/queue.js';
import { CREATE_WORK_ORDER, createWorld, gid, newWorkOrderInput, PAYLOAD, type World } from '../support/world.js';

const snapshotType = schema.getType('WorkOrderSnapshot');
if (!isObjectType(snapshotType)) throw new Error('WorkOrderSnapshot is not an object type');
/** Every field the API answers of a snapshot. */
const SNAPSHOT = Object.keys(snapshotType.getFields()).join(' ');
const EVENT = `query ($afterSeq: String) { events(first: 1, afterSeq: $afterSeq) { edges { node { seq type before { ${SNAPSHOT} } after { ${SNAPSHOT} } } } } }`;
const REASSIGN = `mutation ($input: UpdateWorkOrderInput!) { updateWorkOrder(input: $input) { ${PAYLOAD} } }`;

describe("a delivery's before and after are the API's WorkOrderSnapshot, with its global IDs", () => {
  let db: Database;
  let world: World;
  let worker: JobQueue;

  beforeAll(async () => {
    db = await openTestDatabase();
    world = await createWorld(db);
    worker = await startWebhookWorker(db);
  });
  afterAll(async () => {
    await worker.stop();
    await world.api.close();
    await db.close();
  });

  async function receiverFor(token: string) {
    const receiver = await WebhookReceiver.start();
    onTestFinished(() => receiver.close());
    const endpoint = await createEndpoint(world.api, token, receiver.url, ['WORK_ORDER_REASSIGNED']);
    receiver.secrets = [endpoint.secret];
    return receiver;
  }

  it('carries for an admin and for a reading key the snapshots each reads through events, and no raw row ID', async () => {
    const readingKey = await world.api.apiKey(world.org.id, ['WEBHOOKS', 'READ']);
    const onlyWebhooks = await world.api.apiKey(world.org.id, ['WEBHOOKS']);
    const receivers = { admin: await receiverFor(world.tokens.admin), readingKey: await receiverFor(readingKey), onlyWebhooks: await receiverFor(onlyWebhooks) };

    const created = await world.api.ok(CREATE_WORK_ORDER, { input: newWorkOrderInput(world) }, world.tokens.dispatcher);
    const workOrderId = created.createWorkOrder.workOrder.id;
    const reassigned = await world.api.ok(REASSIGN, { input: { id: workOrderId, technicianId: gid('Technician', world.otherTechnician.id) } }, world.tokens.dispatcher);
    expect(reassigned.updateWorkOrder.__typename).toBe('MutationUpdateWorkOrderSuccess');

    const [adminDelivery] = await receivers.admin.waitFor(1);
    const [keyDelivery] = await receivers.readingKey.waitFor(1);
    const [plainDelivery] = await receivers.onlyWebhooks.waitFor(1);
    const { seq } = adminDelivery!.json.data.event;
    const answered = async (token: string) => {
      const answer = await world.api.ok(EVENT, { afterSeq: String(BigInt(seq) - 1n) }, token);
      const [{ node }] = answer.events.edges;
      expect(node).toMatchObject({ seq, type: 'REASSIGNED' });
      return { before: node.before, after: node.after };
    };

    const asAdmin = await answered(world.tokens.admin);
    expect(asAdmin.before.technicianId).toBe(gid('Technician', world.technician.id));
    expect(asAdmin.after.technicianId).toBe(gid('Technician', world.otherTechnician.id));
    expect(asAdmin.after.internalNotes).toBe('Owes for last visit; collect before starting.');
    const { before, after } = adminDelivery!.json.data.event;
    expect({ before, after }).toEqual(asAdmin);
    const asKey = await answered(readingKey);
    expect({ before: keyDelivery!.json.data.event.before, after: keyDelivery!.json.data.event.after }).toEqual(asKey);
    // The webhook scope alone reads no event through the API: its snapshots are the reading key's without the notes.
    const withoutNotes = (snapshot: Record<string, unknown>) => ({ ...snapshot, internalNotes: null });
    expect(plainDelivery!.json.data.event.before).toEqual(withoutNotes(asKey.before));
    expect(plainDelivery!.json.data.event.after).toEqual(withoutNotes(asKey.after));

    const rawIds = [
      decodeGlobalID(workOrderId).id,
      world.customer.customer.id,
      world.customer.vehicle.id,
      world.customer.address.id,
      world.serviceType.id,
      world.technician.id,
      world.otherTechnician.id,
    ];
    for (const delivery of [adminDelivery!, keyDelivery!, plainDelivery!]) {
      for (const id of rawIds) expect(delivery.body).not.toContain(id);
      expect(delivery.json.data.event.after).not.toHaveProperty('customerId');
      expect(delivery.json.data.event.after).not.toHaveProperty('serviceAddressId');
    }
  });
});
