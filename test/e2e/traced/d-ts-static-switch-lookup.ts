// Static-only client class under `strict`: Inventory.run(cmd) dispatches in a `switch`
// inside try/finally (an in-flight gauge); one options literal pins IPv4 with an inline
// `lookup` (parameters typed by http.RequestOptions) next to a `get headers()` getter:
//   const req = http.request({ ..., get headers() {...}, lookup: (host, opts, cb) => dns.lookup(host, { ...opts, family: 4 }, cb) }, cb)
import * as dns from 'node:dns';
import * as http from 'node:http';

type Command =
  | { readonly kind: 'count'; readonly sku: string }
  | { readonly kind: 'restock'; readonly sku: string; readonly qty: number }
  | { readonly kind: 'drop'; readonly sku: string };

const agent = new http.Agent({ keepAlive: true });
const target = new URL(process.env.TARGET_URL ?? 'http://127.0.0.1:8080');

class Inventory {
  static token = 'inv-token-1';
  static inFlight = 0;
  static maxInFlight = 0;

  static reply(label: string, resolve: (line: string) => void): (res: http.IncomingMessage) => void {
    return (res) => {
      let raw = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (raw += chunk));
      res.on('error', (err: Error) => resolve(`${label}: aborted ${err.message}`));
      res.on('end', () => resolve(`${label}: ${res.statusCode} ${(JSON.parse(raw) as { bytes: number }).bytes} bytes`));
    };
  }

  static run(cmd: Command): Promise<string> {
    return new Promise<string>((resolve) => {
      const fail = (err: NodeJS.ErrnoException): void => resolve(`${cmd.kind} ${cmd.sku}: ${err.code ?? err.message}`);
      this.inFlight += 1;
      this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
      try {
        switch (cmd.kind) {
          case 'count': {
            const req = http.request(
              {
                host: target.hostname,
                port: Number(target.port),
                path: `/stock/${cmd.sku}`,
                agent,
                get headers(): http.OutgoingHttpHeaders {
                  return { authorization: `Bearer ${Inventory.token}` };
                },
                lookup: (hostname, options, callback) => dns.lookup(hostname, { ...options, family: 4 }, callback),
              },
              this.reply(`count ${cmd.sku}`, resolve),
            );
            req.on('error', fail);
            req.end();
            break;
          }
          case 'restock': {
            const body = JSON.stringify({ qty: cmd.qty });
            const req = http.request(
              `${target.origin}/stock/${cmd.sku}`,
              { method: 'PUT', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
              this.reply(`restock ${cmd.sku}`, resolve),
            );
            req.on('error', fail);
            req.end(body);
            break;
          }
          case 'drop': {
            const req = http.request(`${target.origin}/stock/${cmd.sku}`, { method: 'DELETE', agent }, this.reply(`drop ${cmd.sku}`, resolve));
            req.on('error', fail);
            req.end();
            break;
          }
        }
      } finally {
        this.inFlight -= 1;
      }
    });
  }
}

const script: readonly Command[] = [
  { kind: 'count', sku: 'bolt-m4' },
  { kind: 'restock', sku: 'bolt-m4', qty: 40 },
  { kind: 'count', sku: 'nut-m4' },
  { kind: 'drop', sku: 'washer-old' },
  { kind: 'restock', sku: 'nut-m4', qty: 15 },
  { kind: 'count', sku: 'bolt-m5' },
];

async function main(): Promise<void> {
  for (const cmd of script) console.log(await Inventory.run(cmd));
  console.log(`max in flight: ${Inventory.maxInFlight}`);
}

main().finally(() => agent.destroy());
