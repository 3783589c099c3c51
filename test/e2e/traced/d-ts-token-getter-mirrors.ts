// Mirror checker whose shared request options carry the bearer token in a
// `get headers()` getter (each read counts one token use against a quota); one
// mirror in the list is misconfigured ("http//..."), so http.get throws at once:
//   try { const req = http.get(mirrorUrl, authorized, onReply); req.on('error', h); } catch (err) { ... }
import * as http from 'node:http';

type Probe = { readonly status: number; readonly path: string };

const agent = new http.Agent({ keepAlive: true });
const base: string = process.env.TARGET_URL ?? 'http://127.0.0.1:8080';
const tokenStore = { token: 'tok-mirror-7', uses: 0 };

const authorized: http.RequestOptions = {
  agent,
  get headers(): http.OutgoingHttpHeaders {
    tokenStore.uses += 1;
    return { authorization: `Bearer ${tokenStore.token}`, 'x-token-use': String(tokenStore.uses) };
  },
};

function probe(mirrorUrl: string): Promise<Probe> {
  return new Promise<Probe>((resolve, reject) => {
    try {
      const req = http.get(mirrorUrl, authorized, (res: http.IncomingMessage) => {
        let raw = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (raw += chunk));
        res.on('error', (err: Error) => reject(err));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, path: (JSON.parse(raw) as { path: string }).path }));
      });
      req.on('error', (err: Error) => reject(err));
    } catch (err: unknown) {
      reject(err);
    }
  });
}

const mirrors: readonly string[] = [
  `${base}/mirror/eu/index.json`,
  `${base}/mirror/us/index.json`,
  base.replace('://', '//') + '/mirror/ap/index.json',
  `${base}/mirror/sa/index.json`,
  `${base}/mirror/af/index.json`,
];

async function main(): Promise<void> {
  for (const [index, mirror] of mirrors.entries()) {
    try {
      const { status, path } = await probe(mirror);
      console.log(`mirror ${index}: ${status} ${path}`);
    } catch (err: unknown) {
      const code = (err as NodeJS.ErrnoException).code ?? 'no code';
      console.log(`mirror ${index}: failed (${code}), token uses so far ${tokenStore.uses}`);
    }
  }
  console.log(`token uses: ${tokenStore.uses}`);
}

main().finally(() => agent.destroy());
