import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { errorBody } from '@hub/kit/errors';
import { jsonResponse } from './json-response';

export interface GetParamsCheckOptions {
  /** The GraphQL endpoint whose GET requests are checked. Default `/graphql`. */
  endpoint?: string;
  /** The query parameters that must be absent or hold a JSON object. Default `variables` and `extensions`. */
  params?: string[];
}

/** An absent query parameter, or one holding a JSON object (Yoga answers anything else with a 500). */
function isJsonObjectParam(value: string | null): boolean {
  if (value === null || value === '') return true;
  try {
    const parsed: unknown = JSON.parse(value);
    return parsed === null || (typeof parsed === 'object' && !Array.isArray(parsed));
  } catch {
    return false;
  }
}

/** Answers a GET of the GraphQL endpoint whose `variables` or `extensions` is not a JSON object with 400 BAD_REQUEST. */
export function useGetParamsCheck({ endpoint = '/graphql', params = ['variables', 'extensions'] }: GetParamsCheckOptions = {}): GatewayPlugin {
  return {
    onRequest({ request, url, endResponse }) {
      if (request.method !== 'GET' || url.pathname !== endpoint) return;
      const malformed = params.find((name) => !isJsonObjectParam(url.searchParams.get(name)));
      if (malformed) return endResponse(jsonResponse(errorBody('BAD_REQUEST', `The ${malformed} parameter is not a JSON object.`), 400));
    },
  };
}
