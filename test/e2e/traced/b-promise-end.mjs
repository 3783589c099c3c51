// A `new Promise` wrapper for a PATCH with a JSON body: resolve in the response's
// 'end' handler with the collected text, reject from the request's 'error' handler.
// Probes the common upload wrapper where both settle paths live in listeners.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });
let endHandlers = 0;
let errorHandlers = 0;

function patchSettings(userId, changes) {
  const payload = JSON.stringify(changes);
  return new Promise((resolve, reject) => {
    const req = http.request(`${process.env.TARGET_URL}/users/${userId}/settings`, {
      method: 'PATCH',
      agent,
      headers: { 'content-type': 'application/json', 'idempotency-key': `settings-${userId}-${payload.length}` },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => {
        endHandlers += 1;
        resolve({ status: res.statusCode, body: JSON.parse(text) });
      });
      res.on('error', reject);
    });
    req.on('error', (err) => {
      errorHandlers += 1;
      reject(err);
    });
    req.end(payload);
  });
}

const updates = [
  [21, { theme: 'dark' }],
  [22, { theme: 'light', language: 'fr' }],
  [23, { notifications: false }],
  [24, { theme: 'dark', timezone: 'Europe/Paris' }],
];
for (const [userId, changes] of updates) {
  try {
    const { status, body } = await patchSettings(userId, changes);
    console.log(`user ${userId}: ${status} ${body.path} bytes=${body.bytes}`);
  } catch (err) {
    console.log(`user ${userId}: ${err.code ?? err.message}`);
  }
}
agent.destroy();
console.log(`endHandlers=${endHandlers} errorHandlers=${errorHandlers}`);
