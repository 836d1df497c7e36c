/** The Action's inputs: each bad value is one usage error naming the input and what it takes; paths expand as users expect. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandPath, readInputs } from '../../src/github/inputs.js';

const ws = '/workspace/repo';
const env = (inputs: Record<string, string>): NodeJS.ProcessEnv => ({ HOME: '/home/runner', RUNNER_TEMP: '/tmp/runner', ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])) });

describe('readInputs', () => {
  const bad: [Record<string, string>, RegExp][] = [
    [{ 'fail-on': 'bogus' }, /^Input fail-on takes one of none, low, medium, high, critical, unknown, not "bogus"$/],
    [{ 'fail-on': 'hihg' }, /not "hihg"\. Did you mean high\?$/],
    [{ omit: 'dev,tests' }, /^Input omit takes dev, optional, peer \(space or comma separated\), not "tests"$/],
    [{ 'spec-version': '1.4' }, /^Input spec-version takes one of 1\.5, 1\.6, 1\.7, not "1\.4"$/],
    [{ 'spec-version': '1.8' }, /not "1\.8"/],
    [{ policy: 'us-ictcs' }, /^Input policy takes a preset \(.*\) or a YAML\/JSON policy file, not "us-ictcs"\. Did you mean us-ictsc\?$/],
    [{ comment: 'yes' }, /^Input comment takes true or false, not "yes"$/],
    [{ registry: 'ftp://x' }, /^Input registry takes an http\(s\) URL/],
    [{ 'dependency-track-url': 'dtrack.example' }, /^Input dependency-track-url takes an http\(s\) URL/],
  ];
  it.each(bad)('%j is refused', (inputs, message) => {
    let error: unknown;
    try {
      readInputs(ws, env(inputs));
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'E_USAGE' });
    expect((error as Error).message).toMatch(message);
  });

  it('takes good values and defaults', () => {
    const inputs = readInputs(ws, env({ 'fail-on': 'high', omit: 'dev optional', policy: 'eu-sovereignty', comment: 'true', 'cache-dir': '~/.cache/sovscan', sbom: '$RUNNER_TEMP/sbom.cdx.json' }));
    expect(inputs).toMatchObject({ failOn: 'high', omit: ['dev', 'optional'], policy: 'eu-sovereignty', comment: true, cacheDir: '/home/runner/.cache/sovscan', sbom: '/tmp/runner/sbom.cdx.json', specVersion: '1.6', path: ws });
    expect(readInputs(ws, env({ policy: 'policies/ours.yaml' })).policy).toBe(join(ws, 'policies/ours.yaml'));
  });
});

describe('expandPath', () => {
  it.each([
    ['~/.cache/sovscan', '/home/runner/.cache/sovscan'],
    ['~', '/home/runner'],
    ['${RUNNER_TEMP}/x', '/tmp/runner/x'],
    ['$RUNNER_TEMP/x', '/tmp/runner/x'],
    ['out/~file', `${ws}/out/~file`],
    ['$UNSET/x', '/x'],
    ['sbom.cdx.json', `${ws}/sbom.cdx.json`],
  ])('%s → %s', (value, expected) => {
    expect(expandPath(value, ws, { HOME: '/home/runner', RUNNER_TEMP: '/tmp/runner' })).toBe(expected);
  });
});
