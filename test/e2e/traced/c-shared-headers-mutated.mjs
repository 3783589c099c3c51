// Sync client that keeps one headers object for the whole session and bumps a
// revision header right after each PUT is sent; the options object is also
// reused and patched with Object.assign for the next call:
//   const req = http.request(options, cb); req.end(body); headers['x-revision'] = ...; Object.assign(options, { path: next })
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });
const target = new URL(process.env.TARGET_URL);
const headers = { 'content-type': 'text/plain', 'x-revision': '1', 'x-client': 'sync/2.1' };
const options = { hostname: target.hostname, port: target.port, method: 'PUT', path: '/docs/intro', agent, headers };
const docs = ['intro', 'install', 'usage', 'faq', 'changelog'];

function push(text, nextPath) {
  return new Promise((resolve) => {
    const req = http.request(options, (res) => {
      let raw = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (raw += chunk));
      res.on('end', () => resolve(`${res.statusCode} ${JSON.parse(raw).path} ${JSON.parse(raw).bytes}b`));
    });
    req.on('error', (err) => resolve(`error ${err.code}`));
    req.end(text);
    headers['x-revision'] = String(Number(headers['x-revision']) + 1);
    Object.assign(options, { path: nextPath });
  });
}

for (let i = 0; i < docs.length; i += 1) {
  const next = docs[i + 1] ?? 'done';
  const line = await push(`# ${docs[i]}\n`.repeat(i + 1), `/docs/${next}`);
  console.log(`${docs[i]}: ${line} (next revision ${headers['x-revision']})`);
}
agent.destroy();
