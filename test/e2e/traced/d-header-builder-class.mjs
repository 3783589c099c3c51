// Headers kept in a small chainable HeaderSet class (own fields are the headers,
// methods live on the prototype); the pager moves the set to the next page as
// soon as the request for this one is out:
//   const req = http.get(url, { agent, headers: pageHeaders }, cb); req.on('error', h); pageHeaders.set('x-page', next)
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });
const base = process.env.TARGET_URL;

class HeaderSet {
  constructor(init) {
    Object.assign(this, init);
  }

  set(name, value) {
    this[name.toLowerCase()] = String(value);
    return this;
  }
}

const pageHeaders = new HeaderSet({ accept: 'application/json', 'x-page': '1', 'x-page-size': '25' });

function fetchPage(page) {
  return new Promise((resolve) => {
    const req = http.get(`${base}/reports/2024?page=${page}`, { agent, headers: pageHeaders }, (res) => {
      let raw = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (raw += chunk));
      res.on('error', (err) => resolve(`aborted ${err.code}`));
      res.on('end', () => resolve(`${res.statusCode} ${JSON.parse(raw).path}`));
    });
    req.on('error', (err) => resolve(`error ${err.code}`));
    pageHeaders.set('x-page', page + 1);
  });
}

for (let page = 1; page <= 5; page += 1) {
  console.log(`page ${page}: ${await fetchPage(page)} (next x-page ${pageHeaders['x-page']})`);
}
agent.destroy();
