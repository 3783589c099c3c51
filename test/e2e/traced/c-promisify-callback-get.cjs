// Node-style callback helper wrapped with util.promisify and awaited in a loop;
// the helper counts requests issued right after req.end():
//   function fetchJson(path, callback) { var req = http.request(...); req.on('error', callback); req.end(); issued++; }
//   var fetchJsonAsync = util.promisify(fetchJson);
var http = require('http');
var util = require('util');

var agent = new http.Agent({ keepAlive: true });
var target = new URL(process.env.TARGET_URL);
var issued = 0;
var answered = 0;

function fetchJson(path, callback) {
  var req = http.request(
    { host: target.hostname, port: target.port, path: path, method: 'GET', agent: agent },
    function (res) {
      var raw = '';
      res.setEncoding('utf8');
      res.on('data', function (chunk) {
        raw += chunk;
      });
      res.on('end', function () {
        answered += 1;
        callback(null, { status: res.statusCode, path: JSON.parse(raw).path });
      });
    }
  );
  req.on('error', callback);
  req.end();
  issued += 1;
  console.log('issued ' + path);
}

var fetchJsonAsync = util.promisify(fetchJson);

async function main() {
  var users = ['ada', 'brian', 'carol', 'dennis'];
  for (var i = 0; i < users.length; i++) {
    try {
      var profile = await fetchJsonAsync('/users/' + users[i] + '/profile');
      console.log(users[i] + ': ' + profile.status + ' ' + profile.path);
    } catch (err) {
      console.log(users[i] + ': ' + err.code);
    }
  }
  console.log('issued=' + issued + ' answered=' + answered);
}

main().then(function () {
  agent.destroy();
});
