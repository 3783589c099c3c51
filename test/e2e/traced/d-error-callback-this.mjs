// getText(path, onText, onFailure) registers the caller's failure callback as the
// request's 'error' listener as it is, and callers pass `function` callbacks that
// read the request from `this` (as EventEmitter listeners may); ping() numbers
// failures in a default parameter:  req.on('error', onFailure) / req.on('error', (err, n = ++failures) => ...)
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });
const base = process.env.TARGET_URL;
let failures = 0;

function getText(path, onText, onFailure) {
  const req = http.get(`${base}${path}`, { agent }, (res) => {
    let raw = '';
    res.setEncoding('utf8');
    res.on('data', (chunk) => (raw += chunk));
    res.on('error', (err) => onFailure.call(req, err));
    res.on('end', () => onText(JSON.parse(raw).path));
  });
  req.on('error', onFailure);
}

function ping(path, done) {
  const req = http.get(`${base}${path}`, { agent }, (res) => {
    res.resume();
    res.on('error', () => done(`ping ${path}: aborted`));
    res.on('end', () => done(`ping ${path}: ${res.statusCode}`));
  });
  req.on('error', (err, failureNumber = ++failures) => done(`ping ${path}: failure #${failureNumber} ${err.code}`));
}

const fetchText = (path) =>
  new Promise((resolve) => {
    getText(
      path,
      (text) => resolve(`text ${text}`),
      function (err) {
        resolve(`${this.method} ${this.path} failed: ${err.code}`);
      },
    );
  });
const pingAsync = (path) => new Promise((resolve) => ping(path, resolve));

for (const page of ['home', 'about', 'pricing', 'blog', 'contact']) {
  console.log(await fetchText(`/pages/${page}`));
  console.log(await pingAsync(`/ping/${page}`));
}
console.log(`failures counted: ${failures}`);
agent.destroy();
