'use strict';
// autocannon `verifyBody` hook, run on every response inside autocannon's worker thread: a response that is not a
// GraphQL result with data and without `errors` counts as a mismatch ("bad body" in the table).
module.exports = function verifyBody(body) {
  try {
    const json = JSON.parse(body);
    return json !== null && typeof json === 'object' && json.data != null && json.errors === undefined;
  } catch {
    return false;
  }
};
