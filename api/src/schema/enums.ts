import { API_KEY_SCOPES, type ApiKeyScope } from '../domain/caller.js';
import { ACTIONS, constantCase, PERMISSION_NAMES, READABLE_TYPES, SENSITIVE_FIELDS, type Action } from '../domain/permissions.js';
import { ROLES, type Role } from '../domain/roles.js';
import { WORK_ORDER_STATUSES, type WorkOrderStatus } from '../domain/status.js';
import type { WorkOrderEventType } from '../generated/prisma/enums.js';
import { builder } from './builder.js';

/**
 * An enum's values, each with its description for an integrator: in the order of `order` (the domain's
 * list) when given, else in the order they are written.
 */
export function described<V extends string>(descriptions: Record<V, string>, order: readonly V[] = Object.keys(descriptions) as V[]) {
  return Object.fromEntries(order.map((value) => [value, { description: descriptions[value] }])) as Record<V, { description: string }>;
}

export const WorkOrderStatusEnum = builder.enumType('WorkOrderStatus', {
  description: 'Where a job is. COMPLETED, CANCELED and NO_SHOW are terminal: nothing moves a work order out of them',
  values: described<WorkOrderStatus>({
    SCHEDULED: 'Booked; the only status in which it can be rescheduled, reassigned or edited',
    EN_ROUTE: 'The technician is on the way',
    ON_SITE: 'The technician has arrived',
    IN_PROGRESS: 'The work has started',
    COMPLETED: 'Done; its invoice was issued in the same change',
    CANCELED: 'Called off by the office, with a reason (cancelReason)',
    NO_SHOW: 'The technician arrived and the vehicle or customer was not there',
  }, WORK_ORDER_STATUSES),
});

export const RoleEnum = builder.enumType('Role', {
  description: 'What a login may do',
  values: described<Role>({
    ADMIN: 'Everything, including logins and API keys',
    DISPATCHER: 'The office: every work order, customer, technician and setting, but not logins or API keys',
    TECHNICIAN: 'Their own jobs and their own column of the schedule; advances their jobs',
    CUSTOMER: 'A fleet customer in the portal: their own work orders, vehicles and addresses, read only',
  }, ROLES),
});

export const ApiKeyScopeEnum = builder.enumType('ApiKeyScope', {
  description: 'What an API key may do; a key with several gets the union. A write scope reads only what its own mutations return',
  values: described<ApiKeyScope>({
    READ: "Reads what the office reads (not logins, API keys or technicians' contact)",
    WRITE_WORK_ORDERS: 'Creates, edits, moves and cancels work orders, as the office does',
    WRITE_CUSTOMERS: 'Creates and edits customers, vehicles and service addresses',
    WRITE_SETTINGS: 'Creates and edits service types and technicians',
    WEBHOOKS: 'Manages the webhook endpoints it made and receives on them the organization’s changes, each delivery with its work order (no contact details, VIN, plate or notes unless another scope reads them); reads nothing through queries or subscriptions: add READ to refetch a work order or page the event log',
  }, API_KEY_SCOPES),
});

export const WorkOrderEventTypeEnum = builder.enumType('WorkOrderEventType', {
  description: 'What kind of change an event records',
  values: described<WorkOrderEventType>({
    CREATED: 'The work order was booked',
    RESCHEDULED: 'Its window moved',
    REASSIGNED: 'Its technician changed (or it was assigned or unassigned)',
    EDITED: 'Another of its fields changed (service, vehicle, address, price, duration or notes)',
    STATUS_CHANGED: 'Its status moved',
  }),
});

const ACTION_DESCRIPTIONS: Record<Action, string> = {
  writeWorkOrders: 'Creates, edits, moves and cancels work orders',
  writeCustomers: 'Creates and edits customers, vehicles and service addresses',
  writeSettings: 'Creates and edits service types and technicians',
  manageAccess: 'Creates and changes logins and API keys',
  manageWebhooks: 'Creates, edits, tests and replays webhook endpoints',
};

/** Each name of domain/permissions.ts PERMISSION_NAMES, said for an integrator. */
const PERMISSION_DESCRIPTIONS = Object.fromEntries([
  ...READABLE_TYPES.map((type) => [`READ_${constantCase(type)}`, `Reads ${type} through root fields and node(id)`]),
  ...Object.entries(SENSITIVE_FIELDS).map(([group, fields]) => [`READ_${constantCase(group)}`, `Sees ${fields.join(', ')} (null otherwise)`]),
  ...ACTIONS.map((action) => [constantCase(action), ACTION_DESCRIPTIONS[action]]),
]) as Record<string, string>;

export const PermissionEnum = builder.enumType('Permission', {
  description: 'READ_<type>: reads that type through root fields and node(id); READ_<group>: sees those sensitive fields; the rest are changes',
  values: described(PERMISSION_DESCRIPTIONS, PERMISSION_NAMES),
});
