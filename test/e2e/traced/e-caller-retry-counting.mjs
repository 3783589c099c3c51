// A catalogue importer that already retries on its own: getJSON(opts, onDone,
// onError) is a thin wrapper over http.get, and the caller's withRetries()
// calls it again from onError (after a short backoff), up to 3 attempts,
// stamping the attempt number in a header of ITS options object each time:
//   opts.headers['x-attempt'] = String(attempt); getJSON(opts, done, (err) => attempt < 3 ? setTimeout(again, 5) : fail(err))
// Probes: error callbacks that the caller retries itself, counting attempts,
// and onDone/onError that must fire once per attempt, never both. A rewrite
// that retries AND reports the error, or reports success twice, shows as an
// attempt count above 1 on a healthy-looking run or as a "twice" line.
import http from 'node:http';

const base = new URL(process.env.TARGET_URL);
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function getJSON(opts, onDone, onError) {
  const req = http.get(opts, (res) => {
    let raw = '';
    res.setEncoding('utf8');
    res.on('data', (chunk) => (raw += chunk));
    res.on('error', onError);
    res.on('end', () => onDone(res.statusCode, JSON.parse(raw)));
  });
  req.on('error', onError);
}

function withRetries(path, maxAttempts) {
  const opts = {
    hostname: base.hostname,
    port: base.port,
    path,
    agent,
    headers: { accept: 'application/json', 'x-attempt': '0' },
  };
  return new Promise((resolve) => {
    let attempt = 0;
    let settled = false;
    const errors = [];
    const settle = (line) => {
      if (settled) {
        console.log(`${path}: settled twice (${line})`);
        return;
      }
      settled = true;
      resolve(line);
    };
    const tryOnce = () => {
      attempt += 1;
      opts.headers['x-attempt'] = String(attempt);
      const mine = attempt;
      let doneCalls = 0;
      let errorCalls = 0;
      getJSON(
        opts,
        (status, body) => {
          doneCalls += 1;
          if (doneCalls + errorCalls > 1) console.log(`${path}: attempt ${mine} reported twice (done after ${errorCalls} error)`);
          settle(`${path}: ${status} ${body.path} after ${attempt} attempt(s), errors=[${errors.join(',')}]`);
        },
        (err) => {
          errorCalls += 1;
          if (doneCalls + errorCalls > 1) console.log(`${path}: attempt ${mine} reported twice (error after ${doneCalls} done)`);
          errors.push(err.code);
          if (attempt < maxAttempts) setTimeout(tryOnce, 5);
          else settle(`${path}: gave up after ${attempt} attempt(s), errors=[${errors.join(',')}]`);
        },
      );
    };
    tryOnce();
  });
}

const paths = ['/catalogue/index', '/catalogue/a', '/catalogue/b', '/catalogue/c', '/catalogue/d', '/catalogue/e'];
let attemptsTotal = 0;
for (const path of paths) {
  const line = await withRetries(path, 3);
  console.log(line);
  attemptsTotal += Number(/after (\d+) attempt/.exec(line)[1]);
  await new Promise((resolve) => setImmediate(resolve));
}
console.log(`imported ${paths.length} pages in ${attemptsTotal} attempts`);
agent.destroy();
