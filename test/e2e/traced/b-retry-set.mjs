// A callback client that already resends a GET once when the socket is reset,
// deciding with a module-level Set (RETRYABLE.has(err.code)), no reusedSocket check.
// Probes a request whose error handler already contains its own retry.
import http from 'node:http';

const RETRYABLE = new Set(['ECONNRESET', 'EPIPE']);
const agent = new http.Agent({ keepAlive: true });
let retries = 0;

function fetchProfile(userId, callback) {
  const path = `/profiles/${userId}`;
  let attempt = 0;
  const send = () => {
    attempt += 1;
    const req = http.get(`${process.env.TARGET_URL}${path}`, { agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => callback(null, { status: res.statusCode, path: JSON.parse(text).path }));
    });
    req.on('error', (err) => {
      if (attempt === 1 && RETRYABLE.has(err.code)) {
        retries += 1;
        console.log(`resending ${path} after ${err.code}`);
        send();
        return;
      }
      callback(err);
    });
  };
  send();
}

const ids = [5, 6, 7, 8, 9];
let ok = 0;
const failures = [];
(function next(i) {
  if (i === ids.length) {
    agent.destroy();
    console.log(`done ok=${ok} failures=${JSON.stringify(failures)} retries=${retries}`);
    return;
  }
  fetchProfile(ids[i], (err, profile) => {
    if (err) {
      failures.push(err.code);
      console.log(`profile ${ids[i]} failed ${err.code}`);
    } else {
      ok += 1;
      console.log(`profile ${ids[i]} status=${profile.status} path=${profile.path}`);
    }
    next(i + 1);
  });
})(0);
