import { describe, expect, it } from 'vitest';
import { checkTransition, isTerminal, movesAhead, nextStatuses, pathTo, WORK_ORDER_STATUSES } from '../../src/domain/status.js';

const admin = { role: 'ADMIN', isAssignedTechnician: false } as const;
const dispatcher = { role: 'DISPATCHER', isAssignedTechnician: false } as const;
const assignedTech = { role: 'TECHNICIAN', isAssignedTechnician: true } as const;
const otherTech = { role: 'TECHNICIAN', isAssignedTechnician: false } as const;
const customer = { role: 'CUSTOMER', isAssignedTechnician: false } as const;

describe('the status machine', () => {
  it('lets the assigned technician advance a job one step at a time', () => {
    expect(nextStatuses('SCHEDULED', assignedTech)).toEqual(['EN_ROUTE']);
    expect(nextStatuses('ON_SITE', assignedTech)).toEqual(['IN_PROGRESS', 'NO_SHOW']);
    expect(nextStatuses('IN_PROGRESS', assignedTech)).toEqual(['COMPLETED']);
  });

  it('refuses a technician cancelling a job', () => {
    expect(checkTransition('SCHEDULED', 'CANCELED', assignedTech)).toEqual({ ok: false, reason: 'FORBIDDEN' });
  });

  it('refuses a technician moving somebody else\'s job', () => {
    expect(checkTransition('SCHEDULED', 'EN_ROUTE', otherTech)).toEqual({ ok: false, reason: 'FORBIDDEN' });
    expect(nextStatuses('SCHEDULED', otherTech)).toEqual([]);
  });

  it('never lets a customer move a job', () => {
    for (const from of WORK_ORDER_STATUSES) expect(nextStatuses(from, customer)).toEqual([]);
  });

  it('lets dispatchers and admins cancel anything not terminal', () => {
    for (const from of WORK_ORDER_STATUSES) {
      expect(checkTransition(from, 'CANCELED', dispatcher).ok).toBe(!isTerminal(from));
      expect(checkTransition(from, 'CANCELED', admin).ok).toBe(!isTerminal(from));
    }
  });

  it('treats skipping a step or leaving a terminal status as invalid, whoever asks', () => {
    expect(checkTransition('SCHEDULED', 'COMPLETED', admin)).toEqual({ ok: false, reason: 'INVALID_TRANSITION' });
    expect(checkTransition('COMPLETED', 'SCHEDULED', admin)).toEqual({ ok: false, reason: 'INVALID_TRANSITION' });
    expect(checkTransition('NO_SHOW', 'CANCELED', admin)).toEqual({ ok: false, reason: 'INVALID_TRANSITION' });
    for (const terminal of ['COMPLETED', 'CANCELED', 'NO_SHOW'] as const) expect(nextStatuses(terminal, admin)).toEqual([]);
  });

  it('tells the assigned technician every move ahead of an en-route job, and nothing they may not do', () => {
    expect(movesAhead('EN_ROUTE', assignedTech)).toEqual([
      { from: 'EN_ROUTE', to: ['ON_SITE'] },
      { from: 'ON_SITE', to: ['IN_PROGRESS', 'NO_SHOW'] },
      { from: 'IN_PROGRESS', to: ['COMPLETED'] },
      { from: 'NO_SHOW', to: [] },
      { from: 'COMPLETED', to: [] },
    ]);
    expect(movesAhead('EN_ROUTE', otherTech)).toEqual([{ from: 'EN_ROUTE', to: [] }]);
    expect(movesAhead('COMPLETED', dispatcher)).toEqual([{ from: 'COMPLETED', to: [] }]);
    expect(movesAhead('IN_PROGRESS', dispatcher).map((moves) => moves.from)).toEqual(['IN_PROGRESS', 'COMPLETED', 'CANCELED']);
  });

  it('walks from SCHEDULED to any status through the table', () => {
    expect(pathTo('COMPLETED')).toEqual(['EN_ROUTE', 'ON_SITE', 'IN_PROGRESS', 'COMPLETED']);
    expect(pathTo('NO_SHOW')).toEqual(['EN_ROUTE', 'ON_SITE', 'NO_SHOW']);
  });
});
