import { insertAcceptedConsents } from '@hub/db/testing';
import { randomBytes } from 'node:crypto';
import { connect, type JetStreamManager, type NatsConnection } from 'nats';
import type { Db } from '@hub/db';
import type { CloudEvent } from '@hub/events';

export const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';

/** A stream and subject prefix of this test run only: parallel runs on one server never see each other's events. */
export function uniqueStream() {
  const tag = randomBytes(5).toString('hex');
  return { stream: `TEST_EVENTS_${tag}`, subjectPrefix: `test${tag}.hub` };
}

export interface Published {
  subject: string;
  msgId: string | undefined;
  event: CloudEvent;
}

/** The broker as a consumer sees it: every message of the stream, in stream order. */
export class StreamReader {
  private constructor(
    private readonly nc: NatsConnection,
    private readonly jsm: JetStreamManager,
    readonly stream: string,
  ) {}

  static async open(stream: string): Promise<StreamReader> {
    const nc = await connect({ servers: NATS_URL });
    return new StreamReader(nc, await nc.jetstreamManager(), stream);
  }

  async all(): Promise<Published[]> {
    const info = await this.jsm.streams.info(this.stream).catch(() => undefined);
    if (!info) return [];
    const out: Published[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
      const m = await this.jsm.streams.getMessage(this.stream, { seq });
      out.push({ subject: m.subject, msgId: m.header?.get('Nats-Msg-Id'), event: m.json<CloudEvent>() });
    }
    return out;
  }

  /** Waits until `done` holds for the stream's messages (polling), or fails after `ms`. */
  async until(done: (messages: Published[]) => boolean, ms = 30_000): Promise<Published[]> {
    const deadline = Date.now() + ms;
    for (;;) {
      const messages = await this.all();
      if (done(messages)) return messages;
      if (Date.now() > deadline) throw new Error(`stream ${this.stream}: condition not met after ${ms} ms (${messages.length} messages)`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async close(): Promise<void> {
    await this.jsm.streams.delete(this.stream).catch(() => {});
    await this.nc.close();
  }
}

/** `n` accepted consents from `from` to `to`, to write events on. */
export const newConsents = (db: Db, n: number, from: string, to: string) => insertAcceptedConsents(db, { fromId: from, toId: to, count: n });

/** The distinct event ids in first-seen order, having checked that a repeated id carries the same event. */
export function dedupe(messages: Published[]): Published[] {
  const seen = new Map<string, string>();
  const out: Published[] = [];
  for (const m of messages) {
    const body = JSON.stringify(m.event);
    const earlier = seen.get(m.event.id);
    if (earlier !== undefined) {
      if (earlier !== body) throw new Error(`event ${m.event.id} published twice with different content`);
      continue;
    }
    seen.set(m.event.id, body);
    out.push(m);
  }
  return out;
}
