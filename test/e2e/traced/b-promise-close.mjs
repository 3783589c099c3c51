// A wrapper that settles only in the request's 'close' listener, recording the
// status, body and any error along the way; 'error' never rejects by itself.
// Probes code that treats 'close' as "this request is over" exactly once.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
let closeEvents = 0;

function fetchReport(name) {
  return new Promise((resolve) => {
    const outcome = { status: null, body: '', error: null };
    const req = http.request(`${process.env.TARGET_URL}/reports/${name}`, { agent, method: 'GET' }, (res) => {
      outcome.status = res.statusCode;
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        outcome.body += chunk;
      });
    });
    req.on('error', (err) => {
      outcome.error = err.code ?? err.message;
    });
    req.on('close', () => {
      closeEvents += 1;
      resolve(outcome);
    });
    req.end();
  });
}

for (const name of ['daily', 'weekly', 'monthly', 'yearly']) {
  const { status, body, error } = await fetchReport(name);
  if (error) {
    console.log(`report ${name}: error=${error}`);
  } else {
    let path = '?';
    try {
      path = JSON.parse(body).path;
    } catch {
      path = 'incomplete';
    }
    console.log(`report ${name}: status=${status} path=${path}`);
  }
}
agent.destroy();
console.log(`closeEvents=${closeEvents}`);
