// Classic ES5 fan-out: for (var i = 0; i < ids.length; i++) http.get(base + ids[i], cb)
// through a one-socket keep-alive agent, with callbacks that read ids[i] late.
// Probes kind 3 (loop state that has moved on by the time callbacks and any resend run).
var http = require('http');

var agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
var base = process.env.TARGET_URL + '/users/';
var ids = ['u17', 'u23', 'u42', 'u99'];
var finished = 0;
var ok = 0;
var failed = 0;

function settle() {
  finished++;
  if (finished === ids.length) {
    console.log('ok=' + ok + ' failed=' + failed + ' i=' + i);
    agent.destroy();
  }
}

for (var i = 0; i < ids.length; i++) {
  http
    .get(base + ids[i], { agent: agent }, function (res) {
      var body = '';
      res.on('data', function (c) {
        body += c;
      });
      res.on('end', function () {
        ok++;
        console.log('loaded ' + JSON.parse(body).path + ' status ' + res.statusCode + ' (ids[i] is ' + ids[i] + ')');
        settle();
      });
    })
    .on('error', function (err) {
      failed++;
      console.log('error ' + err.code + ' (ids[i] is ' + ids[i] + ')');
      settle();
    });
}
console.log('queued ' + i + ' requests');
