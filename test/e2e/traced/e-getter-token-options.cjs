// An API client whose options live on `this.options`, built once in the
// constructor, with a `headers` GETTER that mints a fresh bearer token each
// time it is read (the token source counts what it minted). Requests go out
// through Node's global agent (keep-alive on Node 20):
//   this.options.path = path; const req = http.request(this.options, (res) => ...)
// Probes: options with side-effecting getters, read once by Node per call.
// A rewrite that reads the options again (to retry, or to snapshot them) mints
// extra tokens: the server sees another Authorization on the retry, and the
// final "minted" count no longer matches the number of calls.
const http = require('node:http');

class TokenSource {
  constructor(prefix) {
    this.prefix = prefix;
    this.minted = 0;
  }
  next() {
    this.minted += 1;
    return `${this.prefix}-${this.minted}`;
  }
}

class ApiClient {
  constructor(baseUrl, tokens) {
    const url = new URL(baseUrl);
    this.tokens = tokens;
    this.calls = 0;
    const client = this;
    this.options = {
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port,
      method: 'GET',
      get headers() {
        return { authorization: `Bearer ${client.tokens.next()}`, accept: 'application/json' };
      },
    };
  }

  fetch(path) {
    this.calls += 1;
    const call = this.calls;
    return new Promise((resolve, reject) => {
      this.options.path = path;
      const req = http.request(this.options, (res) => {
        let raw = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (raw += chunk));
        res.on('error', reject);
        res.on('end', () => resolve({ call, status: res.statusCode, path: JSON.parse(raw).path }));
      });
      req.on('error', reject);
      req.end();
    });
  }
}

async function main() {
  const tokens = new TokenSource('tok');
  const api = new ApiClient(process.env.TARGET_URL, tokens);
  const paths = ['/me', '/me/repos', '/me/repos?page=2', '/me/orgs', '/me/starred', '/me/followers'];
  for (const path of paths) {
    try {
      const r = await api.fetch(path);
      console.log(`call ${r.call}: ${r.status} ${r.path} (tokens minted so far: ${tokens.minted})`);
    } catch (err) {
      console.log(`call ${api.calls}: ${path} failed ${err.code} (tokens minted so far: ${tokens.minted})`);
    }
  }
  console.log(`calls=${api.calls} minted=${tokens.minted}`);
  http.globalAgent.destroy();
}

main();
