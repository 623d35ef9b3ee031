import { getNamedType, isLeafType, isObjectType, type GraphQLField } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_KEY_SCOPES } from '../../src/domain/caller.js';
import {
  accessOf,
  PERMISSIONS,
  READABLE_TYPES,
  SENSITIVE_FIELDS,
  type Access,
  type Action,
  type Principal,
  type ReadableType,
  type SensitiveField,
} from '../../src/domain/permissions.js';
import { ROLES } from '../../src/domain/roles.js';
import { schema } from '../../src/schema/index.js';
import { endpointOwner } from '../../src/webhooks/owner.js';
import { workOrderEventData } from '../../src/webhooks/payloads.js';
import { createWebhookEndpoint } from '../support/fixtures.js';
import { worldForFile } from '../support/world-for-file.js';
import { CREATE_WORK_ORDER, customerInput, gid, newWorkOrderInput, TRANSITION } from '../support/world.js';
import { listen, Subscription, wsClient } from '../support/ws-client.js';

/**
 * Everything here is generated from the permission table (domain/permissions.ts) and the schema: every
 * root field, every node type through node and nodes, every type and sensitive field reached inside
 * other objects (queries, each action's mutation payload, subscription payloads), for every role and
 * for an API key with each single scope. Every sensitive field has a value in the fixtures, so a null
 * means it was withheld.
 */
const PRINCIPALS: Principal[] = [...ROLES, ...API_KEY_SCOPES];
const DAY = '2027-06-01';
const GROUP_FIELDS = Object.entries(SENSITIVE_FIELDS).flatMap(([group, fields]) =>
  fields.map((path) => ({ group: group as SensitiveField, type: path.split('.')[0]!, field: path.split('.')[1]! })),
);
/** A sensitive field that is an object is asked for with a selection (and its arguments). */
const FIELD_SELECTION: Record<string, string> = {
  'Technician.workingHours': 'workingHours { weekday }',
  'Technician.timeOff': 'timeOff(from: "2027-01-01T00:00:00Z", to: "2028-01-01T00:00:00Z") { reason }',
};
const sensitive = (type: string) =>
  GROUP_FIELDS.filter((f) => f.type === type).map((f) => FIELD_SELECTION[`${f.type}.${f.field}`] ?? f.field).join(' ');

// One selection per type, asking for every sensitive field; __typename tells the walker what it saw.
const T = `__typename id name ${sensitive('Technician')}`;
const V = `__typename id make ${sensitive('Vehicle')}`;
const A = `__typename id street ${sensitive('ServiceAddress')}`;
const ST = `__typename id name`;
const CUSTOMER_LITE = `__typename id name ${sensitive('Customer')}`;
const C = `${CUSTOMER_LITE} vehicles { ${V} } addresses { ${A} } workOrders(first: 5) { edges { node { __typename id } } }`;
const EVENT = `__typename seq after { __typename ${sensitive('WorkOrderSnapshot')} }`;
const WO_LITE = `__typename id ${sensitive('WorkOrder')} customer { ${CUSTOMER_LITE} } technician { ${T} }`;
const WO = `__typename id ${sensitive('WorkOrder')} customer { ${CUSTOMER_LITE} } vehicle { ${V} } serviceAddress { ${A} }
  serviceType { ${ST} } technician { ${T} } invoice { __typename label } events { ${EVENT} }`;
const SELECTION: Record<string, string> = {
  WorkOrder: WO,
  Customer: C,
  Technician: T,
  ServiceType: ST,
  Vehicle: V,
  ServiceAddress: A,
  Schedule: `__typename technicians { technician { ${T} } workOrders { ${WO_LITE} } } unassigned { ${WO_LITE} }`,
  ApiKey: `__typename id`,
  WebhookEndpoint: `__typename id`,
  WorkOrderEvent: EVENT,
  // Aliased: beside Vehicle.customer and ServiceAddress.customer (non-null) in one selection, the nullable one must differ in name.
  User: `__typename id technician { ${T} } loginCustomer: customer { ${CUSTOMER_LITE} }`,
};

type Seen = Map<string, Record<string, unknown>[]>;

/** Every object in an answer, by its __typename. */
function collect(value: unknown, seen: Seen = new Map()): Seen {
  if (Array.isArray(value)) value.forEach((item) => collect(item, seen));
  else if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if (typeof object.__typename === 'string') seen.set(object.__typename, [...(seen.get(object.__typename) ?? []), object]);
    Object.values(object).forEach((item) => collect(item, seen));
  }
  return seen;
}

/** The objects of a type that were asked for this field. */
const withField = (objects: Seen, type: string, field: string) => (objects.get(type) ?? []).filter((object) => field in object);

function merge(into: Seen, from: Seen) {
  for (const [type, objects] of from) into.set(type, [...(into.get(type) ?? []), ...objects]);
}

const accessOfPrincipal = (principal: Principal): Access =>
  accessOf(
    (ROLES as readonly string[]).includes(principal)
      ? { kind: 'user', organizationId: 'x', userId: principal, name: principal, role: principal as never, technicianId: null, customerId: null }
      : { kind: 'apiKey', organizationId: 'x', apiKeyId: principal, name: principal, scopes: [principal as never] },
  );

/** The readable type a root field lists or returns: its own type, or a connection's node type. */
/** The type a root field reads: its own, its connection's node type, or for a scalar (lastEventSeq) the type its `reads` field guard names. */
function readableTypeOf(field: GraphQLField<unknown, unknown>): string {
  const type = getNamedType(field.type);
  if (isLeafType(type)) return readsGuardOf(field) ?? type.name;
  const edges = isObjectType(type) ? type.getFields().edges : undefined;
  const edge = edges && getNamedType(edges.type);
  return edge && isObjectType(edge) ? getNamedType(edge.getFields().node!.type).name : type.name;
}

type Guards = { reads?: string; role?: string; $all?: Guards };
const guardsOf = (field: GraphQLField<unknown, unknown>) => (field.extensions as { pothosOptions?: { authScopes?: Guards } }).pothosOptions?.authScopes;
const readsGuardOf = (field: GraphQLField<unknown, unknown>) => guardsOf(field)?.reads;

/** The field guards a subscription field requires, all of them: what the table gives the principal decides. */
function subscribes(principal: Principal, access: Access, field: GraphQLField<unknown, unknown>): boolean {
  const guards = guardsOf(field);
  const required = guards?.$all ?? guards;
  return (
    !!required?.reads &&
    access.reads(required.reads as ReadableType, 'direct') &&
    (required.role === undefined || required.role === principal)
  );
}

describe('the permission table, on every path', () => {
  const { db, world } = worldForFile();
  let url: string;
  const tokens = {} as Record<Principal, string>;
  const seen = {} as Record<Principal, Seen>;
  const rootAnswers = {} as Record<Principal, Record<string, { data?: any; errors?: any[] }>>;
  const nodeAnswers = {} as Record<Principal, { node: Record<string, unknown>; nodes: unknown[] }>;
  let ownJob: string;
  const ids: Record<string, string> = {};
  /** Per principal with writeWorkOrders, a job in progress that its probe completes (the payload carries an invoice). */
  const jobToComplete = {} as Partial<Record<Principal, string>>;

  const dispatcher = () => world.tokens.dispatcher;
  /** The work order rows behind the WorkOrder objects of an answer. */
  const rowsOf = (objects: Seen) => {
    const workOrderIds = [...new Set((objects.get('WorkOrder') ?? []).map((wo) => rowIdOf(String(wo.id))))];
    return db.prisma.workOrder.findMany({ where: { id: { in: workOrderIds } } });
  };
  const ownOf = (principal: Principal) =>
    principal === 'TECHNICIAN' ? { technicianId: world.technician.id } : { customerId: world.customer.customer.id };
  async function book(overrides: Record<string, unknown>, hour: number) {
    const windowStart = new Date(Date.UTC(2027, 5, 1, 13 + hour)).toISOString();
    const created = await world.api.ok(CREATE_WORK_ORDER, { input: newWorkOrderInput(world, { windowStart, ...overrides }) }, dispatcher());
    return created.createWorkOrder.workOrder.id as string;
  }
  async function advance(id: string, statuses: string[]) {
    for (const status of statuses) await world.api.ok(TRANSITION, { input: { id, status } }, dispatcher());
  }

  /** What each action's mutation returns, as the probe for what a write scope reads. */
  const ACTION_PROBES: Record<Action, (principal: Principal) => { query: string; variables: Record<string, unknown> }[]> = {
    writeWorkOrders: (principal) => [
      {
        query: `mutation ($input: TransitionWorkOrderInput!) { transitionWorkOrder(input: $input) { __typename ... on Error { message } ... on MutationTransitionWorkOrderSuccess { workOrder { ${WO} } } } }`,
        variables: { input: { id: jobToComplete[principal], status: 'COMPLETED' } },
      },
    ],
    writeCustomers: () => [
      {
        query: `mutation ($input: UpdateCustomerInput!) { updateCustomer(input: $input) { __typename ... on Error { message } ... on MutationUpdateCustomerSuccess { customer { ${C} } } } }`,
        variables: { input: { id: ids.Customer } },
      },
      // Its vehicles and addresses are lists of the customer, which a nested reach does not read: the payloads of their own writes carry them.
      {
        query: `mutation ($input: UpdateVehicleInput!) { updateVehicle(input: $input) { __typename ... on Error { message } ... on MutationUpdateVehicleSuccess { vehicle { ${V} } } } }`,
        variables: { input: { id: ids.Vehicle } },
      },
      {
        query: `mutation ($input: UpdateServiceAddressInput!) { updateServiceAddress(input: $input) { __typename ... on Error { message } ... on MutationUpdateServiceAddressSuccess { serviceAddress { ${A} } } } }`,
        variables: { input: { id: ids.ServiceAddress } },
      },
    ],
    writeSettings: () => [
      {
        query: `mutation ($input: UpdateTechnicianInput!) { updateTechnician(input: $input) { __typename ... on Error { message } ... on MutationUpdateTechnicianSuccess { technician { ${T} } } } }`,
        variables: { input: { id: ids.Technician } },
      },
      {
        query: `mutation ($input: UpdateServiceTypeInput!) { updateServiceType(input: $input) { __typename ... on Error { message } ... on MutationUpdateServiceTypeSuccess { serviceType { ${ST} } } } }`,
        variables: { input: { id: ids.ServiceType } },
      },
    ],
    manageAccess: () => [
      {
        query: `mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) { __typename ... on MutationCreateApiKeySuccess { created { apiKey { ${SELECTION.ApiKey} } } } } }`,
        variables: { input: { name: 'Probe', scopes: ['READ'] } },
      },
    ],
    // Its reads are what its endpoints' deliveries carry (collected below); the mutation itself returns no readable type.
    manageWebhooks: () => [
      {
        query: `mutation ($input: CreateWebhookEndpointInput!) { createWebhookEndpoint(input: $input) { __typename ... on MutationCreateWebhookEndpointSuccess { created { endpoint { __typename id } } } } }`,
        variables: { input: { url: 'https://example.com/probe', eventTypes: ['WORK_ORDER_CREATED'] } },
      },
    ],
  };

  /** What a webhook delivery of the own job's last change carries for the principal, typed like a GraphQL answer. */
  async function deliveredTo(principal: Principal): Promise<unknown> {
    const owner = endpointOwner({
      organizationId: world.org.id,
      apiKey: (ROLES as readonly string[]).includes(principal) ? null : { id: principal, name: principal, scopes: [principal], revokedAt: null },
    })!;
    const event = await db.prisma.workOrderEvent.findFirstOrThrow({ where: { workOrderId: rowIdOf(ownJob) }, orderBy: { seq: 'desc' } });
    const data = (await db.prisma.$transaction((tx) => workOrderEventData(tx, owner, event))) as Record<string, any> | null;
    if (!data) return null;
    const typed = (typename: string, object: Record<string, unknown> | null) => object && { __typename: typename, ...object };
    const { customer, vehicle, serviceAddress, serviceType, technician, invoice, ...workOrder } = data.workOrder;
    return {
      event: { __typename: 'WorkOrderEvent', ...data.event, before: typed('WorkOrderSnapshot', data.event.before), after: typed('WorkOrderSnapshot', data.event.after) },
      workOrder: {
        __typename: 'WorkOrder',
        ...workOrder,
        customer: typed('Customer', customer),
        vehicle: typed('Vehicle', vehicle),
        serviceAddress: typed('ServiceAddress', serviceAddress),
        serviceType: typed('ServiceType', serviceType),
        technician: typed('Technician', technician),
        invoice: typed('Invoice', invoice),
      },
    };
  }

  const rootFields = Object.values(schema.getQueryType()!.getFields()).filter((field) => readsGuardOf(field));
  const subscriptionFields = Object.values(schema.getSubscriptionType()!.getFields());
  const subscriptionArgs = (field: GraphQLField<unknown, unknown>) => {
    const args = ['after: "0"'];
    if (field.args.some((arg) => arg.name === 'id')) args.push(`id: "${ownJob}"`);
    if (field.args.some((arg) => arg.name === 'date')) args.push(`date: "${DAY}"`);
    return `(${args.join(', ')})`;
  };
  const nodeTypes = Object.values(schema.getTypeMap())
    .filter((type) => isObjectType(type) && type.getInterfaces().some((i) => i.name === 'Node'))
    .map((type) => type.name);

  beforeAll(async () => {
    const { prisma } = db;
    const org = world.org.id;
    for (const [i, technician] of [world.technician, world.otherTechnician].entries()) {
      await prisma.technician.update({ where: { id: technician.id }, data: { phone: `555-010${i}`, email: `tech${i}@test.example` } });
    }
    for (const [i, { customer, vehicle, address }] of [world.customer, world.otherCustomer].entries()) {
      await prisma.customer.update({ where: { id: customer.id }, data: { phone: `555-020${i}`, email: `customer${i}@test.example` } });
      await prisma.vehicle.update({ where: { id: vehicle.id }, data: { vin: `1HGCM82633A00435${i}`, licensePlate: `PLATE${i}` } });
      await prisma.serviceAddress.update({ where: { id: address.id }, data: { accessNotes: `Gate code 308${i}` } });
    }
    // Another customer's jobs on the same day: one in the unassigned queue, one with the other technician.
    await book({ ...customerInput(world.otherCustomer), technicianId: null }, 0);
    await book({ ...customerInput(world.otherCustomer), technicianId: gid('Technician', world.otherTechnician.id) }, 1);
    // The customer's own job, done by the technician: it carries an invoice.
    ownJob = await book({}, 2);
    await advance(ownJob, ['EN_ROUTE', 'ON_SITE', 'IN_PROGRESS', 'COMPLETED']);
    let hour = 3;
    for (const principal of PRINCIPALS.filter((p) => PERMISSIONS[p].actions.includes('writeWorkOrders'))) {
      jobToComplete[principal] = await book({}, hour++);
      await advance(jobToComplete[principal]!, ['EN_ROUTE', 'ON_SITE', 'IN_PROGRESS']);
    }
    Object.assign(ids, {
      WorkOrder: ownJob,
      Customer: gid('Customer', world.customer.customer.id),
      Vehicle: gid('Vehicle', world.customer.vehicle.id),
      ServiceAddress: gid('ServiceAddress', world.customer.address.id),
      ServiceType: gid('ServiceType', world.serviceType.id),
      Technician: gid('Technician', world.technician.id),
      User: gid('User', (await prisma.user.findFirstOrThrow({ where: { organizationId: org, role: 'CUSTOMER' } })).id),
      ApiKey: gid('ApiKey', (await prisma.apiKey.findFirstOrThrow({ where: { organizationId: org } })).id),
      WebhookEndpoint: gid('WebhookEndpoint', (await createWebhookEndpoint(prisma, org)).id),
    });

    Object.assign(tokens, {
      ADMIN: world.tokens.admin,
      DISPATCHER: world.tokens.dispatcher,
      TECHNICIAN: world.tokens.technician,
      CUSTOMER: world.tokens.customer,
    });
    for (const scope of API_KEY_SCOPES) tokens[scope] = await world.api.apiKey(org, [scope]);

    const args = (field: GraphQLField<unknown, unknown>) =>
      field.args.some((arg) => arg.name === 'id') ? `(id: "${ids[readableTypeOf(field)] ?? ownJob}")` : field.args.some((arg) => arg.name === 'date') ? `(date: "${DAY}")` : '';
    for (const principal of PRINCIPALS) {
      const found: Seen = new Map();
      rootAnswers[principal] = {};
      for (const field of rootFields) {
        const type = readableTypeOf(field);
        const named = getNamedType(field.type);
        const selection = isLeafType(named) ? '' : `{ ${named.name.endsWith('Connection') ? `edges { node { ${SELECTION[type]} } }` : SELECTION[type]} }`;
        const answer = await world.api.request(`{ ${field.name}${args(field)} ${selection} }`, {}, tokens[principal]);
        rootAnswers[principal][field.name] = answer;
        merge(found, collect(answer.data));
      }
      const fragments = nodeTypes.map((type) => `... on ${type} { ${SELECTION[type]} }`).join(' ');
      const node = await world.api.ok(
        `{ ${nodeTypes.map((type) => `${type}: node(id: "${ids[type]}") { __typename ${fragments} }`).join(' ')}
           nodes(ids: [${nodeTypes.map((type) => `"${ids[type]}"`).join(', ')}]) { __typename ${fragments} } }`,
        {},
        tokens[principal],
      );
      nodeAnswers[principal] = { node: Object.fromEntries(nodeTypes.map((type) => [type, node[type]])), nodes: node.nodes };
      merge(found, collect(node));
      merge(found, collect(await world.api.ok(`{ viewer { __typename technician { ${T} } customer { ${C} } } }`, {}, tokens[principal])));
      for (const action of PERMISSIONS[principal].actions) {
        for (const probe of ACTION_PROBES[action](principal)) {
          const data = await world.api.ok(probe.query, probe.variables, tokens[principal]);
          expect(JSON.stringify(data), `${principal} ${action}`).not.toMatch(/"__typename":"\w*Error"/);
          merge(found, collect(data));
        }
      }
      if (PERMISSIONS[principal].actions.includes('manageWebhooks')) merge(found, collect(await deliveredTo(principal)));
      seen[principal] = found;
    }
    url = await listen(world.api.app);
  });

  it('guards every root field with the type it returns, so the table decides it', () => {
    const undecided = rootFields.filter((field) => readsGuardOf(field) !== readableTypeOf(field)).map((field) => field.name);
    expect(undecided).toEqual([]);
    const all = Object.keys(schema.getQueryType()!.getFields()).sort();
    // availableSlots answers no stored type: it is a booking aid, guarded by the action of booking (writeWorkOrders).
    expect(all.filter((name) => !rootFields.some((field) => field.name === name))).toEqual(['availableSlots', 'node', 'nodes', 'viewer']);
    for (const type of READABLE_TYPES) expect(SELECTION[type] ?? ['Invoice'].includes(type), type).toBeTruthy();
  });

  it('guards every subscription field with a type of the table, the schedule for the schedule and the activity counter', () => {
    const unguarded = subscriptionFields.filter((field) => !(guardsOf(field)?.$all ?? guardsOf(field))?.reads).map((field) => field.name);
    expect(unguarded).toEqual([]);
    expect(readsGuardOf(schema.getSubscriptionType()!.getFields().scheduleChanged!)).toBe('Schedule');
    expect(readsGuardOf(schema.getQueryType()!.getFields().lastEventSeq!)).toBe('Schedule');
  });

  for (const principal of PRINCIPALS) {
    const access = accessOfPrincipal(principal);

    describe(principal, () => {
      it('answers each root field, or refuses it with FORBIDDEN, as the table says', () => {
        for (const field of rootFields) {
          const answer = rootAnswers[principal][field.name]!;
          if (access.reads(readableTypeOf(field) as ReadableType, 'direct')) {
            expect(answer.errors, `${principal} ${field.name}`).toBeUndefined();
            expect(answer.data?.[field.name], `${principal} ${field.name}`).not.toBeNull();
          } else {
            expect(answer.errors?.[0]?.extensions?.code, `${principal} ${field.name}`).toBe('FORBIDDEN');
            expect(answer.data?.[field.name] ?? null, `${principal} ${field.name}`).toBeNull();
          }
        }
      });

      it('finds each node type through node and nodes only where it may read the type directly', () => {
        const { node, nodes } = nodeAnswers[principal];
        nodeTypes.forEach((type, i) => {
          // The fixture endpoint is the organization's (an admin's): an API key sees only the endpoints it made.
          const othersEndpoint = type === 'WebhookEndpoint' && !(ROLES as readonly string[]).includes(principal);
          const expected = access.reads(type as ReadableType, 'direct') && !othersEndpoint;
          expect(node[type] !== null, `${principal} node(${type})`).toBe(expected);
          expect(nodes[i] !== null, `${principal} nodes[${type}]`).toBe(expected);
        });
      });

      it('meets each type inside other objects exactly when it may read it', () => {
        for (const type of READABLE_TYPES) {
          expect(seen[principal].has(type), `${principal} sees ${type}`).toBe(access.reads(type));
        }
      });

      it('reads each sensitive field where the table gives it, and null elsewhere', () => {
        for (const { group, type, field } of GROUP_FIELDS) {
          for (const object of withField(seen[principal], type, field)) {
            expect(object[field] !== null, `${principal} ${type}.${field}`).toBe(access.seesField(group));
          }
        }
      });

      it('reaches only the rows the table gives it: its own, or the whole organization', async () => {
        const rows = await rowsOf(seen[principal]);
        const technicianIds = new Set((seen[principal].get('Technician') ?? []).map((t) => String(t.id)));
        const customerIds = new Set((seen[principal].get('Customer') ?? []).map((c) => String(c.id)));
        if (PERMISSIONS[principal].rows === 'own') {
          for (const row of rows) expect(row, principal).toMatchObject(ownOf(principal));
          expect(technicianIds).toEqual(new Set([ids.Technician]));
          expect(customerIds).toEqual(new Set([ids.Customer]));
        } else if (access.reads('WorkOrder', 'direct')) {
          // The office and a reading key see the other customer's jobs, the unassigned one included.
          expect(rows.some((row) => row.technicianId === null && row.customerId === world.otherCustomer.customer.id)).toBe(true);
        }
      });

      it('receives each subscription only if the table allows its field guards, with the same fields withheld', async () => {
        const connection = wsClient(url, tokens[principal]);
        const lastOwnEvent = await db.prisma.workOrderEvent.findFirstOrThrow({ where: { workOrderId: rowIdOf(ownJob) }, orderBy: { seq: 'desc' } });
        const selection = `seq event { ${EVENT} } workOrder { ${WO} }`;
        const subscriptions = subscriptionFields.map((field) => ({
          field,
          subscription: new Subscription(connection.client, `subscription { ${field.name}${subscriptionArgs(field)} { ${selection} } }`),
        }));
        try {
          for (const { field, subscription } of subscriptions) {
            if (!subscribes(principal, access, field)) {
              await subscription.done;
              expect(JSON.stringify(subscription.errors), `${principal} ${field.name}`).toContain('FORBIDDEN');
              expect(subscription.received).toEqual([]);
              continue;
            }
            // Replayed from the log in order: the customer's own job changed last of all.
            let count = 1;
            while (!(await subscription.waitFor(count)).some((m: any) => (Object.values(m)[0] as { seq: string }).seq === String(lastOwnEvent.seq))) count++;
            const payloads = collect(subscription.received);
            for (const { group, type, field } of GROUP_FIELDS) {
              for (const object of withField(payloads, type, field)) {
                expect(object[field] !== null, `${principal} ${type}.${field}`).toBe(access.seesField(group));
              }
            }
            if (PERMISSIONS[principal].rows === 'own') {
              for (const row of await rowsOf(payloads)) expect(row, principal).toMatchObject(ownOf(principal));
            }
          }
        } finally {
          subscriptions.forEach(({ subscription }) => subscription.close());
          await connection.client.dispose();
        }
      });
    });
  }
});

function rowIdOf(globalId: string): string {
  return Buffer.from(globalId, 'base64').toString().split(':')[1]!;
}
