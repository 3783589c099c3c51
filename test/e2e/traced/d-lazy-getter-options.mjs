// Options with lazy getters: the options literal computes `path` and `headers`
// in getters (each read is logged), and the response handler is made by
// timed(label, fn), which logs when the handler is created:
//   const req = http.get({ agent, get path() {...}, get headers() {...} }, timed(label, onReply)); req.on('error', h)
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });
const target = new URL(process.env.TARGET_URL);
let getterReads = 0;

function timed(label, fn) {
  console.log(`  handler ready: ${label}`);
  return fn;
}

function load(route, tenant) {
  return new Promise((resolve) => {
    const req = http.get(
      {
        hostname: target.hostname,
        port: target.port,
        agent,
        get path() {
          getterReads += 1;
          console.log(`  read path ${route}`);
          return route;
        },
        get headers() {
          getterReads += 1;
          console.log(`  read headers for ${tenant}`);
          return { 'x-tenant': tenant, accept: 'application/json' };
        },
      },
      timed(`${tenant} ${route}`, (res) => {
        let raw = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (raw += chunk));
        res.on('error', (err) => resolve(`response aborted (${err.code})`));
        res.on('end', () => resolve(`${res.statusCode} ${JSON.parse(raw).path}`));
      }),
    );
    req.on('error', (err) => resolve(`error ${err.code}`));
  });
}

const plan = [
  ['/catalog/1', 'acme'],
  ['/catalog/2', 'acme'],
  ['/catalog/3', 'globex'],
  ['/catalog/4', 'initech'],
  ['/catalog/5', 'globex'],
];
for (const [route, tenant] of plan) {
  console.log(`load ${tenant} ${route}`);
  console.log(`  -> ${await load(route, tenant)}`);
}
console.log(`getter reads: ${getterReads}`);
agent.destroy();
