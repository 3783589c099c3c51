// A 'socket' listener that tunes the socket (setNoDelay, setKeepAlive) and only
// then writes the request body and ends the request; the listener counts its runs.
// Probes user code that performs the request's writes from inside the 'socket' event.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });
let socketListenerRuns = 0;

function submitMetric(name, value) {
  const body = `${name} ${value}\n`;
  return new Promise((resolve, reject) => {
    const req = http.request(`${process.env.TARGET_URL}/metrics/${name}`, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body) },
    });
    req.on('socket', (socket) => {
      socketListenerRuns += 1;
      socket.setNoDelay(true);
      socket.setKeepAlive(true, 1000);
      console.log(`socket ready for ${name}`);
      req.write(body);
      req.end();
    });
    req.on('response', (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => {
        const reply = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        resolve({ status: res.statusCode, bytes: reply.bytes });
      });
    });
    req.on('error', reject);
  });
}

const metrics = [['cpu', 41], ['memory', 7021], ['disk', 88], ['net', 1500]];
let sent = 0;
for (const [name, value] of metrics) {
  try {
    const { status, bytes } = await submitMetric(name, value);
    sent += 1;
    console.log(`metric ${name}: ${status} bytes=${bytes}`);
  } catch (err) {
    console.log(`metric ${name}: ${err.code}`);
  }
}
agent.destroy();
console.log(`sent=${sent} socketListenerRuns=${socketListenerRuns}`);
