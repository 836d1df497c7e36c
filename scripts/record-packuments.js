// Record the packuments npm reads to resolve some package specs, for tests and benchmarks that replay
// them on loopback. npm resolves each spec in an empty directory through a recording proxy in front of
// the configured registry; every packument it asks for is trimmed to the fields resolution reads, its
// tarball URLs moved to the placeholder host, and the set written as one gzipped JSON file.
// Usage: node scripts/record-packuments.js <out.json.gz> <spec> [spec...]
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const [out, ...specs] = process.argv.slice(2);
if (!out || specs.length === 0) {
  console.error('Usage: node scripts/record-packuments.js <out.json.gz> <spec> [spec...]');
  process.exit(2);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const upstream = execFileSync(npm, ['config', 'get', 'registry'], { encoding: 'utf8' }).trim().replace(/\/?$/, '/');
const PLACEHOLDER = 'https://registry.npm.test/';

const VERSION_FIELDS = [
  'name', 'version', 'deprecated', 'dependencies', 'optionalDependencies', 'peerDependencies', 'peerDependenciesMeta',
  'bundleDependencies', 'bundledDependencies', 'bin', 'engines', 'os', 'cpu', 'license', '_hasShrinkwrap', 'hasInstallScript',
];

function trim(doc) {
  const versions = {};
  for (const [v, manifest] of Object.entries(doc.versions ?? {})) {
    const kept = {};
    for (const field of VERSION_FIELDS) if (manifest[field] !== undefined) kept[field] = manifest[field];
    const scripts = manifest.scripts ?? {};
    if (kept.hasInstallScript === undefined && (scripts.preinstall || scripts.install || scripts.postinstall)) kept.hasInstallScript = true;
    const dist = manifest.dist ?? {};
    kept.dist = {
      integrity: dist.integrity,
      shasum: dist.shasum,
      tarball: typeof dist.tarball === 'string' ? dist.tarball.replace(upstream, PLACEHOLDER) : undefined,
    };
    versions[v] = kept;
  }
  return { name: doc.name, 'dist-tags': doc['dist-tags'], versions };
}

const recorded = {};
const server = createServer(async (req, res) => {
  const path = decodeURIComponent(req.url).replace(/^\//, '');
  const upstreamUrl = upstream + path.replace('/', '%2f');
  const response = await fetch(upstreamUrl, { headers: { accept: 'application/json' } });
  if (!response.ok) {
    res.writeHead(response.status).end();
    return;
  }
  const doc = trim(await response.json());
  recorded[path] = doc;
  const body = JSON.stringify(doc);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const proxy = `http://127.0.0.1:${server.address().port}/`;

for (const spec of specs) {
  const dir = mkdtempSync(join(tmpdir(), 'record-'));
  try {
    writeFileSync(join(dir, 'package.json'), '{}\n');
    // Asynchronously: the proxy answering npm runs in this process.
    await promisify(execFile)(npm, ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund', '--registry', proxy, '--cache', join(dir, '.cache'), spec], {
      cwd: dir,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
server.close();
const sorted = Object.fromEntries(Object.keys(recorded).sort().map((k) => [k, recorded[k]]));
writeFileSync(out, gzipSync(JSON.stringify(sorted)));
console.log(`${Object.keys(sorted).length} packuments for ${specs.join(', ')} → ${out}`);
