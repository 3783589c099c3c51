// A tiny event-style client in the manner of older libraries (request, needle):
// open(opts) calls http.request(opts) with NO callback and returns the request;
// the caller then listens for 'response', 'finish', 'error' and 'close' on it
// and counts every event per call:
//   function open(opts) { return http.request(opts); }
//   const req = open({ ...base, path }); req.once('response', onRes); req.on('close', ...); req.end();
// Probes: options from a parameter with listeners added by the caller after
// the call. Each caller-visible request must emit 'response' or 'error' once
// and 'close' once; a retry that lets the abandoned attempt's events through
// (or loses the caller's listeners) changes the event counts printed.
import http from 'node:http';

const target = new URL(process.env.TARGET_URL);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function open(opts) {
  return http.request(opts);
}

function fetchOne(path, method = 'GET', body) {
  return new Promise((resolve) => {
    const counts = { response: 0, finish: 0, error: 0, close: 0 };
    let outcome = 'none';
    const req = open({ hostname: target.hostname, port: target.port, agent, method, path, headers: { 'x-caller': 'events' } });
    req.on('finish', () => (counts.finish += 1));
    req.once('response', (res) => {
      counts.response += 1;
      let raw = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (raw += chunk));
      res.on('error', (err) => (outcome = `body ${err.code}`));
      res.on('end', () => (outcome = `${res.statusCode} ${JSON.parse(raw).path} bytes=${JSON.parse(raw).bytes}`));
    });
    req.on('error', (err) => {
      counts.error += 1;
      outcome = err.code;
    });
    req.on('close', () => {
      counts.close += 1;
      // Give late events of the same request a turn before reporting.
      setImmediate(() => resolve({ path, outcome, counts }));
    });
    req.end(body);
  });
}

const calls = [
  ['/events/1'],
  ['/events/2'],
  ['/events/3', 'PUT', 'payload-three'],
  ['/events/4'],
  ['/events/5', 'DELETE'],
  ['/events/6'],
];
for (const [path, method, body] of calls) {
  const { outcome, counts } = await fetchOne(path, method, body);
  console.log(
    `${method ?? 'GET'} ${path}: ${outcome} (response=${counts.response} finish=${counts.finish} error=${counts.error} close=${counts.close})`,
  );
}
agent.destroy();
