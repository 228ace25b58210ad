// [BATCH=100] node --import tsx test/perf/prof-authorize.ts [seconds] [connections] [profile.cpuprofile]
// A CPU profile of the decision point's hot path: one process runs the test stack (router and subgraphs, on
// DATABASE_URL or the embedded database) and loads it with Authorize calls of BATCH requests, a token per
// connection; the profile covers the load only (after a 3 s warm-up), not the start-up.
import { contractOperation } from '../support/contract';
import { startTestStack } from '../support/stack';
import { postLoad, profiled } from './load';

const seconds = Number(process.argv[2] ?? 10);
const connections = Number(process.argv[3] ?? 1);
const batch = Number(process.env.BATCH ?? 1);
const stack = await startTestStack();
const tokens = await Promise.all(Array.from({ length: connections }, () => stack.token({ client: 'skatteetaten-system' })));
const body = JSON.stringify({
  query: contractOperation('Authorize'),
  variables: {
    requests: Array.from({ length: batch }, (_, i) => ({
      subject: `urn:altinn:person:identifier-no:${['17857210042', '28834411409', '12888510018'][i % 3]}`,
      party: `urn:altinn:organization:identifier-no:${['310000507', '310000604'][i % 2]}`,
      resource: 'ske-mva-melding',
      action: ['sign', 'read', 'write'][i % 3],
    })),
  },
});
const load = (duration: number) => postLoad(stack.url, connections, duration, (n) => ({ body, token: tokens[n % tokens.length]! }));

await load(3);
const result = await profiled(() => load(seconds), process.argv[4]);
console.log(`req/s ${result.requests.average} p50 ${result.latency.p50} p99 ${result.latency.p99} non2xx ${result.non2xx}`);
await stack.close();
process.exit(0);
