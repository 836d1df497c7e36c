/**
 * No file in the repository names a public registry by its host: the default registry comes from npm's
 * configuration or the libraries' defaults at run time, and fixtures use placeholder hosts under `.test`.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { defaultRegistry } from '../src/enrich/default-registry.js';
import { REPO } from './helpers.js';

describe('the repository', () => {
  it('names no public registry host in any tracked file, the Action bundle included', () => {
    const npmHost = new URL(defaultRegistry()!).host;
    const yarnHost = ['registry', 'yarnpkg', 'com'].join('.');
    // Also written as a regular expression (`registry\.host\.tld`), as libraries do.
    const named = new RegExp([npmHost, yarnHost].map((host) => host.split('.').join(String.raw`\\?\.`)).join('|'));
    const files = execFileSync('git', ['ls-files'], { cwd: REPO, encoding: 'utf8' }).split('\n').filter(Boolean);
    expect(files).toContain('dist/index.mjs');
    expect(files).toContain('test/fixtures/packuments/express-angular.json.gz');
    const offending = files.filter((f) => {
      // Recorded fixtures are gzipped: look inside them too.
      const bytes = readFileSync(join(REPO, f));
      const text = (f.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('latin1');
      return named.test(text);
    });
    expect(offending).toEqual([]);
  });
});
