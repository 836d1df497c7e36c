/**
 * sovscan's own cache of registry documents (never npm's). Every entry has an age limit, chosen by the
 * reader (documents.ts): an entry edited on disk, its checksum recomputed, is read for that long at most.
 * A cache directory that another user could write (world-writable, or owned by someone else) is not
 * used at all: the run goes on without it, with a warning, since anyone who can write it decides what
 * sovscan believes.
 *
 * The cache is one append-only pack file: a warm scan of a thousand packages reads one file instead of
 * a thousand (one open/stat/read/close each cost more than the parsing). Each line is
 * `<sha256 of body>\t<written at, ms>\t<key>\t<body>`; a line whose body does not match its checksum is
 * corrupt and its document is fetched again. New entries are appended in one write at the end of a run;
 * the file is compacted when stale lines pile up.
 */
import { createHash } from 'node:crypto';
import { appendFile, lstat, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
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

interface Entry {
  digest: string;
  writtenAt: number;
  body: string;
}

/** A clock that runs back, or a line written "in the future", counts as expired past this skew. */
const CLOCK_SKEW_MS = 60_000;

/**
 * Why the cache in `root` must not be trusted, or undefined. POSIX only: Windows has no mode bits, and
 * the user's local application data is private to them.
 */
export async function unsafeCache(root: string, file: string): Promise<string | undefined> {
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return undefined;
  const uid = process.getuid();
  for (const [path, read] of [[root, stat], [file, lstat]] as const) {
    const stats = await read(path).catch(() => undefined);
    if (!stats) continue; // not there yet: sovscan creates it, for its user only
    if (path === file && !stats.isFile()) return `${path} is not a regular file`;
    if (stats.uid !== uid) return `${path} belongs to another user (uid ${stats.uid})`;
    if (stats.mode & 0o002) return `${path} can be written by every user`;
  }
  return undefined;
}

export class DocumentCache {
  readonly file: string;
  private entries: Promise<Map<string, Entry | 'corrupt'>> | undefined;
  private pending: string[] = [];
  /** Set on first use when the cache must not be trusted: it is then neither read nor written. */
  unsafe: string | undefined;

  constructor(private readonly root: string) {
    this.file = join(root, 'registry-v1.pack');
  }

  /** Lines in the pack file, stale ones included: when they far outnumber the entries, compact. */
  private lines = 0;

  private load(): Promise<Map<string, Entry | 'corrupt'>> {
    this.entries ??= unsafeCache(this.root, this.file).then(async (unsafe) => {
      this.unsafe = unsafe;
      if (unsafe) return new Map();
      return readFile(this.file, 'utf8').then(
        (text) => {
          const entries = parsePack(text);
          this.lines = entries.lines;
          return entries.map;
        },
        () => new Map(),
      );
    });
    return this.entries;
  }

  /** Why the cache is not used, once it has been opened (undefined when it is fine). */
  async problem(): Promise<string | undefined> {
    await this.load();
    return this.unsafe;
  }

  /** `maxAgeMs` absent: any age (`--offline` reads what it has). */
  async get(key: string, maxAgeMs?: number): Promise<CacheRead> {
    const entry = (await this.load()).get(key);
    if (entry === undefined) return { state: 'miss' };
    if (entry === 'corrupt' || entry.digest !== sha256(entry.body)) return { state: 'corrupt' };
    const age = Date.now() - entry.writtenAt;
    // A date that is not a number, or in the future, would otherwise make an edited entry young for good.
    if (maxAgeMs !== undefined && !(age <= maxAgeMs && age >= -CLOCK_SKEW_MS)) return { state: 'expired' };
    return { state: 'hit', text: entry.body };
  }

  async put(key: string, text: string): Promise<void> {
    if (/[\t\n]/.test(key)) return;
    const entries = await this.load();
    if (this.unsafe) return;
    // JSON allows raw line breaks only between tokens: replacing them keeps the document and the line.
    const body = text.replace(/\r?\n/g, ' ');
    const entry: Entry = { digest: sha256(body), writtenAt: Date.now(), body };
    entries.set(key, entry);
    this.pending.push(`${entry.digest}\t${entry.writtenAt}\t${key}\t${body}\n`);
  }

  /** Append what this run added; compact the file when most of its lines are stale. */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const lines = this.pending.join('');
    // Created for its user only: a cache others can write is refused on the next run.
    await mkdir(this.root, { recursive: true, mode: 0o700 });
    const added = this.pending.length;
    this.pending = [];
    await appendFile(this.file, lines, { mode: 0o600 });
    this.lines += added;
    const entries = await this.load();
    if (this.lines > 2 * entries.size + 100) await this.compact(entries);
  }

  private async compact(entries: Map<string, Entry | 'corrupt'>): Promise<void> {
    const lines: string[] = [];
    for (const [key, entry] of entries) if (entry !== 'corrupt') lines.push(`${entry.digest}\t${entry.writtenAt}\t${key}\t${entry.body}\n`);
    const temp = `${this.file}.${process.pid}.tmp`;
    await writeFile(temp, lines.join(''), { mode: 0o600 });
    await rename(temp, this.file);
    this.lines = lines.length;
  }
}

function parsePack(text: string): { map: Map<string, Entry | 'corrupt'>; lines: number } {
  const entries = new Map<string, Entry | 'corrupt'>();
  let start = 0;
  let lines = 0;
  while (start < text.length) {
    lines++;
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, end);
    start = end + 1;
    const a = line.indexOf('\t');
    const b = line.indexOf('\t', a + 1);
    const c = line.indexOf('\t', b + 1);
    if (a < 0 || b < 0 || c < 0) continue; // a torn line: nothing to key it by
    const key = line.slice(b + 1, c);
    // Later lines win: a refetched document replaces a corrupt one.
    entries.set(key, { digest: line.slice(0, a), writtenAt: Number(line.slice(a + 1, b)), body: line.slice(c + 1) });
  }
  return { map: entries, lines };
}
