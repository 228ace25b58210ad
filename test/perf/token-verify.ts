// `npx tsx test/perf/token-verify.ts`: what checking a caller's token costs the router per request, without the
// cache (every request verifies the ES256 signature) and with it (the second and later requests of a token), on
// the dev issuers' keys. CPU µs per verification from process.cpuUsage, medians of 5 interleaved runs.
import { cachedTokenVerifier } from '../../router/src/token-cache';
import { createDevIdentity } from '../../router/src/dev-identity';
import { createTokenVerifier } from '../../router/src/token-verifier';

const TOKENS = 200;
const ROUNDS = 20;
const dev = await createDevIdentity('http://localhost:4000');
const tokens: string[] = [];
for (let i = 0; i < TOKENS; i++) {
  const issued = await dev.issue({ pid: '17857210042' });
  if (!issued.ok) throw new Error(issued.message);
  tokens.push(issued.token);
}
const uncached = createTokenVerifier(dev.issuers);
const cached = cachedTokenVerifier(uncached);
for (const t of tokens) await cached(t);

async function run(verify: (token: string) => Promise<unknown>): Promise<number> {
  const before = process.cpuUsage();
  for (let r = 0; r < ROUNDS; r++) await Promise.all(tokens.map((t) => verify(t)));
  const used = process.cpuUsage(before);
  return (used.user + used.system) / (TOKENS * ROUNDS);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const figures = { uncached: [] as number[], cached: [] as number[] };
for (let i = 0; i < 5; i++) {
  figures.uncached.push(await run(uncached));
  figures.cached.push(await run(cached));
}
const [u, c] = [median(figures.uncached), median(figures.cached)];
console.log(`token check, CPU per request: verified every time ${u.toFixed(1)} µs, from the cache ${c.toFixed(1)} µs (${(u / c).toFixed(0)}× less)`);
