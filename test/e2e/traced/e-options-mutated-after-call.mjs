// A job runner that keeps ONE options object for the whole run and, as soon as
// a job has been sent, rewrites it for the next job (path, method, headers,
// Content-Length) while the current response is still on its way:
//   const req = call(options, body, done);   // call() does http.request(options, cb).end(body)
//   prepare(options, jobs[k + 1]);           // mutates options.path / .method / .headers
// Probes: options from a caller, mutated after the call. A retry that re-reads
// the caller's object sends the NEXT job's path, method or Content-Length with
// this job's body (wrong path printed, or the server waits for missing bytes).
import http from 'node:http';

const target = new URL(process.env.TARGET_URL);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function call(options, body, done) {
  const req = http.request(options, (res) => {
    let raw = '';
    res.setEncoding('utf8');
    res.on('data', (chunk) => (raw += chunk));
    res.on('error', (err) => done(err));
    res.on('end', () => done(null, res.statusCode, JSON.parse(raw)));
  });
  req.on('error', (err) => done(err));
  req.end(body);
  return req;
}

const jobs = [
  { id: 'a1', method: 'GET' },
  { id: 'a2', method: 'PUT', payload: { state: 'queued' } },
  { id: 'a3', method: 'GET' },
  { id: 'a4', method: 'PUT', payload: { state: 'running', note: 'a longer note for job a4' } },
  { id: 'a5', method: 'DELETE' },
  { id: 'a6', method: 'GET' },
  { id: 'a7', method: 'PUT', payload: { state: 'done' } },
  { id: 'a8', method: 'GET' },
];

const options = { hostname: target.hostname, port: target.port, agent, headers: {} };

function prepare(opts, job) {
  opts.path = `/jobs/${job.id}`;
  opts.method = job.method;
  opts.headers['x-job-id'] = job.id;
  if (job.payload) {
    opts.headers['content-type'] = 'application/json';
    opts.headers['content-length'] = Buffer.byteLength(JSON.stringify(job.payload));
  } else {
    delete opts.headers['content-type'];
    delete opts.headers['content-length'];
  }
}

let finished = 0;
function run(k) {
  if (k === jobs.length) {
    console.log(`finished ${finished}/${jobs.length}, options left at ${options.method} ${options.path}`);
    agent.destroy();
    return;
  }
  const job = jobs[k];
  const body = job.payload ? JSON.stringify(job.payload) : undefined;
  let calls = 0;
  call(options, body, (err, status, reply) => {
    calls += 1;
    if (err) console.log(`job ${job.id} ${job.method}: error ${err.code} (call ${calls})`);
    else {
      finished += 1;
      console.log(`job ${job.id} ${job.method}: ${status} ${reply.path} bytes=${reply.bytes} (call ${calls})`);
    }
    if (calls === 1) setImmediate(run, k + 1);
  });
  // Get the shared options ready for the next job right away.
  if (k + 1 < jobs.length) prepare(options, jobs[k + 1]);
}

prepare(options, jobs[0]);
run(0);
