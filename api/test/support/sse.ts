/** One work order's changes from `after` on: the subscription the SSE tests follow. */
export const WORK_ORDER_CHANGED = `subscription ($id: ID!, $after: String) { workOrderChanged(id: $id, after: $after) { seq event { type } workOrder { id status } } }`;

/** How a live stream ends once its credential is gone, as its client reads it. */
export const REVOKED = 'This session was signed out or has expired, or this API key was revoked';

/** A subscription over server-sent events (Yoga's distinct-connections mode), its text collected as it arrives. */
export class SseStream {
  text = '';
  /** Resolves when the server ends the response. */
  readonly ended: Promise<void>;
  private waiters: (() => void)[] = [];

  private constructor(private readonly response: Response, private readonly abort: AbortController) {
    this.ended = this.read();
  }

  /**
   * POSTs `query` with `Accept: text/event-stream` through `fetchFn` (Yoga's in-process fetch, or the
   * global one for another process) and starts reading.
   */
  static async open(
    fetchFn: (url: string, init: RequestInit) => Response | Promise<Response>,
    url: string,
    token: string,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<SseStream> {
    const abort = new AbortController();
    const response = await fetchFn(url, {
      method: 'POST',
      signal: abort.signal,
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return new SseStream(response, abort);
  }

  get contentType(): string | null {
    return this.response.headers.get('content-type');
  }

  /** Waits until the text so far contains `expected` (or fails after `timeoutMs`). */
  async waitFor(expected: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.text.includes(expected)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`Expected ${expected} in the stream, got: ${this.text}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.abort.abort();
  }

  private async read(): Promise<void> {
    const reader = this.response.body!.getReader();
    const decoder = new TextDecoder();
    try {
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        this.text += decoder.decode(chunk.value, { stream: true });
        this.waiters.splice(0).forEach((wake) => wake());
      }
    } catch {
      // Aborted by close().
    }
  }
}
