import { describe, expect, it } from 'vitest';
import type { Caller } from '../../src/domain/caller.js';
import { loginChangeRefusal, roleLinks } from '../../src/domain/logins.js';

const admin: Caller = { kind: 'user', organizationId: 'org', userId: 'me', name: 'Ada', role: 'ADMIN', technicianId: null, customerId: null };

describe('changing a login', () => {
  it('refuses an admin deactivating or demoting their own login', () => {
    expect(loginChangeRefusal(admin, 'me', { active: false })).toMatch(/own login/);
    expect(loginChangeRefusal(admin, 'me', { role: 'DISPATCHER' })).toMatch(/own role/);
  });

  it('allows the same changes to somebody else, and harmless ones to oneself', () => {
    expect(loginChangeRefusal(admin, 'someone', { active: false, role: 'DISPATCHER' })).toBeNull();
    expect(loginChangeRefusal(admin, 'me', { role: 'ADMIN', active: true })).toBeNull();
  });

  it('keeps only the link the role needs', () => {
    expect(roleLinks('CUSTOMER', { technicianId: 't', customerId: 'c' })).toEqual({ technicianId: null, customerId: 'c' });
    expect(roleLinks('TECHNICIAN', { technicianId: 't', customerId: 'c' })).toEqual({ technicianId: 't', customerId: null });
    expect(roleLinks('DISPATCHER', { technicianId: 't', customerId: 'c' })).toEqual({ technicianId: null, customerId: null });
  });
});
