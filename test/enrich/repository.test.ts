import { describe, expect, it } from 'vitest';
import { normaliseRepository } from '../../src/enrich/repository.js';

describe('repository URL shapes', () => {
  it.each([
    ['github:owner/repo', { host: 'github.com', owner: 'owner', repo: 'repo' }],
    ['owner/repo', { host: 'github.com', owner: 'owner', repo: 'repo' }],
    ['gitlab:group/project', { host: 'gitlab.com', owner: 'group', repo: 'project' }],
    ['bitbucket:team/repo', { host: 'bitbucket.org', owner: 'team', repo: 'repo' }],
    ['gist:11081aaa281', { host: 'gist.github.com', repo: '11081aaa281' }],
    ['git+https://github.com/vitejs/vite.git', { host: 'github.com', owner: 'vitejs', repo: 'vite' }],
    ['git://github.com/isaacs/once.git', { host: 'github.com', owner: 'isaacs', repo: 'once' }],
    ['git+ssh://git@github.com/acme/tool.git', { host: 'github.com', owner: 'acme', repo: 'tool' }],
    ['git@github.com:acme/tool.git', { host: 'github.com', owner: 'acme', repo: 'tool' }],
    ['git@gitee.com:mirrors/some-lib.git', { host: 'gitee.com', owner: 'mirrors', repo: 'some-lib' }],
    ['https://github.com/babel/babel/tree/main/packages/babel-core', { host: 'github.com', owner: 'babel', repo: 'babel' }],
    ['https://gitlab.com/group/sub/project.git', { host: 'gitlab.com', owner: 'group/sub', repo: 'project' }],
    ['https://gitlab.com/group/project/-/tree/main', { host: 'gitlab.com', owner: 'group', repo: 'project' }],
    ['https://www.github.com/Owner/Repo', { host: 'github.com', owner: 'Owner', repo: 'Repo' }],
    ['http://git.example.test:8080/team/lib', { host: 'git.example.test', owner: 'team', repo: 'lib' }],
    ['not a url', {}],
  ])('%s', (url, expected) => {
    const { url: declared, ...parsed } = normaliseRepository(url)!;
    expect(declared).toBe(url);
    expect(parsed).toEqual(expected);
  });

  it('keeps the directory of a monorepo package', () => {
    expect(normaliseRepository({ type: 'git', url: 'https://github.com/babel/babel.git', directory: 'packages/babel-core' })).toEqual({
      url: 'https://github.com/babel/babel.git',
      host: 'github.com',
      owner: 'babel',
      repo: 'babel',
      directory: 'packages/babel-core',
    });
  });

  it.each([undefined, 42, {}, { url: '' }])('nothing from %j', (value) => {
    expect(normaliseRepository(value)).toBeUndefined();
  });
});
