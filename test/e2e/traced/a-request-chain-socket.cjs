// Old-school callback uploader: `var req = http.request(u, o, cb).setTimeout(ms, fn)`
// relying on setTimeout()/once() returning the request, with a 'socket' listener
// counting sockets handed out. Probes kind 1 (returning chains) and kind 4 ('socket' listener, counters).
var http = require('http');

var agent = new http.Agent({ keepAlive: true });
var base = process.env.TARGET_URL;
var socketEvents = 0;
var timeouts = 0;
var callbacks = 0;

function upload(name, text, cb) {
  var req = http
    .request(base + '/files/' + name, { method: 'POST', agent: agent, headers: { 'content-type': 'text/plain' } }, function (res) {
      res.resume();
      res.on('end', function () {
        callbacks++;
        cb(null, res.statusCode);
      });
    })
    .setTimeout(2500, function () {
      timeouts++;
      req.destroy(new Error('upload timeout'));
    })
    .once('socket', function () {
      socketEvents++;
    });
  req.on('error', function (err) {
    callbacks++;
    cb(err);
  });
  req.end(text);
}

var names = ['alpha.txt', 'beta.txt', 'gamma.txt', 'delta.txt'];
var i = 0;
function step() {
  if (i === names.length) {
    console.log('sockets=' + socketEvents + ' timeouts=' + timeouts + ' callbacks=' + callbacks);
    agent.destroy();
    return;
  }
  var name = names[i++];
  upload(name, 'contents of ' + name + '\n', function (err, status) {
    if (err) console.log(name + ' error ' + err.code);
    else console.log(name + ' ' + status);
    step();
  });
}
step();
