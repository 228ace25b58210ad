import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '@hub/db';
import { effectiveStatus } from '../consent/consent.status';
import type { ConsentRow, ConsentStatus } from '../consent/consent.type';

/** One status of a consent request as a subscriber sees it: the status as of now and since when. */
export interface StatusChange {
  id: string;
  status: ConsentStatus;
  at: Date;
}

/**
 * An async iterator fed by pushes: `return()` ends it at once, also while a `next()` waits (an async generator would
 * only end at its next yield, which for a request that never changes is never).
 */
class Channel<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = [];
  private waiting: ((r: IteratorResult<T>) => void) | undefined;
  private closed = false;
  constructor(private readonly onClose: () => void) {}

  push(value: T): void {
    if (this.closed) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = undefined;
      resolve({ value, done: false });
    } else this.queue.push(value);
  }
  next(): Promise<IteratorResult<T>> {
    if (this.queue.length) return Promise.resolve({ value: this.queue.shift()!, done: false });
    if (this.closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }
  return(): Promise<IteratorResult<T>> {
    if (!this.closed) {
      this.closed = true;
      this.queue.length = 0;
      this.waiting?.({ value: undefined, done: true });
      this.waiting = undefined;
      this.onClose();
    }
    return Promise.resolve({ value: undefined, done: true });
  }
  [Symbol.asyncIterator]() {
    return this;
  }
}

interface Watch {
  channel: Channel<StatusChange>;
  last: string;
}

const keyOf = (c: StatusChange) => `${c.status}@${c.at.toISOString()}`;

/**
 * Watches consent requests' statuses for the live-status subscription, one per database: while anyone watches, it
 * reads every watched request in one query each `pollMs` (on Postgres and on the embedded database alike, whatever
 * wrote the change: this process, another replica of the subgraph, a script) and pushes to each watcher the status
 * when it differs from the last one that watcher got. EXPIRED is computed (never stored), so it arrives the same way
 * once validTo has passed.
 */
export class StatusWatcher {
  private readonly watches = new Map<string, Set<Watch>>();
  private timer: NodeJS.Timeout | undefined;
  private polling = false;

  constructor(
    private readonly db: Db,
    private readonly pollMs: number,
  ) {}

  /** The request's current status first, then each change, until the iterator is returned. */
  async watch(id: string): Promise<AsyncIterableIterator<StatusChange>> {
    const watch: Watch = {
      channel: new Channel<StatusChange>(() => this.forget(id, watch)),
      last: '',
    };
    const set = this.watches.get(id) ?? new Set<Watch>();
    set.add(watch);
    this.watches.set(id, set);
    const [current] = await this.read([id]);
    if (current) this.offer(watch, current);
    this.schedule();
    return watch.channel;
  }

  /** How many subscriptions are open (for tests and metrics). */
  get size(): number {
    let n = 0;
    for (const set of this.watches.values()) n += set.size;
    return n;
  }

  private offer(watch: Watch, change: StatusChange): void {
    const key = keyOf(change);
    if (key === watch.last) return;
    watch.last = key;
    watch.channel.push(change);
  }

  private forget(id: string, watch: Watch): void {
    const set = this.watches.get(id);
    set?.delete(watch);
    if (set && set.size === 0) this.watches.delete(id);
    if (this.watches.size === 0 && this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  private schedule(): void {
    if (this.timer || this.polling || this.watches.size === 0) return;
    this.timer = setTimeout(() => void this.poll(), this.pollMs);
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    this.timer = undefined;
    this.polling = true;
    try {
      const ids = [...this.watches.keys()];
      if (ids.length) for (const change of await this.read(ids)) for (const watch of this.watches.get(change.id) ?? []) this.offer(watch, change);
    } catch {
      // The database did not answer: the next poll tries again, and a change is only ever late, never lost.
    } finally {
      this.polling = false;
      this.schedule();
    }
  }

  /** The requests' statuses as of now, each with when it began (the latest event of that status; validTo for EXPIRED). */
  private async read(ids: string[]): Promise<StatusChange[]> {
    const rows = await rowsOf<{ id: string; status: ConsentRow['status']; valid_to: Date | string; at: Date | string }>(
      this.db,
      sql`select r.id, r.status, r.valid_to,
            coalesce((select max(e.at) from consents.consent_events e where e.consent_id = r.id and e.type::text = r.status::text),
                     r.answered_at, r.created_at) as at
          from consents.consent_requests r
          where r.id in (${sql.join(
            ids.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`,
    );
    const now = new Date();
    return rows.map((r) => {
      const validTo = new Date(r.valid_to);
      const status = effectiveStatus({ status: r.status, validTo }, now);
      return { id: r.id, status, at: status === 'EXPIRED' ? validTo : new Date(r.at) };
    });
  }
}

const watchers = new WeakMap<Db, StatusWatcher>();

/** The one watcher of this database in this process (polling every `pollMs`: LIVE_STATUS_POLL_MS). */
export function statusWatcherOf(db: Db, pollMs: number): StatusWatcher {
  let watcher = watchers.get(db);
  if (!watcher) {
    watcher = new StatusWatcher(db, pollMs);
    watchers.set(db, watcher);
  }
  return watcher;
}
