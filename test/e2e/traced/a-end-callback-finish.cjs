// Audit logger that wants to know when each record has been flushed:
//   req.on('finish', ...) plus req.end(payload, () => flushed++)
// Probes kind 4 (end callback and 'finish' listener that log and count).
var http = require('http');

var agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
var base = process.env.TARGET_URL;
var flushed = 0;
var finishes = 0;
var responses = 0;
var failures = 0;

function audit(n, entry, next) {
  var payload = JSON.stringify(entry);
  var req = http.request(base + '/audit/' + n, {
    method: 'POST',
    agent: agent,
    headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) }
  }, function (res) {
    responses++;
    res.resume();
    res.on('end', function () {
      console.log('audit ' + n + ' acknowledged ' + res.statusCode);
      next();
    });
  });
  req.on('finish', function () {
    finishes++;
  });
  req.on('error', function (err) {
    failures++;
    console.log('audit ' + n + ' error ' + err.code);
    next();
  });
  req.end(payload, function () {
    flushed++;
    console.log('audit ' + n + ' flushed');
  });
}

var entries = [
  { user: 'ada', action: 'login' },
  { user: 'ada', action: 'view', page: 'billing' },
  { user: 'bob', action: 'login' },
  { user: 'bob', action: 'logout' },
  { user: 'ada', action: 'logout' }
];

var k = 0;
function loop() {
  if (k === entries.length) {
    console.log('flushed=' + flushed + ' finishes=' + finishes + ' responses=' + responses + ' failures=' + failures);
    agent.destroy();
    return;
  }
  var n = ++k;
  audit(n, entries[n - 1], loop);
}
loop();
