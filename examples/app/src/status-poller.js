// Polls a status endpoint through a keep-alive agent: the example from Node's
// docs for request.reusedSocket. STATUS_URL, POLLS and INTERVAL_MS let the
// demo point it at a local server and stop it after a few polls.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });
const statusUrl = process.env.STATUS_URL ?? 'http://localhost:3000/status';
const polls = Number(process.env.POLLS ?? Number.POSITIVE_INFINITY);
let sent = 0;
let answered = 0;

const timer = setInterval(() => {
  if (sent >= polls) return;
  sent += 1;
  http.get(statusUrl, { agent }, (res) => {
    res.resume();
    res.on('end', () => {
      answered += 1;
      console.log(`poll ${answered}: HTTP ${res.statusCode}`);
      if (answered >= polls) {
        clearInterval(timer);
        agent.destroy();
      }
    });
  });
}, Number(process.env.INTERVAL_MS ?? 5000));
