// Polls a status endpoint every 5 s through a keep-alive agent: the seed
// example from Node's docs for `request.reusedSocket`.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });

setInterval(() => {
  http.get('http://localhost:3000/status', { agent }, (res) => {
    res.on('data', () => {
      // Do nothing
    });
  });
}, 5000);
