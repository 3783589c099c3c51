// An HTTP/1.1 server (node:net, no dependencies) that loses the keep-alive race
// on purpose: it answers a request and keeps the connection open, then closes
// that connection when the next request arrives on it, just as a server whose
// idle timeout fires at the moment the client reuses the socket. Listens on
// 127.0.0.1 only. Used by the end-to-end tests and by `pnpm demo`.
import net from 'node:net';

/**
 * How the server loses the race on a connection that already served a request:
 * - `'none'`: it never does (a well-behaved keep-alive server);
 * - `'before-body'`: it destroys the socket as soon as the request line and headers arrive;
 * - `'after-body'`: it reads the whole body, then destroys the socket;
 * - `'after-headers'`: it sends the response headers and part of the body, then destroys the socket.
 * `'fresh'` destroys every socket on its first request: a reset that is not the keep-alive race.
 * @typedef {'none' | 'before-body' | 'after-body' | 'after-headers' | 'fresh'} RaceMode
 */

/**
 * @typedef {object} RaceServer
 * @property {number} port
 * @property {string} url  `http://127.0.0.1:<port>`
 * @property {(mode: RaceMode) => void} setMode
 * @property {() => void} makeIdleConnectionsStale  as after a restart: the next request on every open connection is reset (a request for /__stale does the same)
 * @property {() => RaceStats} stats
 * @property {() => Promise<void>} close
 */

/**
 * @typedef {object} RaceStats
 * @property {number} connections  connections accepted so far
 * @property {Record<string, number>} attempts  requests that arrived, per path (reset ones included)
 * @property {Record<string, string[]>} bodies  each request's body as received, per path
 * @property {Record<string, string[]>} methods  each request's method, per path
 * @property {number} resets  connections destroyed on purpose
 */

/**
 * @param {{ mode?: RaceMode }} [options]
 * @returns {Promise<RaceServer>}
 */
export async function startRaceServer(options = {}) {
  /** @type {RaceMode} */
  let mode = options.mode ?? 'before-body';
  /** @type {Set<net.Socket>} */
  const sockets = new Set();
  /** @type {WeakSet<net.Socket>} */
  const stale = new WeakSet();
  /** @type {RaceStats} */
  const stats = { connections: 0, attempts: {}, bodies: {}, methods: {}, resets: 0 };

  const server = net.createServer((socket) => {
    stats.connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let served = 0;
    let buffer = Buffer.alloc(0);
    /** @type {{ method: string, path: string, headers: Record<string, string> } | undefined} */
    let head;

    const reset = () => {
      stats.resets += 1;
      socket.destroy();
    };

    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (!head) {
          const end = buffer.indexOf('\r\n\r\n');
          if (end === -1) return;
          head = parseHead(buffer.subarray(0, end).toString('latin1'));
          buffer = buffer.subarray(end + 4);
          const { path, method } = head;
          stats.attempts[path] = (stats.attempts[path] ?? 0) + 1;
          (stats.methods[path] ??= []).push(method);
          const reused = served > 0;
          if ((reused && (mode === 'before-body' || stale.has(socket))) || mode === 'fresh') return reset();
        }
        const body = readBody(buffer, head.headers);
        if (!body) return;
        buffer = buffer.subarray(body.consumed);
        const { path } = head;
        (stats.bodies[path] ??= []).push(body.text);
        head = undefined;
        const reused = served > 0;
        served += 1;
        if (reused && mode === 'after-body') return reset();
        // A request for /__stale plays a restart: every other open connection is dead from now on.
        if (path === '/__stale') for (const other of sockets) if (other !== socket) stale.add(other);
        const payload = JSON.stringify({ path, attempt: stats.attempts[path], bytes: Buffer.byteLength(body.text) });
        const response =
          'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n' +
          `Content-Length: ${Buffer.byteLength(payload)}\r\nConnection: keep-alive\r\nKeep-Alive: timeout=5\r\n\r\n`;
        if (reused && mode === 'after-headers') {
          socket.write(response + payload.slice(0, 1), () => setImmediate(reset));
          return;
        }
        socket.write(response + payload);
      }
    });
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(undefined));
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the race server has no port');

  return {
    port: address.port,
    url: `http://127.0.0.1:${address.port}`,
    setMode(next) {
      mode = next;
    },
    makeIdleConnectionsStale() {
      for (const socket of sockets) stale.add(socket);
    },
    stats: () => structuredClone(stats),
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(() => resolve(undefined)));
    },
  };
}

/** @param {string} text */
function parseHead(text) {
  const [requestLine = '', ...lines] = text.split('\r\n');
  const [method = '', path = ''] = requestLine.split(' ');
  /** @type {Record<string, string>} */
  const headers = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { method, path, headers };
}

/**
 * The body at the start of `buffer`, by Content-Length or chunked encoding;
 * `undefined` while it has not all arrived.
 * @param {Buffer} buffer
 * @param {Record<string, string>} headers
 * @returns {{ text: string, consumed: number } | undefined}
 */
function readBody(buffer, headers) {
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
    let offset = 0;
    /** @type {Buffer[]} */
    const parts = [];
    for (;;) {
      const lineEnd = buffer.indexOf('\r\n', offset);
      if (lineEnd === -1) return undefined;
      const size = Number.parseInt(buffer.subarray(offset, lineEnd).toString('latin1'), 16);
      if (Number.isNaN(size)) throw new Error('bad chunk size');
      if (buffer.length < lineEnd + 2 + size + 2) return undefined;
      if (size === 0) return { text: Buffer.concat(parts).toString('utf8'), consumed: lineEnd + 4 };
      parts.push(buffer.subarray(lineEnd + 2, lineEnd + 2 + size));
      offset = lineEnd + 2 + size + 2;
    }
  }
  const length = Number(headers['content-length'] ?? 0);
  if (buffer.length < length) return undefined;
  return { text: buffer.subarray(0, length).toString('utf8'), consumed: length };
}
