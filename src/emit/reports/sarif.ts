/**
 * SARIF 2.1.0 for code scanning: one run; one rule per kind of finding with help text and a
 * `security-severity`; one result per package at `low` or above, located on the package's entry in the
 * lockfile, with a stable fingerprint (rule and purl) so that the same finding is the same alert from run
 * to run. See GitHub's SARIF support documentation for the properties it reads.
 */
import { createHash } from 'node:crypto';
import { fails, type RiskLevel } from '../../assess/levels.js';
import type { Scan } from '../../model.js';
import { TOOL_NAME, TOOL_VERSION } from '../../version.js';
import { findingsFile, lockfileLocator } from '../locate.js';

const RULES: Record<string, { name: string; short: string; help: string }> = {
  'country:vendor': { name: 'VendorJurisdiction', short: 'The vendor that controls the package is in a country the policy rates', help: 'The package is controlled by an organisation (or a parent of it) in a country your policy rates. Review the evidence with `sovscan explain`, replace the package, or record a waiver with a reason, an owner and an expiry.' },
  'country:maintainer': { name: 'MaintainerJurisdiction', short: 'The people who can publish the package are tied to a country the policy rates', help: 'The people who can publish the package are tied to a country your policy rates by independent evidence (an employer\'s e-mail domain of someone who can publish, or personal domains corroborated by another fact); one personal hint alone is never rated.' },
  'country:hosting': { name: 'HostingJurisdiction', short: 'The package is hosted or built in a country the policy rates', help: 'The registry, tarball host, source forge or build platform of the package is operated in a country your policy rates.' },
  'signal:install-script': { name: 'InstallScript', short: 'The package runs code at install', help: 'A preinstall, install or postinstall script (or a binding.gyp) runs when the package is installed. Install with --ignore-scripts where you can.' },
  'signal:provenance-invalid': { name: 'ProvenanceInvalid', short: 'The package provenance does not verify', help: 'An attestation of the package fails verification: the tarball may not come from the build it claims.' },
  'signal:signature-invalid': { name: 'RegistrySignatureInvalid', short: 'The registry signature does not match', help: 'The registry signature over name, version and integrity does not verify.' },
  'signal:integrity-mismatch': { name: 'IntegrityMismatch', short: 'The lockfile does not install the tarball the registry describes', help: "The lockfile's integrity differs from the registry's, or its resolved URL is on another host than the registry configured for the package: what gets installed is not what the registry (and any provenance) vouches for. Regenerate the entry from the registry, or find out who changed it." },
  'signal:provenance-absent': { name: 'ProvenanceAbsent', short: 'The package has no build provenance', help: 'The version was published without a provenance attestation.' },
  'signal:deprecated': { name: 'Deprecated', short: 'The version is deprecated', help: 'The registry marks this version deprecated; upgrade.' },
  incident: { name: 'KnownIncident', short: 'A known protestware or compromised version', help: 'This exact version is listed as protestware or compromised in data/incidents.json. Replace it now.' },
  unknown: { name: 'Unknown', short: 'Nothing could be attributed', help: 'No evidence in any dimension: the registry could not be read, or the package declares nothing sovscan can use.' },
};

const SEVERITY: Record<RiskLevel, { level: 'error' | 'warning' | 'note'; score: string }> = {
  critical: { level: 'error', score: '9.5' },
  high: { level: 'error', score: '8.0' },
  medium: { level: 'warning', score: '5.5' },
  low: { level: 'note', score: '3.0' },
  unknown: { level: 'note', score: '1.0' },
  none: { level: 'note', score: '0.0' },
};

export function emitSarif(scan: Scan, options: { cwd: string }): string {
  const locate = lockfileLocator(scan.graph.lockfile);
  const lockfile = findingsFile(scan.graph, options.cwd);
  const used = new Set<string>();
  const results = [];
  for (const finding of [...(scan.assessment?.findings.values() ?? [])].sort((a, b) => a.package.localeCompare(b.package))) {
    if (!fails(finding.level, 'low') || !RULES[finding.rule]) continue;
    const node = scan.graph.nodes.get(finding.package);
    if (!node) continue;
    used.add(finding.rule);
    const where = locate(node) ?? { line: 1, column: 1 };
    results.push({
      ruleId: finding.rule,
      level: SEVERITY[finding.level].level,
      message: { text: `${node.name}@${node.version} (${finding.level}, via ${finding.path.slice(0, -1).join(' > ') || 'a direct dependency'}): ${finding.reasons.join(' ')}` },
      locations: [{ physicalLocation: { artifactLocation: { uri: lockfile }, region: { startLine: where.line, startColumn: where.column } } }],
      partialFingerprints: { 'sovscan/v1': createHash('sha256').update(`${finding.rule}|${node.purl}`).digest('hex').slice(0, 32) },
      properties: { 'security-severity': SEVERITY[finding.level].score, purl: node.purl, risk: finding.level },
    });
  }
  const rules = [...used].sort().map((id) => ({
    id,
    name: RULES[id]!.name,
    shortDescription: { text: RULES[id]!.short },
    fullDescription: { text: RULES[id]!.help },
    help: { text: RULES[id]!.help, markdown: RULES[id]!.help },
    properties: { 'security-severity': SEVERITY.high.score, tags: ['security', 'supply-chain', 'sovereignty'] },
  }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{ tool: { driver: { name: TOOL_NAME, version: TOOL_VERSION, rules } }, results }],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
