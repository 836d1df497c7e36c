/**
 * Where sovscan's own files are, however it runs: from src/ (tests), from the bundle in lib/ (the npm
 * package), or from a bundle elsewhere. The package root is the nearest folder up from this module
 * whose package.json is sovscan's.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'sovscan') return dir;
      } catch {
        // not ours; keep walking up
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('sovscan cannot find its own package.json');
    dir = parent;
  }
}

export const PACKAGE_ROOT = findRoot();
export const DATA_DIR = join(PACKAGE_ROOT, 'data');
export const GENERATED_DIR = join(PACKAGE_ROOT, 'lib', 'generated');
