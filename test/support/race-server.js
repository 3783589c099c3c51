// An HTTP/1.1 server (node:net, no dependencies) that loses the keep-alive race
// on purpose: it answers a request and keeps the connection open, then closes
// that connection when the next request arrives on it, just as a server whose
// idle timeout fires at the moment the client reuses the socket. Listens on
// 127.0.0.1 only. Used by the end-to-end tests and by `pnpm demo`. With
// `tls: true` it speaks HTTPS with the test-only certificate in ./tls
// (for 127.0.0.1 and localhost; clients trust it through NODE_EXTRA_CA_CERTS).
import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';

/** The test-only certificate the TLS mode serves: give this path to clients as NODE_EXTRA_CA_CERTS. */
export const TEST_CERTIFICATE = new URL('./tls/cert.pem', import.meta.url).pathname;
const TEST_KEY = new URL('./tls/key.pem', import.meta.url).pathname;

/**
 * How the server loses the race on a connection that already served a request:
 * - `'none'`: it never does (a well-behaved keep-alive server);
 * - `'before-body'`: it destroys the socket as soon as the request line and headers arrive;
 * - `'after-body'`: it reads the whole body, then destroys the socket;
 * - `'after-headers'`: it sends the response headers and part of the body, then destroys the socket.
 * `'fresh'` destroys every socket on its first request: a reset that is not the keep-alive race.
 * `'stale-pool'` plays a restart after every third response: every connection open at that
 * moment is reset on its next request, so a pool of idle sockets goes stale at once.
 * @typedef {'none' | 'before-body' | 'after-body' | 'after-headers' | 'fresh' | 'stale-pool'} RaceMode
 */

/**
 * @typedef {object} RaceServer
 * @property {number} port
 * @property {string} url  `http://127.0.0.1:<port>` (`https://` with `tls: true`)
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
 * @property {RequestRecord[]} requests  every request that arrived, in order of arrival
 */

/**
 * @typedef {object} RequestRecord
 * @property {number} connection  which connection it came on (1-based, in order of acceptance)
 * @property {boolean} reused  whether that connection had served a request before
 * @property {string} method
 * @property {string} path
 * @property {Record<string, string>} headers  lower-cased names
 * @property {string | null} body  the decoded body (chunked or by Content-Length); null when it was reset before the body was read
 * @property {boolean} reset  whether the server reset the connection on this request
 */

/**
 * @param {{ mode?: RaceMode, tls?: boolean }} [options]
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
  const stats = { connections: 0, attempts: {}, bodies: {}, methods: {}, resets: 0, requests: [] };
  let responses = 0;

  /** @param {net.Socket} socket */
  const onConnection = (socket) => {
    stats.connections += 1;
    const connection = stats.connections;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let served = 0;
    let buffer = Buffer.alloc(0);
    /** @type {{ method: string, path: string, headers: Record<string, string> } | undefined} */
    let head;
    /** @type {RequestRecord | undefined} */
    let record;

    const reset = () => {
      stats.resets += 1;
      if (record) record.reset = true;
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
          record = { connection, reused, method, path, headers: head.headers, body: null, reset: false };
          stats.requests.push(record);
          if ((reused && (mode === 'before-body' || stale.has(socket))) || mode === 'fresh') return reset();
        }
        const body = readBody(buffer, head.headers);
        if (!body) return;
        buffer = buffer.subarray(body.consumed);
        const { path } = head;
        (stats.bodies[path] ??= []).push(body.text);
        if (record) record.body = body.text;
        head = undefined;
        const reused = served > 0;
        served += 1;
        if (reused && mode === 'after-body') return reset();
        // A request for /__stale plays a restart: every other open connection is dead from now on.
        if (path === '/__stale') for (const other of sockets) if (other !== socket) stale.add(other);
        responses += 1;
        if (mode === 'stale-pool' && responses % 3 === 0) for (const open of sockets) stale.add(open);
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
  };
  const server = options.tls
    ? tls.createServer({ key: readFileSync(TEST_KEY), cert: readFileSync(TEST_CERTIFICATE) }, onConnection)
    : net.createServer(onConnection);
  // A TLS handshake that the client aborts is not a test failure.
  server.on('tlsClientError', () => {});

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(undefined));
  });
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the race server has no port');

  return {
    port: address.port,
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${address.port}`,
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
