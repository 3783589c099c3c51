// A TypeScript client with its agent in a private field, options checked with
// `satisfies`, a type assertion in parentheses, and a timer started beside
// each request that logs a slow call and is cleared when the response ends.
import * as http from 'node:http';

class StatusClient {
  readonly #agent = new http.Agent({ keepAlive: true });
  readonly #base: URL;

  constructor(base: string) {
    this.#base = new URL(base);
  }

  status(service: string): Promise<string> {
    return new Promise((resolve) => {
      const options = {
        hostname: this.#base.hostname,
        port: Number(this.#base.port),
        path: `/status/${service}`,
        agent: this.#agent,
      } satisfies http.RequestOptions;
      const slow = setTimeout(() => console.log(`${service}: still waiting`), 1_500);
      const req = http.get(options as http.RequestOptions, (res) => {
        res.resume();
        res.on('end', () => {
          clearTimeout(slow);
          resolve(`${service}: ${res.statusCode ?? 0}`);
        });
      });
      req.on('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(slow);
        resolve(`${service}: ${error.code ?? 'error'}`);
      });
    });
  }

  close(): void {
    this.#agent?.destroy();
  }
}

const client = new StatusClient(process.env.TARGET_URL ?? '');
for (const service of ['billing', 'search', 'mail']) console.log(await client.status(service));
client.close();
