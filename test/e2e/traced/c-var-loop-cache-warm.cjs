// ES5-style cache warmer: fires one batch of GETs from a `for (var ...)` loop
// and records each response under `req.path` when it ends:
//   for (var i = 0; ...) { var req = http.get(base + paths[i], { agent: agent }, function (res) { ... cache[req.path] ... }); ... }
// Runs a second batch once the first is done, so pooled sockets are reused.
var http = require('http');

var agent = new http.Agent({ keepAlive: true });
var base = process.env.TARGET_URL;
var cache = {};

function warm(paths, done) {
  var pending = paths.length;
  for (var i = 0; i < paths.length; i++) {
    var req = http.get(base + paths[i], { agent: agent }, function (res) {
      var body = '';
      res.setEncoding('utf8');
      res.on('data', function (chunk) {
        body += chunk;
      });
      res.on('end', function () {
        cache[req.path] = res.statusCode;
        if (--pending === 0) done();
      });
    });
    req.on('error', function (err) {
      cache[req.path] = err.code;
      if (--pending === 0) done();
    });
  }
}

function report(label) {
  var keys = Object.keys(cache).sort();
  console.log(label + ': ' + keys.length + ' cached');
  for (var k = 0; k < keys.length; k++) console.log('  ' + keys[k] + ' -> ' + cache[keys[k]]);
}

warm(['/pages/home', '/pages/about', '/pages/pricing'], function () {
  report('after batch 1');
  warm(['/pages/blog', '/pages/careers', '/pages/contact'], function () {
    report('after batch 2');
    agent.destroy();
  });
});
