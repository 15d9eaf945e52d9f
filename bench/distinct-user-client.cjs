// autocannon `setupClient` for worker mode (a worker can only `require` a file, hence plain
// CommonJS): every connection gets its own username and asks for it again and again.
// BENCH_DISTINCT_BODY is the request body with `%USER%` where the username goes.
'use strict';

const { env } = require('node:process');

let nextConnection = 0;

module.exports = function setupClient(client) {
  const template = env.BENCH_DISTINCT_BODY;
  if (!template) throw new Error('BENCH_DISTINCT_BODY is not set');
  const username = `bench${String(nextConnection).padStart(4, '0')}`;
  nextConnection += 1;
  client.setBody(template.replace('%USER%', username));
};
