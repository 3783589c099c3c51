// Paths built by a small ApiPath class (segments escaped and joined in
// toString(), which counts every render) handed to http.get as the `path`
// option as they are, leaving Node to turn them into text:
//   http.get({ host, port, agent, path: new ApiPath('users', id) }, cb).on('error', h)
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });
const target = new URL(process.env.TARGET_URL);
const renders = new Map();

class ApiPath {
  constructor(...segments) {
    this.segments = segments;
  }

  toString() {
    const text = '/' + this.segments.map((s) => encodeURIComponent(String(s))).join('/');
    renders.set(text, (renders.get(text) ?? 0) + 1);
    return text;
  }
}

const healthPath = new ApiPath('health', 'ready');

function getJson(path) {
  return new Promise((resolve) => {
    http
      .get({ host: target.hostname, port: target.port, agent, path }, (res) => {
        let raw = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (raw += chunk));
        res.on('error', (err) => resolve(`aborted ${err.code}`));
        res.on('end', () => resolve(`${res.statusCode} ${JSON.parse(raw).path}`));
      })
      .on('error', (err) => resolve(`error ${err.code}`));
  });
}

function getUser(id) {
  return new Promise((resolve) => {
    http
      .get({ host: target.hostname, port: target.port, agent, path: new ApiPath('users', id, 'profile') }, (res) => {
        let raw = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (raw += chunk));
        res.on('error', (err) => resolve(`aborted ${err.code}`));
        res.on('end', () => resolve(`${res.statusCode} ${JSON.parse(raw).path}`));
      })
      .on('error', (err) => resolve(`error ${err.code}`));
  });
}

function checkHealth() {
  return new Promise((resolve) => {
    http
      .get({ host: target.hostname, port: target.port, agent, path: healthPath }, (res) => {
        res.resume();
        res.on('error', (err) => resolve(`aborted ${err.code}`));
        res.on('end', () => resolve(`health ${res.statusCode}`));
      })
      .on('error', (err) => resolve(`health error ${err.code}`));
  });
}

console.log(await checkHealth());
for (const id of ['ada', 'grace h', 'linus']) {
  console.log(`user ${id}: ${await getUser(id)}`);
  console.log(await checkHealth());
}
console.log(`teams: ${await getJson('/teams/core')}`);
for (const [text, count] of renders) console.log(`rendered ${text} x${count}`);
agent.destroy();
