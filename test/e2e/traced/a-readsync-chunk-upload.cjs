// Uploads files by reading them synchronously into one reused chunk buffer:
//   while ((n = fs.readSync(fd, chunk, 0, chunk.length, null)) > 0) req.write(Buffer.from(chunk.subarray(0, n)))
// Probes kind 2 (a loop with a file cursor and a shared buffer feeding req.write).
const http = require('http');
const fs = require('fs');
const os = require('os');
const path = require('path');

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const base = process.env.TARGET_URL;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'traced-upload-'));
process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
const files = [];
for (let f = 1; f <= 3; f++) {
  const file = path.join(dir, `part-${f}.log`);
  let text = '';
  for (let line = 0; line < 60 * f; line++) text += `file ${f} line ${line} ${'#'.repeat(line % 17)}\n`;
  fs.writeFileSync(file, text);
  files.push(file);
}

const chunk = Buffer.alloc(512);

function uploadFile(file, done) {
  const name = path.basename(file);
  const req = http.request(`${base}/uploads/${name}`, { method: 'PUT', agent }, (res) => {
    let body = '';
    res.on('data', (d) => (body += d));
    res.on('end', () => done(null, res.statusCode, JSON.parse(body).bytes));
  });
  req.on('error', (err) => done(err));
  const fd = fs.openSync(file, 'r');
  let n;
  let total = 0;
  let writes = 0;
  while ((n = fs.readSync(fd, chunk, 0, chunk.length, null)) > 0) {
    req.write(Buffer.from(chunk.subarray(0, n)));
    total += n;
    writes++;
  }
  fs.closeSync(fd);
  req.end();
  console.log(`${name}: read ${total} bytes in ${writes} writes`);
}

let index = 0;
function next() {
  if (index === files.length) {
    agent.destroy();
    console.log('done');
    return;
  }
  const file = files[index++];
  uploadFile(file, (err, status, bytes) => {
    if (err) console.log(`${path.basename(file)}: error ${err.code}`);
    else console.log(`${path.basename(file)}: ${status}, server saw ${bytes} bytes`);
    next();
  });
}
next();
