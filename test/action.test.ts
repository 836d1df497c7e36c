/**
 * The bundled GitHub Action, run as a runner starts it: `node dist/index.mjs` with `INPUT_*` variables
 * and temporary GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and GITHUB_WORKSPACE; and the committed bundle must be
 * what the sources build.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, SHARED_FIXTURES, tempDir } from './helpers.js';
import { runAction } from './github/run-action.js';
import { projectWith, versionDoc } from './enrich/helpers.js';
import { startProxy } from './enrich/proxy-server.js';
import { startRegistry, type RegistryServer } from './enrich/registry-server.js';

let server: RegistryServer;
beforeAll(async () => {
  const recorded = JSON.parse(readFileSync(join(SHARED_FIXTURES, 'registry', 'packuments', 'core-js.json'), 'utf8')) as { versions: Record<string, unknown> };
  server = await startRegistry({ '/core-js/3.6.5': { kind: 'json', body: recorded.versions['3.6.5'] } });
});
afterAll(async () => {
  await server.close();
});

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)).map((x) => join(f, x)) : [f])).sort();
}

describe('the GitHub Action', () => {
  it('dist/ is what the sources build (run npm run build:action after a change)', () => {
    const fresh = tempDir();
    execFileSync(process.execPath, ['scripts/build.js', '--action', fresh], { cwd: REPO, stdio: 'ignore' });
    const committed = join(REPO, 'dist');
    expect(files(committed)).toEqual(files(fresh));
    for (const f of files(fresh)) expect(readFileSync(join(committed, f)).equals(readFileSync(join(fresh, f))), `dist/${f} is stale`).toBe(true);
  });

  it('passes within policy: outputs, summary, SBOM', async () => {
    const workspace = projectWith([['core-js', '3.6.5']]);
    const r = await runAction({ policy: 'neutral', 'fail-on': 'high', registry: server.url, 'cache-dir': join(tempDir(), 'cache'), sarif: 'out/sovscan.sarif', token: 'npm_TOPSECRET_123' }, workspace);
    expect(r.code).toBe(0);
    expect(r.outputs['sbom-path']).toBe(join(workspace, 'sbom.cdx.json'));
    expect(r.outputs['sarif-path']).toBe(join(workspace, 'out', 'sovscan.sarif'));
    expect(JSON.parse(r.outputs.counts!)).toMatchObject({ none: 1 });
    expect(r.outputs.risk).toBe('none');
    expect(r.summary).toMatch(/^## sovscan: ✅ within policy/);
    expect(JSON.parse(readFileSync(join(workspace, 'sbom.cdx.json'), 'utf8'))).toMatchObject({ bomFormat: 'CycloneDX' });
    expect(r.stdout).toContain('::add-mask::npm_TOPSECRET_123');
    expect(r.stdout.replace('::add-mask::npm_TOPSECRET_123', '')).not.toContain('TOPSECRET');
    expect(server.requests.find((q) => q.path === '/core-js/3.6.5')?.headers.authorization).toBe('Bearer npm_TOPSECRET_123');
  });

  it('fails a failing policy, with annotations on the lockfile lines of the worst findings', async () => {
    const workspace = projectWith([['@alicloud/pop-core', '1.8.0'], ['@alicloud/tea-util', '1.4.9'], ['core-js', '3.6.5']]);
    const lockfile = join(workspace, 'package-lock.json');
    writeFileSync(lockfile, `${JSON.stringify(JSON.parse(readFileSync(lockfile, 'utf8')), null, 2)}\n`);
    const r = await runAction({ policy: 'us-ictsc', 'fail-on': 'high', registry: server.url, 'cache-dir': join(tempDir(), 'cache') }, workspace);
    expect(r.code).toBe(1);
    expect(r.outputs.risk).toBe('high');
    expect(r.summary).toMatch(/^## sovscan: ❌ 2 package\(s\) at high or above/);
    const lockLines = readFileSync(lockfile, 'utf8').split('\n');
    const annotations = r.stdout.split('\n').filter((l) => /^::(error|warning|notice) file=/.test(l));
    // the two @alicloud packages (high), then core-js's install script (low)
    expect(annotations).toHaveLength(3);
    expect(annotations[0]).toMatch(/^::error file=package-lock\.json,line=\d+,col=5,title=sovscan%3A high risk in @alicloud\/pop-core@1\.8\.0::The vendor points to CN/);
    for (const a of annotations) {
      const [, line, name] = /line=(\d+),.*risk in ((?:@alicloud\/)?[a-z-]+)@/.exec(a)!;
      expect(lockLines[Number(line) - 1]).toContain(`"node_modules/${name}": {`);
    }
    expect(r.stdout).toMatch(/^::error::sovscan: 2 package\(s\) at high or above under policy us-ictsc: @alicloud\/pop-core@1\.8\.0, @alicloud\/tea-util@1\.4\.9; see the job summary$/m);
  });

  it('uploads to Dependency-Track with the masked key, the project and the branch as version', async () => {
    const { createServer } = await import('node:http');
    const seen: { key?: string; body: string }[] = [];
    const dt = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (d: string) => (body += d)).on('end', () => {
        if (req.method === 'POST') {
          seen.push({ key: req.headers['x-api-key'] as string, body });
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"token":"t-1"}');
        } else res.writeHead(200, { 'content-type': 'application/json' }).end('{"processing":false}');
      });
    });
    await new Promise<void>((r) => dt.listen(0, '127.0.0.1', r));
    const dtUrl = `http://127.0.0.1:${(dt.address() as { port: number }).port}`;
    const r = await runAction({ policy: 'neutral', registry: server.url, 'cache-dir': join(tempDir(), 'cache'), 'dependency-track-url': dtUrl, 'dependency-track-api-key': 'odt_ACTIONKEY', 'dependency-track-project': 'shop' }, projectWith([['core-js', '3.6.5']]));
    await new Promise((res) => dt.close(res));
    expect(r.code).toBe(0);
    expect(seen[0]!.key).toBe('odt_ACTIONKEY');
    expect(seen[0]!.body).toMatch(/name="projectName"\r\n\r\nshop\r\n/);
    expect(r.stdout).toContain('::add-mask::odt_ACTIONKEY');
    expect(r.stdout.replace('::add-mask::odt_ACTIONKEY', '')).not.toContain('ACTIONKEY');
    expect(r.stdout).toContain('uploaded the SBOM to Dependency-Track project shop');
  });

  it("sends none of its inputs or the workflow's token to a registry or proxy a committed .npmrc names", async () => {
    const evil = await startRegistry({ '/@evil/x/1.0.0': { kind: 'json', body: versionDoc('@evil/x', '1.0.0') } });
    const proxy = await startProxy();
    try {
      const workspace = projectWith([['@evil/x', '1.0.0'], ['core-js', '3.6.5']]);
      writeFileSync(join(workspace, '.npmrc'), `@evil:registry=${evil.url}\n//${evil.host}/:_authToken=\${INPUT_TOKEN}|\${INPUT_DEPENDENCY-TRACK-API-KEY}|\${GITHUB_TOKEN}\nproxy=${proxy.url}\n`);
      const secrets = ['npm_INPUTtoken_123', 'odt_INPUTkey_456', 'ghs_WORKFLOWtoken_789'];
      const r = await runAction({ registry: server.url, token: secrets[0]!, 'dependency-track-api-key': secrets[1]!, 'cache-dir': join(tempDir(), 'cache') }, workspace, { GITHUB_TOKEN: secrets[2] });
      expect(r.code).toBe(0);
      expect(evil.requests.map((q) => q.path)).toContain('/@evil/x/1.0.0');
      for (const request of evil.requests) {
        expect(request.headers.authorization).toBeUndefined();
        for (const secret of secrets) expect(JSON.stringify(request.headers)).not.toContain(secret);
      }
      expect(proxy.requests).toEqual([]);
      // The token input still reaches the registry input, and only it.
      expect(server.requests.findLast((q) => q.path === '/core-js/3.6.5')?.headers.authorization).toBe(`Bearer ${secrets[0]}`);
      expect(r.stdout).toMatch(/^::warning::.*reads the environment variable INPUT_TOKEN, which the scanned project may not read/m);
      expect(r.stdout).toMatch(/^::warning::.*reads the environment variable GITHUB_TOKEN/m);
      expect(r.stdout).toMatch(/^::warning::proxy in .*\.npmrc names a proxy .* ignored/m);
      // Even allowed by name, an input is out of reach: it left the environment before any file was read.
      const allowed = await runAction({ registry: server.url, token: secrets[0]!, 'dependency-track-api-key': secrets[1]!, 'allow-env': 'INPUT_TOKEN, INPUT_DEPENDENCY-TRACK-API-KEY', 'allowed-registries': evil.url, 'cache-dir': join(tempDir(), 'cache') }, workspace, { GITHUB_TOKEN: secrets[2] });
      expect(allowed.code).toBe(0);
      expect(evil.requests.findLast((q) => q.path === '/@evil/x/1.0.0')?.headers.authorization).toBe('Bearer ||');
    } finally {
      await evil.close();
      await proxy.close();
    }
  });

  it('keeps the NODE_AUTH_TOKEN pattern working: setup-node\'s npmrc, or a committed one for an allowed registry', async () => {
    const corp = await startRegistry({ '/@corp/lib/1.0.0': { kind: 'json', body: versionDoc('@corp/lib', '1.0.0') } });
    try {
      const lines = `@corp:registry=${corp.url}\n//${corp.host}/:_authToken=\${NODE_AUTH_TOKEN}\n`;
      const env = { NODE_AUTH_TOKEN: 'ghp_NODEAUTH_1' };
      // actions/setup-node with registry-url writes this to a user npmrc outside the workspace.
      const userConfig = join(tempDir(), '.npmrc');
      writeFileSync(userConfig, lines);
      const viaSetupNode = await runAction({ registry: server.url, 'cache-dir': join(tempDir(), 'cache') }, projectWith([['@corp/lib', '1.0.0']]), { ...env, NPM_CONFIG_USERCONFIG: userConfig });
      expect(viaSetupNode.code).toBe(0);
      const committed = projectWith([['@corp/lib', '1.0.0']]);
      writeFileSync(join(committed, '.npmrc'), lines);
      const viaCommitted = await runAction({ registry: server.url, 'allowed-registries': corp.url, 'cache-dir': join(tempDir(), 'cache') }, committed, env);
      expect(viaCommitted.code).toBe(0);
      expect(corp.requests.filter((q) => q.path === '/@corp/lib/1.0.0').map((q) => q.headers.authorization)).toEqual(['Bearer ghp_NODEAUTH_1', 'Bearer ghp_NODEAUTH_1']);
      expect(viaCommitted.stdout).not.toMatch(/^::warning::/m);
    } finally {
      await corp.close();
    }
  });

  it('warns that the upload failed, and keeps the verdict, when Dependency-Track redirects to another origin', async () => {
    const { createServer } = await import('node:http');
    const stolen: string[] = [];
    const elsewhere = createServer((req, res) => {
      stolen.push(`${req.method} ${String(req.headers['x-api-key'])}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"token":"t-1","processing":false}');
    });
    await new Promise<void>((r) => elsewhere.listen(0, '127.0.0.1', r));
    const target = `http://127.0.0.1:${(elsewhere.address() as { port: number }).port}`;
    const dt = createServer((req, res) => res.writeHead(302, { location: `${target}${req.url}` }).end());
    await new Promise<void>((r) => dt.listen(0, '127.0.0.1', r));
    const dtUrl = `http://127.0.0.1:${(dt.address() as { port: number }).port}`;
    const r = await runAction({ registry: server.url, 'cache-dir': join(tempDir(), 'cache'), 'dependency-track-url': dtUrl, 'dependency-track-api-key': 'odt_ACTIONKEY', 'dependency-track-project': 'shop' }, projectWith([['core-js', '3.6.5']]));
    await new Promise((res) => dt.close(res));
    await new Promise((res) => elsewhere.close(res));
    expect(r.code).toBe(0);
    expect(stolen).toEqual([]);
    expect(r.stdout).toMatch(/^::warning::sovscan: the SBOM was not uploaded to Dependency-Track: Dependency-Track upload failed \(HTTP 302\): the server redirects to http:\/\/127\.0\.0\.1:\d+/m);
    expect(r.stdout).not.toContain('uploaded the SBOM');
  });

  it('reports bad input as a failed step', async () => {
    const r = await runAction({ policy: 'no-such-policy' }, projectWith([['core-js', '3.6.5']]));
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^::error::Input policy takes a preset \(.*\) or a YAML\/JSON policy file, not "no-such-policy"$/m);
    const file = await runAction({ policy: 'policies/missing.yaml' }, projectWith([['core-js', '3.6.5']]));
    expect(file.code).toBe(2);
    expect(file.stdout).toMatch(/^::error::Unknown policy .*missing\.yaml/m);
  });

  it.each([
    ['the SBOM', {}, 'sbom.cdx.json'],
    ['the Markdown report', { markdown: 'sovscan.md' }, 'sovscan.md'],
    ['a file under a committed directory symlink', { sarif: 'reports/sovscan.sarif' }, 'reports'],
  ])('%s committed as a symlink out of the workspace: refused in one ::error line, the target unchanged', async (_, inputs: Record<string, string>, linked) => {
    const workspace = projectWith([['core-js', '3.6.5']]);
    const outside = tempDir();
    const victim = join(outside, 'victim.sh');
    writeFileSync(victim, '#!/bin/sh\necho kept\n', { mode: 0o755 });
    const { symlinkSync } = await import('node:fs');
    symlinkSync(linked === 'reports' ? outside : victim, join(workspace, linked));
    if (linked === 'reports') writeFileSync(join(outside, 'sovscan.sarif'), 'kept');
    const r = await runAction({ policy: 'neutral', registry: server.url, 'cache-dir': join(tempDir(), 'cache'), ...inputs }, workspace);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(new RegExp(`^::error::Cannot write '.*(${linked.replace('.', '\\.')})[^\\n]*symlink`, 'm'));
    expect(readFileSync(victim, 'utf8')).toBe('#!/bin/sh\necho kept\n');
    if (linked === 'reports') expect(readFileSync(join(outside, 'sovscan.sarif'), 'utf8')).toBe('kept');
  });

  it('a hostile error text stays inside its ::error line; annotations carry no raw control character', async () => {
    const workspace = projectWith([['core-js', '3.6.5']]);
    const r = await runAction({ policy: 'neutral', path: 'no\n::add-mask::x\u001b[31m' }, workspace);
    expect(r.code).toBe(2);
    expect(r.stdout.split('\n').filter((l) => /^\s*::/.test(l)).every((l) => l.startsWith('::error::'))).toBe(true);
    expect(r.stdout).not.toContain('\u001b');
  });
});

