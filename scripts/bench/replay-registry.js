// A loopback registry that replays recorded per-version documents with a fixed latency, so that the
// enrichment benchmark is repeatable. Prints its URL on stdout, then serves until killed.
// Usage: node replay-registry.js <RECORD_DIR> <latency ms>
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';

const [recordDir, latencyArg] = process.argv.slice(2);
const latency = Number(latencyArg);
const documents = JSON.parse(readFileSync(join(recordDir, 'documents.json'), 'utf8'));
const server = createServer((req, res) => {
  const body = documents[req.url] ?? documents[req.url.replace('%2F', '%2f')];
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
