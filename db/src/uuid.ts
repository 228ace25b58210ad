const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The one UUID parser: `value` in its canonical (lower-case) form, or null when it is not a UUID. Ids reach the
 * loaders canonical, so `ABC…` and `abc…` name the same row (Postgres returns them lower-case), and a non-UUID
 * never reaches Postgres, which would refuse the cast.
 */
export const parseUuid = (value: string): string | null => (UUID_RE.test(value) ? value.toLowerCase() : null);

/** Whether `value` is a UUID in any letter case. */
export const isUuid = (value: string): boolean => UUID_RE.test(value);
