import {
  ConflictError,
  DomainError,
  ForbiddenError,
  IdempotencyKeyReuseError,
  InvalidTransitionError,
  NotFoundError,
  StaleWriteError,
  ThrottledError,
  ValidationError,
} from '../domain/errors.js';
import { WorkOrderStatusEnum } from './enums.js';
import { builder } from './builder.js';

/** Every expected failure is one of these types, inside a mutation's result union. */
export const ErrorInterface = builder.interfaceRef<DomainError>('Error').implement({
  fields: (t) => ({ message: t.exposeString('message') }),
});

const FieldErrorRef = builder.objectRef<{ path: string[]; message: string }>('FieldError').implement({
  fields: (t) => ({
    path: t.exposeStringList('path', { description: 'Where in the input, e.g. ["input", "windowEnd"]' }),
    message: t.exposeString('message'),
  }),
});

builder.objectType(ValidationError, {
  name: 'ValidationError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ fieldErrors: t.field({ type: [FieldErrorRef], resolve: (error) => error.fieldErrors }) }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  interfaces: [ErrorInterface],
  fields: (t) => ({ what: t.exposeString('what') }),
});

builder.objectType(ForbiddenError, { name: 'ForbiddenError', interfaces: [ErrorInterface], fields: () => ({}) });

builder.objectType(InvalidTransitionError, {
  name: 'InvalidTransitionError',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    currentStatus: t.field({ type: WorkOrderStatusEnum, description: 'The status the work order was found in', resolve: (e) => e.currentStatus }),
    requestedStatus: t.field({ type: WorkOrderStatusEnum, resolve: (e) => e.requestedStatus }),
  }),
});

builder.objectType(StaleWriteError, {
  name: 'StaleWriteError',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    currentVersion: t.exposeInt('currentVersion'),
    currentStatus: t.field({ type: WorkOrderStatusEnum, resolve: (e) => e.currentStatus }),
  }),
});

builder.objectType(ThrottledError, {
  name: 'ThrottledError',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    retryAfterSeconds: t.int({ description: 'How long to wait before trying again', resolve: (e) => Math.ceil(e.retryAfterMs / 1000) }),
  }),
});

/** ConflictError's conflictingWorkOrder field is added in work-order.ts, beside the WorkOrder type. */
export const ConflictErrorRef = builder.objectType(ConflictError, {
  name: 'ConflictError',
  interfaces: [ErrorInterface],
  fields: () => ({}),
});

builder.objectType(IdempotencyKeyReuseError, { name: 'IdempotencyKeyReuseError', interfaces: [ErrorInterface], fields: () => ({}) });

/** The errors every mutation may return. */
export const COMMON_ERRORS = [ValidationError, NotFoundError, ForbiddenError];
export const WORK_ORDER_ERRORS = [...COMMON_ERRORS, ConflictError, InvalidTransitionError, StaleWriteError];
/** The errors of a work order mutation that takes an idempotency key. */
export const IDEMPOTENT_WORK_ORDER_ERRORS = [...WORK_ORDER_ERRORS, IdempotencyKeyReuseError];
