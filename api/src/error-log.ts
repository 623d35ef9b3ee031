import { GraphQLError } from 'graphql';
import type { YogaLogger } from 'graphql-yoga';
import { DomainError } from './domain/errors.js';

/**
 * Whether an error is one the API answers on purpose: a DomainError, or a GraphQLError thrown as such
 * (a bad cursor, a refused field guard, an invalid document). Anything else underneath (the database, a bug)
 * is a fault.
 */
export function isExpectedError(error: unknown): boolean {
  if (error instanceof DomainError) return true;
  if (!(error instanceof GraphQLError)) return false;
  return error.originalError == null || isExpectedError(error.originalError);
}

/**
 * Yoga writes every error it masks to `logger.error`, stack and all. Expected ones go to debug instead,
 * so that the error log holds only faults and a flood of refused requests does not fill it.
 */
export function quietExpectedErrors(logger: YogaLogger): YogaLogger {
  return {
    ...logger,
    error: (...args: unknown[]) => (args.length > 0 && args.every(isExpectedError) ? logger.debug(...args) : logger.error(...args)),
  };
}
