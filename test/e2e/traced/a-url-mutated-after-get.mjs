// Pager that keeps one URL object and advances it as soon as the request is out:
//   const pending = getJson(url); url.searchParams.set('page', n + 1); await pending
// Probes kind 3 (a URL object mutated after it was passed to http.get).
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const url = new URL('/reports', process.env.TARGET_URL);
url.searchParams.set('page', '1');
url.searchParams.set('size', '20');

function getJson(u) {
  return new Promise((resolve, reject) => {
    http
      .get(u, { agent }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode, data: JSON.parse(text) }));
      })
      .on('error', reject);
  });
}

let pages = 0;
for (let page = 1; page <= 4; page += 1) {
  const pending = getJson(url);
  url.searchParams.set('page', String(page + 1));
  try {
    const { status, data } = await pending;
    pages += 1;
    console.log(`page ${page}: ${status} ${data.path}`);
  } catch (err) {
    console.log(`page ${page}: ${err.code}`);
  }
}

// Same idea with the pathname: fire, then retarget the object for the next export.
const exportUrl = new URL('/exports/csv', process.env.TARGET_URL);
const first = getJson(exportUrl);
exportUrl.pathname = '/exports/json';
const second = getJson(exportUrl);
exportUrl.pathname = '/exports/done';
for (const [label, p] of [['csv', first], ['json', second]]) {
  try {
    const { status, data } = await p;
    console.log(`export ${label}: ${status} ${data.path}`);
  } catch (err) {
    console.log(`export ${label}: ${err.code}`);
  }
}
console.log(`pages read: ${pages}, url now ${url.pathname}${url.search}`);
agent.destroy();
