import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { JWTVerifyGetKey } from 'jose';
import { ConsentRefused, hubKeys, verifyConsentToken } from '@hub/source-kit';
import { z } from 'zod';
import { CODES } from './codes';
import { createHubClient, UseRefused, type HubClient } from './hub-client';
import type { DatasourceSettings } from './settings';

const MAX_BODY_BYTES = 16 * 1024;

const Ask = z.object({
  /** Whose data: a person's or an organisation's URN, as in the consent's `from`. */
  subject: z.string().min(1).max(200),
  /** Who asks: the organisation URN the consent was given to. */
  requestor: z.string().min(1).max(200),
  parameters: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
});

type Answer = { status: number; body: Record<string, unknown>; headers?: Record<string, string> };
const problem = (status: number, error: string, message: string, headers?: Record<string, string>): Answer => ({
  status,
  body: { error, message },
  headers,
});

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new RangeError('body too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

/**
 * `POST /evidence/<code>` with the bank's consent token as bearer and `{ subject, requestor, parameters }`: the token
 * is verified offline against the hub's JWKS (audience this source, subject, requestor, the code's right and its
 * metadata, expiry), the use is reported to the hub, and only on its yes are the values returned.
 */
async function answer(req: IncomingMessage, settings: DatasourceSettings, keys: JWTVerifyGetKey, hub: HubClient): Promise<Answer> {
  const url = new URL(req.url ?? '/', 'http://datasource');
  if (req.method === 'GET' && url.pathname === '/health') return { status: 200, body: { status: 'ok' } };
  const match = /^\/evidence\/([A-Za-z0-9]+)$/.exec(url.pathname);
  if (!match) return problem(404, 'not_found', 'POST /evidence/<code>');
  if (req.method !== 'POST') return problem(405, 'method_not_allowed', 'POST /evidence/<code>', { allow: 'POST' });
  const code = CODES[match[1]!];
  if (!code) return problem(404, 'not_found', `This source delivers ${Object.keys(CODES).join(', ')}.`);
  const bearer = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (!bearer) return problem(401, 'invalid_token', 'Present the consent token from the hub as a bearer token.', { 'www-authenticate': 'Bearer' });
  let body: unknown;
  try {
    body = await readJson(req);
  } catch (err) {
    return err instanceof RangeError
      ? problem(413, 'invalid_request', 'The body is too large.')
      : problem(400, 'invalid_request', 'The body must be JSON.');
  }
  const ask = Ask.safeParse(body);
  if (!ask.success) return problem(400, 'invalid_request', z.prettifyError(ask.error));
  const { subject, requestor, parameters } = ask.data;
  try {
    const consent = await verifyConsentToken(bearer, {
      keys,
      issuer: settings.issuer,
      sourceOrganizationNumber: settings.organizationNumber,
      subjectUrn: subject,
      requestorUrn: requestor,
      resource: code.resource,
      parameters,
    });
    // The hub's yes first: a one-time right is used once, a revoked token not at all. Only then the data.
    await hub.reportUse({ ...consent, resource: code.resource });
    return { status: 200, body: { code: match[1], subject, values: code.values(subject, parameters) } };
  } catch (err) {
    if (err instanceof ConsentRefused || err instanceof UseRefused) return problem(403, 'consent_refused', err.message);
    return problem(503, 'unavailable', 'The hub could not be asked; try again later.', { 'retry-after': '5' });
  }
}

/** The data source's HTTP server (not listening yet). */
export function createDatasourceServer(settings: DatasourceSettings, hub: HubClient = createHubClient(settings)): Server {
  const keys = hubKeys(settings.hubUrl, settings.hubTimeoutMs);
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    answer(req, settings, keys, hub).then(
      ({ status, body, headers }) => res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body)),
      () => res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"internal"}'),
    );
  });
}
