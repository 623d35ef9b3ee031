import autocannon from 'autocannon';

export interface LoadResult {
  connections: number;
  durationSeconds: number;
  /** Answers that passed the check (complete data, no error). */
  requests: number;
  /** Such answers per second over the run. */
  requestsPerSecond: number;
  minMs: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Answers that failed the check, by kind (HTTP status, GraphQL error code, typed error), and socket errors. */
  failures: Record<string, number>;
}

/** The p-th percentile (0..100) of sorted values, nearest-rank. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function summarize(values: number[]): { p50: number; p99: number; max: number; min: number } {
  const sorted = Float64Array.from(values).sort();
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted[sorted.length - 1] ?? NaN, min: sorted[0] ?? NaN };
}

/** A GraphQL answer is good when it is 200 with data and no errors; otherwise names why not. */
export function graphqlVerdict(status: number, body: string): string | null {
  if (status !== 200) return `HTTP ${status}`;
  // Checked on the text first: the schedule's answer is ~0.5 MB and errors, when any, come first or last.
  if (!body.includes('"errors"')) return null;
  const parsed = JSON.parse(body) as { errors?: { message: string; extensions?: { code?: string } }[] };
  if (!parsed.errors?.length) return null;
  return parsed.errors[0]!.extensions?.code ?? parsed.errors[0]!.message.slice(0, 60);
}

/**
 * A closed-loop load with autocannon: `connections` clients, each sending its next request as soon
 * as the previous answer arrives, for `durationSeconds`. Each request takes the next bearer token in
 * turn and the next body. Every answer is checked; only good ones count in the rate and latencies.
 * Latencies are autocannon's per-response times (float ms, from its 'response' events).
 */
export async function runLoad(options: {
  url: string;
  connections: number;
  durationSeconds: number;
  tokens: string[];
  body: () => string;
  verify?: (status: number, body: string) => string | null;
}): Promise<LoadResult> {
  const verify = options.verify ?? graphqlVerdict;
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  let nextToken = 0;
  // autocannon calls onResponse and then emits 'response' for the same answer, synchronously.
  let verdict: string | null = null;
  let instance!: autocannon.Instance;
  const finished = new Promise<autocannon.Result>((done, fail) => {
    instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.durationSeconds,
        timeout: 30,
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => ({
              ...request,
              headers: { 'content-type': 'application/json', authorization: `Bearer ${options.tokens[nextToken++ % options.tokens.length]}` },
              body: options.body(),
            }),
            onResponse: (status, body) => {
              verdict = verify(status, body);
            },
          },
        ],
      },
      (error, result) => (error ? fail(error) : done(result)),
    );
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    if (verdict === null) latencies.push(responseTime);
    else failures[verdict] = (failures[verdict] ?? 0) + 1;
    verdict = null;
  });
  const result = await finished;
  if (result.errors + result.timeouts) failures['socket error or timeout'] = result.errors + result.timeouts;
  const { p50, p99, max, min } = summarize(latencies);
  return {
    connections: options.connections,
    durationSeconds: result.duration,
    requests: latencies.length,
    requestsPerSecond: latencies.length / result.duration,
    minMs: min,
    p50Ms: p50,
    p99Ms: p99,
    maxMs: max,
    failures,
  };
}
