import { parseDbEnv } from '@hub/db/env';
import { closeOnSignals, configOrExit } from '@hub/kit/graceful';
import type { Stack, StackOptions } from './stack';

const dbEnv = configOrExit(() => parseDbEnv());
const port = Number(process.env.PORT ?? 4000);
let stack: Stack | undefined;
// Public URL and signing secret come from the environment; the stack checks every setting before it starts.
const options: StackOptions = {
  databaseUrl: dbEnv.DATABASE_URL,
  pgliteDir: dbEnv.PGLITE_DIR,
  port,
  host: process.env.HOST ?? '127.0.0.1',
  logLevel: process.env.LOG_LEVEL ?? 'warn',
  // The router on its own event loop and core; the subgraphs share the embedded database in this process.
  routerProcess: true,
  onRouterExit(code) {
    // While starting, startStack itself fails (naming the setting, or the router process that stopped) and cleans up;
    // afterwards the rest of the stack is stopped here.
    if (!stack) return;
    console.error(`the router process stopped (code ${code}); stopping everything`);
    void stack.close().finally(() => process.exit(1));
  },
};
// The router process is forked first, so that the gateway's modules load in it while the subgraphs' load here.
const { forkRouter } = await import('./router-fork');
const forkedRouter = forkRouter(options);
forkedRouter.catch(() => {});
const { startStack } = await import('./stack');
try {
  stack = await startStack({ ...options, forkedRouter });
} catch (err) {
  console.error(err instanceof Error && err.message.startsWith('Invalid') ? err.message : err);
  process.exit(1);
}

const base = stack.publicUrl;
console.log(`
Altinn hub is running on the ${stack.database.kind === 'pglite' ? `embedded database (${dbEnv.PGLITE_DIR})` : 'Postgres database'}.

  graph and playground  ${base}/graphql
  portal                ${base}/portal/
  dev login             ${base}/dev/login
  health / readiness    ${base}/healthz  ${base}/readyz
  subgraphs             ${Object.entries(stack.subgraphUrls)
    .map(([n, u]) => `${n} ${u}`)
    .join(', ')}

Get a token for KARI NORDMANN and ask who she is:
  TOKEN=$(curl -s ${base}/dev/token -H 'content-type: application/json' -d '{"pid":"17857210042"}' | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')
  curl -s ${base}/graphql -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" -d '{"query":"{ me { urn type name } }"}'

Ctrl-C stops everything.
`);

// SIGTERM from any parent (npm, a container runtime) or Ctrl-C: requests in flight finish, then everything stops.
closeOnSignals(() => stack.close(), {
  info: () => console.log('stopping…'),
  error: (o, m) => console.error(m, o),
});

// The next new embedded database starts from the template; built now if the install did not.
if (stack.database.kind === 'pglite') {
  const { buildTemplateWhenMissing } = await import('./template-build');
  buildTemplateWhenMissing();
}
