// Node's own example for request.reusedSocket: poll through a keep-alive agent.
// Stops after REQUESTS responses; each poll asks for its own path, /seed/<n>.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });
const wanted = Number(process.env.REQUESTS ?? 5);
let sent = 0;
let received = 0;

const timer = setInterval(() => {
  if (sent === wanted) return;
  sent += 1;
  http.get(`${process.env.TARGET_URL}/seed/${sent}`, { agent }, (res) => {
    res.on('data', () => {});
    res.on('end', () => {
      received += 1;
      if (received === wanted) {
        clearInterval(timer);
        agent.destroy();
        console.log(`RESULT ${JSON.stringify({ completed: received })}`);
      }
    });
  });
}, Number(process.env.INTERVAL_MS ?? 30));
