import type { ServerResponse } from 'node:http';
import { getOperationAST, parse, subscribe, validate, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { errorBody, maskError } from './errors';
import type { Logger } from './logger';

/** A comment line the stream sends this often, so that no proxy or idle timer cuts a quiet subscription. */
export const SSE_KEEPALIVE_MS = 15_000;

/** Whether a signed subgraph request asks for an event stream (GraphQL over SSE, distinct connections mode). */
export const wantsEventStream = (accept: string | undefined) => !!accept && accept.includes('text/event-stream');

/** The subscription operation of a request body, or null when the body holds a query or mutation. */
export function subscriptionDocument(json: Record<string, unknown>): DocumentNode | null {
  if (typeof json.query !== 'string') return null;
  let document: DocumentNode;
  try {
    document = parse(json.query);
  } catch {
    return null;
  }
  const operation = getOperationAST(document, typeof json.operationName === 'string' ? json.operationName : undefined);
  return operation?.operation === 'subscription' ? document : null;
}

/** The open streams of one server, ended when it closes (a stream never ends on its own). */
export class OpenStreams {
  private readonly streams = new Set<() => void>();
  add(end: () => void): () => void {
    this.streams.add(end);
    return () => this.streams.delete(end);
  }
  endAll(): void {
    for (const end of [...this.streams]) end();
  }
}

/**
 * Runs a subscription and writes it as Server-Sent Events the way the router's HTTP executor reads them (the
 * "distinct connections" mode of GraphQL over SSE, which graphql-yoga also serves to clients): each result is an
 * `event: next` with the result as JSON `data`, the end is `event: complete`. A refusal at subscribe time (the
 * permission rules and the field's own checks run then) is one `next` carrying the error, then `complete`. The
 * source iterator is returned (its resources freed) when the router goes away.
 */
export async function serveSubscription<Context>(args: {
  schema: GraphQLSchema;
  document: DocumentNode;
  json: Record<string, unknown>;
  contextValue: Context;
  res: ServerResponse;
  streams: OpenStreams;
  log: Logger;
}): Promise<void> {
  const { res, log } = args;
  const errors = validate(args.schema, args.document);
  if (errors.length) {
    res.statusCode = 400;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.end(JSON.stringify({ errors: errors.map((e) => e.toJSON()) }));
    return;
  }
  const mask = (result: ExecutionResult) =>
    result.errors?.length
      ? { ...result, errors: result.errors.map((e) => maskError(e.toJSON(), e.originalError ?? e, (err) => log.error({ err }, 'masked error'))) }
      : result;

  res.statusCode = 200;
  res.setHeader('content-type', 'text/event-stream; charset=utf-8');
  res.setHeader('cache-control', 'no-cache');
  res.setHeader('connection', 'keep-alive');
  res.flushHeaders();
  const write = (event: 'next' | 'complete', data?: unknown) =>
    res.write(`event: ${event}\ndata: ${data === undefined ? '' : JSON.stringify(data)}\n\n`);

  let result: Awaited<ReturnType<typeof subscribe>>;
  try {
    result = await subscribe({
      schema: args.schema,
      document: args.document,
      variableValues: (args.json.variables ?? undefined) as Record<string, unknown> | undefined,
      operationName: typeof args.json.operationName === 'string' ? args.json.operationName : undefined,
      contextValue: args.contextValue,
    });
  } catch (err) {
    log.error({ err }, 'subscription failed to start');
    write('next', errorBody('INTERNAL', 'Internal server error'));
    write('complete');
    res.end();
    return;
  }
  if (!(Symbol.asyncIterator in result)) {
    write('next', mask(result));
    write('complete');
    res.end();
    return;
  }

  const iterator = result[Symbol.asyncIterator]();
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    void iterator.return?.();
  };
  const forget = args.streams.add(end);
  res.on('close', end);
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), SSE_KEEPALIVE_MS);
  keepAlive.unref();
  try {
    for (;;) {
      const next = await iterator.next();
      if (next.done || ended) break;
      write('next', mask(next.value));
    }
    if (!res.destroyed) write('complete');
  } catch (err) {
    log.error({ err }, 'subscription failed');
    if (!res.destroyed) {
      write('next', errorBody('INTERNAL', 'Internal server error'));
      write('complete');
    }
  } finally {
    clearInterval(keepAlive);
    forget();
    end();
    res.end();
  }
}
