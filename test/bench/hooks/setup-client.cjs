'use strict';
// autocannon `setupClient` hook, loaded inside autocannon's worker thread (workers mode takes file paths, not
// functions). Gives each connection its own request: the n-th connection gets the n-th variant (its own token or
// body) of the file named by HUB_BENCH_VARIANTS, written by bench.ts before each run. A signed target (a subgraph
// called directly) is signed here once per connection, as the router would sign it; a run lasts far less than the
// 60 s a signature stays valid.
const { readFileSync } = require('node:fs');
const { SIGNATURE_HEADER, signBody } = require('../../../subgraphs/kit/src/signature.ts');

let spec;
let next = 0;

module.exports = function setupClient(client) {
  spec ??= JSON.parse(readFileSync(process.env.HUB_BENCH_VARIANTS, 'utf8'));
  const variant = spec.variants[next++ % spec.variants.length];
  const headers = spec.signWith ? { ...variant.headers, [SIGNATURE_HEADER]: signBody(spec.signWith, variant.body) } : variant.headers;
  client.setHeadersAndBody(headers, variant.body);
};
