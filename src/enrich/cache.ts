/**
 * sovscan's own cache of registry documents (never npm's). Published versions are immutable, so their
 * documents are kept for good; a few documents (registry keys) carry a time to live. Each entry starts
 * with the SHA-256 of its body; an entry whose body does not match is corrupt and is fetched again.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

export type CacheRead = { state: 'hit'; text: string } | { state: 'miss' } | { state: 'corrupt' } | { state: 'expired' };

/** `--cache-dir`, else `SOVSCAN_CACHE_DIR`, else the platform's user cache directory. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SOVSCAN_CACHE_DIR) return env.SOVSCAN_CACHE_DIR;
  if (process.platform === 'win32') return join(env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'), 'sovscan', 'Cache');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Caches', 'sovscan');
  return join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'sovscan');
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export class DocumentCache {
  private readonly dir: string;
  private ready: Promise<unknown> | undefined;

  constructor(root: string) {
    this.dir = join(root, 'registry-v1');
  }

  private file(key: string): string {
    return join(this.dir, `${sha256(key)}.json`);
  }

  async get(key: string, maxAgeMs?: number): Promise<CacheRead> {
    let raw: string;
    try {
      raw = await readFile(this.file(key), 'utf8');
    } catch {
      return { state: 'miss' };
    }
    // Header line: `<sha256 of body> <written at, ms since epoch>`.
    const newline = raw.indexOf('\n');
    const [digest, writtenAt] = raw.slice(0, Math.max(newline, 0)).split(' ');
    const text = raw.slice(newline + 1);
    if (newline < 0 || digest !== sha256(text)) return { state: 'corrupt' };
    if (maxAgeMs !== undefined && Date.now() - Number(writtenAt) > maxAgeMs) return { state: 'expired' };
    return { state: 'hit', text };
  }

  async put(key: string, text: string): Promise<void> {
    this.ready ??= mkdir(this.dir, { recursive: true });
    await this.ready;
    const file = this.file(key);
    // Write then rename, so that a reader never sees half an entry.
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temp, `${sha256(text)} ${Date.now()}\n${text}`);
    await rename(temp, file);
  }
}
