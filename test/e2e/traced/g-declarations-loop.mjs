// A module of function declarations (func-style: declaration) that fetches a
// list of items one after the other in a loop, each GET wrapped in a promise:
//   for (const id of ids) items.push(await fetchItem(id));
// The rewrite writes `send` as a declaration here.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });
const base = process.env.TARGET_URL;

function fetchItem(id) {
  return new Promise((resolve, reject) => {
    const req = http.get(`${base}/items/${id}`, { agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        body += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode, path: JSON.parse(body).path }));
    });
    req.on('error', reject);
  });
}

async function fetchAll(ids) {
  const items = [];
  for (const id of ids) {
    try {
      items.push(await fetchItem(id));
    } catch (err) {
      items.push({ status: err.code, path: `/items/${id}` });
    }
  }
  return items;
}

function report(items) {
  for (const item of items) console.log(`${item.path}: ${item.status}`);
  agent.destroy();
}

fetchAll(['a', 'b', 'c', 'd']).then(report);
