import { z } from 'zod';

/** Event relay settings, parsed once. No NATS_URL: nothing is published (the consent event feed still serves). */
const EventsEnv = z.object({
  NATS_URL: z.url({ protocol: /^(nats|tls)$/ }).optional(),
  /** The JetStream stream the relay publishes to (created with subjects `<prefix>.>` if absent). */
  NATS_STREAM: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default('HUB_EVENTS'),
  /** First token of every subject: `<prefix>.consent.accepted.<party uuid>`. */
  NATS_SUBJECT_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/)
    .default('hub'),
  /** The CloudEvents `source` of every event. */
  EVENTS_SOURCE: z.string().min(1).default('urn:altinn:hub'),
});
export type EventsEnv = z.infer<typeof EventsEnv>;

export function parseEventsEnv(env: NodeJS.ProcessEnv = process.env): EventsEnv {
  const parsed = EventsEnv.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid event relay configuration: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}
