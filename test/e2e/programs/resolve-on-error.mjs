// An options-object request whose error handler resolves instead of rejecting.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });
const target = new URL(process.env.TARGET_URL);
let errorHandlerCalls = 0;

function check(index) {
  return new Promise((resolve) => {
    const req = http.request({ host: target.hostname, port: target.port, path: `/check/${index}`, method: 'GET', agent }, (res) => {
      res.resume();
      res.on('end', () => resolve({ ok: true, status: res.statusCode }));
    });
    req.on('error', (err) => {
      errorHandlerCalls += 1;
      resolve({ ok: false, code: err.code });
    });
    req.end();
  });
}

const results = [];
for (let index = 1; index <= Number(process.env.REQUESTS ?? 5); index += 1) results.push(await check(index));
agent.destroy();
console.log(
  `RESULT ${JSON.stringify({
    completed: results.filter((result) => result.ok).length,
    errors: results.filter((result) => !result.ok).map((result) => result.code),
    errorHandlerCalls,
  })}`,
);
