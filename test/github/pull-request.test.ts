/**
 * The bundled Action on a pull request, as a runner runs it: a real git repository whose head commit adds
 * a dependency with a China-based vendor, the event payload file naming the base commit, GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY, a loopback registry, and a loopback server answering GitHub's comment endpoints.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anyVersion } from '../enrich/helpers.js';
import { startRegistry, type RegistryServer } from '../enrich/registry-server.js';
import { tempDir } from '../helpers.js';
import { startGitHub, type GitHubServer } from './github-server.js';
import { runAction } from './run-action.js';

let registry: RegistryServer;
let github: GitHubServer;
beforeAll(async () => {
  registry = await startRegistry();
  registry.fallback = anyVersion;
  github = await startGitHub();
});
afterAll(async () => {
  await registry.close();
  await github.close();
});

type Entry = [name: string, version: string, deps?: Record<string, string>];

function write(dir: string, direct: Entry[], transitive: Entry[] = []): void {
  const manifest = { name: 'shop', version: '1.0.0', dependencies: Object.fromEntries(direct.map(([n, v]) => [n, v])) };
  const packages: Record<string, unknown> = { '': manifest };
  for (const [n, v, deps] of [...direct, ...transitive]) packages[`node_modules/${n}`] = { version: v, ...(deps ? { dependencies: deps } : {}) };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  writeFileSync(join(dir, 'package-lock.json'), `${JSON.stringify({ name: 'shop', version: '1.0.0', lockfileVersion: 3, packages }, null, 2)}\n`);
}

const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.test', ...args], { cwd, encoding: 'utf8' }).trim();

/** A repository with a base commit (`base` entries, or no lockfile at all) and a head commit (`head` entries). */
function repository(base: [Entry[], Entry[]] | undefined, head: [Entry[], Entry[]]): { dir: string; baseSha: string } {
  const dir = tempDir();
  git(dir, 'init', '-q');
  if (base) write(dir, ...base);
  else writeFileSync(join(dir, 'README.md'), 'shop\n');
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'base');
  const baseSha = git(dir, 'rev-parse', 'HEAD');
  write(dir, ...head);
  git(dir, 'add', '.');
  git(dir, 'commit', '-q', '-m', 'head');
  return { dir, baseSha };
}

function pullRequestEnv(baseSha: string, number = 42): NodeJS.ProcessEnv {
  const event = join(tempDir(), 'event.json');
  writeFileSync(event, JSON.stringify({ action: 'synchronize', number, pull_request: { number, base: { sha: baseSha, ref: 'main' }, head: { sha: 'f'.repeat(40) }, title: '::error::not a command' } }));
  return { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event, GITHUB_REPOSITORY: 'octo/shop', GITHUB_API_URL: github.url, GITHUB_HEAD_REF: 'feature' };
}

const libA: Entry = ['lib-a', '1.0.0', { '@alicloud/credentials': '2.4.7' }];
const creds: Entry = ['@alicloud/credentials', '2.4.7'];
const popCore: Entry = ['@alicloud/pop-core', '1.8.0'];
const annotations = (stdout: string) => stdout.split('\n').filter((l) => /^::(error|warning|notice) /.test(l) || l.startsWith('::error::'));

describe('the Action on a pull request', () => {
  it('annotates what the change adds and the verdict, names it in the summary, and keeps one comment', async () => {
    const { dir, baseSha } = repository([[libA], [creds]], [[libA, popCore], [creds]]);
    const inputs = { policy: 'us-ictsc', 'fail-on': 'high', registry: registry.url, 'cache-dir': join(tempDir(), 'cache'), comment: 'true', 'github-token': 'ghs_workflow' };
    const r = await runAction(inputs, dir, pullRequestEnv(baseSha));
    expect(r.code).toBe(1);
    const lines = annotations(r.stdout);
    // the new finding first, on its line in package.json; the one already on the base as a notice; then the verdict
    expect(lines[0]).toMatch(/^::error file=package\.json,line=6,col=5,title=sovscan%3A high risk in @alicloud\/pop-core@1\.8\.0::The vendor points to CN/);
    expect(lines[1]).toMatch(/^::notice file=package-lock\.json,line=\d+,col=\d+,title=sovscan%3A high risk in @alicloud\/credentials@2\.4\.7 \(already on the base\)::.*It is pulled in by lib-a\.$/);
    expect(lines.at(-1)).toBe('::error::sovscan: 1 package(s) at high or above added or raised by this change under policy us-ictsc: @alicloud/pop-core@1.8.0; see the job summary');
    expect(lines).toHaveLength(3);
    expect(r.summary).toMatch(/^## sovscan: ❌ 1 package\(s\) at high or above added or raised by this change\n/);
    expect(r.summary).toMatch(/### What fails the gate\n\n\| level \| package \| vendor \| via \| reason \|\n\|---\|---\|---\|---\|---\|\n\| high \| @alicloud\/pop-core@1\.8\.0 \| Alibaba Cloud \| shop \| The vendor points to CN/);
    expect(JSON.parse(r.outputs['new-findings']!)).toEqual([expect.objectContaining({ package: 'pkg:npm/%40alicloud/pop-core@1.8.0', level: 'high' })]);
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]!.body).toContain('### What fails the gate');
    expect(github.violations).toEqual([]);
    expect(github.requests.every((q) => q.authorization === 'Bearer ghs_workflow')).toBe(true);
    expect(r.stdout).toContain('::add-mask::ghs_workflow');
    expect(r.stdout).not.toMatch(/^::error::not a command/m);

    // the next push removes the dependency: the same comment is marked resolved, the step passes
    write(dir, [libA], [creds]);
    git(dir, 'commit', '-q', '-am', 'revert');
    const again = await runAction(inputs, dir, pullRequestEnv(baseSha));
    expect(again.code).toBe(0);
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]!.body).toMatch(/nothing new at the gate's level/);
    expect(annotations(again.stdout).every((l) => l.startsWith('::notice '))).toBe(true);
  }, 60_000);

  it("treats the pull request that adds the project's first lockfile as adding everything", async () => {
    const { dir, baseSha } = repository(undefined, [[popCore], []]);
    const r = await runAction({ policy: 'us-ictsc', 'fail-on': 'high', registry: registry.url, 'cache-dir': join(tempDir(), 'cache') }, dir, pullRequestEnv(baseSha));
    expect(r.stdout).not.toMatch(/exists on disk, but not in/);
    expect(r.code).toBe(1);
    expect(annotations(r.stdout)[0]).toMatch(/^::error file=package\.json,.*pop-core/);
  }, 60_000);

  it('keeps the verdict and outputs when Dependency-Track cannot be reached, with a warning', async () => {
    const { dir, baseSha } = repository([[libA], [creds]], [[libA, popCore], [creds]]);
    const inputs = { policy: 'us-ictsc', 'fail-on': 'high', registry: registry.url, 'cache-dir': join(tempDir(), 'cache'), 'dependency-track-url': 'http://127.0.0.1:9', 'dependency-track-api-key': 'odt_secret' };
    const r = await runAction(inputs, dir, pullRequestEnv(baseSha));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^::warning::sovscan: the SBOM was not uploaded to Dependency-Track: Cannot reach Dependency-Track/m);
    expect(r.outputs['new-findings']).toBeDefined();
    expect(r.stdout).toMatch(/^::error::sovscan: 1 package\(s\) at high/m);
    expect(r.stdout.replace('::add-mask::odt_secret', '')).not.toContain('odt_secret');
  }, 60_000);

  it.each([
    [{ 'fail-on': 'bogus' }, /^::error::Input fail-on takes one of none, low, medium, high, critical, unknown, not "bogus"$/],
    [{ omit: 'tests' }, /^::error::Input omit takes dev, optional, peer/],
    [{ 'spec-version': '1.4' }, /^::error::Input spec-version takes one of 1\.5, 1\.6, 1\.7, not "1\.4"$/],
    [{ 'spec-version': '1.8' }, /^::error::Input spec-version takes one of 1\.5, 1\.6, 1\.7, not "1\.8"$/],
    [{ policy: 'us-ictcs' }, /^::error::Input policy takes a preset .* not "us-ictcs"\. Did you mean us-ictsc\?$/],
    [{ comment: 'yes' }, /^::error::Input comment takes true or false, not "yes"$/],
  ])('refuses the input %j with one ::error and exit 2, before anything runs', async (bad, message) => {
    const { dir } = repository(undefined, [[popCore], []]);
    const r = await runAction({ registry: registry.url, ...bad }, dir);
    expect(r.code).toBe(2);
    const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error'));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(message);
    expect(r.stdout).not.toMatch(/\bat (runAction|readInputs) \(/);
  });
});
