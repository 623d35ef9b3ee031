import { describe, expect, it } from 'vitest';
import {
  cancelReasonProblem,
  checkTransition,
  isTerminal,
  issuesInvoice,
  movesAhead,
  nextStatuses,
  pathTo,
  WORK_ORDER_STATUSES,
  type WorkOrderStatus,
} from '../../src/domain/status.js';
import type { Caller } from '../../src/domain/caller.js';
import { apiKeyCaller, userCaller } from '../support/callers.js';

const admin = userCaller('ADMIN');
const dispatcher = userCaller('DISPATCHER');
const technician = userCaller('TECHNICIAN', { technicianId: 'tech-1' });
const customer = userCaller('CUSTOMER');

/** A job of technician tech-1 (the `technician` caller's own) in a status. */
const job = (status: WorkOrderStatus) => ({ status, technicianId: 'tech-1' });
const othersJob = (status: WorkOrderStatus) => ({ status, technicianId: 'tech-2' });
const check = (caller: Caller, from: WorkOrderStatus, to: WorkOrderStatus) => checkTransition(caller, job(from), to);

describe('the status machine', () => {
  it('lets the assigned technician advance a job one step at a time', () => {
    expect(nextStatuses(technician, job('SCHEDULED'))).toEqual(['EN_ROUTE']);
    expect(nextStatuses(technician, job('ON_SITE'))).toEqual(['IN_PROGRESS', 'NO_SHOW']);
    expect(nextStatuses(technician, job('IN_PROGRESS'))).toEqual(['COMPLETED']);
  });

  it('refuses a technician cancelling a job', () => {
    expect(check(technician, 'SCHEDULED', 'CANCELED')).toEqual({ ok: false, reason: 'FORBIDDEN' });
  });

  it('refuses a technician moving somebody else\'s job', () => {
    expect(checkTransition(technician, othersJob('SCHEDULED'), 'EN_ROUTE')).toEqual({ ok: false, reason: 'FORBIDDEN' });
    expect(nextStatuses(technician, othersJob('SCHEDULED'))).toEqual([]);
  });

  it('never lets a customer move a job', () => {
    for (const from of WORK_ORDER_STATUSES) expect(nextStatuses(customer, job(from))).toEqual([]);
  });

  it('lets dispatchers and admins cancel anything not terminal', () => {
    for (const from of WORK_ORDER_STATUSES) {
      expect(check(dispatcher, from, 'CANCELED').ok).toBe(!isTerminal(from));
      expect(check(admin, from, 'CANCELED').ok).toBe(!isTerminal(from));
    }
  });

  it('treats skipping a step or leaving a terminal status as invalid, whoever asks', () => {
    expect(check(admin, 'SCHEDULED', 'COMPLETED')).toEqual({ ok: false, reason: 'INVALID_TRANSITION' });
    expect(check(admin, 'COMPLETED', 'SCHEDULED')).toEqual({ ok: false, reason: 'INVALID_TRANSITION' });
    expect(check(admin, 'NO_SHOW', 'CANCELED')).toEqual({ ok: false, reason: 'INVALID_TRANSITION' });
    for (const terminal of ['COMPLETED', 'CANCELED', 'NO_SHOW'] as const) expect(nextStatuses(admin, job(terminal))).toEqual([]);
  });

  it('tells the assigned technician every move ahead of an en-route job, and nothing they may not do', () => {
    expect(movesAhead(technician, job('EN_ROUTE'))).toEqual([
      { from: 'EN_ROUTE', to: ['ON_SITE'] },
      { from: 'ON_SITE', to: ['IN_PROGRESS', 'NO_SHOW'] },
      { from: 'IN_PROGRESS', to: ['COMPLETED'] },
      { from: 'NO_SHOW', to: [] },
      { from: 'COMPLETED', to: [] },
    ]);
    expect(movesAhead(technician, othersJob('EN_ROUTE'))).toEqual([{ from: 'EN_ROUTE', to: [] }]);
    expect(movesAhead(dispatcher, job('COMPLETED'))).toEqual([{ from: 'COMPLETED', to: [] }]);
    expect(movesAhead(dispatcher, job('IN_PROGRESS')).map((moves) => moves.from)).toEqual(['IN_PROGRESS', 'COMPLETED', 'CANCELED']);
  });

  it('lets a key that writes work orders move them as the office does, and a read key move nothing', () => {
    expect(nextStatuses(apiKeyCaller(['WRITE_WORK_ORDERS']), job('SCHEDULED'))).toEqual(['EN_ROUTE', 'CANCELED']);
    expect(nextStatuses(apiKeyCaller(['READ']), job('SCHEDULED'))).toEqual([]);
  });

  it('lets the office only cancel an unassigned job: nobody drives to it, starts or finishes it', () => {
    const unassigned = (status: WorkOrderStatus) => ({ status, technicianId: null });
    expect(checkTransition(dispatcher, unassigned('SCHEDULED'), 'EN_ROUTE')).toEqual({ ok: false, reason: 'NO_TECHNICIAN' });
    expect(nextStatuses(dispatcher, unassigned('SCHEDULED'))).toEqual(['CANCELED']);
    expect(movesAhead(admin, unassigned('SCHEDULED'))).toEqual([
      { from: 'SCHEDULED', to: ['CANCELED'] },
      { from: 'CANCELED', to: [] },
    ]);
    expect(checkTransition(dispatcher, unassigned('SCHEDULED'), 'CANCELED')).toEqual({ ok: true });
  });

  it('refuses a technician login without a technician, even on an unassigned job', () => {
    const unlinked = userCaller('TECHNICIAN', { technicianId: null });
    expect(checkTransition(unlinked, { status: 'SCHEDULED', technicianId: null }, 'EN_ROUTE')).toEqual({ ok: false, reason: 'FORBIDDEN' });
  });

  it('issues an invoice on COMPLETED and on no other status', () => {
    expect(WORK_ORDER_STATUSES.filter(issuesInvoice)).toEqual(['COMPLETED']);
  });

  it('wants a cancellation reason that is not blank and at most 500 characters', () => {
    expect(cancelReasonProblem('  ')).toBe('A cancellation needs a reason');
    expect(cancelReasonProblem(null)).toBe('A cancellation needs a reason');
    expect(cancelReasonProblem(` ${'x'.repeat(500)} `)).toBeNull();
    expect(cancelReasonProblem('x'.repeat(501))).toBe('At most 500 characters');
  });

  it('counts a cancellation reason in characters as the person sees them, emoji and accents one each', () => {
    // 500 characters on screen, 2,000 and 1,000 UTF-16 code units.
    expect(cancelReasonProblem('👍🏿'.repeat(500))).toBeNull();
    expect(cancelReasonProblem('e\u0301'.repeat(500))).toBeNull();
    expect(cancelReasonProblem('👍🏿'.repeat(501))).toBe('At most 500 characters');
    expect(cancelReasonProblem(`${'🇨🇦'.repeat(499)}e\u0301\u0302`)).toBeNull();
  });

  it('refuses a cancellation reason of 10 MB as too long', () => {
    expect(cancelReasonProblem('x'.repeat(10 * 1024 * 1024))).toBe('At most 500 characters');
    expect(cancelReasonProblem(`e${'\u0301'.repeat(10 * 1024 * 1024)}`)).toBe('At most 500 characters');
  });

  it('walks from SCHEDULED to any status through the table', () => {
    expect(pathTo('COMPLETED')).toEqual(['EN_ROUTE', 'ON_SITE', 'IN_PROGRESS', 'COMPLETED']);
    expect(pathTo('NO_SHOW')).toEqual(['EN_ROUTE', 'ON_SITE', 'NO_SHOW']);
  });
});
