// HTTPS GETs through `new https.Agent({ keepAlive: true })` with options parsed
// from the base URL, checking that the TLS peer was authorized on each response.
// Probes https.request with a keep-alive TLS agent and sequential reuse.
import https from 'node:https';

const base = new URL(process.env.TARGET_URL);
const agent = new https.Agent({ keepAlive: true });
let handled = 0;

function getJson(path) {
  return new Promise((resolve, reject) => {
    const req = https.request(
      { hostname: base.hostname, port: base.port, path, method: 'GET', agent, headers: { accept: 'application/json' } },
      (res) => {
        handled += 1;
        const authorized = res.socket.authorized;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode, authorized, path: JSON.parse(text).path }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

for (const repo of ['alpha', 'beta', 'gamma', 'delta']) {
  try {
    const { status, authorized, path } = await getJson(`/repos/${repo}/releases`);
    console.log(`${repo}: ${status} authorized=${authorized} ${path}`);
  } catch (err) {
    console.log(`${repo}: ${err.code}`);
  }
}
agent.destroy();
console.log(`handled=${handled}`);
