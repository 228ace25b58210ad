export { startRelay, type Relay, type RelayLogger, type RelayOptions } from './relay';
export { parseEventsEnv, type EventsEnv } from './settings';
export { subjectOf, toCloudEvent, type CloudEvent, type OutboxRow } from './cloudevent';
export { startDispatcher, retryDelayMs, type Dispatcher, type DispatcherOptions } from './webhooks/dispatcher';
export { parseWebhooksEnv, type WebhooksSettings } from './webhooks/settings';
