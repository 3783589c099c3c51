// An item fetcher: getItem(options, onDone) takes its options from the caller, who walks a list of
// ids in a for loop with `let`, one request after another over a keep-alive agent (each one reuses
// the socket the previous one freed), and counts how often each callback ran.
import http from 'node:http';

const target = new URL(process.env.TARGET_URL);
const agent = new http.Agent({ keepAlive: true });

function getItem(options, onDone) {
  const req = http.get(options, (res) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (chunk) => (body += chunk));
    res.on('end', () => onDone(null, res.statusCode, JSON.parse(body).path));
  });
  req.on('error', (err) => onDone(err));
}

const ids = ['a1', 'b2', 'c3', 'd4', 'e5'];
const calls = new Map();
for (let i = 0; i < ids.length; i++) {
  const id = ids[i];
  await new Promise((resolve) => {
    getItem({ hostname: target.hostname, port: target.port, path: `/items/${id}?n=${i}`, agent }, (err, status, path) => {
      calls.set(id, (calls.get(id) ?? 0) + 1);
      console.log(err ? `${id}: ${err.code}` : `${id}: ${status} ${path}`);
      resolve();
    });
  });
}
console.log(`callbacks: ${[...calls.values()].join(',')}`);
agent.destroy();
