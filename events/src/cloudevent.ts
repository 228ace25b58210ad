/** One outbox row (migration 0011) as the relay reads it. */
export interface OutboxRow {
  id: number;
  xactId: number;
  eventId: string;
  type: string;
  partyId: string;
  entityId: string;
  at: Date;
  data: Record<string, unknown>;
}

/** A CloudEvents 1.0 event in its JSON form (structured mode). */
export interface CloudEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  data: Record<string, unknown>;
}

/** `hub.consent.accepted.<party uuid>`: by type, then by the party it concerns, so consumers filter with wildcards. */
export function subjectOf(prefix: string, row: OutboxRow): string {
  return `${prefix}.${row.type}.${row.partyId}`;
}

/** The event as published: type `no.altinn.hub.consent.accepted`, subject the consent / delegation / request id. */
export function toCloudEvent(source: string, row: OutboxRow): CloudEvent {
  return {
    specversion: '1.0',
    id: row.eventId,
    source,
    type: `no.altinn.hub.${row.type}`,
    subject: row.entityId,
    time: row.at.toISOString(),
    datacontenttype: 'application/json',
    data: row.data,
  };
}
