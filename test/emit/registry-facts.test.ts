/** Registry facts in the SBOM: people, references, provenance and install scripts; redaction. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFacts } from '../../src/enrich/facts.js';
import { componentPairs } from '../../src/emit/annotate/pairs.js';
import { emitCycloneDx, SPEC_VERSIONS } from '../../src/emit/cyclonedx/index.js';
import type { Scan } from '../../src/model.js';
import { resolveTarget } from '../../src/resolve/index.js';
import { FIXTURES, SHARED_FIXTURES } from '../helpers.js';

const version = (file: string, v: string) => (JSON.parse(readFileSync(join(SHARED_FIXTURES, 'registry', 'packuments', file), 'utf8')) as { versions: Record<string, Record<string, unknown>> }).versions[v]!;

interface Component {
  'bom-ref': string;
  author?: string;
  authors?: { name?: string; email?: string }[];
  publisher?: string;
  externalReferences?: { type: string; url: string; comment?: string }[];
  properties?: { name: string; value: string }[];
}

/** The kitchen fixture with facts from recorded documents on three of its packages. */
async function scan(): Promise<Scan> {
  const { graph } = await resolveTarget(join(FIXTURES, 'lockfiles', 'npm-v3'));
  const facts = new Map([
    ['pkg:npm/ms@2.1.3', extractFacts(version('core-js.json', '3.6.5'), 'https://registry.npm.test/')],
    ['pkg:npm/react@18.2.0', extractFacts(version('vite.json', '8.0.0-beta.12'), 'https://registry.npm.test/')],
    ['pkg:npm/scheduler@0.23.0', extractFacts(version('once.json', '1.4.0'), 'https://registry.npm.test/')],
  ]);
  facts.get('pkg:npm/react@18.2.0')!.provenance = {
    state: 'verified',
    signature: 'verified',
    attested: { repository: 'https://github.com/vitejs/vite', commit: 'abc', runner: 'github-hosted', builder: 'https://github.com/actions/runner/github-hosted' },
    repositoryMismatch: true,
  };
  return { graph, facts, issues: [], complete: false };
}

const props = (c: Component, name: string) => (c.properties ?? []).filter((p) => p.name === name).map((p) => p.value);

describe('registry facts in the SBOM', () => {
  it('maps people, references, provenance and install scripts (1.6)', async () => {
    const bom = JSON.parse((await emitCycloneDx(await scan(), { format: 'cyclonedx-json', specVersion: '1.6', reproducible: true, redact: false })).text) as { components: Component[] };
    const byRef = new Map(bom.components.map((c) => [c['bom-ref'], c]));
    const ms = byRef.get('pkg:npm/ms@2.1.3')!;
    expect(ms.authors).toEqual([{ name: 'zloirock', email: expect.stringContaining('@') }]);
    expect(ms.publisher).toBe('slowcheetah');
    expect(props(ms, 'sovscan:install-script')).toEqual(['true']);
    expect(props(ms, 'sovscan:install-script:kind')).toEqual(['postinstall']);
    expect(ms.externalReferences).toContainEqual({ type: 'other', url: 'https://opencollective.com/core-js', comment: 'funding (opencollective)' });

    const react = byRef.get('pkg:npm/react@18.2.0')!;
    expect(props(react, 'sovscan:provenance')).toEqual(['verified']);
    expect(props(react, 'sovscan:registry-signature')).toEqual(['verified']);
    expect(props(react, 'sovscan:provenance:repository')).toEqual(['https://github.com/vitejs/vite']);
    expect(props(react, 'sovscan:provenance:runner')).toEqual(['github-hosted']);
    expect(props(react, 'sovscan:provenance:repository-mismatch')).toEqual(['true']);
    expect(props(react, 'sovscan:trusted-publisher')).toEqual(['github']);
    expect(react.externalReferences).toContainEqual({ type: 'vcs', url: 'git+https://github.com/vitejs/vite.git', comment: 'directory: packages/vite' });

    const scheduler = byRef.get('pkg:npm/scheduler@0.23.0')!;
    expect(scheduler.externalReferences).toContainEqual({ type: 'vcs', url: 'git://github.com/isaacs/once.git' });
    expect(props(scheduler, 'sovscan:provenance')).toEqual(['absent']);

    // a registry package without facts is unknown, said explicitly
    expect(props(byRef.get('pkg:npm/loose-envify@1.4.0')!, 'sovscan:provenance')).toEqual(['unknown']);
    // non-registry packages carry no registry provenance at all
    expect(props(byRef.get('pkg:npm/gitdep@1.2.0')!, 'sovscan:provenance')).toEqual([]);
  });

  it("gives an annotated vendor SBOM the same registry pairs, name for name and value for value", async () => {
    const registryPair = /^sovscan:(provenance|registry-signature|trusted-publisher|install-script|deprecated|registry|tarball-host|history)/;
    const scanned = await scan();
    const bom = JSON.parse((await emitCycloneDx(scanned, { format: 'cyclonedx-json', specVersion: '1.6', reproducible: true, redact: false })).text) as { components: Component[] };
    for (const id of ['pkg:npm/ms@2.1.3', 'pkg:npm/react@18.2.0', 'pkg:npm/scheduler@0.23.0', 'pkg:npm/loose-envify@1.4.0', 'pkg:npm/gitdep@1.2.0']) {
      const own = (bom.components.find((c) => c['bom-ref'] === id)!.properties ?? []).filter((p) => registryPair.test(p.name)).map((p) => `${p.name}=${p.value}`).sort();
      const annotated = componentPairs(scanned, scanned.graph.nodes.get(id)!, false).filter(([name]) => registryPair.test(name)).map(([name, value]) => `${name}=${value}`).sort();
      if (id !== 'pkg:npm/gitdep@1.2.0') expect(own.length, id).toBeGreaterThan(1);
      expect(annotated, id).toEqual(own);
    }
  });

  it.each(SPEC_VERSIONS)('validates under %s, with author text in 1.5', async (specVersion) => {
    const bom = JSON.parse((await emitCycloneDx(await scan(), { format: 'cyclonedx-json', specVersion, reproducible: true, redact: false })).text) as { components: Component[] };
    const ms = bom.components.find((c) => c['bom-ref'] === 'pkg:npm/ms@2.1.3')!;
    if (specVersion === '1.5') expect([ms.author, ms.authors]).toEqual(['zloirock', undefined]);
    else expect(ms.authors).toHaveLength(1);
  });

  it('validates as XML with the people in author text', async () => {
    const { text, notes } = await emitCycloneDx(await scan(), { format: 'cyclonedx-xml', specVersion: '1.6', reproducible: true, redact: false });
    expect(notes).toEqual([]);
    expect(text).toContain('<author>zloirock</author>');
  });

  it('--redact leaves out every name and e-mail address', async () => {
    const text = (await emitCycloneDx(await scan(), { format: 'cyclonedx-json', specVersion: '1.6', reproducible: true, redact: true })).text;
    // (account names that are part of a repository URL stay: they name the repository, not a contact)
    for (const personal of ['"zloirock"', 'slowcheetah', 'inbox.ru', 'Isaac', 'i@izs.me', 'GitHub Actions', 'user1@example.com', '"authors"', '"publisher"']) expect(text).not.toContain(personal);
    expect(text).toContain('"sovscan:provenance"');
  });
});
