import { randomUUID } from 'node:crypto';
import { Agent, request as httpRequest, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import type { DocumentNode } from 'graphql';
import { Counter, type Registry } from 'prom-client';
import { SIGNATURE_HEADER, signBody, signingKey } from '@hub/kit/signature';
import type { VerifiedClaims } from '../token-verifier';
import { composerPlanner, INVALID, objectsAt, project, type ComposedPlan, type Fetch } from './composer';
import { singleSubgraphPlanner } from './single-subgraph';

export interface ForwarderOptions {
  supergraph: string;
  /** Where each subgraph is reached, by name. */
  subgraphUrls: Record<string, string>;
  signingSecret: string;
  /** The router's token check (cached): a refused token is left to the gateway, which answers 401. */
  verifyToken: (token: string) => Promise<VerifiedClaims>;
  /** The largest body accepted (the gateway's own limit answers 411/413 for the rest). */
  maxBodyBytes: number;
  /** The per-subgraph timeout; a slower answer is left to the gateway. */
  timeoutMs: number;
  /**
   * Subgraphs whose queries have effects (the evidence subgraph logs every retrieval and reports one-time uses):
   * never forwarded, because a forwarded answer with errors is asked again through the gateway.
   */
  withEffects: string[];
  /** Most operations remembered as forwardable. */
  maxOperations?: number;
  /** Where `hub_router_forwarded_requests_total{subgraph}` is counted (the gateway's own metrics do not see these requests). */
  registry?: Registry;
}

export interface Forwarder {
  /** Learns, after the gateway parsed, validated (limits included) and authorised a query, whether one subgraph answers it alone. */
  plugin: GatewayPlugin;
  /** The node listener: forwards what it may, hands everything else (with the body it read) to `gateway`. */
  listener(gateway: RequestListener): RequestListener;
  /** How many requests were forwarded, by subgraph (for tests and the metrics). */
  readonly forwarded: Record<string, number>;
  /** How many requests were answered by composing several subgraphs' answers (composer.ts). */
  readonly composed: { count: number };
}

const BEARER = /^bearer +(\S+) *$/i;
const DATA_PREFIX = Buffer.from('{"data":');
const ERRORS_KEY = Buffer.from('"errors"');
const EXTENSIONS_KEY = Buffer.from('"extensions"');
const ALLOWED_KEYS = new Set(['query', 'variables', 'operationName']);

/** The content type the gateway answers a successful request with, by its Accept header; null: leave it to the gateway. */
function responseType(accept: string | undefined): string | null {
  if (accept === undefined || accept === '' || accept === '*/*' || accept === 'application/json') return 'application/json; charset=utf-8';
  if (accept === 'application/graphql-response+json') return 'application/graphql-response+json; charset=utf-8';
  return null;
}

/**
 * Forwarding of single-subgraph queries. When the gateway has once executed a query (parsed, validated against the
 * supergraph with the document limits, and with a verified caller) whose every field one subgraph answers
 * (single-subgraph.ts), the same document's next requests skip the gateway's machinery: the caller's token is
 * checked (the router's cache), the body is signed exactly as the gateway signs its subgraph requests (the client's
 * body with the viewer's claims in `extensions.jwt.payload`, spliced in, not re-serialised) and sent over a
 * keep-alive connection, and the subgraph's answer is sent back as it came, when it is a plain `{"data":…}` without
 * errors or extensions: exactly what the gateway would have answered from that one fetch. Anything else (errors,
 * a timeout, a refused token, a body that is not plain JSON, a mutation, another Accept) goes through the gateway,
 * which then answers as it always does; only queries are forwarded, so sending one again is safe (the gateway
 * retries queries too).
 */
export function createForwarder(options: ForwarderOptions): Forwarder {
  const planner = singleSubgraphPlanner(options.supergraph);
  const composer = composerPlanner(options.supergraph);
  const key = signingKey(options.signingSecret);
  const maxOperations = options.maxOperations ?? 1_000;
  // The query text and operation name → the subgraph that answers it, or the plan that composes its answer from
  // several; insertion order ≈ age, the oldest leaves first.
  const known = new Map<string, string | ComposedPlan>();
  const judged = new WeakMap<DocumentNode, string | ComposedPlan | null>();
  const targets = new Map(
    Object.entries(options.subgraphUrls)
      .filter(([name]) => !options.withEffects.includes(name))
      .map(([name, url]) => [name, new URL(url)]),
  );
  const agent = new Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 64 });
  const claimsJson = new WeakMap<VerifiedClaims, string>();
  const forwarded: Record<string, number> = {};
  const composed = { count: 0 };
  const composedCounter = options.registry
    ? new Counter({
        name: 'hub_router_composed_requests_total',
        help: 'Queries answered by fetching from several subgraphs past the gateway and composing their answers.',
        registers: [options.registry],
      })
    : undefined;
  const counter = options.registry
    ? new Counter({
        name: 'hub_router_forwarded_requests_total',
        help: 'Queries forwarded to the one subgraph that answers them, past the gateway (by subgraph).',
        labelNames: ['subgraph'],
        registers: [options.registry],
      })
    : undefined;
  const keyOf = (query: string, operationName: unknown) => (typeof operationName === 'string' ? `${operationName}\n${query}` : `\n${query}`);

  const plugin: GatewayPlugin = {
    onDispose() {
      agent.destroy();
    },
    onExecute({ args }) {
      const context = args.contextValue as { params?: { query?: unknown; operationName?: unknown } } | undefined;
      const query = context?.params?.query;
      if (typeof query !== 'string') return;
      let judgement = judged.get(args.document);
      if (judgement === undefined) {
        judgement = planner.subgraphOf(args.document, args.operationName);
        if (judgement === null) {
          const plan = composer.plan(args.document, args.operationName);
          judgement = plan && [...plan.subgraphs].every((s) => targets.has(s)) ? plan : null;
        }
        judged.set(args.document, judgement);
      }
      if (judgement === null || (typeof judgement === 'string' && !targets.has(judgement))) return;
      const k = keyOf(query, context!.params!.operationName);
      if (known.has(k)) return;
      if (known.size >= maxOperations) known.delete(known.keys().next().value!);
      known.set(k, judgement);
    },
  };

  function send(target: URL, body: string, requestId: string): Promise<{ status: number; body: Buffer } | null> {
    return new Promise((resolve) => {
      const req = httpRequest(
        target,
        {
          method: 'POST',
          agent,
          timeout: options.timeoutMs,
          headers: {
            'content-type': 'application/json',
            accept: 'application/json',
            'x-request-id': requestId,
            'content-length': Buffer.byteLength(body),
            [SIGNATURE_HEADER]: signBody(key, body),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) }));
          res.on('error', () => resolve(null));
        },
      );
      req.on('timeout', () => req.destroy(new Error('subgraph timeout')));
      req.on('error', () => resolve(null));
      req.end(body);
    });
  }

  async function tryForward(req: IncomingMessage, raw: Buffer, res: ServerResponse, type: string, token: string): Promise<boolean> {
    // The gateway's own: the caller's X-Request-Id, or a new one, sent to the subgraph and back (log correlation).
    const given = req.headers['x-request-id'];
    const requestId = typeof given === 'string' && given ? given : randomUUID();
    let params: Record<string, unknown>;
    try {
      params = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
    } catch {
      return false;
    }
    if (params === null || typeof params !== 'object' || Array.isArray(params) || typeof params.query !== 'string') return false;
    for (const k in params) if (!ALLOWED_KEYS.has(k)) return false;
    const subgraph = known.get(keyOf(params.query, params.operationName));
    if (!subgraph) return false;
    if (params.variables !== undefined && params.variables !== null && (typeof params.variables !== 'object' || Array.isArray(params.variables)))
      return false;
    let claims: VerifiedClaims;
    try {
      claims = await options.verifyToken(token);
    } catch {
      return false;
    }
    let viewer = claimsJson.get(claims);
    if (viewer === undefined) {
      viewer = JSON.stringify({ jwt: { payload: claims } });
      claimsJson.set(claims, viewer);
    }
    if (typeof subgraph !== 'string') {
      const answer = await compose(subgraph, (params.variables ?? {}) as Record<string, unknown>, viewer, requestId);
      if (!answer) return false;
      composed.count++;
      composedCounter?.inc();
      if (res.destroyed) return true;
      res.writeHead(200, { 'content-type': type, 'content-length': answer.length, 'x-request-id': requestId });
      res.end(answer);
      return true;
    }
    // The client's own JSON, with the viewer's claims added as `extensions` (the body has none: checked above).
    const text = raw.toString('utf8').trimEnd();
    const body = `${text.slice(0, -1)},"extensions":${viewer}}`;
    const answer = await send(targets.get(subgraph)!, body, requestId);
    if (
      !answer ||
      answer.status !== 200 ||
      !answer.body.subarray(0, DATA_PREFIX.length).equals(DATA_PREFIX) ||
      answer.body.includes(ERRORS_KEY) ||
      answer.body.includes(EXTENSIONS_KEY)
    ) {
      return false;
    }
    forwarded[subgraph] = (forwarded[subgraph] ?? 0) + 1;
    counter?.inc({ subgraph });
    // The client went away meanwhile (the request stream itself is always ended and destroyed by now).
    if (res.destroyed) return true;
    res.writeHead(200, { 'content-type': type, 'content-length': answer.body.length, 'x-request-id': requestId });
    res.end(answer.body);
    return true;
  }

  /**
   * Runs a composed plan (composer.ts): each fetch signed as the gateway signs its own, a stage's fetches side by side
   * once the stage before is merged. Null (the gateway answers instead) when any
   * fetch fails, answers with errors or an unexpected shape, or the merged answer misses a value.
   */
  async function compose(plan: ComposedPlan, variables: Record<string, unknown>, viewer: string, requestId: string): Promise<Buffer | null> {
    const tree: Record<string, unknown> = {};
    let failed = false;
    const run = async (fetch: Fetch): Promise<void> => {
      const vars: Record<string, unknown> = {};
      for (const name of fetch.variables) if (name in variables) vars[name] = variables[name];
      // Per place of an entity fetch: its objects in the merged tree (an empty place sends no representations).
      let places: Record<string, unknown>[][] | undefined;
      if (fetch.entities) {
        places = fetch.entities.map((e) => objectsAt(tree, e.path));
        if (places.every((objects) => objects.length === 0)) return;
        fetch.entities.forEach(({ typename, keys, variable }, i) => {
          vars[variable] = places![i]!.map((o) => {
            const representation: Record<string, unknown> = { __typename: typename };
            for (const k of keys) {
              const value = o[k.alias];
              if (value === undefined || value === null) failed = true;
              representation[k.field] = value;
            }
            return representation;
          });
        });
        if (failed) return;
      }
      const answer = await send(
        targets.get(fetch.subgraph)!,
        `{"query":${fetch.queryJson},"variables":${JSON.stringify(vars)},"extensions":${viewer}}`,
        requestId,
      );
      if (failed) return;
      let data: Record<string, unknown> | undefined;
      try {
        const parsed =
          answer && answer.status === 200 ? (JSON.parse(answer.body.toString('utf8')) as { data?: Record<string, unknown>; errors?: unknown }) : null;
        data = parsed && !parsed.errors && parsed.data && typeof parsed.data === 'object' ? parsed.data : undefined;
      } catch {
        data = undefined;
      }
      if (!data) {
        failed = true;
        return;
      }
      if (fetch.entities) {
        for (const [i, { alias }] of fetch.entities.entries()) {
          const objects = places![i]!;
          const entities = data[alias];
          if (!Array.isArray(entities) || entities.length !== objects.length) {
            failed = true;
            return;
          }
          for (let j = 0; j < objects.length; j++) {
            const entity = entities[j] as Record<string, unknown> | null;
            if (!entity || typeof entity !== 'object') {
              failed = true;
              return;
            }
            Object.assign(objects[j]!, entity);
          }
        }
      } else Object.assign(tree, data);
    };
    for (const stage of plan.stages) {
      await Promise.all(stage.map(run));
      if (failed) break;
    }
    if (failed) return null;
    const data = project(tree, plan.shape);
    return data === INVALID ? null : Buffer.from(`{"data":${JSON.stringify(data)}}`);
  }

  return {
    plugin,
    forwarded,
    composed,
    listener(gateway) {
      return (req, res) => {
        const length = Number(req.headers['content-length']);
        const token = BEARER.exec(req.headers.authorization ?? '')?.[1];
        const type = responseType(req.headers.accept);
        if (
          req.method !== 'POST' ||
          req.url !== '/graphql' ||
          !token ||
          type === null ||
          known.size === 0 ||
          !req.headers['content-type']?.startsWith('application/json') ||
          !(length > 0 && length <= options.maxBodyBytes)
        ) {
          gateway(req, res);
          return;
        }
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('error', () => res.destroy());
        req.on('end', () => {
          const raw = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
          tryForward(req, raw, res, type, token).then(
            (done) => {
              if (done) return;
              // The gateway reads a body a framework already read from `req.body` (whatwg-node's node adapter).
              (req as IncomingMessage & { body?: Buffer }).body = raw;
              gateway(req, res);
            },
            () => res.destroy(),
          );
        });
      };
    },
  };
}
