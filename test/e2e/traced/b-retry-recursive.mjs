// A sender that retries by calling itself with a decremented counter when the
// PUT fails with ECONNRESET, passing the same payload down each level.
// Probes a hand-written recursive retry around http.request on a maxSockets: 1 agent.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
let sendCalls = 0;

function sendEvent(index, payload, retriesLeft, done) {
  sendCalls += 1;
  const req = http.request(
    `${process.env.TARGET_URL}/events/${index}`,
    { method: 'PUT', agent, headers: { 'content-type': 'text/plain' } },
    (res) => {
      res.resume();
      res.on('end', () => done(null, res.statusCode));
    },
  );
  req.on('error', (err) => {
    if (err.code === 'ECONNRESET' && retriesLeft > 0) {
      console.log(`event ${index}: ${err.code}, ${retriesLeft} retries left`);
      sendEvent(index, payload, retriesLeft - 1, done);
      return;
    }
    done(err);
  });
  req.write(payload);
  req.end();
}

const events = ['login', 'view', 'click', 'purchase', 'logout'];
const results = [];
function run(i) {
  if (i === events.length) {
    agent.destroy();
    console.log(`results=${results.join(',')} sendCalls=${sendCalls}`);
    return;
  }
  sendEvent(i + 1, `event=${events[i]}&seq=${i + 1}`, 2, (err, status) => {
    const outcome = err ? err.code : String(status);
    results.push(outcome);
    console.log(`event ${i + 1} (${events[i]}): ${outcome}`);
    run(i + 1);
  });
}
run(0);
