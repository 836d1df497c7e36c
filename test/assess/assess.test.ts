/** Level computation: rules, groups, caps, confidence threshold, signals, incidents, unknown, waivers, extends. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assess } from '../../src/assess/index.js';
import { fails } from '../../src/assess/levels.js';
import { loadPolicy, presetIds, type Policy, type Waiver } from '../../src/assess/policy.js';
import type { Claim } from '../../src/attribute/claim.js';
import { loadAttributionData } from '../../src/attribute/data.js';
import { fuse } from '../../src/attribute/fuse.js';
import type { PackageFacts } from '../../src/enrich/facts.js';
import type { Graph, PackageNode, Scan } from '../../src/model.js';
import { tempDir } from '../helpers.js';

const data = loadAttributionData();
const TODAY = '2026-11-29';

function node(name: string, version = '1.0.0'): PackageNode {
  return { id: name, name, version, purl: `pkg:npm/${name}@${version}`, source: 'registry', aliases: [], paths: [], flags: { dev: false, optional: false, devOptional: false, peer: false, bundled: false }, dependencies: new Set() };
}

const ref = { file: 'vendors' as const, id: 'x', source: 'https://example.test/', asOf: TODAY };
const claim = (dimension: Claim['dimension'], country: string, confidence: number, vendor?: string): Claim => ({ dimension, country, confidence, signal: 'npm-scope', observed: `@${country.toLowerCase()}`, source: ref, ...(vendor ? { vendor: { id: vendor, name: vendor } } : {}) });
const facts = (patch: Partial<PackageFacts> = {}): PackageFacts => ({ registry: 'r', provenance: { state: 'verified', signature: 'verified' }, ...patch });

const MISMATCH = { kind: 'integrity' as const, lockfile: 'sha512-bbbb', registry: 'sha512-aaaa' };
const NEUTRAL = await loadPolicy('neutral');

interface Case {
  name: string;
  policy: string | Policy;
  claims: Claim[];
  facts?: PackageFacts;
  pkg?: [string, string];
  level: string;
  rule: string;
  reason?: RegExp;
}

function scanOf(c: { claims: Claim[]; facts?: PackageFacts; pkg?: [string, string] }): Scan {
  const n = node(...(c.pkg ?? ['pkg', '1.0.0']));
  const root = { ...node('app'), source: 'root' as const, dependencies: new Set([n.id]) };
  const graph: Graph = { root, nodes: new Map([[n.id, n]]) };
  return { graph, facts: new Map(c.facts ? [[n.id, c.facts]] : []), issues: [], complete: true, attributions: new Map([[n.id, fuse(c.claims, data)]]) };
}

async function policyOf(p: string | Policy): Promise<Policy> {
  return typeof p === 'string' ? loadPolicy(p) : p;
}

const CASES: Case[] = [
  { name: 'neutral: a country is never a risk', policy: 'neutral', claims: [claim('vendor', 'CN', 0.95)], facts: facts({ installScripts: ['postinstall'] }), level: 'none', rule: 'none' },
  { name: 'us-ictsc: vendor in a foreign adversary is high', policy: 'us-ictsc', claims: [claim('vendor', 'CN', 0.95)], facts: facts(), level: 'high', rule: 'country:vendor', reason: /The vendor points to CN, a foreign adversary country under 15 CFR 791\.4 \(confidence 0\.95/ },
  { name: 'us-ictsc: Hong Kong is in the group', policy: 'us-ictsc', claims: [claim('vendor', 'HK', 0.95)], facts: facts(), level: 'high', rule: 'country:vendor' },
  { name: 'us-ictsc: hosting there is medium', policy: 'us-ictsc', claims: [claim('hosting', 'RU', 0.9)], facts: facts(), level: 'medium', rule: 'country:hosting' },
  { name: 'us-ictsc: below the minimum confidence, no effect', policy: 'us-ictsc', claims: [claim('maintainer', 'CN', 0.4), claim('hosting', 'US', 0.9)], facts: facts(), level: 'none', rule: 'none' },
  { name: 'us-ictsc: other countries are none', policy: 'us-ictsc', claims: [claim('vendor', 'DE', 0.95)], facts: facts(), level: 'none', rule: 'none' },
  { name: 'us-dsp: Venezuela is a country of concern', policy: 'us-dsp', claims: [claim('vendor', 'VE', 0.95)], facts: facts(), level: 'high', rule: 'country:vendor' },
  { name: 'us-clean-network: a Chinese vendor anywhere is critical', policy: 'us-clean-network', claims: [claim('vendor', 'CN', 0.8)], facts: facts(), level: 'critical', rule: 'country:vendor' },
  { name: 'ofac-comprehensive: any dimension in Iran is critical', policy: 'ofac-comprehensive', claims: [claim('maintainer', 'IR', 0.6)], facts: facts(), level: 'critical', rule: 'country:maintainer' },
  { name: 'eu-adequacy: EEA is fine', policy: 'eu-adequacy', claims: [claim('vendor', 'DE', 0.95), claim('hosting', 'IE', 0.9)], facts: facts(), level: 'none', rule: 'none' },
  { name: 'eu-adequacy: Japan has a decision', policy: 'eu-adequacy', claims: [claim('vendor', 'JP', 0.95)], facts: facts(), level: 'none', rule: 'none' },
  { name: 'eu-adequacy: US only under the DPF: low', policy: 'eu-adequacy', claims: [claim('hosting', 'US', 0.9)], facts: facts(), level: 'low', rule: 'country:hosting', reason: /Data Privacy Framework/ },
  { name: 'eu-adequacy: no decision: medium', policy: 'eu-adequacy', claims: [claim('vendor', 'CN', 0.95)], facts: facts(), level: 'medium', rule: 'country:vendor' },
  { name: 'eu-sovereignty: a US vendor is high, for the CLOUD Act', policy: 'eu-sovereignty', claims: [claim('vendor', 'US', 0.95)], facts: facts(), level: 'high', rule: 'country:vendor', reason: /The vendor points to US, a US company, which the CLOUD Act \(18 U\.S\.C\. § 2713\) can compel/ },
  { name: 'eu-sovereignty: a Japanese vendor is high, without blaming the CLOUD Act', policy: 'eu-sovereignty', claims: [claim('vendor', 'JP', 0.95)], facts: facts(), level: 'high', rule: 'country:vendor', reason: /^The vendor points to JP, outside the EEA, so EU law is not the only law that reaches the company \(/ },
  { name: 'eu-sovereignty: Swiss hosting is medium, named as outside the EEA only', policy: 'eu-sovereignty', claims: [claim('hosting', 'CH', 0.95)], facts: facts(), level: 'medium', rule: 'country:hosting', reason: /^The hosting points to CH, infrastructure outside the EEA \(/ },
  { name: 'us-ictsc: a Venezuelan vendor is low, with the Maduro-regime qualifier', policy: 'us-ictsc', claims: [claim('vendor', 'VE', 0.95)], facts: facts(), level: 'low', rule: 'country:vendor', reason: /points to VE, Venezuela, where 15 CFR 791\.4 names only Nicolás Maduro's regime/ },
  { name: 'us-ictsc: Venezuelan maintainers are not rated (the rule names a regime, not the country)', policy: 'us-ictsc', claims: [claim('maintainer', 'VE', 0.95)], facts: facts(), level: 'none', rule: 'none' },
  { name: 'ofac-comprehensive: Syria is not rated since Executive Order 14312', policy: 'ofac-comprehensive', claims: [claim('vendor', 'SY', 0.95)], facts: facts(), level: 'none', rule: 'none' },
  { name: 'eu-sovereignty: US hosting is medium', policy: 'eu-sovereignty', claims: [claim('vendor', 'FR', 0.95), claim('hosting', 'US', 0.9)], facts: facts(), level: 'medium', rule: 'country:hosting' },
  { name: 'signals: invalid provenance', policy: 'us-ictsc', claims: [claim('hosting', 'US', 0.9)], facts: facts({ provenance: { state: 'invalid', signature: 'verified', reason: 'digest mismatch' } }), level: 'high', rule: 'signal:provenance-invalid', reason: /provenance does not verify: digest mismatch/ },
  { name: 'signals: an install script', policy: 'us-ictsc', claims: [claim('hosting', 'US', 0.9)], facts: facts({ installScripts: ['install'] }), level: 'low', rule: 'signal:install-script' },
  { name: 'incidents: a known compromised version', policy: 'us-ictsc', claims: [claim('hosting', 'US', 0.9)], facts: facts(), pkg: ['ua-parser-js', '0.7.29'], level: 'critical', rule: 'incident', reason: /known compromised version/ },
  { name: 'incidents: a fixed version is not one', policy: 'us-ictsc', claims: [claim('hosting', 'US', 0.9)], facts: facts(), pkg: ['ua-parser-js', '0.7.30'], level: 'none', rule: 'none' },
  { name: 'unknown: no evidence at all', policy: 'us-ictsc', claims: [], level: 'unknown', rule: 'unknown' },
  { name: 'lockfile mismatch: high under neutral, which does not set it', policy: 'neutral', claims: [claim('hosting', 'US', 0.9)], facts: facts({ install: { algorithm: 'sha512', mismatches: [MISMATCH] } }), level: 'high', rule: 'signal:integrity-mismatch', reason: /^The lockfile does not install the registry's tarball: the lockfile's integrity sha512-bbbb is not the registry's sha512-aaaa\.$/ },
  { name: 'lockfile mismatch: it names the finding over a country at the same level', policy: 'us-ictsc', claims: [claim('vendor', 'CN', 0.95)], facts: facts({ install: { mismatches: [{ kind: 'resolved', lockfile: 'https://tarballs.example.test/p/-/p-1.0.0.tgz', registry: 'https://registry.example.test/' }] } }), level: 'high', rule: 'signal:integrity-mismatch', reason: /resolves it from https:\/\/tarballs\.example\.test\/p\/-\/p-1\.0\.0\.tgz, not from the registry configured for it \(https:\/\/registry\.example\.test\/\)/ },
  { name: 'lockfile mismatch: the policy sets its level', policy: { ...NEUTRAL, signals: { integrityMismatch: 'medium' } }, claims: [claim('hosting', 'US', 0.9)], facts: facts({ install: { mismatches: [MISMATCH] } }), level: 'medium', rule: 'signal:integrity-mismatch' },
  { name: 'lockfile: no mismatch, no finding', policy: 'neutral', claims: [claim('hosting', 'US', 0.9)], facts: facts({ install: { algorithm: 'sha512', mismatches: [] } }), level: 'none', rule: 'none' },
];

describe('levels', () => {
  it.each(CASES)('$name', async (c) => {
    const result = assess(scanOf(c), await policyOf(c.policy), TODAY);
    const finding = [...result.findings.values()][0]!;
    expect([finding.level, finding.rule]).toEqual([c.level, c.rule]);
    if (c.reason) expect(finding.reasons.join(' ')).toMatch(c.reason);
    expect(finding.path).toEqual(['app', c.pkg?.[0] ?? 'pkg']);
  });

  it('caps a dimension', async () => {
    const base = await loadPolicy('ofac-comprehensive');
    const capped: Policy = { ...base, caps: { hosting: 'medium' } };
    const finding = [...assess(scanOf({ claims: [claim('hosting', 'IR', 0.9)], facts: facts() }), capped, TODAY).findings.values()][0]!;
    expect(finding.level).toBe('medium');
  });

  it('a custom policy can mark unknown as a level', async () => {
    const base = await loadPolicy('neutral');
    const finding = [...assess(scanOf({ claims: [] }), { ...base, unknown: 'medium' }, TODAY).findings.values()][0]!;
    expect(finding.level).toBe('medium');
  });
});

describe('waivers', () => {
  const waiver = (id: string, match: Waiver['match'], expires = '2027-01-01'): Waiver => ({ id, match, reason: 'accepted by legal', owner: 'security@example.test', expires });
  it.each([
    ['package', { package: 'pkg' }],
    ['package prefix', { package: 'pk*' }],
    ['vendor', { vendor: 'alibaba-cloud' }],
    ['country', { country: 'CN' }],
  ])('a waiver by %s lowers the finding to none and says so', async (_kind, match) => {
    const policy = { ...(await loadPolicy('us-ictsc')), waivers: [waiver('W-1', match)] };
    const result = assess(scanOf({ claims: [claim('vendor', 'CN', 0.95, 'alibaba-cloud')], facts: facts() }), policy, TODAY);
    const finding = [...result.findings.values()][0]!;
    expect(finding.level).toBe('none');
    expect(finding.waiver?.id).toBe('W-1');
    expect(finding.reasons[0]).toMatch(/^Waived by W-1 \(owner security@example\.test, until 2027-01-01\): accepted by legal/);
    expect(result.issues).toEqual([]);
  });

  it('an expired waiver stops applying and is reported; an unused one is reported', async () => {
    const policy = { ...(await loadPolicy('us-ictsc')), waivers: [waiver('OLD', { package: 'pkg' }, '2026-01-01'), waiver('UNUSED', { package: 'other' })] };
    const result = assess(scanOf({ claims: [claim('vendor', 'CN', 0.95)], facts: facts() }), policy, TODAY);
    expect([...result.findings.values()][0]!.level).toBe('high');
    expect(result.issues.map((i) => [i.code, i.message])).toEqual([
      ['W_WAIVER_EXPIRED', expect.stringContaining('Waiver OLD (owner security@example.test) expired on 2026-01-01')],
      ['W_WAIVER_UNUSED', expect.stringContaining('Waiver UNUSED')],
    ]);
  });
});

describe('policy files', () => {
  it('every preset loads and cites its instrument and date', async () => {
    expect(presetIds()).toEqual(['eu-adequacy', 'eu-sovereignty', 'neutral', 'ofac-comprehensive', 'us-clean-network', 'us-dsp', 'us-ictsc']);
    for (const id of presetIds()) {
      const p = await loadPolicy(id);
      expect(p.instrument, id).toBeTruthy();
      expect(p.asOf, id).toMatch(/^\d{4}-\d\d-\d\d$/);
      if (id !== 'neutral') expect(p.source, id).toMatch(/^https:\/\//);
    }
  });

  it('extends a preset from YAML; its own rules come first', async () => {
    const file = join(tempDir(), 'policy.yaml');
    writeFileSync(file, 'id: acme\nextends: us-ictsc\nrules:\n  - countries: [DE]\n    dimensions: [vendor]\n    level: low\n    why: an internal rule\nsignals:\n  installScript: medium\n');
    const p = await loadPolicy(file);
    expect(p.lineage).toEqual(['acme', 'us-ictsc']);
    expect(p.rules[0]).toMatchObject({ level: 'low', why: 'an internal rule' });
    expect(p.rules).toHaveLength(4);
    expect(p.signals).toMatchObject({ installScript: 'medium', provenanceInvalid: 'high' });
    const finding = [...assess(scanOf({ claims: [claim('vendor', 'DE', 0.95)], facts: facts() }), p, TODAY).findings.values()][0]!;
    expect(finding.level).toBe('low');
  });

  it('reports every schema error with its key, and unknown presets with the known ones', async () => {
    const file = join(tempDir(), 'bad.json');
    writeFileSync(file, JSON.stringify({ id: 'Bad Id', minConfidence: 2, rules: [{ countries: ['XX', 'group:nope'], level: 'severe' }], surprise: true }));
    const error = (await loadPolicy(file).then(
      () => ({ code: 'none', message: '' }),
      (e: unknown) => e as { code: string; message: string },
    ));
    expect(error).toMatchObject({ code: 'E_POLICY' });
    for (const part of ['/id', '/minConfidence', '/rules/0/level: expected one of none, low, medium, high, critical', 'unknown key "surprise"', 'XX is not an ISO 3166-1', 'unknown group group:nope']) expect(error.message).toContain(part);
    await expect(loadPolicy('no-such-preset')).rejects.toMatchObject({ code: 'E_POLICY', message: expect.stringContaining('The presets are eu-adequacy, eu-sovereignty, neutral') });
  });
});

describe('--fail-on', () => {
  it.each([
    ['high', 'high', true],
    ['critical', 'high', true],
    ['medium', 'high', false],
    ['unknown', 'high', false],
    ['unknown', 'unknown', true],
    ['critical', 'none', false],
    ['low', 'low', true],
  ] as const)('a %s finding under --fail-on %s fails: %s', (level, threshold, expected) => {
    expect(fails(level, threshold)).toBe(expected);
  });
});
