import { describe, expect, it } from 'vitest';
import type { ApiKeyScope, Caller } from '../../src/domain/caller.js';
import { accessOf, permissionsOf } from '../../src/domain/permissions.js';

const key = (scopes: ApiKeyScope[]): Caller => ({ kind: 'apiKey', organizationId: 'org', apiKeyId: scopes.join(), name: 'key', scopes });
const customer: Caller = { kind: 'user', organizationId: 'org', userId: 'u', name: 'Fleet', role: 'CUSTOMER', technicianId: null, customerId: 'c' };

describe('access from the permission table', () => {
  it('gives an anonymous caller nothing at all', () => {
    const access = accessOf(null);
    expect(access.reads('WorkOrder')).toBe(false);
    expect(access.can('writeWorkOrders')).toBe(false);
    expect(permissionsOf(null)).toEqual([]);
  });

  it('gives a key with several scopes the union of theirs, the widest reach winning', () => {
    const access = accessOf(key(['WRITE_WORK_ORDERS', 'READ']));
    expect(access.reads('WorkOrder', 'direct')).toBe(true);
    expect(access.seesField('customerContact')).toBe(true);
    expect(access.can('writeWorkOrders')).toBe(true);
    expect(access.seesField('technicianContact')).toBe(false);
  });

  it('lets a write-only key read what it writes inside its payloads, never through a query', () => {
    const access = accessOf(key(['WRITE_WORK_ORDERS']));
    expect(access.reads('WorkOrder', 'nested')).toBe(true);
    expect(access.reads('WorkOrder', 'direct')).toBe(false);
    expect(access.seesField('customerContact')).toBe(false);
    expect(permissionsOf(key(['WRITE_WORK_ORDERS']))).toEqual(['READ_INTERNAL_NOTES', 'READ_TECHNICIAN_AVAILABILITY', 'WRITE_WORK_ORDERS']);
  });

  it('shows a customer their own records but no technician list, no schedule and no internal note', () => {
    expect(permissionsOf(customer)).toEqual(
      expect.not.arrayContaining(['READ_TECHNICIAN', 'READ_SCHEDULE', 'READ_INTERNAL_NOTES', 'READ_TECHNICIAN_CONTACT']),
    );
    expect(accessOf(customer).rows).toBe('own');
    expect(accessOf(customer).reads('Technician', 'nested')).toBe(true);
  });
});
