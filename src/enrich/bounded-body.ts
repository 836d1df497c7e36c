/**
 * Answers from servers sovscan does not control (registries, Dependency-Track) are read up to a size cap,
 * counted on the inflated bytes while they stream: a 600 MB body, an endless chunked answer or a small
 * gzip that inflates to gigabytes is abandoned as soon as it passes the cap, never held whole (past about
 * 512 MiB Node cannot even make a string of it, and the run would stop).
 */
import type { IncomingMessage } from 'node:http';
import { createGunzip, createInflate, type Gunzip, type Inflate } from 'node:zlib';
import { SovscanError } from '../errors.js';

/**
 * 64 MiB. A per-version document is a few KB and the recorded packuments are under 1 MB; the largest
 * full packuments of long-lived packages (thousands of versions, a README each) are tens of MB. Node's
 * largest string is about 512 M characters, hence the upper bound of the setting.
 */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;
const MAX_SETTING_MB = 500;
export const MAX_BODY_ENV = 'SOVSCAN_MAX_RESPONSE_MB';

/** The cap from `SOVSCAN_MAX_RESPONSE_MB` (whole MiB, 1 to 500), else the default. */
export function maxBodyBytes(env: NodeJS.ProcessEnv = process.env): number {
  const text = env[MAX_BODY_ENV]?.trim();
  if (!text) return DEFAULT_MAX_BODY_BYTES;
  const mb = Number(text);
  if (!Number.isInteger(mb) || mb < 1 || mb > MAX_SETTING_MB) {
    throw new SovscanError('E_USAGE', `${MAX_BODY_ENV} must be a whole number of MiB from 1 to ${MAX_SETTING_MB}, not ${JSON.stringify(text.slice(0, 40))}. Unset it for the default of ${DEFAULT_MAX_BODY_BYTES / 1024 / 1024}`);
  }
  return mb * 1024 * 1024;
}

/** `64 MiB`, `1.5 KiB`: the cap as the messages name it. */
export function formatBytes(bytes: number): string {
  const [value, unit] = bytes >= 1024 * 1024 ? [bytes / 1024 / 1024, 'MiB'] : bytes >= 1024 ? [bytes / 1024, 'KiB'] : [bytes, 'bytes'];
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
}

export type BodyProblem = 'too-large' | 'truncated' | 'damaged';

/** `message` continues "The body of <url> …". */
export class BodyError extends Error {
  constructor(
    readonly problem: BodyProblem,
    message: string,
  ) {
    super(message);
  }
}

const tooLarge = (maxBytes: number) => new BodyError('too-large', `the answer is larger than the ${formatBytes(maxBytes)} cap (set ${MAX_BODY_ENV} to raise it)`);

/** Collects chunks until they pass the cap. */
class Collector {
  private readonly chunks: Buffer[] = [];
  size = 0;
  constructor(private readonly maxBytes: number) {}
  /** False once the cap is passed: the caller stops reading. */
  add(chunk: Buffer): boolean {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return false;
    this.chunks.push(chunk);
    return true;
  }
  text(): string {
    return Buffer.concat(this.chunks, this.size).toString('utf8');
  }
}

/**
 * The body of a Node HTTP response as text, decoded from gzip or deflate as it arrives. Rejects with a
 * `BodyError`: `too-large` (the response is destroyed at once), `truncated` (the connection broke, or fewer
 * bytes than Content-Length came), `damaged` (the compressed stream does not inflate).
 */
export function readBody(response: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const encoding = response.headers['content-encoding'];
    const decoder: Gunzip | Inflate | undefined = encoding === 'gzip' ? createGunzip() : encoding === 'deflate' ? createInflate() : undefined;
    const collected = new Collector(maxBytes);
    const fail = (error: BodyError) => {
      if (settled) return;
      settled = true;
      decoder?.destroy();
      response.destroy();
      reject(error);
    };
    const declared = Number(response.headers['content-length']);
    // A declared length past the cap is refused before a byte is read (unless compressed: then it counts the wire bytes).
    if (!decoder && Number.isFinite(declared) && declared > maxBytes) return fail(tooLarge(maxBytes));
    let received = 0;
    const take = (chunk: Buffer) => {
      if (!settled && !collected.add(chunk)) fail(tooLarge(maxBytes));
    };
    const broke = () => fail(new BodyError('truncated', 'broke off: the connection closed while it was read'));
    response.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (decoder) decoder.write(chunk);
      else take(chunk);
    });
    response.on('error', broke);
    response.on('aborted', broke);
    response.on('end', () => {
      if (settled) return;
      if (!response.complete || (Number.isFinite(declared) && declared > 0 && received < declared)) {
        fail(new BodyError('truncated', `ended after ${received} of ${declared} bytes`));
        return;
      }
      if (!decoder) {
        settled = true;
        resolve(collected.text());
      } else decoder.end();
    });
    if (decoder) {
      decoder.on('data', take);
      decoder.on('error', () => fail(new BodyError('damaged', 'is damaged: it does not inflate')));
      decoder.on('end', () => {
        if (settled) return;
        settled = true;
        resolve(collected.text());
      });
    }
  });
}

/**
 * The body of a fetch `Response` (already inflated by fetch) as text, up to the cap: the stream is
 * cancelled as soon as it passes it.
 */
export async function readResponseText(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const collected = new Collector(maxBytes);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return collected.text();
    if (!collected.add(Buffer.from(value.buffer, value.byteOffset, value.byteLength))) {
      await reader.cancel().catch(() => {});
      throw tooLarge(maxBytes);
    }
  }
}
