// The floor for enrichment: a plain script that fetches the same per-version documents as sovscan, at
// the same concurrency, over keep-alive sockets, and does nothing else. With RECORD_DIR set it also
// saves the bodies, so that a loopback registry can replay them.
// Usage: node floor.js <package-lock.json> <registry URL> <concurrency> [RECORD_DIR]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { join } from 'node:path';
import pLimit from 'p-limit';

const [lockfile, registryArg, concurrencyArg, recordDir] = process.argv.slice(2);
const registry = registryArg.endsWith('/') ? registryArg : `${registryArg}/`;
const concurrency = Number(concurrencyArg);
const lock = JSON.parse(readFileSync(lockfile, 'utf8'));
const specs = new Set();
for (const [path, entry] of Object.entries(lock.packages)) {
  if (!path || entry.link || !entry.version) continue;
  const name = entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
  specs.add(`${name}\u0000${entry.version}`);
}
const agentOptions = { keepAlive: true, maxSockets: concurrency };
const agent = registry.startsWith('https:') ? new https.Agent(agentOptions) : new http.Agent(agentOptions);
const get = registry.startsWith('https:') ? https.get : http.get;
const limit = pLimit(concurrency);
const recorded = {};
let failed = 0;
await Promise.all(
  [...specs].map((spec) =>
    limit(
      () =>
        new Promise((resolve) => {
          const [name, version] = spec.split('\u0000');
          const path = `${name.replace('/', '%2f')}/${version}`;
          get(`${registry}${path}`, { agent, headers: { accept: 'application/json' } }, (res) => {
            const chunks = [];
            res.on('data', (c) => chunks.push(c));
            res.on('end', () => {
              if (res.statusCode === 200) recorded[`/${path}`] = Buffer.concat(chunks).toString('utf8');
              else failed++;
              resolve();
            });
          }).on('error', () => {
            failed++;
            resolve();
          });
        }),
    ),
  ),
);
agent.destroy();
if (recordDir) {
  mkdirSync(recordDir, { recursive: true });
  writeFileSync(join(recordDir, 'documents.json'), JSON.stringify(recorded));
}
if (failed > 0) console.error(`floor: ${failed} of ${specs.size} documents failed`);
