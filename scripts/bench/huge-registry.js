// A loopback registry that answers one package, `huge@1.0.0`, with a 1 GiB body streamed as it is
// written (plain and chunked, or gzip), and a small document for every other package. Prints its URL
// on stdout, then serves until killed. Usage: node huge-registry.js plain|gzip
import { createServer } from 'node:http';
import { createGzip } from 'node:zlib';

const encoding = process.argv[2] === 'gzip' ? 'gzip' : 'plain';
const TOTAL = 1024 ** 3;
const chunk = Buffer.alloc(1024 * 1024, 'x');

/** Writes up to 1 GiB to `out`, as fast as the reader takes it, and stops when the reader goes away. */
function stream(res, out) {
  let written = 0;
  const pump = () => {
    while (written < TOTAL && !res.destroyed) {
      written += chunk.length;
      if (!out.write(chunk)) return out.once('drain', pump);
    }
    if (!res.destroyed) out.end('"}');
  };
  out.write('{"name":"huge","version":"1.0.0","readme":"');
  pump();
}

const server = createServer((req, res) => {
  const name = decodeURIComponent(req.url).split('/')[1];
  if (name === '-') return res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
  if (name !== 'huge') {
    const body = JSON.stringify({ name, version: '1.0.0', license: 'MIT', dist: { integrity: 'sha512-AAAA' } });
    return res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
  }
  if (encoding === 'plain') {
    res.writeHead(200, { 'content-type': 'application/json' });
    return stream(res, res);
  }
  res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
  const gzip = createGzip({ level: 1 });
  gzip.pipe(res);
  res.on('close', () => gzip.destroy());
  stream(res, gzip);
});
server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${server.address().port}/`));
