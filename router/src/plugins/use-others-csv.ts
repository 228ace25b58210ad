import { print } from '@0no-co/graphql.web';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { OTHERS_CSV_PATH } from '../pages/portal/others/page';
import { OTHERS_CSV_QUERY } from '../pages/portal/others/query';
import type { PageSessions } from '../session/page-sessions';

const text = (body: string, status: number) =>
  new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });

/**
 * `GET /portal/others.csv`: "Andre med rettigheter" as a CSV file (the graph's `accessOverview { csv }`) for the
 * party the person acts for, read through the graph in the login session, so only that party's administrators get
 * it (403 otherwise). A file download from the router keeps the pages' CSP strict (no blob: or data: URLs).
 * `graph` runs a request through this router itself.
 */
export function useOthersCsv(options: { sessions: PageSessions; graph: (request: Request) => Promise<Response> }): GatewayPlugin {
  const query = print(OTHERS_CSV_QUERY);

  async function download(request: Request, url: URL): Promise<Response> {
    const session = options.sessions.of(request);
    const back = (to: string) => new Response(null, { status: 303, headers: { location: to, 'cache-control': 'no-store' } });
    if (!session) return back(`/auth/login?next=${encodeURIComponent('/portal/others')}`);
    if (!session.party) return back(`/portal/party?next=${encodeURIComponent('/portal/others')}`);
    const body = JSON.stringify({ query, variables: { party: session.party } });
    const res = await options.graph(
      new Request(new URL('/graphql', url), {
        method: 'POST',
        // Content-Length too: the router refuses bodies of unknown length.
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          cookie: request.headers.get('cookie') ?? '',
        },
        body,
      }),
    );
    if (res.status === 401) return text('Log in again. / Logg inn på nytt.', 401);
    const result = (await res.json().catch(() => ({}))) as {
      data?: { party: { organizationNumber: string | null; accessOverview: { csv: string } | null } | null };
    };
    const party = result.data?.party;
    if (!party) return text('No such party. / Fant ikke aktøren.', 404);
    if (!party.accessOverview) {
      return text('Only the organisation’s administrators may download who has rights. / Bare administratorer kan laste ned dette.', 403);
    }
    return new Response(party.accessOverview.csv, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="andre-med-rettigheter-${party.organizationNumber ?? 'party'}.csv"`,
        'cache-control': 'no-store',
        'x-content-type-options': 'nosniff',
      },
    });
  }

  return {
    async onRequest({ request, url, endResponse }) {
      if (request.method === 'GET' && url.pathname === OTHERS_CSV_PATH) endResponse(await download(request, url));
    },
  };
}
