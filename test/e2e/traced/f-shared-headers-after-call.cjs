// A small API wrapper: send(base, path, cb) spreads the caller's base options into each request. The
// caller keeps one base object and, right after each call returns, bumps a sequence header in its
// shared headers object for the next call. A retry must send what the first attempt sent.
const http = require('node:http');

const target = new URL(process.env.TARGET_URL);
const agent = new http.Agent({ keepAlive: true });

function send(base, path, cb) {
  const req = http.request({ ...base, path }, (res) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (chunk) => (body += chunk));
    res.on('end', () => cb(null, res.statusCode, JSON.parse(body).path));
  });
  req.on('error', cb);
  req.end();
}

const base = { hostname: target.hostname, port: target.port, method: 'GET', agent, headers: { 'x-seq': '1' } };
const paths = ['/feed/1', '/feed/2', '/feed/3', '/feed/4'];
let done = 0;
function next(index) {
  if (index === paths.length) {
    console.log(`done: ${done}, final x-seq ${base.headers['x-seq']}`);
    agent.destroy();
    return;
  }
  send(base, paths[index], (err, status, path) => {
    done += 1;
    console.log(err ? `${paths[index]}: ${err.code}` : `${paths[index]}: ${status} ${path}`);
    next(index + 1);
  });
  // Shared object changed after the call: the next request's sequence number.
  base.headers['x-seq'] = String(index + 2);
}
next(0);
