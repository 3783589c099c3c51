// A payments client: every call goes through send(method, path, body, extra),
// which merges the caller's extra headers into defaults with Object.assign and
// hands the result to http.request. Some callers pass an Idempotency-Key (in
// either case), some don't, and one adds it through an onRequest hook with
// req.setHeader() after the request object exists. Each POST follows a GET so
// that it goes out on a reused keep-alive socket.
//   const options = Object.assign({}, defaults, { method, path, headers: Object.assign({}, defaults.headers, extra) });
//   const req = http.request(options, (res) => ...); hooks.onRequest?.(req); req.write(body); req.end();
// Probes: POSTs whose idempotency is only known from the caller. A rewrite that
// re-sends a POST without a key makes the server see the same charge twice;
// one that drops or changes the key on the retry shows in the request headers.
const http = require('node:http');

const url = new URL(process.env.TARGET_URL);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const defaults = {
  hostname: url.hostname,
  port: url.port,
  agent,
  headers: { 'content-type': 'application/json', 'x-api-version': '2024-01-01' },
};

function send(method, path, body, extra, hooks) {
  const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
  const options = Object.assign({}, defaults, {
    method,
    path,
    headers: Object.assign({}, defaults.headers, extra, payload ? { 'content-length': payload.length } : {}),
  });
  return new Promise((resolve, reject) => {
    const req = http.request(options, (res) => {
      let raw = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (raw += chunk));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode, ...JSON.parse(raw) }));
    });
    req.on('error', reject);
    if (hooks && hooks.onRequest) hooks.onRequest(req);
    if (payload) req.write(payload);
    req.end();
  });
}

async function call(label, promise) {
  try {
    const r = await promise;
    console.log(`${label}: ${r.status} ${r.path} bytes=${r.bytes}`);
  } catch (err) {
    console.log(`${label}: failed ${err.code}`);
  }
}

async function main() {
  await call('balance', send('GET', '/v1/balance'));
  await call('charge (no key)', send('POST', '/v1/charges', { amount: 1200, currency: 'eur' }));

  await call('customer', send('GET', '/v1/customers/c_1'));
  await call(
    'charge (Idempotency-Key)',
    send('POST', '/v1/charges?k=1', { amount: 1300, currency: 'eur' }, { 'Idempotency-Key': 'charge-c1-0001' }),
  );

  await call('customer again', send('GET', '/v1/customers/c_1?expand=cards'));
  await call(
    'refund (idempotency-key)',
    send('POST', '/v1/refunds', { charge: 'ch_1', amount: 300 }, { 'idempotency-key': 'refund-ch1-0001' }),
  );

  await call('events', send('GET', '/v1/events'));
  await call(
    'payout (key set by hook)',
    send('POST', '/v1/payouts', { amount: 5000 }, {}, { onRequest: (req) => req.setHeader('Idempotency-Key', 'payout-0001') }),
  );

  await call('events again', send('GET', '/v1/events?page=2'));
  await call('capture (no key, custom header)', send('POST', '/v1/charges/ch_1/capture', { amount: 1300 }, { 'x-request-id': 'req-42' }));

  await call('final balance', send('GET', '/v1/balance?final=1'));
  agent.destroy();
}

main();
