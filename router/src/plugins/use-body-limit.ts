import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { jsonResponse } from './json-response';

export interface BodyLimitOptions {
  /** The largest body a POST or PUT may declare, in bytes; more is refused with 413. */
  maxBytes: number;
}

/**
 * Refuses a POST or PUT without a Content-Length (411) or declaring more than `maxBytes` (413), before anything
 * reads the body. Put it first: every later plugin may read a body.
 */
export function useBodyLimit({ maxBytes }: BodyLimitOptions): GatewayPlugin {
  return {
    onRequest({ request, endResponse }) {
      if (request.method !== 'POST' && request.method !== 'PUT') return;
      const length = request.headers.get('content-length');
      if (length === null) return endResponse(jsonResponse({ error: 'A Content-Length header is required.' }, 411));
      if (Number(length) > maxBytes) return endResponse(jsonResponse({ error: `The body exceeds ${maxBytes} bytes.` }, 413));
    },
  };
}
