// node --import tsx test/perf/prof-token.ts [seconds] [connections] [profile.cpuprofile]
// A CPU profile of consent-token issuing: one process runs the test stack (router and subgraphs, on DATABASE_URL or
// the embedded database), makes one accepted consent from HÅKON TRANA to BANKEN AS per connection, and loads
// IssueConsentToken with them; prints req/s, latency and SQL statements per token. The profile covers the load only.
import { contractOperation } from '../support/contract';
import { startTestStack } from '../support/stack';
import { postLoad, profiled } from './load';

const seconds = Number(process.argv[2] ?? 10);
const connections = Number(process.argv[3] ?? 8);
const stack = await startTestStack();
const bank = await stack.token({ client: 'banken-system' });
const hakon = await stack.personToken('hakon');
const ids: string[] = [];
for (let i = 0; i < connections; i++) {
  const created = await stack.graphql(
    'mutation($i: CreateConsentRequestInput!) { createConsentRequest(input: $i) { id } }',
    {
      i: {
        from: 'urn:altinn:person:identifier-no:12888510018',
        validTo: new Date(Date.now() + 86_400_000).toISOString(),
        rights: [{ resource: 'ske-inntekt-skattegrunnlag', metadata: { inntektsaar: String(2000 + (i % 25)) } }],
        redirectUrl: 'https://banken.example/samtykke/retur',
      },
    },
    bank,
  );
  const id = (created.body.data as { createConsentRequest: { id: string } }).createConsentRequest.id;
  await stack.graphql('mutation($id: ID!) { acceptConsentRequest(id: $id) { status } }', { id }, hakon);
  ids.push(id);
}
const bodies = ids.map((consentId) => JSON.stringify({ query: contractOperation('IssueConsentToken'), variables: { input: { consentId } } }));
const load = (duration: number) => postLoad(stack.url, connections, duration, (n) => ({ body: bodies[n % bodies.length]!, token: bank }));

await load(3);
const before = stack.database.statementCount();
const result = await profiled(() => load(seconds), process.argv[4]);
const statements = (stack.database.statementCount() - before) / result.requests.total;
console.log(
  `req/s ${result.requests.average} p50 ${result.latency.p50} p99 ${result.latency.p99} non2xx ${result.non2xx} statements/token ${statements.toFixed(1)}`,
);
await stack.close();
process.exit(0);
