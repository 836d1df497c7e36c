/** The CLI as a user runs it: the built `bin/sovscan.js` in a child process. */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BENCH, FIXTURES, REPO, tempDir } from './helpers.js';

/**
 * Runs the CLI offline against an empty cache: these tests are about resolution and output, and tests
 * never reach the public registry (the registry tests play it on loopback).
 */
function sovscan(args: string[], cwd = REPO, env: Record<string, string> = {}) {
  const isolation = args[0] === 'scan' ? ['--offline', '--cache-dir', tempDir('sovscan-cache-')] : [];
  const result = spawnSync(process.execPath, [join(REPO, 'bin', 'sovscan.js'), ...args, ...isolation], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('sovscan scan', () => {
  it('writes sbom.cdx.json in the current directory and prints a summary', () => {
    const dir = join(tempDir(), 'medium-app');
    cpSync(join(BENCH, 'medium-app'), dir, { recursive: true });
    const { code, stdout, stderr } = sovscan(['scan'], dir);
    // offline with an empty cache: every package is unknown, named in one line, and the run finishes
    expect(stderr).toMatch(/^sovscan: error: 178 packages: not in the cache \(--offline\): @alicloud\/pop-core@1\.8\.0, .*, and 173 more\n$/);
    expect(code).toBe(0);
    expect(stdout).toMatch(/registry: 0 of 178 described, 178 unknown/);
    expect(stdout).toMatch(/medium-app@0\.9\.2 from package-lock\.json \(npm lockfile v3\)/);
    expect(stdout).toMatch(/packages: 178 \(12 direct/);
    expect(stdout).toMatch(/SBOM: +sbom\.cdx\.json/);
    const bom = JSON.parse(readFileSync(join(dir, 'sbom.cdx.json'), 'utf8')) as { components: unknown[] };
    expect(bom.components).toHaveLength(178);
  });

  it('-o - writes only the document to stdout, the summary to stderr', () => {
    const { code, stdout, stderr } = sovscan(['scan', join(FIXTURES, 'lockfiles', 'pnpm-v9', 'pnpm-lock.yaml'), '-o', '-', '--reproducible']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ bomFormat: 'CycloneDX', specVersion: '1.6' });
    expect(stderr).toMatch(/pnpm lockfile v9\.0/);
  });

  it.each([
    [['--spec-version', '1.5'], /"specVersion": "1\.5"/],
    [['--spec-version', '1.7'], /"specVersion": "1\.7"/],
    [['--format', 'cyclonedx-xml'], /<bom xmlns="http:\/\/cyclonedx\.org\/schema\/bom\/1\.6"/],
  ])('%j', (flags, expected) => {
    const { code, stdout } = sovscan(['scan', join(FIXTURES, 'lockfiles', 'npm-v3'), '-o', '-', '-q', ...flags]);
    expect(code).toBe(0);
    expect(stdout).toMatch(expected);
  });

  it('--omit and --workspace narrow the tree', () => {
    const omit = sovscan(['scan', join(FIXTURES, 'lockfiles', 'npm-v3'), '-o', '-', '--omit', 'dev', '--omit', 'optional']);
    expect(omit.stdout).not.toContain('pkg:npm/devtool@');
    expect(omit.stdout).not.toContain('pkg:npm/fsevents@');
    const ws = sovscan(['scan', join(FIXTURES, 'lockfiles', 'npm-v3'), '-o', '-', '-w', '@kitchen/ws-a']);
    const bom = JSON.parse(ws.stdout) as { metadata: { component: { name: string } }; components: { name: string }[] };
    expect(bom.metadata.component.name).toBe('ws-a');
    expect(bom.components.map((c) => c.name)).toEqual(['ms']);
  });

  it('--quiet prints nothing on success', () => {
    const out = join(tempDir(), 'bom.json');
    const { code, stdout, stderr } = sovscan(['scan', join(FIXTURES, 'lockfiles', 'yarn-berry'), '-o', out, '--quiet']);
    expect([code, stdout, stderr]).toEqual([0, '', '']);
  });

  it('--report writes each report next to the SBOM; an unknown kind is a usage error', () => {
    const dir = tempDir();
    const args = ['scan', join(FIXTURES, 'lockfiles', 'npm-v3'), '-o', join(dir, 'bom.json'), '-q'];
    const ok = sovscan([...args, '--report', `markdown=${join(dir, 'summary.md')}`, '--report', `sarif=${join(dir, 'out.sarif')}`, '--report', `csv=${join(dir, 'out.csv')}`, '--report', `json=${join(dir, 'out.json')}`]);
    expect(ok.code).toBe(0);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toMatch(/^## sovscan: /);
    expect(JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8'))).toMatchObject({ version: '2.1.0' });
    expect(readFileSync(join(dir, 'out.csv'), 'utf8')).toMatch(/^name,version,purl,risk/);
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'))).toMatchObject({ reportVersion: 1 });
    const bad = sovscan([...args, '--report', 'pdf=x.pdf']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Cannot read --report pdf=x.pdf: expected KIND=FILE with KIND one of markdown, html, sarif, csv, json');
  });

  it('--strict exits 3 when results are incomplete, and still writes the SBOM', () => {
    const out = join(tempDir(), 'bom.json');
    const { code } = sovscan(['scan', join(FIXTURES, 'lockfiles', 'npm-v3'), '-o', out, '--strict', '-q']);
    expect(code).toBe(3);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ compositions: [{ aggregate: 'incomplete' }] });
  });

  it('prints warnings to stderr and still writes the SBOM', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'x', version: '1.0.0' }));
    writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: { '': { name: 'x', version: '1.0.0' } } }));
    const { code, stderr } = sovscan(['scan', dir, '-o', join(dir, 'out.json')]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/warning: .*lists no dependencies/);
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'))).toMatchObject({ components: [] });
  });
});

describe('usage and input errors exit 2 with a message that says what to do', () => {
  it.each([
    { name: 'no lockfile', args: (dir: string) => ['scan', dir], message: /No lockfile found in .*: looked for .*no package.json to resolve from the registry. Create a lockfile with 'npm install --package-lock-only'/ },
    { name: 'unknown option', args: () => ['scan', '--nope'], message: /^sovscan: Unknown argument: nope\. Run 'sovscan scan --help' for usage$/m },
    { name: 'bad --spec-version', args: () => ['scan', '--spec-version', '1.1'], message: /Invalid values:[\s\S]*spec-version/ },
    { name: 'no command', args: () => [], message: /^sovscan: Give a command, for example 'sovscan scan \.'\. Run 'sovscan --help' for usage$/m },
    ...['explain', 'policy', 'enrich', 'diff', 'upload'].map((command) => ({ name: `${command} without what it needs`, args: () => [command], message: new RegExp(`^sovscan: ${command} needs .*\\. Run 'sovscan ${command} --help' for its options$`, 'm') })),
    { name: 'a base branch git does not know', args: () => ['scan', join(FIXTURES, 'lockfiles', 'npm-v3'), '--base', 'origin/nope'], message: /Cannot read .* at origin\/nope: fatal: invalid object name 'origin\/nope'\. Give a base/ },
    { name: 'a --registry that is not a URL', args: () => ['scan', join(FIXTURES, 'lockfiles', 'npm-v3'), '--registry', 'registry.corp.test'], message: /registry "registry\.corp\.test" \(set in --registry\) is not an http\(s\) URL\. Write it as https:\/\/host\/path\// },
    { name: 'an --allowed-registries entry that is no host', args: () => ['scan', join(FIXTURES, 'lockfiles', 'npm-v3'), '--offline', '--allowed-registries', 'https://'], message: /--allowed-registries takes registry URLs or hosts, and "https:\/\/" is neither/ },
  ])('$name', ({ args, message }) => {
    const dir = tempDir();
    const { code, stderr } = sovscan(args(dir), dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^sovscan: /);
    expect(stderr).toMatch(message);
  });

  it('an option given twice takes its last value; repeatable ones keep all', () => {
    const dir = tempDir();
    const { code } = sovscan(['scan', join(FIXTURES, 'lockfiles', 'npm-v3'), '--cache-dir', join(dir, 'first'), '-o', join(dir, 'a.json'), '--report', `json=${join(dir, 'r.json')}`, '--report', `csv=${join(dir, 'r.csv')}`, '-q']);
    expect(code).toBe(0);
    expect(['a.json', 'r.csv', 'r.json'].every((f) => existsSync(join(dir, f)))).toBe(true);
  });

  it('an output path that cannot be written', () => {
    const dir = tempDir();
    const target = join(FIXTURES, 'lockfiles', 'npm-v3');
    // A directory in place of the file fails for every user, root included.
    const { code, stderr } = sovscan(['scan', target, '-o', dir]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/Cannot write .*: it is not a regular file/);
  });

  it('malformed lockfile names the line', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'package-lock.json'), '{\n  "lockfileVersion": 3,\n  "packages": {\n    "": {}\n    "node_modules/a": {}\n  }\n}\n');
    const { code, stderr } = sovscan(['scan', dir]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/Cannot parse .*package-lock\.json line 5 column 5: Expected ',' or '}' after property value/);
  });
});

describe('help and version', () => {
  it('--help shows the scan command with examples', () => {
    const { code, stdout } = sovscan(['scan', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/--spec-version/);
    expect(stdout).toMatch(/Examples:/);
  });

  it('--version prints the package version', () => {
    const { code, stdout } = sovscan(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe((JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string }).version);
  });
});
