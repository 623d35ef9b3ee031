import {
  ConflictError,
  DomainError,
  ForbiddenError,
  IdempotencyKeyReuseError,
  InvalidTransitionError,
  NotEditableError,
  NotFoundError,
  StaleWriteError,
  ThrottledError,
  ValidationError,
} from '../domain/errors.js';
import { WorkOrderStatusEnum } from './enums.js';
import { builder } from './builder.js';

/** Every expected failure is one of these types, inside a mutation's result union. */
export const ErrorInterface = builder.interfaceRef<DomainError>('Error').implement({
  description:
    "An expected failure of a mutation, returned in its result union instead of its success. Match on __typename (or on code) for what to do; the message is for people",
  fields: (t) => ({
    code: t.exposeString('code', {
      description:
        'A stable code per error type, the same as `extensions.code` of a top-level error: BAD_USER_INPUT, NOT_FOUND, FORBIDDEN, CONFLICT, INVALID_TRANSITION, NOT_EDITABLE, STALE_WRITE, IDEMPOTENCY_KEY_REUSE or THROTTLED',
    }),
    message: t.exposeString('message', { description: 'What went wrong, in English, to show a person; it may change between versions' }),
  }),
});

const FieldErrorRef = builder.objectRef<{ path: string[]; message: string }>('FieldError').implement({
  description: 'One problem with one input field',
  fields: (t) => ({
    path: t.exposeStringList('path', { description: 'Where in the arguments, e.g. ["input", "windowEnd"]' }),
    message: t.exposeString('message', { description: 'What is wrong with that field, to show next to it' }),
  }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  description: 'Code BAD_USER_INPUT: the input broke a rule (a missing, too long or out-of-range value, an unknown reference); nothing was written',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    fieldErrors: t.field({ type: [FieldErrorRef], description: 'Every problem found, one per field', resolve: (error) => error.fieldErrors }),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description:
    "Code NOT_FOUND: the ID names nothing the caller may see (another organization's rows answer the same as rows that do not exist)",
  interfaces: [ErrorInterface],
  fields: (t) => ({ what: t.exposeString('what', { description: 'What kind of thing was looked for, e.g. "Work order"' }) }),
});

builder.objectType(ForbiddenError, {
  name: 'ForbiddenError',
  description: "Code FORBIDDEN: the caller's role or API-key scopes do not allow this change (see viewer.permissions)",
  interfaces: [ErrorInterface],
  fields: () => ({}),
});

builder.objectType(InvalidTransitionError, {
  name: 'InvalidTransitionError',
  description:
    'Code INVALID_TRANSITION: the status machine does not allow the move from the status the work order is in (often somebody else moved it first)',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    currentStatus: t.field({ type: WorkOrderStatusEnum, description: 'The status the work order was found in', resolve: (e) => e.currentStatus }),
    requestedStatus: t.field({ type: WorkOrderStatusEnum, description: 'The status that was asked for', resolve: (e) => e.requestedStatus }),
  }),
});

builder.objectType(NotEditableError, {
  name: 'NotEditableError',
  description:
    'Code NOT_EDITABLE: the work order has started or ended (its status is past SCHEDULED), so it can no longer be rescheduled, reassigned or edited; nothing was written',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    currentStatus: t.field({ type: WorkOrderStatusEnum, description: 'The status the work order was found in, the reason it can no longer be edited', resolve: (e) => e.currentStatus }),
  }),
});

builder.objectType(StaleWriteError, {
  name: 'StaleWriteError',
  description: 'Code STALE_WRITE: the work order changed since the version the caller sent or read; reload it and decide again',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    currentVersion: t.exposeInt('currentVersion', { description: 'The version it has now' }),
    currentStatus: t.field({ type: WorkOrderStatusEnum, description: 'The status it has now', resolve: (e) => e.currentStatus }),
  }),
});

builder.objectType(ThrottledError, {
  name: 'ThrottledError',
  description:
    'Code THROTTLED: too many attempts in a short time (wrong passwords for this email or from this address, test events to one webhook endpoint); nothing was checked or done: try again after retryAfterSeconds',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    retryAfterSeconds: t.int({
      description: 'Seconds to wait before the next attempt is checked or done',
      resolve: (e) => Math.ceil(e.retryAfterMs / 1000),
    }),
  }),
});

/** ConflictError's conflictingWorkOrder field is added in work-order.ts, beside the WorkOrder type. */
export const ConflictErrorRef = builder.objectType(ConflictError, {
  name: 'ConflictError',
  description: "Code CONFLICT: the technician already has an active job whose window overlaps this one's; nothing was written",
  interfaces: [ErrorInterface],
  fields: () => ({}),
});

builder.objectType(IdempotencyKeyReuseError, {
  name: 'IdempotencyKeyReuseError',
  description:
    'Code IDEMPOTENCY_KEY_REUSE: this idempotency key was already used for this mutation with another input; nothing ran. Send a new key for a new request',
  interfaces: [ErrorInterface],
  fields: () => ({}),
});

type ErrorClass = new (...args: never[]) => DomainError;

/**
 * A mutation's result: the union of its success object (holding `dataField`) and the errors it can
 * return. `errors` lists only those its resolver and service can throw: an input rule (ValidationError),
 * a permission check (ForbiddenError), and so on, each checked against the code.
 */
export function resultOf(mutation: string, errors: ErrorClass[], dataField: { name: string; description: string }) {
  return {
    types: errors,
    dataField,
    union: { description: `What ${mutation} answers: its success, or one of the errors it can return` },
    result: { description: `${mutation} succeeded` },
  };
}
