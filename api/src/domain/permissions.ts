import type { ApiKeyScope, Caller } from './caller.js';
import type { Role } from './roles.js';

/** The object types whose reading this table decides; same names as the GraphQL types. */
export const READABLE_TYPES = [
  'Schedule',
  'WorkOrder',
  'WorkOrderEvent',
  'Invoice',
  'Customer',
  'Vehicle',
  'ServiceAddress',
  'ServiceType',
  'Technician',
  'User',
  'ApiKey',
  'WebhookEndpoint',
] as const;
export type ReadableType = (typeof READABLE_TYPES)[number];

/**
 * How a caller reaches a type. `direct`: through root fields and node(id), and inside other objects.
 * `nested`: only inside an object the caller already reads (the technician of a customer's own job,
 * the work order in the payload of the caller's own mutation).
 */
export type Reach = 'direct' | 'nested';

/**
 * A list or connection (`Customer.workOrders`, `Customer.vehicles`, `Customer.addresses`) holds rows
 * beyond the object it hangs off, so a `nested` reach does not read it: whoever reads the whole
 * organization's rows would read all of them through one payload. It is read by a caller who reads
 * its type `direct`, or `nested` with `own` rows (their visible rows bound the list to their own jobs).
 * Exempt are the lists that are parts of their object, read with it:
 */
export const PART_LISTS: readonly string[] = ['WorkOrder.events'];

/**
 * Fields a caller may lack while reading their object: they read as null. Named `Type.field`, as in
 * the GraphQL schema, where each of them is nullable. Prices and invoices are not in here: whoever
 * reads a work order reads its price (a customer is told what they pay).
 */
export const SENSITIVE_FIELDS = {
  customerContact: ['Customer.email', 'Customer.phone'],
  accessNotes: ['ServiceAddress.accessNotes'],
  vehicleIdentity: ['Vehicle.vin', 'Vehicle.licensePlate'],
  internalNotes: ['WorkOrder.internalNotes', 'WorkOrderSnapshot.internalNotes'],
  technicianContact: ['Technician.phone', 'Technician.email'],
  // When a technician works and why they are off (a reason may be personal): the office's and their own.
  technicianAvailability: ['Technician.workingHours', 'Technician.timeOff', 'ScheduleColumn.unavailable', 'WorkOrderEvent.availabilityOverride'],
} as const;
export type SensitiveField = keyof typeof SENSITIVE_FIELDS;

/** What a caller may change, beyond the status machine (domain/status.ts). */
export const ACTIONS = ['writeWorkOrders', 'writeCustomers', 'writeSettings', 'manageAccess', 'manageWebhooks'] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * Whose rows a caller reads: the whole organization's, or only its own (a technician's jobs and what
 * hangs off them, a customer's records). auth/visible-rows.ts turns this into the queries' where clauses.
 */
export type Rows = 'organization' | 'own';

export interface Grant {
  rows: Rows;
  reads: Partial<Record<ReadableType, Reach>>;
  fields: readonly SensitiveField[];
  actions: readonly Action[];
}

export type Principal = Role | ApiKeyScope;

const OFFICE_READS = {
  Schedule: 'direct',
  WorkOrder: 'direct',
  WorkOrderEvent: 'direct',
  Invoice: 'direct',
  Customer: 'direct',
  Vehicle: 'direct',
  ServiceAddress: 'direct',
  ServiceType: 'direct',
  Technician: 'direct',
} as const;

/** The jobs of a technician or a customer, and what those jobs show; their events also through the event log (`events`). */
const OWN_JOBS_READS = {
  WorkOrder: 'direct',
  WorkOrderEvent: 'direct',
  Invoice: 'nested',
  Customer: 'nested',
  Vehicle: 'nested',
  ServiceAddress: 'nested',
  ServiceType: 'nested',
  Technician: 'nested',
} as const;

/**
 * A job and what it shows, read only inside what carries it: the payload of the caller's own mutation,
 * or a delivery to the caller's own webhook endpoint.
 */
const NESTED_JOB_READS = {
  WorkOrder: 'nested',
  WorkOrderEvent: 'nested',
  Invoice: 'nested',
  Customer: 'nested',
  Vehicle: 'nested',
  ServiceAddress: 'nested',
  ServiceType: 'nested',
  Technician: 'nested',
} as const;

const EVERY_FIELD = Object.keys(SENSITIVE_FIELDS) as SensitiveField[];

/**
 * THE permission table: per role and per API-key scope, which types may be read and how, which
 * sensitive fields, and which changes. A key with several scopes gets the union of theirs. A write
 * scope reads, nested only, what its mutations return, and nothing through a query.
 */
export const PERMISSIONS: Record<Principal, Grant> = {
  ADMIN: {
    rows: 'organization',
    reads: { ...OFFICE_READS, User: 'direct', ApiKey: 'direct', WebhookEndpoint: 'direct' },
    fields: EVERY_FIELD,
    actions: ['writeWorkOrders', 'writeCustomers', 'writeSettings', 'manageAccess', 'manageWebhooks'],
  },
  DISPATCHER: {
    rows: 'organization',
    reads: OFFICE_READS,
    fields: EVERY_FIELD,
    actions: ['writeWorkOrders', 'writeCustomers', 'writeSettings'],
  },
  // Their own column of the schedule and their own jobs, with what they need on site; no technician list.
  TECHNICIAN: {
    rows: 'own',
    reads: { ...OWN_JOBS_READS, Schedule: 'direct' },
    fields: ['customerContact', 'accessNotes', 'vehicleIdentity', 'internalNotes', 'technicianContact', 'technicianAvailability'],
    actions: [],
  },
  // Their own work orders, vehicles and addresses; of a technician only the name and colour on their own jobs.
  CUSTOMER: {
    rows: 'own',
    reads: { ...OWN_JOBS_READS, Vehicle: 'direct', ServiceAddress: 'direct' },
    fields: ['customerContact', 'accessNotes', 'vehicleIdentity'],
    actions: [],
  },
  // An integration reads the business, not its employees' personal phone numbers and emails.
  READ: {
    rows: 'organization',
    reads: OFFICE_READS,
    fields: ['customerContact', 'accessNotes', 'vehicleIdentity', 'internalNotes'],
    actions: [],
  },
  // Acts as the office on work orders: reads back the work order it wrote, its notes and the names of what it points at.
  WRITE_WORK_ORDERS: {
    rows: 'organization',
    reads: NESTED_JOB_READS,
    fields: ['internalNotes', 'technicianAvailability'],
    actions: ['writeWorkOrders'],
  },
  WRITE_CUSTOMERS: {
    rows: 'organization',
    reads: { Customer: 'nested', Vehicle: 'nested', ServiceAddress: 'nested' },
    fields: ['customerContact', 'accessNotes', 'vehicleIdentity'],
    actions: ['writeCustomers'],
  },
  WRITE_SETTINGS: {
    rows: 'organization',
    reads: { ServiceType: 'nested', Technician: 'nested' },
    fields: ['technicianContact', 'technicianAvailability'],
    actions: ['writeSettings'],
  },
  // Manages the key's own webhook endpoints and receives the organization's changes through them, nested
  // in each delivery: the work order and the names of what it points at, no sensitive field. It reads
  // nothing through a query or a subscription: refetching a job or paging the event log takes READ too,
  // which (like WRITE_CUSTOMERS) also adds its fields to the deliveries.
  WEBHOOKS: {
    rows: 'organization',
    reads: { ...NESTED_JOB_READS, WebhookEndpoint: 'direct' },
    fields: [],
    actions: ['manageWebhooks'],
  },
};

/** What one caller may read and do, worked out once per caller from the table. */
export interface Access {
  rows: Rows;
  /** May the caller read this type here? A `direct` question is asked by root fields and node(id). */
  reads(type: ReadableType, reach?: Reach): boolean;
  /** May the caller read a list or connection of this type inside another object (see PART_LISTS)? */
  readsList(type: ReadableType): boolean;
  seesField(field: SensitiveField): boolean;
  can(action: Action): boolean;
}

function accessFrom(grants: readonly Grant[]): Access {
  const reach = new Map<string, Reach>();
  for (const grant of grants) {
    for (const [type, how] of Object.entries(grant.reads)) if (reach.get(type) !== 'direct') reach.set(type, how);
  }
  const fields = new Set(grants.flatMap((grant) => grant.fields));
  const actions = new Set(grants.flatMap((grant) => grant.actions));
  const rows: Rows = grants.some((grant) => grant.rows === 'own') ? 'own' : 'organization';
  return {
    rows,
    reads: (type, needed = 'nested') => {
      const granted = reach.get(type);
      return granted === 'direct' || (granted === 'nested' && needed === 'nested');
    },
    readsList: (type) => reach.get(type) === 'direct' || (reach.get(type) === 'nested' && rows === 'own'),
    seesField: (field) => fields.has(field),
    can: (action) => actions.has(action),
  };
}

const NO_ACCESS = accessFrom([]);
const accessByCaller = new WeakMap<Caller, Access>();

/** The caller's access; a caller object is resolved once (callers are shared per credential). */
export function accessOf(caller: Caller | null): Access {
  if (!caller) return NO_ACCESS;
  let access = accessByCaller.get(caller);
  if (!access) {
    const principals: readonly Principal[] = caller.kind === 'user' ? [caller.role] : caller.scopes;
    access = accessFrom(principals.map((principal) => PERMISSIONS[principal]));
    accessByCaller.set(caller, access);
  }
  return access;
}

/** Whose rows `own` means: a customer login's customer, a technician login's technician; null for nobody's. */
export function ownerOf(caller: Caller): { customerId: string } | { technicianId: string } | null {
  if (caller.kind !== 'user') return null;
  if (caller.customerId) return { customerId: caller.customerId };
  return caller.technicianId ? { technicianId: caller.technicianId } : null;
}

export function can(caller: Caller | null, action: Action): boolean {
  return accessOf(caller).can(action);
}

export const constantCase = (name: string) => name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();

/** What `Viewer.permissions` may list: each type read directly, each sensitive field group, each action. */
export const PERMISSION_NAMES: readonly string[] = [
  ...READABLE_TYPES.map((type) => `READ_${constantCase(type)}`),
  ...EVERY_FIELD.map((field) => `READ_${constantCase(field)}`),
  ...ACTIONS.map(constantCase),
];

export function permissionsOf(caller: Caller | null): string[] {
  const access = accessOf(caller);
  return [
    ...READABLE_TYPES.filter((type) => access.reads(type, 'direct')).map((type) => `READ_${constantCase(type)}`),
    ...EVERY_FIELD.filter((field) => access.seesField(field)).map((field) => `READ_${constantCase(field)}`),
    ...ACTIONS.filter((action) => access.can(action)).map(constantCase),
  ];
}
