// A promise-wrapped upload whose body is written with write() and end().
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });

function upload(index, document) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${process.env.TARGET_URL}/upload/${index}`,
      { method: 'PUT', agent, headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve(JSON.parse(text)));
      },
    );
    req.on('error', reject);
    req.write(JSON.stringify(document));
    req.end('\n');
  });
}

const errors = [];
let completed = 0;
for (let index = 1; index <= Number(process.env.REQUESTS ?? 5); index += 1) {
  try {
    await upload(index, { index, text: 'x'.repeat(index * 1000) });
    completed += 1;
  } catch (error) {
    errors.push(error.code);
  }
}
agent.destroy();
console.log(`RESULT ${JSON.stringify({ completed, errors })}`);
