import { Repeater } from '@repeaterjs/repeater';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { Credential } from './credentials.js';

/** setTimeout takes at most a signed 32-bit number of milliseconds; a later expiry is left to revocation. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Why something open ends: its credential was revoked or expired, or this server is shutting down. */
export type StreamEnd = 'credential-ended' | 'shutdown';

/**
 * Everything held open with a credential right now, on every transport: graphql-ws sockets and
 * subscription streams (SSE, or over a socket). Revoking the credential (logout, revokeApiKey: the
 * access_revoked notification reaches every instance) ends them all, and so does a session's expiry;
 * a shutdown ends everything (every subscription needs a credential).
 */
export class LiveStreams {
  private readonly byCredential = new Map<string, Set<(why: StreamEnd) => void>>();

  /** `isRevoked` catches a credential revoked after it was looked up but before its stream was added. */
  constructor(private readonly isRevoked: (key: string) => boolean) {}

  /** Registers how to end something open with this credential; returns how to forget it when it ends by itself. */
  add(credential: Credential, end: (why: StreamEnd) => void): () => void {
    if (this.isRevoked(credential.key)) {
      end('credential-ended');
      return () => {};
    }
    const ends = this.byCredential.get(credential.key) ?? new Set();
    this.byCredential.set(credential.key, ends);
    const untilExpiry = credential.expiresAt ? credential.expiresAt.getTime() - Date.now() : Infinity;
    const expiry = untilExpiry < MAX_TIMER_MS ? setTimeout(() => end('credential-ended'), Math.max(untilExpiry, 0)).unref() : null;
    const entry = (why: StreamEnd) => {
      if (expiry) clearTimeout(expiry);
      end(why);
    };
    ends.add(entry);
    return () => {
      if (expiry) clearTimeout(expiry);
      ends.delete(entry);
      if (ends.size === 0 && this.byCredential.get(credential.key) === ends) this.byCredential.delete(credential.key);
    };
  }

  /** Ends everything open with this credential (`session:<token hash>` or `apiKey:<id>`). */
  end(key: string): void {
    const ends = this.byCredential.get(key);
    this.byCredential.delete(key);
    for (const end of ends ?? []) end('credential-ended');
  }

  /** Ends everything open, on a shutdown: clients continue on another instance. */
  endAll(): void {
    const all = [...this.byCredential.values()];
    this.byCredential.clear();
    for (const ends of all) for (const end of ends) end('shutdown');
  }
}

const credentialEnded = (): ExecutionResult => ({
  errors: [
    new GraphQLError('This session was signed out or has expired, or this API key was revoked: sign in again', {
      extensions: { code: 'FORBIDDEN' },
    }),
  ],
});

const shuttingDown = (): ExecutionResult => ({
  errors: [
    new GraphQLError('This server is shutting down: subscribe again, after the last seq received, to go on', {
      extensions: { code: 'SHUTTING_DOWN', retryable: true },
    }),
  ],
});

/**
 * A stream that ends, after a last message saying why, when its credential is revoked or expires or the
 * server shuts down.
 * It pulls from `source` only as fast as it is read, so a slow reader still overflows the source.
 */
function endingWithCredential(source: AsyncIterable<ExecutionResult>, liveStreams: LiveStreams, credential: Credential) {
  return new Repeater<ExecutionResult>(async (push, stop) => {
    const iterator = source[Symbol.asyncIterator]();
    const forget = liveStreams.add(credential, (why) => {
      void push(why === 'shutdown' ? shuttingDown() : credentialEnded());
      void stop();
    });
    // Whoever stops the stream (the reader, or the end of the credential), the source is closed with it.
    void stop.then(() => iterator.return?.()).catch(() => {});
    try {
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) await push(next.value);
    } finally {
      forget();
      void stop();
    }
  });
}

/** Every subscription of a signed-in caller, whatever the transport, ends when its credential does. */
export function useEndStreamsWithCredential(liveStreams: LiveStreams): Plugin<{ credential: Credential | null }> {
  return {
    onSubscribe({ args }) {
      const { credential } = args.contextValue as { credential: Credential | null };
      if (!credential) return;
      return {
        onSubscribeResult({ result, setResult }) {
          if (isAsyncIterable(result)) setResult(endingWithCredential(result, liveStreams, credential));
        },
      };
    },
  };
}
