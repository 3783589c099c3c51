// ES5 client library in the old style (var, prototypes, callbacks): a GET that reads the host from
// `this` inside the request statement, a DELETE built from caller options. The rewrite must stay
// ECMAScript 5 (var, function expressions, .bind(this)) and behave the same.
'use strict';

var http = require('http');

var agent = new http.Agent({ keepAlive: true });
var target = new URL(process.env.TARGET_URL);

function Client(host, port) {
  this.host = host;
  this.port = port;
  this.calls = 0;
}

Client.prototype.get = function (path, callback) {
  var self = this;
  var req = http.get({ host: this.host, port: this.port, path: path, agent: agent, headers: { 'x-call': String(++this.calls) } }, function (res) {
    var body = '';
    res.setEncoding('utf8');
    res.on('data', function (chunk) {
      body += chunk;
    });
    res.on('end', function () {
      callback(null, res.statusCode, JSON.parse(body).path, self.calls);
    });
  });
  req.on('error', callback);
};

Client.prototype.remove = function (options, callback) {
  options.method = 'DELETE';
  options.agent = agent;
  http.request(options, function (res) {
    res.resume();
    callback(null, res.statusCode);
  }).on('error', function (err) {
    callback(err);
  }).end();
};

var client = new Client(target.hostname, Number(target.port));
var paths = ['/one', '/two', '/three'];

function next(index) {
  if (index === paths.length) return;
  client.get(paths[index], function (err, status, path, calls) {
    console.log('get ' + paths[index] + ': ' + (err ? err.code : status + ' ' + path + ' call ' + calls));
    client.remove({ host: target.hostname, port: Number(target.port), path: paths[index] + '/item' }, function (removeErr, removeStatus) {
      console.log('delete ' + paths[index] + ': ' + (removeErr ? removeErr.code : removeStatus));
      setImmediate(function () {
        next(index + 1);
      });
    });
  });
}

next(0);
