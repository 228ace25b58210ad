import { closeOnSignals, closeServer, configOrExit } from '@hub/kit/graceful';
import { parseRouterEnv } from './env';
import { createRouterHttpServer } from './http-server';
import { createMetricsServer, Registry } from './metrics';
import { createRouter } from './server';

const config = configOrExit(() => parseRouterEnv());
const metricsRegistry = new Registry();
const router = await createRouter({ config, metricsRegistry });
const server = createRouterHttpServer(router.listener, config.server);
server.listen(config.port, config.host, () => {
  console.log(`router listening on ${config.publicUrl}/graphql`);
});
// Metrics on their own port, for the internal network only.
const metrics = config.metrics.port !== null ? createMetricsServer(metricsRegistry, config.metrics.path!) : undefined;
metrics?.listen(config.metrics.port!, config.host);
// In-flight requests finish (they may still need the subgraphs), then the gateway is disposed.
closeOnSignals(
  async () => {
    metrics?.close();
    await closeServer(server);
    await router.dispose();
  },
  { info: (o, m) => console.log(m, o), error: (o, m) => console.error(m, o) },
);
