// A client helper that takes `timeout` in the caller's options and turns a
// 'timeout' event into req.destroy(err) with code ETIMEDOUT, as the Node docs
// advise; it returns the request so callers can add their own listeners or
// call req.setTimeout() themselves:
//   function request(opts, cb) { const req = http.request(opts, cb); req.on('timeout', () => req.destroy(timeoutError(opts))); return req; }
// One call is an upload whose producer stalls: the server waits for the rest
// of the body, so that request really times out (after 300 ms) in every mode
// where the connection is not reset first.
// Probes: a `timeout` option and a 'timeout' listener that destroys the
// request; the returned object must still be the caller's ClientRequest
// (setTimeout, getHeader, path), each request must report once, and a stalled
// streamed upload must time out once, not be re-sent.
const http = require('node:http');
const { PassThrough } = require('node:stream');

const url = new URL(process.env.TARGET_URL);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const timeouts = {};

function timeoutError(opts) {
  const err = new Error(`request to ${opts.path} timed out after ${opts.timeout} ms`);
  err.code = 'ETIMEDOUT';
  return err;
}

function request(opts, cb) {
  const req = http.request(opts, cb);
  req.on('timeout', () => {
    timeouts[opts.path] = (timeouts[opts.path] || 0) + 1;
    req.destroy(timeoutError(opts));
  });
  return req;
}

function run(label, opts, { body, stall, callerTimeout } = {}) {
  return new Promise((resolve) => {
    let reports = 0;
    const report = (line) => {
      reports += 1;
      console.log(`${label}: ${line}${reports > 1 ? ` [report #${reports}]` : ''}`);
      if (reports === 1) setImmediate(resolve);
    };
    const req = request(opts, (res) => {
      let raw = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (raw += chunk));
      res.on('error', (err) => report(`response ${err.code}`));
      res.on('end', () => report(`${res.statusCode} ${JSON.parse(raw).path} bytes=${JSON.parse(raw).bytes}`));
    });
    console.log(
      `${label}: request object ok=${req instanceof http.ClientRequest} method=${req.method} path=${req.path} x-step=${req.getHeader('x-step')}`,
    );
    req.on('error', (err) => report(`error ${err.code}`));
    if (callerTimeout) req.setTimeout(callerTimeout);
    if (stall) {
      const producer = new PassThrough();
      producer.pipe(req);
      producer.write('first half of the export;');
      // The producer never writes the second half: the request times out.
      req.on('close', () => producer.destroy());
    } else {
      req.end(body);
    }
  });
}

const base = { hostname: url.hostname, port: url.port, agent };

async function main() {
  await run('list', { ...base, path: '/exports', timeout: 3000, headers: { 'x-step': '1' } });
  await run('detail', { ...base, path: '/exports/41', timeout: 3000, headers: { 'x-step': '2' } });
  await run('put', { ...base, method: 'PUT', path: '/exports/41/meta', timeout: 3000, headers: { 'x-step': '3', 'content-type': 'application/json' } }, {
    body: JSON.stringify({ title: 'weekly' }),
  });
  await run('stalled upload', {
    ...base,
    method: 'PUT',
    path: '/exports/41/data',
    timeout: 300,
    headers: { 'x-step': '4', 'content-type': 'text/plain', 'content-length': 50 },
  }, { stall: true });
  await run('after stall', { ...base, path: '/exports/41', headers: { 'x-step': '5' } }, { callerTimeout: 3000 });
  await run('again', { ...base, path: '/exports?after=41', headers: { 'x-step': '6' } }, { callerTimeout: 3000 });
  console.log(`timeouts: ${JSON.stringify(timeouts)}`);
  agent.destroy();
}

main();
