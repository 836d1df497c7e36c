/** URLs as every output writes them: web and git schemes only, never user info. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { outputUrl, withoutUserinfo } from '../../src/emit/url.js';
import { referenceUrl } from '../../src/emit/cyclonedx/registry-facts.js';
import { SEEDED } from './hostile.js';

describe('outputUrl', () => {
  it.each<[string, string, string | undefined]>([
    ['https, as declared', 'https://github.com/acme/x#readme', 'https://github.com/acme/x#readme'],
    ['git+https', 'git+https://github.com/acme/x.git', 'git+https://github.com/acme/x.git'],
    ['user and password removed', 'https://deploy:hunter2@github.com/acme/x.git', 'https://github.com/acme/x.git'],
    ['a token as user name removed', 'git+https://ghp_abc123@github.com/acme/x.git', 'git+https://github.com/acme/x.git'],
    ['a password with @ in it: up to the last @', 'https://u:p@ss@host.test/a@b', 'https://host.test/a@b'],
    ['the git@ of an SSH URL kept', 'git+ssh://git@github.com/acme/x.git', 'git+ssh://git@github.com/acme/x.git'],
    ['another SSH user removed', 'ssh://alice:pw@host.test/x.git', 'ssh://host.test/x.git'],
    ['backslashes after the scheme, read as slashes', 'http://\\u:p@host.test/x', 'http://\\host.test/x'],
    ['no slashes after a web scheme', 'https:u:p@host.test/x', 'https:host.test/x'],
    ['a backslash in the path is no user info', 'https://host.test\\@evil.test', 'https://host.test\\@evil.test'],
    ['scp-like git syntax kept', 'git@github.com:acme/x.git', 'git@github.com:acme/x.git'],
    ['a shorthand kept', 'acme/x', 'acme/x'],
    ['javascript: left out', 'javascript:alert(1)', undefined],
    ['JavaScript: in any case left out', 'JaVaScRiPt:alert(1)', undefined],
    ['a tab inside the scheme does not hide it', 'java\tscript:alert(1)', undefined],
    ['leading controls do not hide it', '\u0001 javascript:alert(1)', undefined],
    ['data: left out', 'data:text/html,<script>alert(1)</script>', undefined],
    ['vbscript: left out', 'vbscript:msgbox', undefined],
    ['file: left out', 'file:///etc/passwd', undefined],
    ['mailto: left out', 'mailto:someone@example.test', undefined],
    ['a shorthand scheme (github:) is no link', 'github:acme/x', undefined],
    ['empty', '', undefined],
  ])('%s', (_, url, expected) => {
    expect(outputUrl(url)).toBe(expected);
  });

  it('never leaves user info in an http(s) URL, whatever the user info is', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.string({ unit: 'grapheme-ascii', minLength: 1 }).filter((s) => !/[\s/?#]/.test(s)), (url, info) => {
        const withInfo = url.replace('://', `://${info}@`);
        const out = outputUrl(withInfo)!;
        expect(new URL(out).username).toBe('');
        expect(new URL(out).password).toBe('');
      }),
      SEEDED,
    );
  });
});

describe('withoutUserinfo in free text, and the SBOM reference', () => {
  it('removes user info from every URL in a sentence', () => {
    expect(withoutUserinfo('see https://a:b@x.test/1 and http://c@y.test, or mail d@z.test')).toBe('see https://x.test/1 and http://y.test, or mail d@z.test');
  });

  it('referenceUrl applies the same rules before the anyURI repair', () => {
    expect(referenceUrl('javascript:alert(1)')).toBeUndefined();
    expect(referenceUrl('https://u:p@host.test/a%E0%A4%A')).toBe('https://host.test/a%E0%A4%25A');
  });
});
