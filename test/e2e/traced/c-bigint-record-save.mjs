// Sync job that PUTs rows read from a database driver that returns BIGINT
// columns as BigInt; JSON.stringify throws on those and the row is skipped:
//   const req = http.request(url, opts, cb); req.on('error', log); req.end(JSON.stringify(row))
// The error listener logs every failed request with its row id.
import http from 'node:http';

const agent = new http.Agent({ keepAlive: true });
const base = process.env.TARGET_URL;

function saveRow(table, row) {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}/tables/${table}/rows/${row.id}`,
      { method: 'PUT', agent, headers: { 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode));
      },
    );
    req.on('error', (err) => {
      console.log(`row ${row.id}: request failed (${err.code})`);
      reject(err);
    });
    req.end(JSON.stringify(row));
  });
}

const rows = [
  { id: 'a1', title: 'first', views: 10 },
  { id: 'a2', title: 'second', views: 22 },
  { id: 'a3', title: 'third', views: 9007199254740993n },
  { id: 'a4', title: 'fourth', views: 4 },
];

let saved = 0;
for (const row of rows) {
  try {
    const status = await saveRow('posts', row);
    saved += 1;
    console.log(`row ${row.id}: ${status}`);
  } catch (err) {
    console.log(`row ${row.id}: not saved (${err.name}: ${err.message})`);
  }
}
console.log(`saved ${saved} of ${rows.length}`);
agent.destroy();
