/**
 * What the Action reads of the event that started the workflow (`GITHUB_EVENT_PATH`, written by the
 * runner): on `pull_request` and `pull_request_target`, the pull request's number and its base commit, so
 * that the gate compares with the base without configuration. Only those two fields are read, and checked
 * for their shape: the rest of the payload (titles, branch names) is the pull request author's text.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';

export interface PullRequestEvent {
  number: number;
  /** The base branch's commit the pull request is compared with. */
  baseSha: string;
}

/** Runner-written, but a pull request's body can be long; well past any real payload. */
const MAX_EVENT_BYTES = 32 * 1024 * 1024;

export function pullRequestEvent(env: NodeJS.ProcessEnv = process.env): PullRequestEvent | undefined {
  if (env.GITHUB_EVENT_NAME !== 'pull_request' && env.GITHUB_EVENT_NAME !== 'pull_request_target') return undefined;
  const file = env.GITHUB_EVENT_PATH;
  if (!file) return undefined;
  try {
    if (statSync(file).size > MAX_EVENT_BYTES) return undefined;
    const event = JSON.parse(readFileSync(file, 'utf8')) as { pull_request?: { number?: unknown; base?: { sha?: unknown } } };
    const number = event.pull_request?.number;
    const sha = event.pull_request?.base?.sha;
    if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 1) return undefined;
    if (typeof sha !== 'string' || !/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(sha)) return undefined;
    return { number, baseSha: sha };
  } catch {
    return undefined;
  }
}

/**
 * Makes sure the base commit is in the local repository: actions/checkout fetches one commit by default,
 * so the base is fetched shallowly from `origin` when it is missing. True when it is there afterwards.
 */
export function ensureCommit(sha: string, cwd: string): boolean {
  const has = () => {
    try {
      execFileSync('git', ['cat-file', '-e', `${sha}^{commit}`], { cwd, stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  if (has()) return true;
  try {
    execFileSync('git', ['fetch', '--quiet', '--no-tags', '--depth=1', 'origin', sha], { cwd, stdio: 'ignore', timeout: 120_000 });
  } catch {
    return false;
  }
  return has();
}
