// The "real code" corpus: published npm packages that call Node's http/https
// request/get themselves (not only through axios or fetch), pinned so that a
// hand classification of every call site stays valid. Fetched by ./fetch.js,
// never at test time.

/** Pinned specs, grouped: HTTP client libraries, SDKs, applications/tools. */
export const PACKAGES = [
  // HTTP client libraries
  'simple-get@4.0.1', // minimal GET client (used by prebuild-install): one protocol.request(opts) in index.js
  'centra@2.7.0', // small promise HTTP client: http.request/https.request chosen per protocol in model/CentraRequest.js
  'needle@3.5.0', // HTTP client with redirects, multipart, proxies: protocol.request in lib/needle.js
  'follow-redirects@1.16.3', // the redirect layer under axios: nativeProtocol.request in index.js
  'minipass-fetch@6.0.1', // npm's fetch implementation: (https|http).request chosen at run time in lib/index.js
  // SDKs
  'stripe@23.1.0', // Stripe API SDK: Node transport NodeHttpClient uses (http|https).request (ships cjs/ and esm/)
  '@algolia/requester-node-http@5.64.0', // Algolia SDK's Node transport: keep-alive agents + (http|https).request
  '@sentry/node@11.12.0', // Sentry Node SDK: event transport and Spotlight sidecar use http(s).request
  // Applications and tools
  'http-proxy@1.18.1', // reverse proxy (node-http-proxy): forwards each incoming request with (http|https).request
  'loadtest@8.2.1', // load-testing CLI (ab-compatible): sends requests with (http|https).request and keep-alive agents
  '@puppeteer/browsers@3.2.6', // CLI that downloads and launches browsers: httpUtil.js (http|https).request
  'cloudflared@0.7.3', // CLI/library wrapping the cloudflared binary: downloads it with https.get
  'newrelic@14.5.1', // New Relic APM agent (daemon-like): collector and cloud-metadata requests with http(s).request/get
  'dd-trace@6.21.0', // Datadog APM agent: trace/profile/log/CI exporters with (http|https).request
];
