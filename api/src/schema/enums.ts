import { API_KEY_SCOPES } from '../domain/caller.js';
import { PERMISSION_NAMES } from '../domain/permissions.js';
import { ROLES } from '../domain/roles.js';
import { WORK_ORDER_STATUSES } from '../domain/status.js';
import { builder } from './builder.js';

export const WorkOrderStatusEnum = builder.enumType('WorkOrderStatus', { values: WORK_ORDER_STATUSES });
export const RoleEnum = builder.enumType('Role', { values: ROLES });
export const ApiKeyScopeEnum = builder.enumType('ApiKeyScope', { values: API_KEY_SCOPES });
export const WorkOrderEventTypeEnum = builder.enumType('WorkOrderEventType', {
  values: ['CREATED', 'RESCHEDULED', 'REASSIGNED', 'EDITED', 'STATUS_CHANGED'] as const,
});
export const PermissionEnum = builder.enumType('Permission', {
  description: 'READ_<type>: reads that type through root fields and node(id); READ_<group>: sees those sensitive fields; the rest are changes',
  values: PERMISSION_NAMES,
});
