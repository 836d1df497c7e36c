/**
 * Upload to Dependency-Track, against a real HTTP server on loopback that implements the documented
 * endpoints (POST /api/v1/bom multipart, GET /api/v1/event/token/{token}) and their error statuses.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uploadToDependencyTrack, UPLOAD_DEFAULTS } from '../../src/upload/dependency-track.js';
import { runCli, tempDir } from '../helpers.js';

const KEY = 'odt_SECRETKEY_abc123';

interface Upload {
  apiKey?: string;
  body: string;
}

let server: Server;
let url: string;
let uploads: Upload[];
let polls: number;
let status: number;
/** When set, the upload or the poll answers with this redirect to `elsewhere`. */
let redirect: { status: number; on: 'upload' | 'poll' } | undefined;
/** Another origin on loopback, playing the attacker a redirect points at: it records whatever reaches it. */
let elsewhere: Server;
let elsewhereUrl: string;
let stolen: { method?: string; apiKey?: string; body: string }[];

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    req.setEncoding('utf8').on('data', (d: string) => (body += d)).on('end', () => resolve(body));
  });
}

beforeEach(async () => {
  uploads = [];
  polls = 0;
  status = 200;
  redirect = undefined;
  stolen = [];
  elsewhere = createServer(async (req, res) => {
    stolen.push({ method: req.method, apiKey: req.headers['x-api-key'] as string | undefined, body: await read(req) });
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: 'f1c3-token', processing: false }));
  });
  await new Promise<void>((r) => elsewhere.listen(0, '127.0.0.1', r));
  elsewhereUrl = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
  server = createServer(async (req, res) => {
    const apiKey = req.headers['x-api-key'] as string | undefined;
    const on = req.method === 'POST' ? 'upload' : 'poll';
    if (redirect?.on === on) return res.writeHead(redirect.status, { location: `${elsewhereUrl}${req.url}?next=1` }).end();
    if (req.method === 'POST' && req.url === '/api/v1/bom') {
      const body = await read(req);
      uploads.push({ apiKey, body });
      if (apiKey !== KEY) return res.writeHead(401).end();
      if (status !== 200) return res.writeHead(status, { 'content-type': 'application/problem+json' }).end(JSON.stringify({ title: 'rejected', detail: 'Unrecognized specVersion' }));
      return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token: 'f1c3-token' }));
    }
    if (req.method === 'GET' && req.url === '/api/v1/event/token/f1c3-token') {
      polls++;
      return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ processing: polls < 3 }));
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  await new Promise((r) => server.close(r));
  await new Promise((r) => elsewhere.close(r));
});

function sbom(): string {
  const file = join(tempDir(), 'sbom.cdx.json');
  writeFileSync(file, JSON.stringify({ bomFormat: 'CycloneDX', specVersion: '1.6', version: 1, components: [] }));
  return file;
}

const options = (overrides = {}) => ({ ...UPLOAD_DEFAULTS, url, apiKey: KEY, projectName: 'shop', projectVersion: 'main', pollIntervalMs: 5, timeoutMs: 2_000, ...overrides });

describe('Dependency-Track upload', () => {
  it('posts the SBOM as multipart with the project, then polls the token until processed', async () => {
    const result = await uploadToDependencyTrack(sbom(), options());
    expect(result).toEqual({ token: 'f1c3-token', processed: true });
    expect(polls).toBe(3);
    const { apiKey, body } = uploads[0]!;
    expect(apiKey).toBe(KEY);
    for (const field of ['projectName', 'projectVersion', 'autoCreate', 'bom']) expect(body).toContain(`name="${field}"`);
    expect(body).toMatch(/name="projectName"\r\n\r\nshop\r\n/);
    expect(body).toMatch(/name="autoCreate"\r\n\r\ntrue\r\n/);
    expect(body).toContain('"bomFormat":"CycloneDX"');
  });

  it.each([
    [400, /HTTP 400\): the server rejected the SBOM: .*Unrecognized specVersion/],
    [403, /HTTP 403\): the API key lacks a permission: it needs BOM_UPLOAD/],
    [404, /HTTP 404\): not found: give the API server base URL/],
    [413, /HTTP 413\): the SBOM is larger than the server/],
  ])('HTTP %i gets a clear error', async (code, message) => {
    status = code;
    await expect(uploadToDependencyTrack(sbom(), options())).rejects.toMatchObject({ code: 'E_UPLOAD', message: expect.stringMatching(message) });
  });

  it('a refused key (401) says so, without the key', async () => {
    const error = await uploadToDependencyTrack(sbom(), options({ apiKey: 'wrong' })).catch((e: Error) => e);
    expect((error as Error).message).toMatch(/HTTP 401\): the API key was refused: check DEPENDENCY_TRACK_API_KEY/);
    expect((error as Error).message).not.toContain('wrong');
  });

  it('an unreachable server gets a clear error', async () => {
    await new Promise((r) => server.close(r));
    await expect(uploadToDependencyTrack(sbom(), options())).rejects.toMatchObject({ code: 'E_UPLOAD', message: expect.stringMatching(/^Cannot reach Dependency-Track at http:\/\/127\.0\.0\.1:\d+: ECONNREFUSED/) });
    server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });

  it.each([
    [302, 'upload'],
    [307, 'upload'],
    [308, 'upload'],
    [301, 'poll'],
    [307, 'poll'],
  ] as const)('a %i redirect on the %s is a failed upload: the key and the SBOM go nowhere else', async (code, on) => {
    redirect = { status: code, on };
    const error = await uploadToDependencyTrack(sbom(), options()).catch((e: Error) => e);
    expect(error).toMatchObject({ code: 'E_UPLOAD' });
    expect((error as Error).message).toContain(`HTTP ${code}`);
    expect((error as Error).message).toContain(elsewhereUrl);
    expect((error as Error).message).not.toContain('next=1');
    expect((error as Error).message).not.toContain(KEY);
    expect(stolen).toEqual([]);
  });

  it('from the command line, a redirect is an upload failure (exit 2), never "uploaded"', async () => {
    for (const code of [302, 307]) {
      redirect = { status: code, on: 'upload' };
      const r = await runCli(['upload', sbom(), '--url', url, '--project', 'shop', '--project-version', 'main'], { env: { ...process.env, DEPENDENCY_TRACK_API_KEY: KEY } });
      expect(r.code).toBe(2);
      expect(r.stdout).not.toContain('uploaded');
      expect(r.stderr).toContain(`HTTP ${code}`);
      expect(r.stdout + r.stderr).not.toContain(KEY);
    }
    expect(stolen).toEqual([]);
  });

  it('from the command line: the key comes from the environment and never appears in output', async () => {
    const ok = await runCli(['upload', sbom(), '--url', url, '--project', 'shop', '--project-version', 'main'], { env: { ...process.env, DEPENDENCY_TRACK_API_KEY: KEY } });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/uploaded .* to shop main, processed/);
    expect(ok.stdout + ok.stderr).not.toContain(KEY);
    const missing = await runCli(['upload', sbom(), '--url', url, '--project', 'shop', '--project-version', 'main'], { env: { PATH: process.env.PATH } });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Set DEPENDENCY_TRACK_API_KEY');
  });
});
