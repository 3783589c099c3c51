// Already safe: retries once per reused socket, only for the keep-alive race,
// and passes every other error on. The rule has nothing to say here.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, timeout: 4000 });

export function fetchStatus(callback, attempt = 0) {
  const req = http.get('http://localhost:3000/status', { agent }, (res) => callback(null, res));
  req.on('error', (err) => {
    if (req.reusedSocket && err.code === 'ECONNRESET' && attempt < 3) {
      fetchStatus(callback, attempt + 1);
      return;
    }
    callback(err);
  });
}
