// A vendored copy of simple-get (trimmed: no redirects, no gzip), used several
// times in a row by the app below it. The request site only ever sees the
// caller's options, after they went through Object.assign and url.parse:
//   module.exports = function simpleGet(opts, cb) { ...; const protocol = opts.protocol === 'https:' ? https : http;
//     const req = protocol.request(opts, res => cb(null, res)); req.on('error', cb); body is piped or req.end(body) }
// Calls: GETs through simpleGet.concat, a JSON POST without an Idempotency-Key,
// a PUT whose body is a Readable stream, a JSON POST with a key, a DELETE.
// Probes: cb fires once per call, the opts object the helper mutates
// (opts.headers replaced, opts.url deleted), streamed bodies never re-sent.
const http = require('node:http');
const https = require('node:https');
const { Readable } = require('node:stream');
const url = require('node:url');

function once(fn) {
  let called = false;
  return function (...args) {
    if (called) return;
    called = true;
    return fn.apply(this, args);
  };
}

function isStream(obj) {
  return obj !== null && typeof obj === 'object' && typeof obj.pipe === 'function';
}

function simpleGet(opts, cb) {
  opts = Object.assign({ maxRedirects: 10 }, typeof opts === 'string' ? { url: opts } : opts);
  cb = once(cb);

  if (opts.url) {
    const { hostname, port, protocol, auth, path } = url.parse(opts.url); // eslint-disable-line n/no-deprecated-api
    delete opts.url;
    if (!hostname && !port && !protocol && !auth) opts.path = path;
    else Object.assign(opts, { hostname, port, protocol, auth, path });
  }

  const headers = { 'accept-encoding': 'identity' };
  if (opts.headers) Object.keys(opts.headers).forEach((k) => (headers[k.toLowerCase()] = opts.headers[k]));
  opts.headers = headers;

  let body;
  if (opts.body) {
    body = opts.json && !isStream(opts.body) ? JSON.stringify(opts.body) : opts.body;
  } else if (opts.form) {
    body = typeof opts.form === 'string' ? opts.form : new URLSearchParams(opts.form).toString();
    opts.headers['content-type'] = 'application/x-www-form-urlencoded';
  }

  if (body) {
    if (!opts.method) opts.method = 'POST';
    if (!isStream(body)) opts.headers['content-length'] = Buffer.byteLength(body);
    if (opts.json && !opts.form) opts.headers['content-type'] = 'application/json';
  }
  delete opts.body;
  delete opts.form;

  if (opts.json) opts.headers.accept = 'application/json';
  if (opts.method) opts.method = opts.method.toUpperCase();

  const protocol = opts.protocol === 'https:' ? https : http; // Support http/https urls
  const req = protocol.request(opts, (res) => {
    cb(null, res);
  });
  req.on('timeout', () => {
    req.destroy();
    cb(new Error('Request timed out'));
  });
  req.on('error', cb);

  if (isStream(body)) body.on('error', cb).pipe(req);
  else req.end(body);

  return req;
}

simpleGet.concat = (opts, cb) => {
  return simpleGet(opts, (err, res) => {
    if (err) return cb(err);
    const chunks = [];
    res.on('data', (chunk) => chunks.push(chunk));
    res.on('error', (e) => cb(e));
    res.on('end', () => {
      let data = Buffer.concat(chunks);
      if (opts.json) {
        try {
          data = JSON.parse(data.toString());
        } catch (e) {
          return cb(e, res, data);
        }
      }
      cb(null, res, data);
    });
  });
};

['get', 'post', 'put', 'patch', 'head', 'delete'].forEach((method) => {
  simpleGet[method] = (opts, cb) => {
    if (typeof opts === 'string') opts = { url: opts };
    return simpleGet(Object.assign({ method: method.toUpperCase() }, opts), cb);
  };
});

module.exports = simpleGet;

// ---- the app that uses it ------------------------------------------------

const get = module.exports;
const base = process.env.TARGET_URL;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const calls = {};

function step(label, opts) {
  return new Promise((resolve) => {
    calls[label] = 0;
    get.concat(opts, (err, res, data) => {
      calls[label] += 1;
      if (err) console.log(`${label}: error ${err.code || err.message} (callback #${calls[label]})`);
      else {
        const reply = Buffer.isBuffer(data) ? JSON.parse(data.toString('utf8')) : data;
        console.log(`${label}: ${res.statusCode} path=${reply.path} bytes=${reply.bytes} (callback #${calls[label]})`);
      }
      // The next step starts on a later turn, once the socket is back in the pool.
      setImmediate(resolve);
    });
  });
}

async function main() {
  const shared = { agent, json: true, headers: { 'X-Client': 'simple-get-app' } };
  await step('list', Object.assign({ url: `${base}/sg/list?page=1` }, shared));
  await step('page2', Object.assign({ url: `${base}/sg/list?page=2` }, shared));
  await step('create', Object.assign({ url: `${base}/sg/items`, method: 'POST', body: { name: 'no key' } }, shared));
  await step(
    'upload',
    Object.assign({}, shared, {
      url: `${base}/sg/blob`,
      method: 'PUT',
      json: false,
      body: Readable.from(['part-one;', 'part-two;', 'part-three']),
    }),
  );
  await step('ping', Object.assign({ url: `${base}/sg/ping` }, shared));
  await step(
    'create-keyed',
    Object.assign({}, shared, {
      url: `${base}/sg/items?keyed=1`,
      method: 'POST',
      body: { name: 'with key' },
      headers: { 'Idempotency-Key': 'sg-create-0001', 'X-Client': 'simple-get-app' },
    }),
  );
  // Plain simpleGet.delete with the response read by the caller itself.
  await new Promise((resolve) => {
    calls.remove = 0;
    get.delete({ url: `${base}/sg/items/7`, agent }, (err, res) => {
      calls.remove += 1;
      if (err) {
        console.log(`remove: error ${err.code || err.message} (callback #${calls.remove})`);
        return setImmediate(resolve);
      }
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (text += c));
      res.on('error', (e) => {
        console.log(`remove: body error ${e.code || e.message}`);
        setImmediate(resolve);
      });
      res.on('end', () => {
        console.log(`remove: ${res.statusCode} path=${JSON.parse(text).path} (callback #${calls.remove})`);
        setImmediate(resolve);
      });
    });
  });
  await step('after', Object.assign({ url: `${base}/sg/list?page=3` }, shared));
  console.log(`shared options untouched: ${JSON.stringify(shared.headers)} url=${'url' in shared}`);
  agent.destroy();
}

main();
