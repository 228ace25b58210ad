import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { getOperationAST, parse, type DocumentNode } from 'graphql';
import { hubError } from '@hub/kit/errors';

/** Media types in which the router can stream a subscription's results. */
const STREAMING = ['text/event-stream', 'multipart/mixed', 'text/*', '*/*'];

/** Whether an Accept header (absent: anything) lets the router answer with a stream. */
export const acceptsStream = (accept: string | null) => accept === null || STREAMING.some((type) => accept.includes(type));

function isSubscription(query: string | undefined, operationName: string | undefined): boolean {
  if (!query || !query.includes('subscription')) return false;
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch {
    return false; // The gateway reports the syntax error.
  }
  return getOperationAST(document, operationName)?.operation === 'subscription';
}

/**
 * Refuses a subscription whose client accepts no stream (`Accept: application/json` only) before it runs: Yoga would
 * start it, subgraph stream included, and only then answer 406, leaving the stream open behind it. The answer is the
 * same 406, as a GraphQL error (BAD_REQUEST) in JSON.
 */
export function useSubscriptionAccept(): GatewayPlugin {
  return {
    onParams({ request, params, setResult }) {
      if (acceptsStream(request.headers.get('accept')) || !isSubscription(params.query, params.operationName)) return;
      setResult({
        errors: [
          hubError('BAD_REQUEST', 'A subscription is a stream: ask for text/event-stream (Accept: text/event-stream).', {
            http: { status: 406 },
          }),
        ],
      });
    },
  };
}
