// Forking the router process of a stack, without loading the stack: npm start forks it first, so that the gateway's
// modules load in that process while the subgraphs' load in this one.
import { childProcessRouter, type RouterHost } from './router-host';
import type { StackOptions } from './stack';

/** The environment the router process starts with: the stack's settings, the public URL defaulting to the port. */
export function routerEnv(options: StackOptions): NodeJS.ProcessEnv {
  const baseEnv: NodeJS.ProcessEnv = { ...process.env, ...(options.env ?? {}), LOG_LEVEL: options.logLevel ?? 'info' };
  const secret = options.signingSecret ?? baseEnv.ROUTER_SIGNING_SECRET;
  if (secret) baseEnv.ROUTER_SIGNING_SECRET = secret;
  return { ...baseEnv, PUBLIC_URL: options.publicUrl ?? baseEnv.PUBLIC_URL ?? `http://localhost:${options.port || 4000}` };
}

/** Forks the router process of a stack with `options` (see `forkedRouter`). */
export function forkRouter(options: StackOptions): Promise<RouterHost> {
  return childProcessRouter(routerEnv(options), options.port, options.host ?? '127.0.0.1', options.onRouterExit);
}
