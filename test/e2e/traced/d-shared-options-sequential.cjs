// Log shipper that keeps ONE options object for every upload and re-points it
// (path and a nested header) before each call; two uploads are in flight at once
// through Node's global agent, and each body is three req.write()s numbered by a counter:
//   options.path = ...; options.headers['x-batch'] = ...; const req = http.request(options, cb); req.write(nextLine(a)); req.write(nextLine(b)); req.end(nextLine(c))
const http = require('node:http');

const target = new URL(process.env.TARGET_URL);
const options = {
  hostname: target.hostname,
  port: target.port,
  method: 'PUT',
  path: '/',
  headers: { 'content-type': 'text/plain', 'x-batch': 'none' },
};
let lineNumber = 0;

function nextLine(text) {
  lineNumber += 1;
  return `${lineNumber}: ${text}\n`;
}

function upload(name, lines) {
  options.path = `/logs/${name}`;
  options.headers['x-batch'] = name;
  return new Promise((resolve) => {
    const req = http.request(options, (res) => {
      let raw = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (raw += chunk));
      res.on('error', (err) => resolve(`${name}: aborted ${err.code}`));
      res.on('end', () => resolve(`${name}: ${res.statusCode} ${JSON.parse(raw).path} ${JSON.parse(raw).bytes} bytes`));
    });
    req.on('error', (err) => resolve(`${name}: error ${err.code}`));
    req.write(nextLine(lines[0]));
    req.write(nextLine(lines[1]));
    req.end(nextLine(lines[2]));
  });
}

async function main() {
  for (const wave of [['boot', 'auth'], ['web', 'db'], ['cron', 'mail'], ['cache', 'queue']]) {
    const pending = wave.map((name) => upload(name, [`${name} started`, `${name} busy`, `${name} idle`]));
    for (const line of await Promise.all(pending)) console.log(line);
  }
  console.log(`lines written: ${lineNumber}`);
  http.globalAgent.destroy();
}

main();
