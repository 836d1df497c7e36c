import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('..', import.meta.url));
export const FIXTURES = join(REPO, 'test', 'fixtures');
/** The shared benchmark projects, beside the checkout. */
export const BENCH = join(REPO, '..', 'shared', 'bench');
export const SHARED_FIXTURES = join(REPO, '..', 'shared', 'fixtures');

export function tempDir(prefix = 'sovscan-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
