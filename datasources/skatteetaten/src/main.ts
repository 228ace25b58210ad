import { createDatasourceServer } from './server';
import { datasourceSettings } from './settings';

let settings;
try {
  settings = datasourceSettings(process.env);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
const server = createDatasourceServer(settings);
server.listen(settings.port, settings.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : settings.port;
  console.log(
    JSON.stringify({
      msg: 'data source listening',
      url: `http://${settings.host}:${port}`,
      organization: settings.organizationNumber,
      hub: settings.hubUrl,
    }),
  );
});
const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(1), 5000).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
