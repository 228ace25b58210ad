const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids here are UUIDs; anything else names nothing (and must not reach Postgres, which would refuse the cast). */
export const isUuid = (value: string) => UUID_RE.test(value);
