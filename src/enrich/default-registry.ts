/**
 * npm's own default registry, read at run time from npm-registry-fetch's defaults so that no registry host
 * is written into sovscan (or bundled into the Action). Looked up in sovscan's own dependencies, then in
 * the npm installed beside Node, then in the global npm (`npm root -g`) — a runner's bundled Node has no
 * npm beside it. Undefined when none is found: then a registry must be configured.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const DEFAULTS = ['npm-registry-fetch', 'lib', 'default-opts.js'];

function candidates(): (() => string | undefined)[] {
  const prefix = dirname(dirname(process.execPath));
  return [
    () => createRequire(import.meta.url).resolve(DEFAULTS.join('/')),
    () => join(prefix, 'lib', 'node_modules', 'npm', 'node_modules', ...DEFAULTS),
    () => join(dirname(process.execPath), 'node_modules', 'npm', 'node_modules', ...DEFAULTS),
    () => join(execFileSync('npm', ['root', '-g'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], shell: process.platform === 'win32' }).trim(), 'npm', 'node_modules', ...DEFAULTS),
  ];
}

let found: { registry: string | undefined } | undefined;

export function defaultRegistry(): string | undefined {
  if (found) return found.registry;
  const require = createRequire(import.meta.url);
  for (const candidate of candidates()) {
    try {
      const file = candidate();
      if (!file || !existsSync(file)) continue;
      const registry = (require(file) as { registry?: unknown }).registry;
      if (typeof registry === 'string' && /^https?:\/\//.test(registry)) {
        found = { registry: registry.endsWith('/') ? registry : `${registry}/` };
        return found.registry;
      }
    } catch {
      // not there: try the next place
    }
  }
  found = { registry: undefined };
  return undefined;
}
