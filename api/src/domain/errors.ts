import type { Unavailability } from './unavailability.js';
import { EDITABLE_STATUSES, type WorkOrderStatus } from './status.js';

/**
 * Expected failures: each is a typed error in the GraphQL schema, never a 500. Where a field has
 * no error union (a query), the error reaches the client with its `code`.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
}

export interface FieldError {
  path: string[];
  message: string;
}

export class ValidationError extends DomainError {
  readonly code = 'BAD_USER_INPUT';

  constructor(readonly fieldErrors: FieldError[]) {
    super(fieldErrors.map((e) => `${e.path.join('.')}: ${e.message}`).join('; ') || 'Invalid input');
  }

  static field(path: string[], message: string): ValidationError {
    return new ValidationError([{ path, message }]);
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'NOT_FOUND';

  constructor(readonly what: string, readonly id?: string) {
    super(`${what} not found`);
  }
}

export class ForbiddenError extends DomainError {
  readonly code = 'FORBIDDEN';

  constructor(message = 'You are not allowed to do this') {
    super(message);
  }
}

export class ConflictError extends DomainError {
  readonly code = 'CONFLICT';

  constructor(readonly conflictingWorkOrderId: string, label: string) {
    super(`The technician is already booked for ${label} in that window`);
  }
}

/**
 * A booking into time the technician does not work: outside their hours or in their time off. The
 * office may book it anyway by saying so (`overrideAvailability`), and the override is recorded.
 */
export class OutsideAvailabilityError extends DomainError {
  readonly code = 'OUTSIDE_AVAILABILITY';

  constructor(readonly unavailability: Unavailability, message: string) {
    super(message);
  }
}

/** Time off over jobs the technician still has: the office names them to confirm (and then moves them). */
export class TimeOffOverlapError extends DomainError {
  readonly code = 'TIME_OFF_OVERLAP';

  constructor(readonly workOrderIds: string[], labels: string[]) {
    super(`The technician has ${labels.join(', ')} in that time: move ${labels.length === 1 ? 'it' : 'them'} first, or confirm by listing ${labels.length === 1 ? 'it' : 'them'}`);
  }
}

export class InvalidTransitionError extends DomainError {
  readonly code = 'INVALID_TRANSITION';

  constructor(
    readonly currentStatus: WorkOrderStatus,
    readonly requestedStatus: WorkOrderStatus,
    why = `Cannot move a work order from ${currentStatus} to ${requestedStatus}`,
  ) {
    super(why);
  }
}

/** A reschedule, reassignment or edit of a work order that is no longer editable (`isEditable`): it has started or ended. */
export class NotEditableError extends DomainError {
  readonly code = 'NOT_EDITABLE';

  constructor(readonly currentStatus: WorkOrderStatus, label: string) {
    super(`${label} is ${currentStatus}, so it can no longer be rescheduled, reassigned or edited: only a ${EDITABLE_STATUSES.join(' or ')} work order can`);
  }
}

export class StaleWriteError extends DomainError {
  readonly code = 'STALE_WRITE';

  constructor(readonly currentVersion: number, readonly currentStatus: WorkOrderStatus) {
    super(`The work order changed (now version ${currentVersion}, ${currentStatus}); reload and try again`);
  }
}

/**
 * An idempotency key sent again with a different input (Stripe's `idempotency_key_reuse`): the first
 * request is not replayed and the new one does not run.
 */
export class IdempotencyKeyReuseError extends DomainError {
  readonly code = 'IDEMPOTENCY_KEY_REUSE';

  constructor() {
    super('This idempotency key was already used with a different input; send a new key for a new request');
  }
}

export class ThrottledError extends DomainError {
  readonly code = 'THROTTLED';

  constructor(message: string, readonly retryAfterMs: number) {
    super(message);
  }
}

/** The database did not answer (down, restarting, every connection busy): the request may be retried as it is. */
export class DatabaseUnavailableError extends DomainError {
  readonly code = 'DATABASE_UNAVAILABLE';

  constructor(cause: unknown) {
    super('The database is unavailable for a moment; retry the request', { cause });
  }
}

/** A subscriber that stopped reading: its stream ends, and it resumes with `after` when it can keep up. */
export class SubscriberTooSlowError extends DomainError {
  readonly code = 'SUBSCRIBER_TOO_SLOW';

  constructor() {
    super('This subscription fell too far behind; subscribe again with `after` set to the last seq received');
  }
}
