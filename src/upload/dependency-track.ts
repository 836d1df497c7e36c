/**
 * Upload an SBOM to OWASP Dependency-Track (API v1, 4.x and 5.x): `POST /api/v1/bom` as multipart with
 * the project name and version (`autoCreate`), authenticated with `X-Api-Key`; then poll
 * `GET /api/v1/event/token/{token}` until the server has processed it. The key is never printed, and
 * never sent anywhere but the configured server: redirects are not followed (fetch would replay the key
 * on a 307 to another origin, with the SBOM, and turn a 302 into a GET that reads as success), so any 3xx
 * is a failed upload that names the status and where it pointed.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { BodyError, maxBodyBytes, readResponseText } from '../enrich/bounded-body.js';
import { SovscanError } from '../errors.js';

export interface UploadOptions {
  url: string;
  apiKey: string;
  projectName: string;
  projectVersion: string;
  autoCreate: boolean;
  parentName?: string;
  /** Wait until the server has processed the SBOM. */
  wait: boolean;
  pollIntervalMs: number;
  timeoutMs: number;
  /** Size cap of an answer (absent: `SOVSCAN_MAX_RESPONSE_MB`, else 64 MiB). */
  maxBodyBytes?: number;
}

export const UPLOAD_DEFAULTS = { autoCreate: true, wait: true, pollIntervalMs: 1000, timeoutMs: 300_000 } as const;

export interface UploadResult {
  token: string;
  processed: boolean;
}

const WHAT_TO_DO: Record<number, string> = {
  401: 'the API key was refused: check DEPENDENCY_TRACK_API_KEY',
  403: 'the API key lacks a permission: it needs BOM_UPLOAD, and PROJECT_CREATION_UPLOAD (or PORTFOLIO_MANAGEMENT) to create the project',
  404: 'not found: give the API server base URL (the one that serves /api/v1), or create the project, or allow autoCreate',
  413: 'the SBOM is larger than the server (or a proxy in front of it) accepts: raise its upload limit',
};

function endpoint(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

async function call(url: string, init: RequestInit, server: string, what: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, redirect: 'manual' });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new SovscanError('E_UPLOAD', `Cannot reach Dependency-Track at ${server}: ${cause}. Check the URL and that the server is up`, { cause: error });
  }
  if (response.status >= 300 && response.status < 400) {
    await response.body?.cancel().catch(() => undefined);
    throw new SovscanError('E_UPLOAD', `Dependency-Track ${what} failed (HTTP ${response.status}): the server redirects to ${redirectTarget(response, url)}, and sovscan sends the API key to ${new URL(server).origin} only. Give the API server's own URL as dependency-track-url (--url)`);
  }
  return response;
}

/** Where a redirect points: its origin only (a path or query could carry anything). */
function redirectTarget(response: Response, from: string): string {
  const location = response.headers.get('location');
  if (!location) return 'no location';
  try {
    return new URL(location, from).origin;
  } catch {
    return 'an invalid location';
  }
}

/** An answer's text, read up to the size cap: the server is not trusted to send a bounded body. */
async function readText(response: Response, maxBytes: number): Promise<string | undefined> {
  try {
    return await readResponseText(response, maxBytes);
  } catch (error) {
    if (error instanceof BodyError) throw new SovscanError('E_UPLOAD', `Dependency-Track's answer from ${new URL(response.url).host} was not read: ${error.message}`);
    return undefined;
  }
}

async function readJson(response: Response, maxBytes: number): Promise<unknown> {
  try {
    return JSON.parse((await readText(response, maxBytes)) ?? '');
  } catch (error) {
    if (error instanceof SovscanError) throw error;
    return undefined;
  }
}

async function failure(response: Response, what: string, maxBytes: number): Promise<SovscanError> {
  const detail = ((await readText(response, maxBytes)) ?? '').slice(0, 300).replace(/\s+/g, ' ').trim();
  const hint = WHAT_TO_DO[response.status] ?? (response.status === 400 ? `the server rejected the SBOM${detail ? `: ${detail}` : ''} (Dependency-Track 4.x and 5.0 read CycloneDX up to 1.6)` : detail || 'unexpected answer');
  return new SovscanError('E_UPLOAD', `Dependency-Track ${what} failed (HTTP ${response.status}): ${hint}`);
}

export async function uploadToDependencyTrack(sbomPath: string, options: UploadOptions): Promise<UploadResult> {
  let bom: Buffer;
  try {
    bom = await readFile(sbomPath);
  } catch (error) {
    throw new SovscanError('E_NOT_FOUND', `Cannot read ${sbomPath}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}. Give the SBOM file to upload`, { file: sbomPath, cause: error });
  }
  const form = new FormData();
  form.set('projectName', options.projectName);
  form.set('projectVersion', options.projectVersion);
  form.set('autoCreate', String(options.autoCreate));
  if (options.parentName) form.set('parentName', options.parentName);
  form.set('bom', new Blob([new Uint8Array(bom)], { type: 'application/json' }), basename(sbomPath));
  const headers = { 'X-Api-Key': options.apiKey, accept: 'application/json' };
  const cap = options.maxBodyBytes ?? maxBodyBytes();
  const response = await call(endpoint(options.url, '/api/v1/bom'), { method: 'POST', headers, body: form }, options.url, 'upload');
  if (!response.ok) throw await failure(response, 'upload', cap);
  const { token } = ((await readJson(response, cap)) ?? {}) as { token?: string };
  if (!token) throw new SovscanError('E_UPLOAD', 'Dependency-Track accepted the upload but sent no processing token');
  if (!options.wait) return { token, processed: false };
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const poll = await call(endpoint(options.url, `/api/v1/event/token/${encodeURIComponent(token)}`), { headers }, options.url, 'processing status');
    if (!poll.ok) throw await failure(poll, 'processing status', cap);
    const { processing } = ((await readJson(poll, cap)) ?? { processing: true }) as { processing?: boolean };
    if (processing === false) return { token, processed: true };
    if (Date.now() > deadline) throw new SovscanError('E_UPLOAD', `Dependency-Track is still processing the SBOM after ${Math.round(options.timeoutMs / 1000)} s (token ${token}); it will finish on its own`);
    await new Promise((r) => setTimeout(r, options.pollIntervalMs));
  }
}
