import type { GraphQLBody } from './stack';

export const CONSENT_REQUEST_STATUS = /* GraphQL */ `
  subscription ConsentRequestStatus($id: ID!) {
    consentRequestStatus(id: $id) { id status at }
  }`;

export interface StatusEvent {
  consentRequestStatus: { id: string; status: string; at: string };
}

/**
 * A GraphQL subscription read the way a bank's waiting page (or its server) reads it: one POST to the router with
 * `Accept: text/event-stream`, then Server-Sent Events (`event: next` with a GraphQL result as `data`, `event:
 * complete` at the end) on the same response.
 */
export class SseSubscription<T> {
  private readonly results: GraphQLBody<T>[] = [];
  private waiters: (() => void)[] = [];
  completed = false;
  status = 0;
  contentType = '';

  private constructor(private readonly abort: AbortController) {}

  static async open<T>(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<SseSubscription<T>> {
    const abort = new AbortController();
    const sub = new SseSubscription<T>(abort);
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        accept: 'text/event-stream',
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
      signal: abort.signal,
    });
    sub.status = res.status;
    sub.contentType = res.headers.get('content-type') ?? '';
    if (!sub.contentType.includes('text/event-stream')) {
      sub.results.push((await res.json()) as GraphQLBody<T>);
      sub.completed = true;
      return sub;
    }
    void sub.read(res.body!);
    return sub;
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value: chunk } = await reader.read();
        if (done) break;
        buffer += decoder.decode(chunk, { stream: true });
        for (let at = buffer.indexOf('\n\n'); at >= 0; at = buffer.indexOf('\n\n')) {
          const message = buffer.slice(0, at);
          buffer = buffer.slice(at + 2);
          const lines = message.split('\n');
          const event = lines
            .find((l) => l.startsWith('event:'))
            ?.slice(6)
            .trim();
          const data = lines
            .filter((l) => l.startsWith('data:'))
            .map((l) => l.slice(5).trim())
            .join('\n');
          if (event === 'complete') this.completed = true;
          else if (data) this.results.push(JSON.parse(data) as GraphQLBody<T>);
          this.wake();
        }
      }
    } catch {
      // aborted by close()
    }
    this.completed = true;
    this.wake();
  }

  private wake() {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  /** Every result received so far. */
  get received(): GraphQLBody<T>[] {
    return [...this.results];
  }

  /** Waits until `n` results have arrived (or the stream ended, or `ms` passed) and returns the n-th. */
  async nth(n: number, ms = 15_000): Promise<GraphQLBody<T>> {
    const deadline = Date.now() + ms;
    while (this.results.length < n) {
      if (this.completed) throw new Error(`the stream ended after ${this.results.length} result(s): ${JSON.stringify(this.results)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no result ${n} within ${ms} ms: ${JSON.stringify(this.results)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.results[n - 1]!;
  }

  /** Waits until the stream ends (the server completed it). */
  async ended(ms = 15_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!this.completed) {
      if (Date.now() > deadline) throw new Error(`the stream did not end within ${ms} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): void {
    this.abort.abort();
  }
}
