// Heartbeat sender that tunes the socket in one line by chaining off end()/on():
//   req.end(body).setSocketKeepAlive(true, 1000)  and
//   http.get(url, opts, cb).on('error', h).setNoDelay(true)
// Probes kind 1 (chains ending in calls that return undefined) and kind 2 (body order).
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });
const base = process.env.TARGET_URL;
const handles = [];

function beat(n) {
  return new Promise((resolve) => {
    const req = http.request(`${base}/heartbeat/${n}`, { method: 'POST', agent, headers: { 'content-type': 'text/plain' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ n, status: res.statusCode, bytes: JSON.parse(text).bytes }));
    });
    req.on('error', (err) => resolve({ n, error: err.code }));
    req.write(`beat=${n}\n`);
    handles.push(req.end(`from=client-${n}\n`).setSocketKeepAlive(true, 1000));
  });
}

function status(n) {
  return new Promise((resolve) => {
    http
      .get(`${base}/status/${n}`, { agent }, (res) => {
        res.resume();
        res.on('end', () => resolve({ n, status: res.statusCode }));
      })
      .on('error', (err) => resolve({ n, error: err.code }))
      .setNoDelay(true);
  });
}

for (let n = 1; n <= 4; n += 1) {
  const result = await beat(n);
  console.log(`heartbeat ${JSON.stringify(result)}`);
  const st = await status(n);
  console.log(`status ${JSON.stringify(st)}`);
}
console.log(`kept ${handles.length} handles, ${handles.filter(Boolean).length} usable`);
agent.destroy();
