// The dense bench's corpus: the real-code corpus (./real-code/corpus.js:
// published HTTP clients, SDKs, APM agents, proxies and CLIs, whole) and the
// TypeScript sources that three HTTP SDKs publish beside their build (only
// their `src/`: the build is the same code compiled). Fetched once with
// `npm pack` into os.tmpdir(); `node bench/dense-corpus.js` prints the folder.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PACKAGES } from './real-code/corpus.js';
import { unpackedPackages } from './real-code/fetch.js';

/** Packages whose tarball carries their TypeScript sources in `src/`. */
export const TYPESCRIPT_SOURCES = [
  'openai@7.57.0', // OpenAI API SDK: fetch-based client, an mTLS transport on Node's https
  '@anthropic-ai/sdk@1.14.0', // Anthropic API SDK: fetch-based client, retries, streaming
  '@grpc/grpc-js@1.14.7', // gRPC over http2; its HTTP CONNECT proxy uses http.request
];

export function denseRoot() {
  return unpackedPackages('dense', [...PACKAGES, ...TYPESCRIPT_SOURCES.map((spec) => ({ spec, only: 'src' }))]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(denseRoot());
}
