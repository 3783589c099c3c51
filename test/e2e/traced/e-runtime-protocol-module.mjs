// A feed crawler that picks the transport at run time, the two ways libraries
// do it:
//   const transports = { 'http:': http, 'https:': https };
//   const req = transports[url.protocol].get(url, { agent, headers }, onResponse);   // a URL object from the caller
//   const req = (opts.protocol === 'https:' ? https : http).request(opts, onResponse); // opts returned by toOptions()
// The crawler keeps one URL object per feed and moves its `page` parameter
// forward right after each call, before the response is in; the second part
// keeps one options object and bumps its path (part=) and Range header after
// each call.
// Probes: modules chosen at run time, a URL and an options object from the
// caller, both changed after the call. A retry that re-reads them fetches the
// next page / range instead (the echoed path, or the Range the server saw, differs).
import http from 'node:http';
import https from 'node:https';

const transports = { 'http:': http, 'https:': https };
const agents = { 'http:': new http.Agent({ keepAlive: true, maxSockets: 1 }), 'https:': new https.Agent({ keepAlive: true }) };

function readBody(res, done) {
  let raw = '';
  res.setEncoding('utf8');
  res.on('data', (chunk) => (raw += chunk));
  res.on('error', (err) => done(err));
  res.on('end', () => done(null, res.statusCode, JSON.parse(raw)));
}

function crawl(feedUrl, pages) {
  const url = new URL(feedUrl);
  url.searchParams.set('page', '1');
  return new Promise((resolve) => {
    let fetched = 0;
    const next = () => {
      if (fetched === pages) return resolve();
      const wanted = url.searchParams.get('page');
      const req = transports[url.protocol].get(url, { agent: agents[url.protocol], headers: { accept: 'application/feed+json' } }, (res) =>
        readBody(res, (err, status, body) => {
          if (err) console.log(`feed page ${wanted}: body ${err.code}`);
          else console.log(`feed page ${wanted}: ${status} ${body.path}`);
          setImmediate(next);
        }),
      );
      req.on('error', (err) => {
        console.log(`feed page ${wanted}: ${err.code}`);
        setImmediate(next);
      });
      fetched += 1;
      url.searchParams.set('page', String(fetched + 1)); // ready for the next round
    };
    next();
  });
}

function toOptions(href, extra) {
  const u = new URL(href);
  return {
    protocol: u.protocol,
    hostname: u.hostname,
    port: u.port,
    path: u.pathname + u.search,
    agent: agents[u.protocol],
    ...extra,
  };
}

function download(href, chunkSize, chunks) {
  const opts = toOptions(`${href}&part=0`, { headers: { range: `bytes=0-${chunkSize - 1}` } });
  return new Promise((resolve) => {
    let k = 0;
    const next = () => {
      if (k === chunks) return resolve();
      const range = opts.headers.range;
      const req = (opts.protocol === 'https:' ? https : http).request(opts, (res) =>
        readBody(res, (err, status, body) => {
          if (err) console.log(`chunk ${range}: body ${err.code}`);
          else console.log(`chunk ${range}: ${status} ${body.path}`);
          setImmediate(next);
        }),
      );
      req.on('error', (err) => {
        console.log(`chunk ${range}: ${err.code}`);
        setImmediate(next);
      });
      req.end();
      k += 1;
      // Ready for the next chunk: the part number in the query, the byte range in the header.
      opts.path = opts.path.replace(/part=\d+$/, `part=${k}`);
      opts.headers.range = `bytes=${k * chunkSize}-${(k + 1) * chunkSize - 1}`;
    };
    next();
  });
}

await crawl(`${process.env.TARGET_URL}/feeds/news.json`, 5);
await download(`${process.env.TARGET_URL}/media/episode-12.mp3?token=abc`, 1024, 4);
agents['http:'].destroy();
agents['https:'].destroy();
