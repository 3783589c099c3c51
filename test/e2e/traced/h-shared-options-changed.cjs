// One options object shared by every call and changed after each one: the
// path is advanced and a header counts the calls, so a retry that read the
// object again would send a different request. Callbacks, CommonJS, calls
// chained one after the other from each response's end.
'use strict';
const http = require('http');

const agent = new http.Agent({ keepAlive: true });
const target = new URL(process.env.TARGET_URL);
const options = {
  hostname: target.hostname,
  port: target.port,
  path: '/pages/1',
  agent,
  headers: { 'x-call': '1' },
};

let page = 1;
function fetchPage(done) {
  const req = http.get(options, (res) => {
    res.resume();
    res.on('end', () => {
      console.log(`page ${page}: ${res.statusCode}`);
      done();
    });
  });
  req.on('error', (err) => {
    console.log(`page ${page}: ${err.code}`);
    done();
  });
  page += 1;
  options.path = `/pages/${page}`;
  options.headers['x-call'] = String(page);
}

(function next() {
  if (page > 4) {
    agent.destroy();
    return;
  }
  fetchPage(next);
})();
