'use strict';
// autocannon `setupRequest` hook, loaded inside autocannon's worker thread (workers mode takes file paths, not
// functions). Signs every request's exact body as the router does, so a run may last longer than the 60 s a
// signature stays valid. The secret travels on the request object (`signWith`), set by bench.ts.
const { SIGNATURE_HEADER, signBody } = require('../../../subgraphs/kit/src/signature.ts');

module.exports = function signRequest(request) {
  const body = typeof request.body === 'string' ? request.body : Buffer.from(request.body).toString('utf8');
  request.headers = { ...request.headers, [SIGNATURE_HEADER]: signBody(request.signWith, body) };
  return request;
};
