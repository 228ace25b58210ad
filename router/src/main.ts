import { createServer } from 'node:http';
import { parseRouterEnv } from './env';
import { createRouter } from './server';

const config = parseRouterEnv();
const router = await createRouter({ config });
const server = createServer(router);
server.listen(config.port, config.host, () => {
  console.log(`router listening on ${config.publicUrl}/graphql`);
});
const stop = () => server.close(async () => {
  await router.dispose();
  process.exit(0);
});
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
