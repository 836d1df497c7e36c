/**
 * `repository` in all its shapes (see npm docs: package-json#repository), normalised to host, owner and
 * repo: `"github:owner/repo"`, `"owner/repo"`, `"gitlab:o/r"`, `"bitbucket:o/r"`, `"gist:id"`,
 * `git+https://…`, `git://…`, `git+ssh://git@…`, `git@host:owner/repo.git`, `https://host/o/r/tree/…`,
 * and `{ type, url, directory }`.
 */
import { isRecord } from '../resolve/parse-text.js';

export interface Repository {
  /** The URL as declared. */
  url: string;
  host?: string;
  owner?: string;
  repo?: string;
  directory?: string;
}

const SHORTHAND_HOSTS: Record<string, string> = { github: 'github.com', gitlab: 'gitlab.com', bitbucket: 'bitbucket.org', gist: 'gist.github.com' };

export function normaliseRepository(value: unknown): Repository | undefined {
  let url: string | undefined;
  let directory: string | undefined;
  if (typeof value === 'string') url = value.trim();
  else if (isRecord(value) && typeof value.url === 'string') {
    url = value.url.trim();
    if (typeof value.directory === 'string' && value.directory.trim()) directory = value.directory.trim();
  }
  if (!url) return undefined;
  const parsed = parseRepositoryUrl(url);
  return { url, ...parsed, ...(directory ? { directory } : {}) };
}

export function parseRepositoryUrl(url: string): Omit<Repository, 'url' | 'directory'> {
  const shorthand = /^(github|gitlab|bitbucket|gist):([^/#]+)(?:\/([^#]+?))?(?:\.git)?(?:#.*)?$/.exec(url);
  if (shorthand) {
    const host = SHORTHAND_HOSTS[shorthand[1]!]!;
    return shorthand[3] ? { host, owner: shorthand[2], repo: shorthand[3] } : { host, repo: shorthand[2] };
  }
  // `owner/repo` means GitHub (npm's hosted-git-info).
  const bare = /^([\w.-]+)\/([\w.-]+?)(?:\.git)?(?:#.*)?$/.exec(url);
  if (bare && !url.includes(':')) return { host: 'github.com', owner: bare[1], repo: bare[2] };
  // scp-like: git@host:owner/repo.git
  const scp = /^(?:[\w.-]+@)?([\w.-]+\.[\w-]+):(?!\/\/)\/?([^#]+?)(?:\.git)?\/?(?:#.*)?$/.exec(url);
  if (scp && !/^[a-z+]+:\/\//i.test(url)) return split(scp[1]!, scp[2]!);
  try {
    const u = new URL(url.replace(/^git\+/, ''));
    if (!u.hostname) return {};
    return split(u.hostname, decodeURIComponent(u.pathname).replace(/^\/+/, ''));
  } catch {
    return {};
  }
}

function split(host: string, path: string): Omit<Repository, 'url' | 'directory'> {
  const segments = path.replace(/\.git$/, '').replace(/\/+$/, '').split('/').filter(Boolean);
  const h = host.toLowerCase().replace(/^www\./, '');
  if (segments.length === 0) return { host: h };
  if (segments.length === 1) return { host: h, repo: segments[0]!.replace(/\.git$/, '') };
  // GitLab allows nested groups; `/-/` starts the UI part of a URL. Elsewhere: owner/repo, then UI paths.
  const ui = segments.indexOf('-');
  const usable = ui > 0 ? segments.slice(0, ui) : h.includes('gitlab') ? segments : segments.slice(0, 2);
  const repo = usable[usable.length - 1]!.replace(/\.git$/, '');
  return { host: h, owner: usable.slice(0, -1).join('/'), repo };
}
