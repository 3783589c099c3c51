// Request with a hand-made deadline: a setTimeout armed right next to the
// request, cleared in the response handler and in the 'error' handler, plus a
// sent-requests counter bumped beside the call. Probes kind 4 (timers and counters).
var http = require('http');

var agent = new http.Agent({ keepAlive: true });
var base = process.env.TARGET_URL;
var requestsSent = 0;
var deadlinesArmed = 0;
var deadlinesFired = 0;
var deadlinesCleared = 0;

function getWithDeadline(path, ms, callback) {
  var done = false;
  function finish(err, value) {
    if (done) return;
    done = true;
    callback(err, value);
  }
  requestsSent++;
  var req = http.get(base + path, { agent: agent }, function (res) {
    clearTimeout(deadline);
    deadlinesCleared++;
    var body = '';
    res.on('data', function (c) {
      body += c;
    });
    res.on('end', function () {
      finish(null, { status: res.statusCode, path: JSON.parse(body).path });
    });
  });
  deadlinesArmed++;
  var deadline = setTimeout(function () {
    deadlinesFired++;
    req.destroy(new Error('deadline exceeded'));
  }, ms);
  req.on('error', function (err) {
    clearTimeout(deadline);
    deadlinesCleared++;
    finish(err);
  });
}

var paths = ['/prices/eur', '/prices/usd', '/prices/gbp', '/prices/jpy'];
(function next(k) {
  if (k === paths.length) {
    console.log('sent=' + requestsSent + ' armed=' + deadlinesArmed + ' fired=' + deadlinesFired + ' cleared=' + deadlinesCleared);
    agent.destroy();
    return;
  }
  getWithDeadline(paths[k], 2000, function (err, result) {
    if (err) console.log(paths[k] + ' failed: ' + (err.code || err.message));
    else console.log(paths[k] + ' -> ' + result.status + ' ' + result.path);
    next(k + 1);
  });
})(0);
