// Submits orders with a method chosen at run time (METHOD), and an
// Idempotency-Key header when IDEMPOTENCY_KEY is set.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });
let errorHandlerCalls = 0;

function submit(index, order) {
  const headers = { 'content-type': 'application/json' };
  if (process.env.IDEMPOTENCY_KEY) headers['idempotency-key'] = `${process.env.IDEMPOTENCY_KEY}-${index}`;
  return new Promise((resolve, reject) => {
    const req = http.request(`${process.env.TARGET_URL}/orders/${index}`, { method: process.env.METHOD ?? 'POST', agent, headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', (err) => {
      errorHandlerCalls += 1;
      reject(err);
    });
    req.end(JSON.stringify(order));
  });
}

const errors = [];
let completed = 0;
for (let index = 1; index <= Number(process.env.REQUESTS ?? 3); index += 1) {
  try {
    await submit(index, { index, item: 'book' });
    completed += 1;
  } catch (error) {
    errors.push(error.code);
  }
}
agent.destroy();
console.log(`RESULT ${JSON.stringify({ completed, errors, errorHandlerCalls })}`);
