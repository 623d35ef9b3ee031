import type { Transaction } from '../db/types.js';
import { notifyRevocation } from '../auth/revocation.js';
import { afterCommit } from './command.js';

/**
 * Ends a credential (`session:<token hash>` or `apiKey:<id>`) with the command's transaction: every
 * instance is told at commit, and this one forgets it right after, before the mutation answers.
 */
export async function revokeCredential(tx: Transaction, key: string): Promise<void> {
  await notifyRevocation(tx, key);
  afterCommit(tx, ({ credentials }) => credentials?.forget(key));
}
