// JSON POSTs over HTTPS to a URL string plus options (method, headers with an
// Idempotency-Key) through a keep-alive https.Agent limited to one socket.
// Probes https.request(url, options, cb) with a body and a per-request key.
const https = require('node:https');

const agent = new https.Agent({ keepAlive: true, maxSockets: 1 });
const counters = { responses: 0, errors: 0 };

function createInvoice(number, lines) {
  const body = JSON.stringify({ number, lines });
  return new Promise((resolve, reject) => {
    const req = https.request(
      `${process.env.TARGET_URL}/invoices/${number}`,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'idempotency-key': `invoice-${number}`,
        },
      },
      (res) => {
        counters.responses += 1;
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode, reply: JSON.parse(text) }));
      },
    );
    req.on('error', (err) => {
      counters.errors += 1;
      reject(err);
    });
    req.write(body);
    req.end();
  });
}

async function main() {
  const invoices = [
    [9001, ['widget']],
    [9002, ['widget', 'gadget']],
    [9003, ['service', 'support', 'shipping']],
    [9004, []],
  ];
  for (const [number, lines] of invoices) {
    try {
      const { status, reply } = await createInvoice(number, lines);
      console.log(`invoice ${number}: ${status} ${reply.path} bytes=${reply.bytes}`);
    } catch (err) {
      console.log(`invoice ${number}: failed ${err.code}`);
    }
  }
  agent.destroy();
  console.log(`responses=${counters.responses} errors=${counters.errors}`);
}

main().catch((err) => {
  console.log(`unexpected ${err.message}`);
  process.exitCode = 1;
});
