// Feed reader whose URL template reads a `let cursor` and a getter-based config;
// the cursor is advanced right after the request is issued, before its response:
//   const req = http.get(`${config.feedUrl}?cursor=${cursor}&limit=${config.limit}`, { agent }, cb); cursor += config.limit;
// The config getters count how often they are read.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });
let reads = 0;
const config = {
  get feedUrl() {
    reads += 1;
    return `${process.env.TARGET_URL}/feed/events`;
  },
  get limit() {
    reads += 1;
    return 25;
  },
};
let cursor = 0;

function nextPage() {
  return new Promise((resolve, reject) => {
    const req = http.get(`${config.feedUrl}?cursor=${cursor}&limit=${config.limit}`, { agent }, (res) => {
      let raw = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (raw += chunk));
      res.on('end', () => resolve(JSON.parse(raw).path));
    });
    req.on('error', reject);
    cursor += config.limit;
  });
}

for (let page = 1; page <= 4; page += 1) {
  try {
    const path = await nextPage();
    console.log(`page ${page}: ${path}`);
  } catch (err) {
    console.log(`page ${page}: ${err.code}`);
  }
}
console.log(`cursor=${cursor} config reads=${reads}`);
agent.destroy();
