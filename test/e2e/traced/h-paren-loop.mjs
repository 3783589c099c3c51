// A loop of GETs written with the parentheses and literals people leave in
// code: options built in parentheses, a template path, a regular expression
// with flags on each body, and `(res)` in parentheses around the callback's
// parameter. Each GET is awaited in turn; a failed one is logged and the loop
// goes on.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });
const base = new URL(process.env.TARGET_URL);
const WORDS = /[a-z]+/gi;

function get(name) {
  return new Promise((resolve) => {
    const options = ({ hostname: base.hostname, port: (base.port), path: `/catalog/${(name)}?v=${(2 * 1)}`, agent });
    const req = http.get(options, ((res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve(`${name}: ${res.statusCode} ${(body.match(WORDS) ?? []).length} words`));
    }));
    req.on('error', (err) => resolve(`${name}: ${err.code}`));
  });
}

for (const name of ['apples', 'pears', 'plums', 'figs']) {
  console.log(await get(name));
}
agent.destroy();
