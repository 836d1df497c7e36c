/**
 * The Action's inputs (`INPUT_*`, as the runner passes them), every one validated before anything runs: a
 * bad value is one usage error naming the input and what it takes, never a stack trace. Paths expand `~`
 * and `$VAR` / `${VAR}` as a shell in the workflow would, so that `cache-dir: ~/.cache/sovscan` is the
 * home cache that actions/cache saves, not a folder named `~` in the workspace.
 */
import { homedir } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { RISK_LEVELS, type RiskLevel } from '../assess/levels.js';
import { presetIds } from '../assess/policy.js';
import { SPEC_VERSIONS, type SpecVersion } from '../emit/cyclonedx/index.js';
import { SovscanError } from '../errors.js';
import { DEFAULTS, OMIT_KINDS } from '../options.js';
import type { OmitKind } from '../resolve/lockgraph.js';
import { didYouMean } from '../suggest.js';

export interface ActionInputs {
  path: string;
  policy: string;
  failOn: RiskLevel;
  sbom: string;
  sarif?: string;
  markdown?: string;
  specVersion: SpecVersion;
  omit: OmitKind[];
  workspace?: string;
  base?: string;
  cacheDir?: string;
  registry?: string;
  token?: string;
  allowEnv: string[];
  allowedRegistries: string[];
  comment: boolean;
  githubToken?: string;
  dependencyTrack?: { url: string; apiKey?: string; project?: string };
}

/**
 * The inputs, taken out of the environment before anything reads a configuration file: a committed
 * `.npmrc` could otherwise expand `${INPUT_TOKEN}` into a token for a host of its choosing
 * (docs/security.md). What is returned is read by `readInputs` and nothing else.
 */
export function takeInputs(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const taken: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (!key.startsWith('INPUT_')) continue;
    if (value !== undefined) taken[key] = value;
    delete env[key];
  }
  return taken;
}

/** GitHub passes input `fail-on` as `INPUT_FAIL-ON`. See the Actions metadata syntax documentation. */
export function input(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`]?.trim();
  return value ? value : undefined;
}

/** `Input fail-on takes one of none, low, …, not "bogus". Did you mean …?` */
function invalid(name: string, value: string, takes: string, known: readonly string[] = []): SovscanError {
  const hint = didYouMean(value, known).trim();
  return new SovscanError('E_USAGE', `Input ${name} takes ${takes}, not ${JSON.stringify(value.slice(0, 200))}${hint ? `. ${hint}` : ''}`);
}

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw invalid(name, value, `one of ${allowed.join(', ')}`, allowed);
}

function boolean(name: string, value: string | undefined): boolean {
  if (value === undefined) return false;
  if (/^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
  throw invalid(name, value, 'true or false');
}

/** `~` and `$VAR` / `${VAR}` as a workflow author means them; then relative to the workspace. */
export function expandPath(value: string, workspace: string, env: NodeJS.ProcessEnv = process.env): string {
  const home = env.HOME || homedir();
  const expanded = value.replace(/^~(?=$|[/\\])/, home).replace(/\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g, (_, braced: string | undefined, bare: string | undefined) => env[(braced ?? bare)!] ?? '');
  return isAbsolute(expanded) ? expanded : resolve(workspace, expanded);
}

export function readInputs(workspace: string, env: NodeJS.ProcessEnv = process.env): ActionInputs {
  const get = (name: string) => input(name, env);
  const path = (name: string) => {
    const value = get(name);
    return value === undefined ? undefined : expandPath(value, workspace, env);
  };
  const list = (name: string) => (get(name) ?? '').split(/[\s,]+/).filter(Boolean);
  const omit = list('omit');
  for (const kind of omit) if (!(OMIT_KINDS as readonly string[]).includes(kind)) throw invalid('omit', kind, `${OMIT_KINDS.join(', ')} (space or comma separated)`, OMIT_KINDS);
  const policy = get('policy') ?? DEFAULTS.policy;
  // A preset's id or a file: a mistyped preset is caught here, a file is read (and checked) by the run.
  const looksLikeFile = /[/\\.]/.test(policy);
  if (!looksLikeFile && !presetIds().includes(policy)) throw invalid('policy', policy, `a preset (${presetIds().join(', ')}) or a YAML/JSON policy file`, presetIds());
  const registry = get('registry');
  if (registry !== undefined && !/^https?:\/\//i.test(registry)) throw invalid('registry', registry, 'an http(s) URL');
  const dtUrl = get('dependency-track-url');
  if (dtUrl !== undefined && !/^https?:\/\//i.test(dtUrl)) throw invalid('dependency-track-url', dtUrl, 'an http(s) URL');
  return {
    path: path('path') ?? resolve(workspace, DEFAULTS.target),
    policy: looksLikeFile ? expandPath(policy, workspace, env) : policy,
    failOn: oneOf('fail-on', get('fail-on'), RISK_LEVELS, DEFAULTS.failOn),
    sbom: path('sbom') ?? resolve(workspace, DEFAULTS.output),
    sarif: path('sarif'),
    markdown: path('markdown'),
    specVersion: oneOf('spec-version', get('spec-version'), SPEC_VERSIONS, DEFAULTS.specVersion),
    omit: omit as OmitKind[],
    workspace: get('workspace'),
    base: get('base'),
    cacheDir: path('cache-dir'),
    registry,
    token: get('token'),
    allowEnv: list('allow-env'),
    allowedRegistries: list('allowed-registries'),
    comment: boolean('comment', get('comment')),
    githubToken: get('github-token'),
    ...(dtUrl ? { dependencyTrack: { url: dtUrl, apiKey: get('dependency-track-api-key'), project: get('dependency-track-project') } } : {}),
  };
}
