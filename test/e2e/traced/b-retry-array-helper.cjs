// A promise-wrapped POST that already retries inside its error handler, using an
// array of codes and a same-file isRetryable(err) helper; each attempt resends the
// same body and Idempotency-Key. Probes an existing retry behind a helper function.
const http = require('node:http');

const RETRYABLE_CODES = ['ECONNRESET', 'EPIPE', 'ETIMEDOUT'];
const MAX_ATTEMPTS = 3;

function isRetryable(err) {
  return Boolean(err) && RETRYABLE_CODES.includes(err.code);
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const target = new URL(process.env.TARGET_URL);
let retriesDone = 0;

function postPayment(id, amount) {
  const body = JSON.stringify({ id, amount, currency: 'EUR' });
  return new Promise((resolve, reject) => {
    const attempt = (n) => {
      const req = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: `/payments/${id}`,
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'idempotency-key': `pay-${id}`,
          },
        },
        (res) => {
          const chunks = [];
          res.on('data', (c) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode, reply: JSON.parse(Buffer.concat(chunks)) }));
        },
      );
      req.on('error', (err) => {
        if (n < MAX_ATTEMPTS && isRetryable(err)) {
          retriesDone += 1;
          console.log(`payment ${id}: attempt ${n} failed with ${err.code}, trying again`);
          attempt(n + 1);
        } else {
          reject(err);
        }
      });
      req.end(body);
    };
    attempt(1);
  });
}

async function main() {
  let total = 0;
  for (const [id, amount] of [[101, 5], [102, 12], [103, 7], [104, 30]]) {
    try {
      const { status, reply } = await postPayment(id, amount);
      total += amount;
      console.log(`payment ${id}: status=${status} path=${reply.path} bytes=${reply.bytes}`);
    } catch (err) {
      console.log(`payment ${id}: gave up ${err.code}`);
    }
  }
  agent.destroy();
  console.log(`total=${total} retriesDone=${retriesDone}`);
}

main();
