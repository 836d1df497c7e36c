import { describe, expect, it } from 'vitest';
import { formatIssues } from '../../src/emit/issues.js';
import type { Issue } from '../../src/model.js';

const failed = (name: string, code: string, message: string): Issue => ({ severity: 'error', code, message: `${name}@1.0.0: ${message}`, package: `pkg:npm/${name}@1.0.0` });

describe('issues in a terminal', () => {
  it.each<[string, Issue[], string[]]>([
    ['a problem without a package, as it is', [{ severity: 'warning', code: 'W_X', message: 'lockfile is old' }], ['warning: lockfile is old']],
    ['one failed package, whole', [failed('a', 'E_REGISTRY_HTTP', 'HTTP 503 from http://r.test/a/1.0.0')], ['error: a@1.0.0: HTTP 503 from http://r.test/a/1.0.0']],
    [
      'registry failures grouped, quoting the first whole',
      ['a', 'b', 'c'].map((n) => failed(n, 'E_REGISTRY_NETWORK', `ECONNREFUSED while fetching http://r.test/${n}/1.0.0`)),
      ['error: 3 packages: network errors: a@1.0.0, b@1.0.0, and 1 more (the first: a@1.0.0: ECONNREFUSED while fetching http://r.test/a/1.0.0)'],
    ],
    [
      'untrusted certificates, with the first and its fix',
      ['a', 'b'].map((n) => failed(n, 'E_REGISTRY_CERTIFICATE', 'SELF_SIGNED_CERT_IN_CHAIN while fetching https://r.test/x: set cafile')),
      ['error: 2 packages: untrusted registry certificates: a@1.0.0, b@1.0.0 (the first: a@1.0.0: SELF_SIGNED_CERT_IN_CHAIN while fetching https://r.test/x: set cafile)'],
    ],
    [
      'cache misses grouped, names only, the rest counted',
      ['a', 'b', 'c'].map((n) => failed(n, 'E_OFFLINE_MISS', 'Not in the cache')),
      ['error: 3 packages: not in the cache (--offline): a@1.0.0, b@1.0.0, and 1 more'],
    ],
    [
      'registry text made safe for the terminal',
      ['a', 'b'].map((n) => failed(n, 'E_REGISTRY_HTTP', 'HTTP 500 from http://r.test/\u001b[31mred')),
      ['error: 2 packages: registry HTTP errors: a@1.0.0, b@1.0.0 (the first: a@1.0.0: HTTP 500 from http://r.test/\\u001b[31mred)'],
    ],
  ])('%s', (_name, issues, lines) => {
    expect(formatIssues(issues, 2)).toEqual(lines);
  });
});
