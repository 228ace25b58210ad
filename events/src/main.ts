import pino from 'pino';
import { createDatabase, parseDbEnv } from '@hub/db';
import { closeOnSignals, configOrExit } from '@hub/kit';
import { startRelay } from './relay';
import { startDispatcher } from './webhooks/dispatcher';
import { parseWebhooksEnv } from './webhooks/settings';
import { parseEventsEnv } from './settings';

// `npm run start:relay`: the event relay on its own, for deployments that run the subgraphs elsewhere. One relay
// publishes per database at a time (an advisory lock per batch); start more for failover.
const dbEnv = configOrExit(() => parseDbEnv());
const env = configOrExit(() => parseEventsEnv());
const webhooks = configOrExit(() => parseWebhooksEnv());
if (!env.NATS_URL) {
  console.error('NATS_URL is not set: the relay has nowhere to publish');
  process.exit(1);
}
if (!dbEnv.DATABASE_URL) {
  console.error('DATABASE_URL is not set: the embedded database belongs to `npm start`, which runs the relay itself');
  process.exit(1);
}
const log = pino({ name: 'event-relay', level: process.env.LOG_LEVEL ?? 'info' });
const database = createDatabase({ url: dbEnv.DATABASE_URL, poolSize: 4 });
const relay = await startRelay({
  database,
  natsUrl: env.NATS_URL,
  stream: env.NATS_STREAM,
  subjectPrefix: env.NATS_SUBJECT_PREFIX,
  source: env.EVENTS_SOURCE,
  log,
});
log.info({ stream: env.NATS_STREAM, prefix: env.NATS_SUBJECT_PREFIX }, 'event relay running');
// The webhook dispatcher too (WEBHOOKS=off leaves it to other processes); any number may run on one database.
const { enabled: webhooksOn, ...webhookSettings } = webhooks;
const dispatcher = webhooksOn
  ? await startDispatcher({
      ...webhookSettings,
      database,
      natsUrl: env.NATS_URL,
      stream: env.NATS_STREAM,
      subjectPrefix: env.NATS_SUBJECT_PREFIX,
      log: pino({ name: 'webhooks', level: process.env.LOG_LEVEL ?? 'info' }),
    })
  : undefined;
if (dispatcher) log.info({ consumer: webhooks.consumer }, 'webhook dispatcher running');
closeOnSignals(async () => {
  await dispatcher?.stop();
  await relay.stop();
  await database.close();
}, log);
