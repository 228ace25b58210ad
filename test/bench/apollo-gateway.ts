// Apollo Gateway on the hub's subgraphs, for `npm run bench -- --compare` only (Elastic-licensed: a devDependency
// of the test workspace, never shipped). It does what the router does for a request, no more: verifies the bearer
// token against the same issuers' JWKS, forwards the verified claims in `extensions.jwt.payload` and signs each
// subgraph request's exact body with the router secret. Run as its own process so that its CPU is measured apart.
//   PORT, ROUTER_SIGNING_SECRET, JWT_ISSUERS (the router's format), SUBGRAPH_<NAME>_URL
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { GraphQLError } from 'graphql';
import { createRemoteJWKSet, decodeJwt, jwtVerify, type JWTPayload } from 'jose';
import { claimedIdentityKind, IDENTITY_KIND_CLAIM, SIGNATURE_HEADER, signBody } from '@hub/kit';
import { SUPERGRAPH_PATH } from '@hub/schema/paths';
import { z } from 'zod';

const Issuer = z.object({ issuer: z.string(), jwksUri: z.url(), audience: z.string(), kind: z.enum(['person', 'organization']) });

/** Its settings, read once: it refuses to start without a signing secret or with issuers it cannot read. */
const settings = z
  .object({
    PORT: z.coerce.number().int().positive().default(4100),
    ROUTER_SIGNING_SECRET: z.string().min(1),
    JWT_ISSUERS: z
      .string()
      .default('[]')
      .transform((text) => z.array(Issuer).parse(JSON.parse(text))),
  })
  .parse(process.env);

const secret = settings.ROUTER_SIGNING_SECRET;
const issuers = new Map(settings.JWT_ISSUERS.map((i) => [i.issuer, { ...i, keys: createRemoteJWKSet(new URL(i.jwksUri)) }]));

type Claims = JWTPayload & Record<string, unknown>;
interface Context {
  claims?: Claims;
}

const unauthenticated = () =>
  new GraphQLError('The bearer token is invalid or expired. Get a new one.', { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });

async function verify(header: string | undefined): Promise<Claims | undefined> {
  if (!header) return undefined;
  const match = /^bearer +(\S+) *$/i.exec(header);
  if (!match) throw unauthenticated();
  try {
    const iss = decodeJwt(match[1]!).iss;
    const issuer = typeof iss === 'string' ? issuers.get(iss) : undefined;
    if (!issuer) throw unauthenticated();
    const { payload } = await jwtVerify(match[1]!, issuer.keys, { issuer: issuer.issuer, audience: issuer.audience, requiredClaims: ['exp', 'iat'] });
    const kind = claimedIdentityKind(payload);
    if (kind !== issuer.kind) throw unauthenticated();
    return { ...payload, [IDENTITY_KIND_CLAIM]: kind };
  } catch (err) {
    if (err instanceof GraphQLError) throw err;
    throw unauthenticated();
  }
}

/** Signs the body exactly as sent (the data source serialises it after `willSendRequest`). */
const signingFetch: typeof fetch = (input, init) => {
  const body = typeof init?.body === 'string' ? init.body : '';
  const headers = new Headers(init?.headers);
  headers.set(SIGNATURE_HEADER, signBody(secret, body));
  return fetch(input, { ...init, headers });
};

class SignedDataSource extends RemoteGraphQLDataSource<Context> {
  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<Context>['willSendRequest']>>[0]) {
    if (context.claims) request.extensions = { ...request.extensions, jwt: { payload: context.claims } };
  }
}

const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
  buildService: ({ name, url }) =>
    new SignedDataSource({ url: process.env[`SUBGRAPH_${name.toUpperCase()}_URL`] ?? url, fetcher: signingFetch as never }),
});
const server = new ApolloServer<Context>({ gateway, csrfPrevention: false, introspection: false });
const { url } = await startStandaloneServer(server, {
  listen: { port: settings.PORT, host: '127.0.0.1' },
  context: async ({ req }) => ({ claims: await verify(req.headers.authorization) }),
});
console.log(`apollo gateway listening on ${url}`);
const stop = () => void server.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
