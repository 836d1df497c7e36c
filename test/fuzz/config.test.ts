/** Fuzzing the registry configuration readers: a project's .npmrc, .yarnrc.yml (yarn 2+) and .yarnrc (yarn 1). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { loadRegistryConfig } from '../../src/enrich/registry-config.js';
import type { ErrorCode } from '../../src/errors.js';
import { tempDir } from '../helpers.js';
import { FUZZ, mutatedText, parsesOrRefuses } from './fuzz.js';

const CODES: ErrorCode[] = ['E_PARSE', 'E_USAGE', 'E_NOT_FOUND', 'E_TOO_DEEP'];

const FILES = [
  {
    file: '.npmrc',
    format: 'npm' as const,
    text: 'registry=http://registry.test/\n@acme:registry=http://acme.test/npm/\n//registry.test/:_authToken=${NPM_TOKEN}\n//acme.test/npm/:username=u\n//acme.test/npm/:_password=cA==\nproxy=http://proxy.test:8080/\nnoproxy=localhost,.internal.test\nstrict-ssl=false\n',
  },
  {
    file: '.yarnrc.yml',
    format: 'yarn-berry' as const,
    text: 'npmRegistryServer: "http://registry.test"\nnpmAuthToken: "${NPM_TOKEN:-none}"\nnpmScopes:\n  acme:\n    npmRegistryServer: "http://acme.test/npm"\n    npmAuthToken: abc\nnpmRegistries:\n  "//registry.test":\n    npmAuthIdent: "u:p"\nhttpsProxy: "http://proxy.test:8080"\nenableStrictSsl: false\n',
  },
  { file: '.yarnrc', format: 'yarn-classic' as const, text: 'registry "http://registry.test/"\n"@acme:registry" "http://acme.test/npm/"\nhttps-proxy "http://proxy.test:8080"\nstrict-ssl false\n' },
];

let n = 0;

async function load(file: string, format: 'npm' | 'yarn-berry' | 'yarn-classic', text: string): Promise<void> {
  const home = join(tempDir('sovscan-fuzz-'), `${n++}`);
  const projectDir = join(home, 'project');
  mkdirSync(projectDir, { recursive: true });
  writeFileSync(join(projectDir, file), text);
  await loadRegistryConfig({ projectDir, home, env: { NPM_TOKEN: 't' }, userConfig: join(home, 'none'), globalConfig: join(home, 'none'), lockfileFormat: format });
}

describe.each(FILES)('$file', ({ file, format, text }) => {
  it('mutated: read or refused with a known code', async () => {
    await fc.assert(fc.asyncProperty(mutatedText(text), (mutated) => parsesOrRefuses(() => load(file, format, mutated), CODES)), FUZZ);
  });
  it('arbitrary text: read or refused with a known code', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), (mutated) => parsesOrRefuses(() => load(file, format, mutated), CODES)), FUZZ);
  });
});
