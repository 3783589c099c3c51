// ECMAScript 5 poller with a timer beside each request: a slow-request warning
// armed before the GET and cleared when it answers or fails, and a counter on
// `this` read by the request's path.
var http = require('http');

var agent = new http.Agent({ keepAlive: true });
var base = process.env.TARGET_URL;

function Poller(name) {
  this.name = name;
  this.count = 0;
}

Poller.prototype.poll = function (done) {
  var timer = setTimeout(function () {
    console.log('slow poll');
  }, 1500);
  this.count += 1;
  var req = http.get(base + '/poll/' + this.name + '/' + this.count, { agent: agent }, function (res) {
    var body = '';
    res.setEncoding('utf8');
    res.on('data', function (chunk) {
      body += chunk;
    });
    res.on('end', function () {
      clearTimeout(timer);
      done(null, res.statusCode + ' ' + JSON.parse(body).path);
    });
  });
  req.on('error', function (err) {
    clearTimeout(timer);
    done(err);
  });
};

var poller = new Poller('jobs');
var left = 4;

function again() {
  poller.poll(function (err, result) {
    console.log(err ? 'poll failed: ' + err.code : 'poll: ' + result);
    left -= 1;
    if (left > 0) {
      setImmediate(again);
    } else {
      agent.destroy();
    }
  });
}

again();
