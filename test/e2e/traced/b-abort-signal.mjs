// Cancellation through an AbortController whose signal goes in the request
// options: some requests complete, one is cancelled right after it is issued,
// one gets an already-aborted signal, one is cancelled while its body is still pending.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });
const target = new URL(process.env.TARGET_URL);
let responses = 0;

function send(path, { signal, body, abortAfterFirstChunkMs, controller }) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { hostname: target.hostname, port: target.port, path, method: body ? 'POST' : 'GET', agent, signal },
      (res) => {
        responses += 1;
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('error', reject);
    if (!body) {
      req.end();
      return;
    }
    req.write(body[0]);
    if (abortAfterFirstChunkMs !== undefined) {
      const timer = setTimeout(() => {
        console.log(`${path}: aborting mid-body`);
        controller.abort();
      }, abortAfterFirstChunkMs);
      req.on('close', () => clearTimeout(timer));
      return;
    }
    req.end(body[1]);
  });
}

async function attempt(label, path, make) {
  try {
    const status = await make(path);
    console.log(`${label} ${path}: status ${status}`);
  } catch (err) {
    console.log(`${label} ${path}: ${err.name} ${err.code}`);
  }
}

await attempt('plain', '/search/1', (path) => send(path, { signal: new AbortController().signal }));
await attempt('cancel-now', '/search/2', (path) => {
  const controller = new AbortController();
  const pending = send(path, { signal: controller.signal });
  controller.abort();
  return pending;
});
await attempt('plain', '/search/3', (path) => send(path, { signal: AbortSignal.timeout(5000) }));
await attempt('pre-aborted', '/search/4', (path) => send(path, { signal: AbortSignal.abort() }));
await attempt('upload', '/search/5', (path) => {
  const controller = new AbortController();
  return send(path, { signal: controller.signal, body: ['q=cats&', 'page=2'] });
});
await attempt('cancel-mid-body', '/search/6', (path) => {
  const controller = new AbortController();
  return send(path, { signal: controller.signal, controller, body: ['q=dogs&', 'page=3'], abortAfterFirstChunkMs: 50 });
});
const late = new AbortController();
await attempt('abort-after-done', '/search/7', (path) => send(path, { signal: late.signal }));
late.abort();
await attempt('plain', '/search/8', (path) => send(path, { signal: new AbortController().signal }));
agent.destroy();
console.log(`responses=${responses}`);
