/**
 * One pull-request comment kept up to date (the Action's `comment: true`), as GitHub's dependency-review
 * action does: found again by a hidden marker, created on the first run that has something to say,
 * updated on later runs, and marked resolved when a later run has nothing new. Uses GitHub's REST API
 * (issues/list-comments, create-comment, update-comment; see GitHub's REST API description) with the
 * workflow's token, sent to the API base URL the runner names and nowhere else: no redirect is followed,
 * answers are bounded in size and time, and a failure is the caller's warning, never the gate's verdict.
 */

import { readResponseText } from '../enrich/bounded-body.js';
import { SovscanError } from '../errors.js';

/** Hidden in the rendered comment; how a later run finds its own comment among the others. */
export const COMMENT_MARKER = '<!-- sovscan: pull-request comment -->';

/** What is said when a run has nothing new and an earlier comment exists. */
export const RESOLVED_BODY = `${COMMENT_MARKER}\n## sovscan: ✅ nothing new at the gate's level\n\nAn earlier run of this pull request found packages at the gate's level; the latest run finds none it adds or raises.\n`;

export interface CommentTarget {
  /** GitHub's REST API base URL (`GITHUB_API_URL` on a runner; GitHub Enterprise Server has its own). */
  api: string;
  /** `owner/repo` (`GITHUB_REPOSITORY`). */
  repository: string;
  /** The pull request's number (an issue number to the comments API). */
  number: number;
  token: string;
}

export type CommentResult = { action: 'created' | 'updated' | 'resolved'; id: number } | { action: 'none' };

const failure = (message: string) => new SovscanError('E_COMMENT', message);

const MAX_PAGES = 20;
const MAX_ANSWER_BYTES = 8 * 1024 * 1024;
const TIMEOUT_MS = 30_000;
/** GitHub refuses comment bodies over 65,536 characters. */
export const MAX_BODY_CHARS = 65_536;

interface Comment {
  id: number;
  body?: string;
  user?: { type?: string } | null;
}

/**
 * `body` is the Markdown to show (the marker is added); undefined means the run has nothing new, which
 * resolves an earlier comment and otherwise says nothing.
 */
export async function upsertComment(target: CommentTarget, body: string | undefined): Promise<CommentResult> {
  const api = new URL(target.api.endsWith('/') ? target.api : `${target.api}/`);
  if (!/^[\w.-]+\/[\w.-]+$/.test(target.repository)) throw failure(`GITHUB_REPOSITORY is not owner/repo: ${JSON.stringify(target.repository)}`);
  if (!Number.isSafeInteger(target.number) || target.number < 1) throw failure(`Not a pull request number: ${target.number}`);
  const call = (method: string, path: string, payload?: object) => request(api, target.token, method, path, payload);
  const existing = await findOwnComment(target, call);
  if (body === undefined) {
    if (!existing) return { action: 'none' };
    if (existing.body === RESOLVED_BODY) return { action: 'none' };
    await call('PATCH', `repos/${target.repository}/issues/comments/${existing.id}`, { body: RESOLVED_BODY });
    return { action: 'resolved', id: existing.id };
  }
  const text = fit(`${COMMENT_MARKER}\n${body}`);
  if (existing) {
    await call('PATCH', `repos/${target.repository}/issues/comments/${existing.id}`, { body: text });
    return { action: 'updated', id: existing.id };
  }
  const created = (await call('POST', `repos/${target.repository}/issues/${target.number}/comments`, { body: text })) as Comment;
  return { action: 'created', id: created.id };
}

function fit(text: string): string {
  if (text.length <= MAX_BODY_CHARS) return text;
  const note = '\n\n… (cut to fit a comment; the job summary has it all)\n';
  return text.slice(0, MAX_BODY_CHARS - note.length) + note;
}

async function findOwnComment(target: CommentTarget, call: (method: string, path: string) => Promise<unknown>): Promise<Comment | undefined> {
  for (let page = 1; page <= MAX_PAGES; page++) {
    const comments = await call('GET', `repos/${target.repository}/issues/${target.number}/comments?per_page=100&page=${page}`);
    if (!Array.isArray(comments)) throw failure(`GitHub answered the comment list of ${target.repository}#${target.number} with something that is not a list`);
    // Only a bot's (the workflow token's) comment: a person who writes the marker does not get their comment edited.
    const own = (comments as Comment[]).find((c) => typeof c?.id === 'number' && typeof c.body === 'string' && c.body.startsWith(COMMENT_MARKER) && c.user?.type === 'Bot');
    if (own) return own;
    if (comments.length < 100) return undefined;
  }
  return undefined;
}

async function request(api: URL, token: string, method: string, path: string, payload?: object): Promise<unknown> {
  const url = new URL(path, api);
  if (url.origin !== api.origin) throw failure(`Refusing to send the token outside ${api.origin}`);
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: { accept: 'application/vnd.github+json', authorization: `Bearer ${token}`, 'x-github-api-version': '2022-11-28', 'user-agent': 'sovscan', ...(payload ? { 'content-type': 'application/json' } : {}) },
      ...(payload ? { body: JSON.stringify(payload) } : {}),
    });
  } catch (error) {
    throw failure(`${method} ${url.pathname} failed: ${(error as Error).message}`);
  }
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel();
    throw failure(`GitHub answered ${method} ${url.pathname} with a redirect (${response.status}); not followed, so the token goes nowhere else`);
  }
  let text: string;
  try {
    text = await readResponseText(response, MAX_ANSWER_BYTES);
  } catch (error) {
    throw failure(`GitHub's answer to ${method} ${url.pathname} could not be read: ${(error as Error).message}`);
  }
  if (!response.ok) {
    const message = safeMessage(text);
    throw failure(`GitHub answered ${method} ${url.pathname} with ${response.status}${message ? `: ${message}` : ''}${response.status === 403 || response.status === 404 ? ' (the workflow needs permissions: pull-requests: write)' : ''}`);
  }
  if (response.status === 204 || text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw failure(`GitHub answered ${method} ${url.pathname} with something that is not JSON`);
  }
}

/** GitHub's error `message`, shortened and printable: it reaches a CI log. */
function safeMessage(text: string): string {
  try {
    const message = (JSON.parse(text) as { message?: unknown }).message;
    return typeof message === 'string' ? message.replace(/[^\x20-\x7e]/g, '?').slice(0, 200) : '';
  } catch {
    return '';
  }
}
