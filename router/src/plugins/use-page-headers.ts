import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';

/**
 * Every HTML page (consent pages, dev login, playground) refuses to be framed by another site: a framed consent
 * page could be overlaid and clicked through (clickjacking). `X-Frame-Options` for browsers without CSP 3.
 */
export function usePageHeaders(): GatewayPlugin {
  return {
    onResponse({ response }) {
      if (!response.headers.get('content-type')?.startsWith('text/html')) return;
      const csp = response.headers.get('content-security-policy');
      if (!csp?.includes('frame-ancestors')) {
        response.headers.set('content-security-policy', csp ? `${csp}; frame-ancestors 'none'` : "frame-ancestors 'none'");
      }
      response.headers.set('x-frame-options', 'DENY');
      response.headers.set('x-content-type-options', 'nosniff');
    },
  };
}
