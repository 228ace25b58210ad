/** Consent ids are UUIDs: the one parser lives in @hub/db. */
export { isUuid, parseUuid } from '@hub/db';
