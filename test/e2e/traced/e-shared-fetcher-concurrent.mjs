// One fetchJson(opts, cb) helper shared by three sync workers (one after
// another in the suite, see below), each walking its own list of pages one after another. They share
// a keep-alive agent (no socket limit), so a worker's next page often goes out
// on a socket another worker just freed. Each worker passes its own options
// object and its own callback; the callback counts how often it ran.
//   function fetchJson(opts, cb) { const req = http.request(opts, (res) => ...cb(null, body)); req.on('error', cb); req.end(); }
// Results are printed at the end in a fixed order (the workers interleave).
// Probes: a request function called by several callers concurrently with
// per-caller options; a retry must use the caller's own options (not another
// worker's), and each callback must run exactly once.
import http from 'node:http';

const target = new URL(process.env.TARGET_URL);
const agent = new http.Agent({ keepAlive: true });

function fetchJson(opts, cb) {
  const req = http.request(opts, (res) => {
    let raw = '';
    res.setEncoding('utf8');
    res.on('data', (chunk) => (raw += chunk));
    res.on('error', (err) => cb(err));
    res.on('end', () => {
      try {
        cb(null, res.statusCode, JSON.parse(raw));
      } catch (err) {
        cb(err);
      }
    });
  });
  req.on('error', (err) => cb(err));
  req.end();
}

function worker(name, pages) {
  const lines = [];
  const opts = {
    hostname: target.hostname,
    port: target.port,
    agent,
    headers: { 'x-worker': name, accept: 'application/json' },
  };
  return new Promise((resolve) => {
    const step = (k) => {
      if (k === pages.length) return resolve(lines);
      // The worker reuses its options object, only the path changes per page.
      opts.path = `/sync/${name}/${pages[k]}`;
      let runs = 0;
      fetchJson(opts, (err, status, body) => {
        runs += 1;
        if (runs > 1) {
          lines.push(`${name} ${pages[k]}: callback ran again (${runs})`);
          return;
        }
        lines.push(err ? `${name} ${pages[k]}: ${err.code}` : `${name} ${pages[k]}: ${status} ${body.path}`);
        setImmediate(step, k + 1);
      });
    };
    step(0);
  });
}

// In the suite the workers run one after another (each hands its sockets to the next): run at the same time,
// which request meets a reset depends on scheduling, and the before/after traces could not be compared.
const results = [];
results.push(await worker('users', ['p1', 'p2', 'p3', 'p4', 'p5']));
results.push(await worker('groups', ['p1', 'p2', 'p3', 'p4']));
results.push(await worker('roles', ['p1', 'p2', 'p3', 'p4', 'p5', 'p6']));
// Late duplicate callbacks would land after this point; give them one turn.
await new Promise((resolve) => setImmediate(resolve));
for (const lines of results) for (const line of lines) console.log(line);
agent.destroy();
