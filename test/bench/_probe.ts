import postgres from 'postgres';
import { startStack } from '../../scripts/stack';
import { DEV_ROUTER_SECRET, SIGNATURE_HEADER, signBody } from '@hub/kit';
import { contractOperation } from './scenarios';
const t0 = performance.now();
const admin = postgres('postgres://postgres@127.0.0.1:5432/postgres', { max: 1, onnotice: () => {} });
await admin.unsafe('DROP DATABASE IF EXISTS hub_probe WITH (FORCE)'); await admin.unsafe('CREATE DATABASE hub_probe');
const stack = await startStack({ databaseUrl: 'postgres://postgres@127.0.0.1:5432/hub_probe', port: 0, logLevel: 'warn' });
console.log('stack', performance.now() - t0);
const body = JSON.stringify({ query: contractOperation('PartyByUrn'), variables: { urn: 'urn:altinn:organization:identifier-no:310000507' }, extensions: { jwt: { payload: { pid: '17857210042' } } } });
for (let i = 0; i < 10; i++) {
  const t = performance.now();
  const r = await fetch(stack.subgraphUrls.parties!, { method: 'POST', headers: { 'content-type': 'application/json', [SIGNATURE_HEADER]: signBody(DEV_ROUTER_SECRET, body) }, body });
  await r.text();
  console.log('subgraph', (performance.now() - t).toFixed(2));
}
const healthz = stack.subgraphUrls.parties!.replace('/graphql', '/healthz');
for (let i = 0; i < 3; i++) { const t = performance.now(); await (await fetch(healthz)).text(); console.log('healthz', (performance.now() - t).toFixed(2)); }
await stack.close(); await admin.unsafe('DROP DATABASE hub_probe WITH (FORCE)'); await admin.end();
console.log('total', performance.now() - t0);
process.exit(0);
