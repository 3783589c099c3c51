// Fills the agent's pool with three sockets, has the server "restart" (every
// pooled connection goes stale at once), then sends one more request.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });

function get(path) {
  return new Promise((resolve, reject) => {
    const req = http.get(`${process.env.TARGET_URL}${path}`, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
  });
}

/** Tells the server to drop every pooled connection, over a connection of its own. */
function restartServer() {
  return new Promise((resolve, reject) => {
    http.get(`${process.env.TARGET_URL}/__stale`, { agent: false }, (res) => res.resume().on('end', resolve)).on('error', reject);
  });
}

await Promise.all([get('/warm/1'), get('/warm/2'), get('/warm/3')]);
const pooled = Object.values(agent.freeSockets).flat().length;
await restartServer();
let result;
try {
  result = { completed: 1, status: await get('/after-restart'), pooled };
} catch (error) {
  result = { completed: 0, errors: [error.code], pooled };
}
agent.destroy();
console.log(`RESULT ${JSON.stringify(result)}`);
