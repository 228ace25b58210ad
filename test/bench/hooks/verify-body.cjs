'use strict';
// autocannon `verifyBody` hook, run on every response inside autocannon's worker thread: a response that is not a
// GraphQL result with data and without `errors` counts as a mismatch ("gql err" in the table); when the run's
// variants file (HUB_BENCH_VARIANTS) lists the expected `data` (as JSON text), any other data is a mismatch too:
// a wrong decision under load is counted, not only a failed one.
const { readFileSync } = require('node:fs');

let expected;

module.exports = function verifyBody(body) {
  expected ??= new Set(JSON.parse(readFileSync(process.env.HUB_BENCH_VARIANTS, 'utf8')).expect ?? []);
  try {
    const json = JSON.parse(body);
    if (json === null || typeof json !== 'object' || json.data == null || json.errors !== undefined) return false;
    return expected.size === 0 || expected.has(JSON.stringify(json.data));
  } catch {
    return false;
  }
};
