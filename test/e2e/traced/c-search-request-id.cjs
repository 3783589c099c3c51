// Callback-style search client (var/function style) that tags every request
// with a request id from a module counter:
//   var req = http.request(options, cb); req.setHeader('x-request-id', nextRequestId()); ...
// A query with a raw space makes http.request throw (unescaped path); that search is reported and skipped.
var http = require('http');

var agent = new http.Agent({ keepAlive: true });
var target = new URL(process.env.TARGET_URL);
var lastId = 0;

function nextRequestId() {
  lastId = lastId + 1;
  return 'search-' + lastId;
}

function search(term, callback) {
  var options = {
    host: target.hostname,
    port: target.port,
    path: '/search?q=' + term,
    agent: agent,
  };
  var req = http.request(options, function (res) {
    var body = '';
    res.setEncoding('utf8');
    res.on('data', function (chunk) {
      body += chunk;
    });
    res.on('end', function () {
      callback(null, res.statusCode, JSON.parse(body).path);
    });
  });
  req.on('error', function (err) {
    callback(err);
  });
  req.setHeader('x-request-id', nextRequestId());
  req.end();
}

var terms = ['keepalive', 'node+http', 'socket reuse', 'econnreset', 'agent'];

function next(index) {
  if (index === terms.length) {
    console.log('request ids used: ' + lastId);
    agent.destroy();
    return;
  }
  var term = terms[index];
  try {
    search(term, function (err, status, path) {
      if (err) console.log(term + ': ' + err.code);
      else console.log(term + ': ' + status + ' ' + path);
      next(index + 1);
    });
  } catch (err) {
    console.log(JSON.stringify(term) + ': not sent (' + err.code + ')');
    next(index + 1);
  }
}

next(0);
