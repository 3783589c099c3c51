// Dashboard loader: prefetches all widgets at once with Promise.all(ids.map(...)),
// then loads each widget's details one by one through the app's own retry helper,
// which already retries ECONNRESET up to 3 tries:
//   await withRetry(() => getJson(`/details/${id}`), { tries: 3 })
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });
const base = process.env.TARGET_URL;

function getJson(path) {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}${path}`, { agent, headers: { accept: 'application/json' } }, (res) => {
      let raw = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (raw += chunk));
      res.on('end', () => resolve({ status: res.statusCode, path: JSON.parse(raw).path }));
    });
    req.on('error', reject);
  });
}

async function withRetry(task, { tries }) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await task();
    } catch (err) {
      if (attempt >= tries || (err.code !== 'ECONNRESET' && err.code !== 'EPIPE')) throw err;
    }
  }
}

const widgetIds = ['cpu', 'memory', 'disk', 'network', 'latency', 'errors'];
const widgets = await Promise.all(
  widgetIds.map(async (id) => {
    try {
      return await getJson(`/widgets/${id}`);
    } catch (err) {
      return { status: err.code, path: `/widgets/${id}` };
    }
  }),
);
for (const widget of widgets) console.log(`widget ${widget.path}: ${widget.status}`);

let loaded = 0;
for (const id of widgetIds) {
  try {
    const detail = await withRetry(() => getJson(`/details/${id}`), { tries: 3 });
    loaded += 1;
    console.log(`details ${id}: ${detail.status} ${detail.path}`);
  } catch (err) {
    console.log(`details ${id}: gave up (${err.code})`);
  }
}
console.log(`details loaded: ${loaded}/${widgetIds.length}`);
agent.destroy();
