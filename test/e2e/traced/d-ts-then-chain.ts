// Promise-chained client under `strict`: each request starts inside a .then() callback,
// its response handler is a conditional of two inline arrows (typed by http.get's
// signature), and queueMicrotask / process.nextTick log right after it; PUT of a URLSearchParams body:
//   .then(() => { const req = http.get(url, { agent }, detailed ? (res) => ... : (res) => ...); req.on('error', h); queueMicrotask(...) })
import * as http from 'node:http';

const agent = new http.Agent({ keepAlive: true });
const base: string = process.env.TARGET_URL ?? 'http://127.0.0.1:8080';
let detailed = false;
const log: string[] = [];

function step(name: string): Promise<string> {
  return Promise.resolve(name).then(
    (label: string) =>
      new Promise<string>((resolve) => {
        const req = http.get(
          `${base}/sync/${label}`,
          { agent },
          detailed
            ? (res) => {
                let raw = '';
                res.setEncoding('utf8');
                res.on('data', (chunk: string) => (raw += chunk));
                res.on('error', (err: Error) => resolve(`${label}: aborted ${err.message}`));
                res.on('end', () => resolve(`${label}: ${res.statusCode} ${(JSON.parse(raw) as { path: string }).path} [detailed]`));
              }
            : (res) => {
                res.resume();
                res.on('error', (err: Error) => resolve(`${label}: aborted ${err.message}`));
                res.on('end', () => resolve(`${label}: ${res.statusCode}`));
              },
        );
        req.on('error', (err: NodeJS.ErrnoException) => resolve(`${label}: error ${err.code ?? err.message}`));
        queueMicrotask(() => log.push(`microtask after ${label}`));
        process.nextTick(() => log.push(`tick after ${label}`));
        detailed = !detailed;
      }),
  );
}

function upload(name: string, fields: Record<string, string>): Promise<string> {
  return Promise.resolve().then(
    () =>
      new Promise<string>((resolve) => {
        const params = new URLSearchParams(fields);
        const req = http.request(`${base}/forms/${name}`, { method: 'PUT', agent }, (res: http.IncomingMessage) => {
          res.resume();
          res.on('error', (err: Error) => resolve(`form ${name}: aborted ${err.message}`));
          res.on('end', () => resolve(`form ${name}: ${res.statusCode}`));
        });
        req.on('error', (err: NodeJS.ErrnoException) => resolve(`form ${name}: error ${err.code ?? err.message}`));
        req.setHeader('content-type', 'application/x-www-form-urlencoded');
        req.write(params.toString());
        req.end('&sent=1');
        params.append('late', 'yes');
      }),
  );
}

step('users')
  .then((line) => console.log(line))
  .then(() => step('teams'))
  .then((line) => console.log(line))
  .then(() => upload('profile', { name: 'Ada', lang: 'en' }))
  .then((line) => console.log(line))
  .then(() => step('roles'))
  .then((line) => console.log(line))
  .then(() => step('audit'))
  .then((line) => console.log(line))
  .then(() => upload('settings', { theme: 'dark' }))
  .then((line) => console.log(line))
  .finally(() => {
    for (const entry of log) console.log(entry);
    agent.destroy();
  });
