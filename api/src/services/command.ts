import type { PrismaClient } from '../generated/prisma/client.js';
import type { Transaction } from '../db/types.js';
import pRetry from 'p-retry';
import { FOREIGN_KEY_VIOLATION, foreignKeyColumn, isTransactionConflict, postgresErrorCode } from '../db/errors.js';
import { isDatabaseUnavailable } from '../db/reachability.js';
import type { Credentials } from '../auth/credentials.js';
import type { Caller } from '../domain/caller.js';
import { DatabaseUnavailableError, NotFoundError, ValidationError } from '../domain/errors.js';
import { explainBookingConflict, TechnicianBooked } from './work-orders/booking.js';
import { explainTimeOffOverlap, TimeOffTaken } from './technician-availability/time-off-overlap.js';

/**
 * A write: one signature for all of them. It checks its caller's permission itself, reads and writes
 * through `tx` only, and records its effects (events, invoices) there too, so they commit with it.
 * A command may call other commands with the same `tx`: they then commit or roll back together.
 */
export type Command<Input, Result> = (tx: Transaction, caller: Caller, input: Input) => Promise<Result>;

/** What runs the commands: the database, and the instance's credential cache (absent in scripts). */
export interface CommandServices {
  prisma: PrismaClient;
  credentials?: Credentials;
}

/** Something to do in this process once the transaction has committed (never when it rolls back). */
export type AfterCommit = (services: CommandServices) => void | Promise<void>;

const afterCommitOf = new WeakMap<Transaction, AfterCommit[]>();

/** Registers work for after the commit of the command's transaction. */
export function afterCommit(tx: Transaction, effect: AfterCommit): void {
  const effects = afterCommitOf.get(tx);
  if (!effects) throw new Error('afterCommit outside runCommand');
  effects.push(effect);
}

/** How many times a command PostgreSQL ended to break a deadlock runs again before the client is told to retry. */
const CONFLICT_RETRIES = 3;

/**
 * Runs a command in a transaction of its own and turns the database's refusals into typed errors,
 * here and nowhere else: a technician's overlap into ConflictError, time off over other time off into
 * a ValidationError naming it, a reference that vanished into ValidationError (or NotFoundError), an
 * unreachable database into DATABASE_UNAVAILABLE. A transaction ended to break a deadlock runs again
 * from the start (its effects were rolled back, its after-commit work never registered).
 */
export async function runCommand<Input, Result>(
  services: CommandServices,
  caller: Caller,
  command: Command<Input, Result>,
  input: Input,
  /** How long the transaction may stay open (Prisma's default, 5 s, unless a script books much more at once). */
  options: { timeoutMs?: number } = {},
): Promise<Result> {
  let effects: AfterCommit[] = [];
  let result: Result;
  try {
    result = await pRetry(
      () =>
        services.prisma.$transaction(
          (tx) => {
            effects = [];
            afterCommitOf.set(tx, effects);
            return command(tx, caller, input);
          },
          options.timeoutMs === undefined ? undefined : { timeout: options.timeoutMs },
        ),
      { retries: CONFLICT_RETRIES, minTimeout: 10, maxTimeout: 100, randomize: true, shouldRetry: ({ error }) => isTransactionConflict(error) },
    );
  } catch (error) {
    throw await explainFailure(services.prisma, caller, error);
  }
  for (const effect of effects) await effect(services);
  return result;
}

async function explainFailure(prisma: PrismaClient, caller: Caller, error: unknown): Promise<unknown> {
  if (error instanceof TechnicianBooked) return explainBookingConflict(prisma, caller, error);
  if (error instanceof TimeOffTaken) return explainTimeOffOverlap(prisma, caller, error);
  if (postgresErrorCode(error) === FOREIGN_KEY_VIOLATION) {
    // A row the input names was deleted between the command's check and its write.
    const column = foreignKeyColumn(error);
    return column ? ValidationError.field(['input', column], 'This no longer exists') : new NotFoundError('A record this change refers to');
  }
  if (isDatabaseUnavailable(error) || isTransactionConflict(error)) return new DatabaseUnavailableError(error);
  return error;
}
