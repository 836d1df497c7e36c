/**
 * assess: claims + facts + policy in, findings out (DESIGN.md §2, §5). Pure: the date for waiver expiry
 * is an input. Each finding says its level, the rule behind it, one sentence per reason naming the
 * evidence, the waiver that applied, and the path from the project root.
 */
import { DIMENSIONS, type Dimension } from '../attribute/claim.js';
import { evidenceGroups, type Attribution } from '../attribute/fuse.js';
import type { PackageFacts } from '../enrich/facts.js';
import { describeMismatch } from '../enrich/provenance/binding.js';
import type { Graph, Issue, PackageNode, Scan } from '../model.js';
import { parentsFromRoot, pathFromRoot } from '../graph-paths.js';
import { incidentsFor } from './incidents.js';
import { maxLevel, minLevel, RISK_LEVELS, type Level, type RiskLevel } from './levels.js';
import type { Policy, Waiver } from './policy.js';

export interface Finding {
  package: string;
  level: RiskLevel;
  /** What set the level: `country:<dimension>`, `signal:<name>`, `incident`, `unknown` or `none`. */
  rule: string;
  reasons: string[];
  waiver?: { id: string; reason: string; owner: string; expires: string };
  /** Names from the root to the package. */
  path: string[];
}

export interface Assessment {
  policy: { id: string; title: string; asOf?: string; source?: string };
  findings: Map<string, Finding>;
  totals: Record<RiskLevel, number>;
  /** Countries per dimension: how many packages each reaches. */
  countries: Record<Dimension, Record<string, number>>;
  /** Per direct dependency of the root: the levels of everything it pulls in. */
  direct: { package: string; counts: Record<RiskLevel, number> }[];
  issues: Issue[];
}

interface Candidate {
  level: Level;
  rule: string;
  reason: string;
}

const DIMENSION_NAME: Record<Dimension, string> = { vendor: 'vendor', maintainer: 'maintainers', hosting: 'hosting' };

/**
 * A country raises a level when its fused confidence reaches the policy's `minConfidence` and it is not
 * an indication: a country resting on one personal hint alone (one personal domain, one author e-mail,
 * one website) is shown, never rated, whatever its confidence, until independent evidence corroborates it.
 */
function countryCandidates(attribution: Attribution | undefined, policy: Policy): Candidate[] {
  const out: Candidate[] = [];
  if (!attribution) return out;
  for (const dimension of DIMENSIONS) {
    for (const result of attribution.dimensions[dimension]) {
      if (result.indication || result.confidence < policy.minConfidence) continue;
      const rule = policy.rules.find((r) => r.dimensions.includes(dimension) && (r.members === undefined || r.members.has(result.country)));
      if (!rule || rule.level === 'none') continue;
      const cap = policy.caps[dimension];
      const level = cap ? minLevel(rule.level, cap) : rule.level;
      const named = dimension === 'vendor' && attribution.vendor && attribution.vendor.country === result.country ? ` (${attribution.vendor.name})` : '';
      // The evidence named is what was counted: one claim per independent fact, strongest first.
      const counted = evidenceGroups(attribution.claims.filter((c) => c.dimension === dimension && c.country === result.country)).map((g) => g.counted);
      const evidence = counted.sort((a, b) => b.confidence - a.confidence).map((c) => `${c.signal}: ${c.observed}`);
      out.push({ level, rule: `country:${dimension}`, reason: `The ${DIMENSION_NAME[dimension]} ${dimension === 'maintainer' ? 'point' : 'points'} to ${result.country}${named}, ${rule.why ?? `rated ${rule.level} by the policy`} (confidence ${result.confidence.toFixed(2)}; ${[...new Set(evidence)].slice(0, 2).join('; ')}).` });
    }
  }
  return out;
}

/** How the reason of a lockfile mismatch begins (drift looks for it among a finding's reasons). */
export const MISMATCH_REASON = "The lockfile does not install the registry's tarball:";

function signalCandidates(node: PackageNode, facts: PackageFacts | undefined, policy: Policy): Candidate[] {
  const out: Candidate[] = [];
  const add = (level: Level | undefined, rule: string, reason: string) => {
    if (level && level !== 'none') out.push({ level, rule, reason });
  };
  for (const incident of incidentsFor(node.name, node.version)) {
    add(policy.signals.incident ?? 'critical', 'incident', `${node.name}@${node.version} is a known ${incident.kind} version: ${incident.summary} (${incident.source}).`);
  }
  if (!facts) return out;
  // First among equals, so that it names the finding's rule (SARIF) and leads its reasons. Unlike the
  // other signals, high when the policy is silent: a lockfile that installs other bytes than
  // the registry's is the shape of a lockfile-injection change, whatever the policy thinks of countries.
  if (facts.install && facts.install.mismatches.length > 0) {
    add(policy.signals.integrityMismatch ?? 'high', 'signal:integrity-mismatch', `${MISMATCH_REASON} ${facts.install.mismatches.map(describeMismatch).join('; and ')}.`);
  }
  if (facts.installScripts) add(policy.signals.installScript, 'signal:install-script', `It runs code at install (${facts.installScripts.join(', ')}).`);
  if (facts.provenance.state === 'invalid') add(policy.signals.provenanceInvalid, 'signal:provenance-invalid', `Its provenance does not verify: ${facts.provenance.reason ?? 'invalid attestation'}.`);
  if (facts.provenance.signature === 'invalid') add(policy.signals.provenanceInvalid, 'signal:signature-invalid', 'Its registry signature does not match its name, version and integrity.');
  if (facts.provenance.state === 'absent') add(policy.signals.provenanceAbsent, 'signal:provenance-absent', 'It was published without build provenance.');
  if (facts.deprecated) add(policy.signals.deprecated, 'signal:deprecated', 'The registry marks this version deprecated.');
  return out;
}

function waiverFor(node: PackageNode, attribution: Attribution | undefined, waivers: Waiver[], today: string): { applies?: Waiver; expired: Waiver[] } {
  const expired: Waiver[] = [];
  for (const waiver of waivers) {
    const { package: pkg, vendor, country } = waiver.match;
    let matches = true;
    if (pkg !== undefined) {
      const at = pkg.lastIndexOf('@');
      const [name, range] = at > 0 ? [pkg.slice(0, at), pkg.slice(at + 1)] : [pkg, undefined];
      matches &&= name.endsWith('*') ? node.name.startsWith(name.slice(0, -1)) : node.name === name;
      if (range) matches &&= node.version === range || range === '*';
    }
    if (vendor !== undefined) matches &&= attribution?.vendor?.id === vendor || attribution?.vendor?.controller?.id === vendor;
    if (country !== undefined) matches &&= DIMENSIONS.some((d) => attribution?.dimensions[d].some((c) => c.country === country));
    if (!matches) continue;
    if (waiver.expires < today) expired.push(waiver);
    else return { applies: waiver, expired };
  }
  return { expired };
}

/**
 * A finding's path, built the first time something reads it: outputs name the path of a few findings
 * (the summary's worst, SARIF's failing ones), and building every one up front costs the sum of all
 * depths, quadratic on a long chain.
 */
function lazyPath(build: () => string[]): (finding: Omit<Finding, 'path'>) => Finding {
  let built: string[] | undefined;
  return (finding) => Object.defineProperty(finding, 'path', { enumerable: true, get: () => (built ??= build()) }) as Finding;
}

function withoutPath(finding: Finding): Omit<Finding, 'path'> {
  const { package: pkg, level, rule, reasons, waiver } = finding;
  return { package: pkg, level, rule, reasons, ...(waiver ? { waiver } : {}) };
}

const emptyCounts = () => Object.fromEntries(RISK_LEVELS.map((l) => [l, 0])) as Record<RiskLevel, number>;

export function assess(scan: Scan, policy: Policy, today: string): Assessment {
  const findings = new Map<string, Finding>();
  const totals = emptyCounts();
  const countries = Object.fromEntries(DIMENSIONS.map((d) => [d, {}])) as Record<Dimension, Record<string, number>>;
  const usedWaivers = new Set<string>();
  const expiredReported = new Set<string>();
  const issues: Issue[] = [];
  const parents = parentsFromRoot(scan.graph);
  for (const node of scan.graph.nodes.values()) {
    const attribution = scan.attributions?.get(node.id);
    const facts = scan.facts.get(node.id);
    // Indications are shown with their package, not counted as where the tree's maintainers are.
    for (const d of DIMENSIONS) for (const c of attribution?.dimensions[d] ?? []) if (!c.indication) countries[d][c.country] = (countries[d][c.country] ?? 0) + 1;
    const candidates = [...countryCandidates(attribution, policy), ...signalCandidates(node, facts, policy)];
    const path = lazyPath(() => (pathFromRoot(scan.graph, node.id, parents) ?? [node]).map((n) => n.name || '(project)'));
    let finding: Finding;
    if (candidates.length > 0) {
      const level = candidates.reduce<Level>((max, c) => maxLevel(max, c.level), 'none');
      // A lockfile mismatch names the finding over a country of the same level: whether the scan describes
      // what gets installed at all comes first (and it is its own alert in code scanning).
      const top = candidates.find((c) => c.level === level && c.rule === 'signal:integrity-mismatch') ?? candidates.find((c) => c.level === level)!;
      const rest = candidates.filter((c) => c !== top).sort((a, b) => RISK_LEVELS.indexOf(b.level) - RISK_LEVELS.indexOf(a.level));
      finding = path({ package: node.id, level, rule: top.rule, reasons: [top, ...rest].map((c) => c.reason) });
    } else if (!attribution || DIMENSIONS.every((d) => attribution.dimensions[d].length === 0)) {
      finding = path({ package: node.id, level: policy.unknown, rule: 'unknown', reasons: ['Nothing could be attributed: no evidence in any dimension.'] });
    } else {
      finding = path({ package: node.id, level: 'none', rule: 'none', reasons: [] });
    }
    const { applies, expired } = waiverFor(node, attribution, policy.waivers, today);
    for (const w of expired) {
      if (expiredReported.has(w.id)) continue;
      expiredReported.add(w.id);
      issues.push({ severity: 'warning', code: 'W_WAIVER_EXPIRED', message: `Waiver ${w.id} (owner ${w.owner}) expired on ${w.expires} and no longer applies` });
    }
    if (applies && finding.level !== 'none') {
      usedWaivers.add(applies.id);
      finding = path({ ...withoutPath(finding), level: 'none', reasons: [`Waived by ${applies.id} (owner ${applies.owner}, until ${applies.expires}): ${applies.reason}`, ...finding.reasons], waiver: { id: applies.id, reason: applies.reason, owner: applies.owner, expires: applies.expires } });
    }
    findings.set(node.id, finding);
    totals[finding.level]++;
  }
  for (const w of policy.waivers) {
    if (!usedWaivers.has(w.id) && !expiredReported.has(w.id)) issues.push({ severity: 'warning', code: 'W_WAIVER_UNUSED', message: `Waiver ${w.id} (owner ${w.owner}) matched nothing in this tree: remove it or correct its match` });
  }
  return { policy: { id: policy.id, title: policy.title, asOf: policy.asOf, source: policy.source }, findings, totals, countries, direct: directExposure(scan.graph, findings), issues };
}

function directExposure(graph: Graph, findings: Map<string, Finding>): Assessment['direct'] {
  const out: Assessment['direct'] = [];
  for (const id of graph.root.dependencies) {
    const counts = emptyCounts();
    const seen = new Set<string>();
    const queue = [id];
    while (queue.length > 0) {
      const current = queue.pop()!;
      if (seen.has(current)) continue;
      seen.add(current);
      const finding = findings.get(current);
      if (finding) counts[finding.level]++;
      for (const next of graph.nodes.get(current)?.dependencies ?? []) queue.push(next);
    }
    const node = graph.nodes.get(id);
    if (node) out.push({ package: `${node.name}@${node.version}`, counts });
  }
  return out;
}
