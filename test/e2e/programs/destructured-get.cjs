// Callback style with a destructured get() and an error path.
const { get, Agent } = require('node:http');

const agent = new Agent({ keepAlive: true });

function fetchStatus(index, callback) {
  get(`${process.env.TARGET_URL}/status/${index}`, { agent }, (res) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk) => (text += chunk));
    res.on('end', () => callback(null, JSON.parse(text)));
  }).on('error', callback);
}

const wanted = Number(process.env.REQUESTS ?? 5);
const errors = [];
let completed = 0;
(function next(index) {
  if (index > wanted) {
    agent.destroy();
    console.log(`RESULT ${JSON.stringify({ completed, errors })}`);
    return;
  }
  fetchStatus(index, (err) => {
    if (err) errors.push(err.code);
    else completed += 1;
    next(index + 1);
  });
})(1);
