// Charges a card: a POST without an idempotency key. Sending it twice could
// charge twice, so the codemod leaves it alone and the rule says why.
import https from 'node:https';

const agent = new https.Agent({ keepAlive: true, timeout: 4000 });

export function charge(payment) {
  return new Promise((resolve, reject) => {
    const req = https.request('https://payments.example/charges', { method: 'POST', agent }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('error', reject);
    req.end(JSON.stringify(payment));
  });
}
