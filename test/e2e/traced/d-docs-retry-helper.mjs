// GETs already retry the keep-alive race as Node's docs show, through the file's own
// shouldRetryOnReusedSocket(req, err) (reusedSocket + ECONNRESET); other calls go
// through a generic call(method, path, body) with no retry, the method from the caller:
//   const req = http.request(url, { agent, method }, cb); req.on('error', h); req.end(body)  // call('POST', ...)
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });
const base = process.env.TARGET_URL;

function shouldRetryOnReusedSocket(req, err) {
  return req.reusedSocket && err.code === 'ECONNRESET';
}

function readReply(res, resolve) {
  let raw = '';
  res.setEncoding('utf8');
  res.on('data', (chunk) => (raw += chunk));
  res.on('error', (err) => resolve(`aborted ${err.code}`));
  res.on('end', () => resolve(`${res.statusCode} ${JSON.parse(raw).path} (${JSON.parse(raw).bytes} bytes)`));
}

function getWithRetry(path, resolve) {
  const req = http.get(`${base}${path}`, { agent }, (res) => readReply(res, resolve));
  req.on('error', (err) => {
    if (shouldRetryOnReusedSocket(req, err)) return getWithRetry(path, resolve);
    resolve(`error ${err.code}`);
  });
}

function call(method, path, body) {
  return new Promise((resolve) => {
    const req = http.request(`${base}${path}`, { agent, method, headers: { 'content-type': 'application/json' } }, (res) =>
      readReply(res, resolve),
    );
    req.on('error', (err) => resolve(`error ${err.code}`));
    req.end(body);
  });
}

const get = (path) => new Promise((resolve) => getWithRetry(path, resolve));

console.log(`list: ${await get('/cart/items?view=start')}`);
for (const sku of ['sku-1', 'sku-2', 'sku-3']) {
  console.log(`add ${sku}: ${await call('POST', `/cart/items/${sku}`, JSON.stringify({ sku, qty: 1 }))}`);
  console.log(`list: ${await get(`/cart/items?after=${sku}`)}`);
}
console.log(`replace: ${await call('PUT', '/cart/note', JSON.stringify({ note: 'gift' }))}`);
console.log(`checkout: ${await call('POST', '/cart/checkout', '{}')}`);
agent.destroy();
