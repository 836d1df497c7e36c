/**
 * The pull request's base, read from the event payload as a runner writes it, and fetched shallowly from
 * a real git remote when the checkout lacks it.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureCommit, pullRequestEvent } from '../../src/github/event.js';
import { tempDir } from '../helpers.js';

const sha = 'a'.repeat(40);

function eventFile(payload: unknown): string {
  const file = join(tempDir(), 'event.json');
  writeFileSync(file, typeof payload === 'string' ? payload : JSON.stringify(payload));
  return file;
}

describe('pullRequestEvent', () => {
  const cases: { name: string; event: string; payload: unknown; expected: ReturnType<typeof pullRequestEvent> }[] = [
    { name: 'pull_request', event: 'pull_request', payload: { pull_request: { number: 12, base: { sha, ref: 'main' } } }, expected: { number: 12, baseSha: sha } },
    { name: 'pull_request_target', event: 'pull_request_target', payload: { pull_request: { number: 3, base: { sha } } }, expected: { number: 3, baseSha: sha } },
    { name: 'a push has no base', event: 'push', payload: { before: sha }, expected: undefined },
    { name: 'a sha that is not hex is not used', event: 'pull_request', payload: { pull_request: { number: 1, base: { sha: '--upload-pack=x' } } }, expected: undefined },
    { name: 'a number that is not a number', event: 'pull_request', payload: { pull_request: { number: '1; rm', base: { sha } } }, expected: undefined },
    { name: 'malformed JSON', event: 'pull_request', payload: '{"pull_request":', expected: undefined },
  ];
  it.each(cases)('$name', ({ event, payload, expected }) => {
    expect(pullRequestEvent({ GITHUB_EVENT_NAME: event, GITHUB_EVENT_PATH: eventFile(payload) })).toEqual(expected);
  });
});

describe('ensureCommit', () => {
  it('fetches a missing base commit shallowly from origin, and says false for one origin does not have', () => {
    const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.test', '-c', 'uploadpack.allowAnySHA1InWant=true', ...args], { cwd, encoding: 'utf8' }).trim();
    const origin = tempDir();
    git(origin, 'init', '-q');
    writeFileSync(join(origin, 'a.txt'), 'base');
    git(origin, 'add', '.');
    git(origin, 'commit', '-q', '-m', 'base');
    const base = git(origin, 'rev-parse', 'HEAD');
    writeFileSync(join(origin, 'a.txt'), 'head');
    git(origin, 'commit', '-q', '-am', 'head');
    git(origin, 'config', 'uploadpack.allowAnySHA1InWant', 'true');
    const clone = join(tempDir(), 'clone');
    git(origin, 'clone', '-q', '--depth=1', `file://${origin}`, clone);
    expect(() => git(clone, 'cat-file', '-e', `${base}^{commit}`)).toThrow();
    expect(ensureCommit(base, clone)).toBe(true);
    expect(git(clone, 'cat-file', '-t', base)).toBe('commit');
    expect(ensureCommit('b'.repeat(40), clone)).toBe(false);
  });
});
