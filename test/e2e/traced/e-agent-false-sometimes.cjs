// A health checker whose probe() takes the agent from its caller: a shared
// keep-alive pool for the frequent checks, `agent: false` (a one-off
// connection, `Connection: close`) for the checks that must not reuse a
// socket, and no agent at all (Node's global agent) for the rest:
//   function probe(target, path, agent, cb) { const req = http.get({ ...target, path, agent }, (res) => ...) }
// The checks run one after another, so the pooled sockets get reused.
// Probes: a caller-supplied agent that is sometimes false. A one-off
// connection is never the keep-alive race; a retry must go through the same
// agent (same Connection header), and a check must report exactly once.
const http = require('node:http');

const url = new URL(process.env.TARGET_URL);
const target = { hostname: url.hostname, port: url.port };
const pool = new http.Agent({ keepAlive: true, maxSockets: 1 });

function probe(where, path, agent, cb) {
  let reported = 0;
  const report = (line) => {
    reported += 1;
    cb(`${line}${reported > 1 ? ` (report #${reported})` : ''}`);
  };
  const req = http.get({ ...where, path, agent, headers: { 'user-agent': 'probe/1.0' } }, (res) => {
    let raw = '';
    res.setEncoding('utf8');
    res.on('data', (chunk) => (raw += chunk));
    res.on('error', (err) => report(`${path}: body ${err.code}`));
    res.on('end', () => report(`${path}: ${res.statusCode} ${JSON.parse(raw).path}`));
  });
  req.on('error', (err) => report(`${path}: ${err.code}`));
}

const checks = [
  { path: '/health/live', agent: pool },
  { path: '/health/ready', agent: pool },
  { path: '/health/db', agent: false },
  { path: '/health/cache', agent: pool },
  { path: '/health/queue', agent: undefined },
  { path: '/health/queue?deep=1', agent: undefined },
  { path: '/health/disk', agent: false },
  { path: '/health/disk?deep=1', agent: false },
  { path: '/health/live?again=1', agent: pool },
  { path: '/health/ready?again=1', agent: pool },
];

const kinds = (agent) => (agent === false ? 'one-off' : agent === undefined ? 'global' : 'pool');

function next(k) {
  if (k === checks.length) {
    console.log(`checks done: ${checks.length}`);
    pool.destroy();
    http.globalAgent.destroy();
    return;
  }
  const { path, agent } = checks[k];
  probe(target, path, agent, (line) => {
    console.log(`[${kinds(agent)}] ${line}`);
    setImmediate(next, k + 1);
  });
}

next(0);
