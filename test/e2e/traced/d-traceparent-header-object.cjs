// Hand-rolled tracing: every call gets a Span whose toString() renders the W3C
// traceparent value (ids from counters, each render counted), and the Span
// object itself is given as the header value, in the options and via setHeader:
//   const req = http.request(url, { headers: { traceparent: parent } }, cb); req.setHeader('x-span', span); req.end()
const http = require('node:http');

const agent = new http.Agent({ keepAlive: true });
const base = process.env.TARGET_URL;
let nextSpanId = 1;

class Span {
  constructor(name, traceId) {
    this.name = name;
    this.traceId = traceId;
    this.spanId = String(nextSpanId++).padStart(16, '0');
    this.renders = 0;
  }

  toString() {
    this.renders += 1;
    return `00-${this.traceId}-${this.spanId}-01`;
  }
}

const root = new Span('sync-job', '4bf92f3577b34da6a3ce929d0e0e4736');

function fetchStep(step) {
  return new Promise((resolve) => {
    const span = new Span(step, root.traceId);
    const req = http.request(`${base}/steps/${step}`, { agent, headers: { traceparent: root } }, (res) => {
      res.resume();
      res.on('error', (err) => resolve({ span, line: `aborted ${err.code}` }));
      res.on('end', () => resolve({ span, line: `${res.statusCode}` }));
    });
    req.on('error', (err) => resolve({ span, line: `error ${err.code}` }));
    req.setHeader('x-span', span);
    req.end();
  });
}

(async () => {
  for (const step of ['download', 'parse', 'validate', 'store', 'notify']) {
    const { span, line } = await fetchStep(step);
    console.log(`${step}: ${line}, span ${span.spanId} rendered ${span.renders} times`);
  }
  console.log(`root span rendered ${root.renders} times`);
  agent.destroy();
})();
