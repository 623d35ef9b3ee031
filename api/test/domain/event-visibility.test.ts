import { describe, expect, it } from 'vitest';
import type { ApiKeyScope, Caller } from '../../src/domain/caller.js';
import { changeAudienceOf, changeVisibleTo, overrideVisibleTo, seqsGivenTo, type LoggedChange } from '../../src/domain/event-visibility.js';
import type { Role } from '../../src/domain/roles.js';
import type { WorkOrderSnapshot } from '../../src/domain/work-order.js';

const user = (role: Role, links: { technicianId?: string; customerId?: string } = {}): Caller => ({
  kind: 'user', organizationId: 'org', userId: role, name: role, role, technicianId: links.technicianId ?? null, customerId: links.customerId ?? null,
});
const key = (scopes: ApiKeyScope[]): Caller => ({ kind: 'apiKey', organizationId: 'org', apiKeyId: scopes.join(), name: 'key', scopes });
const side = (customerId: string, technicianId: string | null) => ({ customerId, technicianId }) as WorkOrderSnapshot;
const change = (before: WorkOrderSnapshot | null, after: WorkOrderSnapshot, organizationId = 'org'): LoggedChange => ({
  seq: 1n, organizationId, workOrderId: 'w', before, after,
});

describe('whose changes a caller receives', () => {
  it('gives the office and read keys the organization, write-only keys nothing', () => {
    expect(changeAudienceOf(user('ADMIN'))).toEqual({ kind: 'organization' });
    expect(changeAudienceOf(user('DISPATCHER'))).toEqual({ kind: 'organization' });
    expect(changeAudienceOf(key(['READ']))).toEqual({ kind: 'organization' });
    for (const scope of ['WRITE_WORK_ORDERS', 'WRITE_CUSTOMERS', 'WRITE_SETTINGS'] as const) expect(changeAudienceOf(key([scope]))).toEqual({ kind: 'none' });
  });

  it('gives a technician the jobs that were or are theirs, a customer their own, a login linked to nobody nothing', () => {
    expect(changeAudienceOf(user('TECHNICIAN', { technicianId: 't' }))).toEqual({ kind: 'owner', field: 'technicianId', id: 't' });
    expect(changeAudienceOf(user('CUSTOMER', { customerId: 'c' }))).toEqual({ kind: 'owner', field: 'customerId', id: 'c' });
    expect(changeAudienceOf(user('TECHNICIAN'))).toEqual({ kind: 'none' });
  });

  it('lets a technician see a job taken away from them, and not the changes after it', () => {
    const technician = user('TECHNICIAN', { technicianId: 't' });
    expect(changeVisibleTo(technician, change(side('c', 't'), side('c', 'u')))).toBe(true);
    expect(changeVisibleTo(technician, change(side('c', 'u'), side('c', 'u')))).toBe(false);
    expect(changeVisibleTo(technician, change(null, side('c', null)))).toBe(false);
  });

  it("never shows another organization's change, whoever asks", () => {
    for (const caller of [user('ADMIN'), key(['READ']), user('CUSTOMER', { customerId: 'c' })]) {
      expect(changeVisibleTo(caller, change(null, side('c', 't'), 'other'))).toBe(false);
    }
  });
});

describe("who reads a change's availability override", () => {
  it('gives it to the office and the keys that book or set availability, and to a technician only when they were booked', () => {
    const booked = change(side('c', 'u'), side('c', 't'));
    for (const caller of [user('ADMIN'), user('DISPATCHER'), key(['WRITE_WORK_ORDERS']), key(['WRITE_SETTINGS'])]) expect(overrideVisibleTo(caller, booked)).toBe(true);
    expect(overrideVisibleTo(user('TECHNICIAN', { technicianId: 't' }), booked)).toBe(true);
    expect(overrideVisibleTo(user('TECHNICIAN', { technicianId: 'u' }), booked), 'a colleague, though the job was theirs before').toBe(false);
    for (const caller of [user('CUSTOMER', { customerId: 'c' }), key(['READ']), key(['WEBHOOKS'])]) expect(overrideVisibleTo(caller, booked)).toBe(false);
  });
});

describe('which seqs a caller may resume after', () => {
  it("bounds whoever reads the schedule (and lastEventSeq) by the organization's latest, the others by their own events", () => {
    for (const caller of [user('ADMIN'), user('DISPATCHER'), user('TECHNICIAN', { technicianId: 't' }), key(['READ'])]) expect(seqsGivenTo(caller), caller.name).toBe('organization');
    for (const caller of [user('CUSTOMER', { customerId: 'c' }), key(['WEBHOOKS'])]) expect(seqsGivenTo(caller), caller.name).toBe('visible');
  });
});
