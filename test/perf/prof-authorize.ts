// node --import tsx test/perf/prof-authorize.ts [seconds] [connections] [profile.cpuprofile]
// One process: the test stack (router + subgraphs) on DATABASE_URL or embedded, loaded with single Authorize calls.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import autocannon from 'autocannon';
import { startTestStack } from '../support/stack';
import { contractOperation } from '../support/contract';

const seconds = Number(process.argv[2] ?? 10);
const connections = Number(process.argv[3] ?? 1);
const stack = await startTestStack();
const tokens = await Promise.all(Array.from({ length: connections }, () => stack.token({ client: 'skatteetaten-system' })));
const body = JSON.stringify({
  query: contractOperation('Authorize'),
  variables: {
    requests: [
      {
        subject: 'urn:altinn:person:identifier-no:17857210042',
        party: 'urn:altinn:organization:identifier-no:310000507',
        resource: 'ske-mva-melding',
        action: 'sign',
      },
    ],
  },
});
let i = 0;
const load = (duration: number) =>
  autocannon({
    url: stack.url,
    method: 'POST',
    connections,
    duration,
    requests: [
      {
        setupRequest: (req: any) => ({
          ...req,
          body,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[i++ % tokens.length]}` },
        }),
      },
    ],
  });
await load(3);
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.start');
const result = await load(seconds);
const { profile } = await session.post('Profiler.stop');
if (process.argv[4]) writeFileSync(process.argv[4], JSON.stringify(profile));
console.log(`req/s ${result.requests.average} p50 ${result.latency.p50} p99 ${result.latency.p99} non2xx ${result.non2xx}`);
await stack.close();
process.exit(0);
