// A tiny in-file metrics shim: instrument(http, 'get') wraps the module's get
// (counting and logging outgoing calls) before the app uses it, the way APM
// agents patch core modules; the app then calls http.get as usual:
//   instrument(http, 'get'); ... const req = http.get(url, { agent }, cb); req.on('error', h)
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });
const base = process.env.TARGET_URL;
const metrics = { calls: 0, byPath: new Map() };

function instrument(module, name) {
  const original = module[name];
  module[name] = function instrumented(url, ...rest) {
    metrics.calls += 1;
    const path = new URL(url).pathname;
    metrics.byPath.set(path, (metrics.byPath.get(path) ?? 0) + 1);
    console.log(`  [metrics] ${name} #${metrics.calls} ${path}`);
    return original.call(this, url, ...rest);
  };
}

instrument(http, 'get');

function fetchStatus(path) {
  return new Promise((resolve) => {
    const req = http.get(`${base}${path}`, { agent }, (res) => {
      res.resume();
      res.on('error', (err) => resolve(`${path}: aborted ${err.code}`));
      res.on('end', () => resolve(`${path}: ${res.statusCode}`));
    });
    req.on('error', (err) => resolve(`${path}: error ${err.code}`));
  });
}

for (const service of ['auth', 'billing', 'search', 'mail', 'files']) {
  console.log(await fetchStatus(`/status/${service}`));
}
console.log(`instrumented calls: ${metrics.calls}`);
for (const [path, count] of metrics.byPath) console.log(`  ${path} x${count}`);
agent.destroy();
