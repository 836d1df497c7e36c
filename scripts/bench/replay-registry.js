// A loopback registry that replays recordings with a fixed latency, so that the benchmarks are
// repeatable. Prints its URL on stdout, then serves until killed.
// Usage: node replay-registry.js <RECORD_DIR | packuments.json.gz> <latency ms>
//   RECORD_DIR: recorded per-version documents (documents.json, keyed by URL path);
//   packuments.json.gz: recorded packuments (scripts/record-packuments.js), served with their versions.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

const [recording, latencyArg] = process.argv.slice(2);
const latency = Number(latencyArg);
const documents = {};
if (recording.endsWith('.json.gz')) {
  for (const [name, packument] of Object.entries(JSON.parse(gunzipSync(readFileSync(recording))))) {
    const path = `/${name.replace('/', '%2f')}`;
    documents[path] = JSON.stringify(packument);
    for (const [version, manifest] of Object.entries(packument.versions)) documents[`${path}/${version}`] = JSON.stringify(manifest);
  }
} else {
  Object.assign(documents, JSON.parse(readFileSync(join(recording, 'documents.json'), 'utf8')));
}
const server = createServer((req, res) => {
  const body = documents[req.url] ?? documents[req.url.replace('%2F', '%2f')] ?? documents[req.url.replace('%40', '@')];
  setTimeout(() => {
    if (body === undefined) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":"not found"}');
    } else {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    }
  }, latency);
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${server.address().port}/`));
