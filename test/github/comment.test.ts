/**
 * The Action's pull-request comment against a loopback server that speaks GitHub's issue-comment REST
 * operations, every request and answer checked against GitHub's published description.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { COMMENT_MARKER, RESOLVED_BODY, upsertComment, type CommentTarget } from '../../src/github/comment.js';
import { startGitHub, type GitHubServer } from './github-server.js';

let servers: GitHubServer[] = [];
afterEach(async () => {
  for (const s of servers) await s.close();
  servers = [];
});

async function github(...args: Parameters<typeof startGitHub>): Promise<{ server: GitHubServer; target: CommentTarget }> {
  const server = await startGitHub(...args);
  servers.push(server);
  return { server, target: { api: server.url, repository: 'octo/shop', number: 7, token: 'ghs_secret' } };
}

describe('upsertComment', () => {
  it('creates one comment, then updates the same one, then marks it resolved when nothing is new', async () => {
    const { server, target } = await github();
    const first = await upsertComment(target, '## sovscan: ❌ 1 package at high\n');
    expect(first.action).toBe('created');
    expect(server.comments).toHaveLength(1);
    expect(server.comments[0]!.body.startsWith(COMMENT_MARKER)).toBe(true);

    const second = await upsertComment(target, '## sovscan: ❌ 2 packages at high\n');
    expect(second).toEqual({ action: 'updated', id: first.action === 'none' ? -1 : first.id });
    expect(server.comments).toHaveLength(1);
    expect(server.comments[0]!.body).toContain('2 packages at high');

    expect((await upsertComment(target, undefined)).action).toBe('resolved');
    expect(server.comments[0]!.body).toBe(RESOLVED_BODY);
    // resolved already: nothing more to say, nothing sent
    const before = server.requests.length;
    expect((await upsertComment(target, undefined)).action).toBe('none');
    expect(server.requests.slice(before).map((r) => r.method)).toEqual(['GET']);
    expect(server.violations).toEqual([]);
    expect(server.requests.every((r) => r.authorization === 'Bearer ghs_secret')).toBe(true);
  });

  it('says nothing on a pull request that never had anything to report', async () => {
    const { server, target } = await github();
    expect(await upsertComment(target, undefined)).toEqual({ action: 'none' });
    expect(server.comments).toEqual([]);
    expect(server.violations).toEqual([]);
  });

  it("finds its comment past the first page, and never edits a person's comment that carries the marker", async () => {
    const others = Array.from({ length: 150 }, (_, i) => ({ id: i + 1, body: `comment ${i}`, bot: false }));
    const forged = { id: 500, body: `${COMMENT_MARKER}\nI wrote the marker myself`, bot: false };
    const own = { id: 501, body: `${COMMENT_MARKER}\nold`, bot: true };
    const { server, target } = await github([...others, forged, own]);
    expect(await upsertComment(target, 'new text')).toEqual({ action: 'updated', id: 501 });
    expect(server.comments.find((c) => c.id === 500)!.body).toBe(forged.body);
    expect(server.comments.find((c) => c.id === 501)!.body).toBe(`${COMMENT_MARKER}\nnew text`);
    expect(server.requests.filter((r) => r.method === 'GET').map((r) => r.path)).toEqual(['/repos/octo/shop/issues/7/comments?per_page=100&page=1', '/repos/octo/shop/issues/7/comments?per_page=100&page=2']);
    expect(server.violations).toEqual([]);
  });

  it('keeps a long report within what GitHub accepts', async () => {
    const { server, target } = await github();
    await upsertComment(target, 'x'.repeat(200_000));
    expect(server.comments[0]!.body.length).toBeLessThanOrEqual(65_536);
    expect(server.comments[0]!.body).toMatch(/cut to fit a comment/);
  });

  it.each([403, 404, 500])('a %i is an E_COMMENT error that says what to do where it can', async (status) => {
    const { server, target } = await github();
    server.failWith = status;
    const error = await upsertComment(target, 'x').catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'E_COMMENT' });
    expect(String((error as Error).message)).toContain(String(status));
    if (status === 403) expect((error as Error).message).toMatch(/pull-requests: write/);
  });

  it('follows no redirect: the token reaches no other server', async () => {
    const { server, target } = await github();
    const elsewhere = await startGitHub();
    servers.push(elsewhere);
    server.redirectTo = `${elsewhere.url}/repos/octo/shop/issues/7/comments`;
    await expect(upsertComment(target, 'x')).rejects.toMatchObject({ code: 'E_COMMENT' });
    expect(elsewhere.requests).toEqual([]);
  });

  it('the server checks shapes for real: a request GitHub would refuse is a violation', async () => {
    const { server } = await github();
    await fetch(`${server.url}/repos/octo/shop/issues/7/comments?per_page=100&sort=x`, { headers: { authorization: 'Bearer t' } });
    await fetch(`${server.url}/repos/octo/shop/issues/7/comments`, { method: 'POST', headers: { authorization: 'Bearer t' }, body: JSON.stringify({ text: 'no body field' }) });
    expect(server.violations).toEqual([expect.stringMatching(/unknown query parameter sort/), expect.stringMatching(/request to issues\/create-comment: .*body/)]);
  });

  it('refuses a repository name that would change the path', async () => {
    const { server, target } = await github();
    await expect(upsertComment({ ...target, repository: 'octo/../../users' }, 'x')).rejects.toMatchObject({ code: 'E_COMMENT' });
    expect(server.requests).toEqual([]);
  });
});
