// A session client run as a little state machine: the response handler for the
// current step lives in this.onReply, and the client moves on to the next
// step's handler (a fresh arrow function) as soon as the request is out:
//   const req = http.request(url, opts, this.onReply); req.on('error', (err) => ...); req.end(); this.advance();
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });
const STEPS = ['hello', 'list', 'fetch', 'ack', 'bye'];

class Session {
  constructor(base) {
    this.base = base;
    this.step = 0;
    this.settle = () => {};
    this.onReply = (res) => this.collect(res, 0);
  }

  collect(res, step) {
    let raw = '';
    res.setEncoding('utf8');
    res.on('data', (chunk) => (raw += chunk));
    res.on('error', (err) => this.settle(`step ${step} (${STEPS[step]}): response aborted ${err.code}`));
    res.on('end', () => this.settle(`step ${step} (${STEPS[step]}): ${res.statusCode} ${JSON.parse(raw).path}`));
  }

  advance() {
    this.step += 1;
    const step = this.step;
    this.onReply = (res) => this.collect(res, step);
  }

  run(path) {
    return new Promise((resolve) => {
      const step = this.step;
      this.settle = resolve;
      const req = http.request(`${this.base}${path}`, { agent, method: 'GET' }, this.onReply);
      req.on('error', (err) => this.settle(`step ${step} (${STEPS[step]}): failed ${err.code}`));
      req.end();
      this.advance();
    });
  }
}

const session = new Session(process.env.TARGET_URL);
for (const step of STEPS) console.log(await session.run(`/session/${step}`));
console.log(`steps taken: ${session.step}`);
agent.destroy();
