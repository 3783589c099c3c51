// Callback-style item loader that turns Nagle off by chaining onto http.get:
//   var req = http.get(url, opts, cb).setNoDelay(true); req.on('error', ...)
// Probes kind 1 (a chained call that does not return the request), after a
// few plain sequential warm-up GETs on the same keep-alive agent.
var http = require('http');

var agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
var base = process.env.TARGET_URL;

function ping(n, done) {
  http
    .get(base + '/ping/' + n, { agent: agent }, function (res) {
      res.resume();
      res.on('end', function () {
        console.log('ping ' + n + ' -> ' + res.statusCode);
        done();
      });
    })
    .on('error', function (err) {
      console.log('ping ' + n + ' failed ' + err.code);
      done();
    });
}

function fetchItem(id, done) {
  console.log('fetching item ' + id);
  var req = http.get(base + '/items/' + id, { agent: agent }, function (res) {
    var text = '';
    res.setEncoding('utf8');
    res.on('data', function (chunk) {
      text += chunk;
    });
    res.on('end', function () {
      console.log('item ' + id + ' -> ' + res.statusCode + ' ' + JSON.parse(text).path);
      done(null);
    });
  }).setNoDelay(true);
  req.on('error', function (err) {
    console.log('item ' + id + ' failed ' + err.code);
    done(err);
  });
}

var pings = 0;
(function warm() {
  if (pings === 3) {
    var ids = [7, 8, 9];
    (function next(k) {
      if (k === ids.length) {
        console.log('all items done');
        agent.destroy();
        return;
      }
      fetchItem(ids[k], function () {
        next(k + 1);
      });
    })(0);
    return;
  }
  pings += 1;
  ping(pings, warm);
})();
