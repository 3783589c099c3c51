// Command runner that dispatches on the command kind in a `switch`, with a
// request declared in each case clause; PUT and DELETE are idempotent, and the
// POST carries an Idempotency-Key built from a counter (`cmd-${nextKey++}`):
//   switch (cmd.kind) { case 'put': const putReq = http.request(...); putReq.end(body); break; ... }
import * as http from 'node:http';

type Command =
  | { readonly kind: 'get'; readonly path: string }
  | { readonly kind: 'put'; readonly path: string; readonly value: string }
  | { readonly kind: 'delete'; readonly path: string }
  | { readonly kind: 'post'; readonly path: string; readonly value: string };

const agent = new http.Agent({ keepAlive: true });
const base: string = process.env.TARGET_URL ?? 'http://127.0.0.1:8080';
let nextKey = 1;

function collect(res: http.IncomingMessage, label: string, done: (line: string) => void): void {
  let raw = '';
  res.setEncoding('utf8');
  res.on('data', (chunk: string) => (raw += chunk));
  res.on('end', () => {
    const reply = JSON.parse(raw) as { path: string; bytes: number };
    done(`${label} ${reply.path}: ${res.statusCode ?? 0} (${reply.bytes} bytes)`);
  });
}

function execute(cmd: Command): Promise<string> {
  return new Promise<string>((resolve) => {
    const fail = (err: NodeJS.ErrnoException): void => resolve(`${cmd.kind} ${cmd.path}: ${err.code ?? err.message}`);
    switch (cmd.kind) {
      case 'get':
        const getReq = http.get(`${base}${cmd.path}`, { agent }, (res) => collect(res, 'get', resolve));
        getReq.on('error', fail);
        break;
      case 'put':
        const putReq = http.request(`${base}${cmd.path}`, { method: 'PUT', agent }, (res) => collect(res, 'put', resolve));
        putReq.on('error', fail);
        putReq.setHeader('content-type', 'text/plain');
        putReq.end(cmd.value);
        break;
      case 'delete':
        const deleteReq = http.request(`${base}${cmd.path}`, { method: 'DELETE', agent }, (res) => collect(res, 'delete', resolve));
        deleteReq.on('error', fail);
        deleteReq.end();
        break;
      case 'post':
        const postReq = http.request(
          `${base}${cmd.path}`,
          { method: 'POST', agent, headers: { 'idempotency-key': `cmd-${nextKey++}`, 'content-type': 'text/plain' } },
          (res) => collect(res, 'post', resolve),
        );
        postReq.on('error', fail);
        postReq.end(cmd.value);
        break;
    }
  });
}

const script: readonly Command[] = [
  { kind: 'put', path: '/kv/colour', value: 'blue' },
  { kind: 'get', path: '/kv/colour' },
  { kind: 'post', path: '/kv/log', value: 'colour set' },
  { kind: 'put', path: '/kv/size', value: 'large' },
  { kind: 'delete', path: '/kv/colour' },
  { kind: 'post', path: '/kv/log/2', value: 'colour removed' },
  { kind: 'get', path: '/kv/size' },
];

async function main(): Promise<void> {
  for (const cmd of script) console.log(await execute(cmd));
  console.log(`keys issued: ${nextKey - 1}`);
}

main().finally(() => agent.destroy());
