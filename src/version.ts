import { readFileSync } from 'node:fs';

/** sovscan's own name and version, read once from its package.json (works from src/, lib/ and the bundle). */
function readOwnVersion(): string {
  for (const candidate of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(candidate, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'sovscan' && pkg.version) return pkg.version;
    } catch {
      // try the next location
    }
  }
  return '0.0.0';
}

export const TOOL_NAME = 'sovscan';
export const TOOL_VERSION = readOwnVersion();
