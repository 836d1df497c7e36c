/**
 * A Dependency-Track server (or whatever answers at its URL) is read with the same size cap as a
 * registry, counted after decompression: an endless answer or a gzip bomb ends the upload with an error
 * naming the cap, instead of filling memory.
 */
import { createServer, type ServerResponse } from 'node:http';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, expect, it } from 'vitest';
import { uploadToDependencyTrack, UPLOAD_DEFAULTS } from '../../src/upload/dependency-track.js';
import { listenOnLoopback } from '../enrich/registry-server.js';
import { tempDir } from '../helpers.js';

const CAP = 1024 * 1024;
let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
});

function endless(res: ServerResponse, counter: { sent: number }, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  const chunk = Buffer.alloc(64 * 1024, ' ');
  const pump = () => {
    while (!res.destroyed && res.write(chunk)) counter.sent += chunk.length;
    if (!res.destroyed) res.once('drain', pump);
  };
  pump();
}

const bomb = gzipSync(Buffer.from(`{"processing":false,"pad":"${' '.repeat(32 * CAP)}"}`));

async function serve(answer: (path: string, res: ServerResponse) => void): Promise<string> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => answer(req.url ?? '/', res));
  });
  const listening = await listenOnLoopback(server);
  close = listening.close;
  return `http://127.0.0.1:${listening.port}`;
}

function sbom(): string {
  const file = join(tempDir(), 'sbom.cdx.json');
  writeFileSync(file, JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components: [] }));
  return file;
}

const options = (url: string) => ({ ...UPLOAD_DEFAULTS, url, apiKey: 'odt_KEY', projectName: 'shop', projectVersion: 'main', pollIntervalMs: 5, timeoutMs: 5_000, maxBodyBytes: CAP });

it.each<[string, (counter: { sent: number }) => (path: string, res: ServerResponse) => void]>([
  ['an endless answer to the upload', (counter) => (_path, res) => endless(res, counter)],
  ['an endless error answer', (counter) => (_path, res) => endless(res, counter, 500)],
  [
    'a gzip bomb as the processing status',
    () => (path, res) => {
      if (path === '/api/v1/bom') res.writeHead(200, { 'content-type': 'application/json' }).end('{"token":"t1"}');
      else res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }).end(bomb);
    },
  ],
])('%s ends the upload with an error naming the cap', async (_name, answer) => {
  const counter = { sent: 0 };
  const url = await serve(answer(counter));
  const started = Date.now();
  await expect(uploadToDependencyTrack(sbom(), options(url))).rejects.toMatchObject({ code: 'E_UPLOAD', message: expect.stringContaining('larger than the 1 MiB cap') });
  expect(Date.now() - started).toBeLessThan(4_000);
  expect(counter.sent).toBeLessThan(32 * CAP);
});

it('the bomb is small on the wire: the cap counts inflated bytes', () => {
  expect(bomb.length).toBeLessThan(CAP);
});
