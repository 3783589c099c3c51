// Client class whose `this.baseUrl` points at the current API version and is
// rotated to the next version right after each call is sent; POSTs carry an
// Idempotency-Key from an instance counter:
//   const req = http.request(`${this.baseUrl}${path}`, { headers: { 'idempotency-key': `${this.name}-${this.seq++}` } }, cb); this.rotate();
import http from 'node:http';

class VersionedClient {
  constructor(root, versions) {
    this.root = root;
    this.versions = versions;
    this.index = 0;
    this.baseUrl = `${root}/${versions[0]}`;
    this.name = 'client';
    this.seq = 1;
    this.agent = new http.Agent({ keepAlive: true });
    this.completed = 0;
  }

  rotate() {
    this.index = (this.index + 1) % this.versions.length;
    this.baseUrl = `${this.root}/${this.versions[this.index]}`;
  }

  post(path, payload) {
    return new Promise((resolve, reject) => {
      const body = JSON.stringify(payload);
      const req = http.request(
        `${this.baseUrl}${path}`,
        {
          method: 'POST',
          agent: this.agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'idempotency-key': `${this.name}-${this.seq++}`,
          },
        },
        (res) => {
          let raw = '';
          res.setEncoding('utf8');
          res.on('data', (chunk) => (raw += chunk));
          res.on('end', () => {
            this.completed += 1;
            resolve(JSON.parse(raw));
          });
        },
      );
      req.on('error', reject);
      req.end(body);
      this.rotate();
    });
  }

  close() {
    this.agent.destroy();
  }
}

const client = new VersionedClient(process.env.TARGET_URL, ['v1', 'v2', 'v3']);
const events = ['signup', 'login', 'purchase', 'logout', 'signup'];
for (const [i, type] of events.entries()) {
  try {
    const reply = await client.post(`/events/${i + 1}`, { type, at: i });
    console.log(`${type}: ${reply.path} ${reply.bytes} bytes`);
  } catch (err) {
    console.log(`${type}: ${err.code}`);
  }
}
console.log(`completed=${client.completed} next key=${client.seq} base=${client.baseUrl.replace(/^.*\//, '')}`);
client.close();
