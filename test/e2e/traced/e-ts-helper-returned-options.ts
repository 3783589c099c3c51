// A typed metrics shipper. buildRequest() returns both the transport (looked
// up in a table by protocol) and the options (defaults merged with the
// caller's overrides through Object.assign); the caller picks the agent per
// batch, a keep-alive pool or `false`. Batches are encoded into ONE reusable
// scratch Buffer, and the shipper encodes the next batch into it as soon as
// the current one has been flushed (the callback of req.end()), while the
// response is still on its way:
//   const { transport, options } = buildRequest(spec);
//   const req = transport.request(options, (res) => ...); req.on('error', onError);
//   req.end(scratch.subarray(0, n), () => { n = encode(nextBatch, scratch); });
// Probes: options and module returned by a helper, an agent that is
// sometimes false, a body Buffer overwritten after end(), callbacks that must
// run exactly once. A retry that re-sends the scratch bytes sends the NEXT
// batch under this batch's path (the server's recorded bodies show it).
import * as http from 'node:http';
import * as https from 'node:https';

interface Transport {
  request(options: http.RequestOptions, callback: (res: http.IncomingMessage) => void): http.ClientRequest;
}

const transports: Record<string, Transport> = { 'http:': http, 'https:': https };

interface RequestSpec {
  readonly method: 'PUT' | 'POST' | 'GET';
  readonly path: string;
  readonly agent: http.Agent | false;
  readonly headers?: http.OutgoingHttpHeaders;
}

const target = new URL(process.env.TARGET_URL ?? 'http://127.0.0.1:8080');
const defaults: http.RequestOptions = {
  protocol: target.protocol,
  hostname: target.hostname,
  port: Number(target.port),
  headers: { 'content-type': 'text/plain; charset=utf-8', 'user-agent': 'shipper/2' },
};

function buildRequest(spec: RequestSpec): { transport: Transport; options: http.RequestOptions } {
  const transport = transports[target.protocol];
  if (!transport) throw new Error(`no transport for ${target.protocol}`);
  const options: http.RequestOptions = Object.assign({}, defaults, {
    method: spec.method,
    path: spec.path,
    agent: spec.agent,
    headers: Object.assign({}, defaults.headers, spec.headers),
  });
  return { transport, options };
}

type Batch = { readonly name: string; readonly points: readonly number[] };

function encode(batch: Batch, into: Buffer): number {
  into.fill(0);
  const text = batch.points.map((value, i) => `${batch.name}.p${i} ${value}`).join('\n');
  return into.write(text, 0, 'utf8');
}

function ship(
  spec: RequestSpec,
  body: Buffer | undefined,
  onFlushed: () => void,
  onDone: (err: NodeJS.ErrnoException | null, line: string) => void,
): void {
  const { transport, options } = buildRequest(spec);
  const req = transport.request(options, (res: http.IncomingMessage) => {
    let raw = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      raw += chunk;
    });
    res.on('error', (err: NodeJS.ErrnoException) => onDone(err, `body ${err.code ?? 'error'}`));
    res.on('end', () => {
      const reply = JSON.parse(raw) as { path: string; bytes: number };
      onDone(null, `${res.statusCode ?? 0} ${reply.path} bytes=${reply.bytes}`);
    });
  });
  req.on('error', (err: NodeJS.ErrnoException) => onDone(err, err.code ?? 'error'));
  if (body) req.setHeader('content-length', body.length);
  req.end(body, onFlushed);
}

const batches: Batch[] = [
  { name: 'cpu', points: [12, 15, 11, 19] },
  { name: 'mem', points: [2048, 2050, 2101] },
  { name: 'disk', points: [71, 71, 72, 72, 73] },
  { name: 'net', points: [300, 280] },
  { name: 'gc', points: [4, 2, 9, 1, 0, 3] },
  { name: 'io', points: [55, 56, 57] },
];

async function main(): Promise<void> {
  const pool = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const scratch = Buffer.alloc(256);
  const calls = new Map<string, number>();
  let length = 0;
  let encoded = -1; // which batch the scratch buffer holds
  for (let k = 0; k < batches.length; k += 1) {
    const batch = batches[k];
    if (!batch) break;
    if (encoded !== k) {
      length = encode(batch, scratch);
      encoded = k;
    }
    // Every third batch goes over a one-off connection.
    const agent: http.Agent | false = k % 3 === 2 ? false : pool;
    const line = await new Promise<string>((resolve) => {
      ship(
        { method: 'PUT', path: `/metrics/${batch.name}`, agent, headers: { 'x-batch': String(k) } },
        scratch.subarray(0, length),
        () => {
          // Flushed: the scratch buffer is free again, get the next batch ready.
          const next = batches[k + 1];
          if (next) {
            length = encode(next, scratch);
            encoded = k + 1;
          }
        },
        (err, text) => {
          const n = (calls.get(batch.name) ?? 0) + 1;
          calls.set(batch.name, n);
          if (n > 1) {
            console.log(`${batch.name}: callback ran again (${n}) ${text}`);
            return;
          }
          resolve(`${batch.name} [${agent === false ? 'one-off' : 'pool'}]: ${err ? `failed ${text}` : text}`);
        },
      );
    });
    console.log(line);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const summary = await new Promise<string>((resolve) => {
    ship({ method: 'GET', path: '/metrics?summary=1', agent: pool }, undefined, () => {}, (err, text) => resolve(`summary: ${err ? `failed ${text}` : text}`));
  });
  console.log(summary);
  console.log(`callbacks: ${[...calls.entries()].map(([name, n]) => `${name}=${n}`).join(' ')}`);
  pool.destroy();
}

main().catch((err: unknown) => {
  console.log(`fatal ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
