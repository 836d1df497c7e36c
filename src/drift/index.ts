/**
 * Pull-request drift: what a change adds or changes, against the scan of the base (DESIGN.md §7 `--base`).
 * Jurisdiction drift names a new vendor or a new country in any dimension, new maintainers or publishers,
 * provenance lost, an install script gained, a lockfile entry that no longer installs the registry's tarball.
 * New findings are those of added packages, those whose level rose, and a lockfile mismatch the change
 * brings (a package already at that level for another reason must not hide it): this is what a pull
 * request gates on.
 */
import { DIMENSIONS } from '../attribute/claim.js';
import { MISMATCH_REASON, type Finding } from '../assess/index.js';
import { rank, type Level } from '../assess/levels.js';
import type { Scan } from '../model.js';
import { compareVersions } from './versions.js';

export type DriftKind = 'added' | 'new-vendor' | 'new-country' | 'new-maintainer' | 'new-publisher' | 'provenance-lost' | 'install-script-added' | 'integrity-mismatch' | 'risk-raised';

export interface DriftChange {
  package: string;
  kind: DriftKind;
  detail: string;
}

export interface Drift {
  base: string;
  added: string[];
  removed: string[];
  changes: DriftChange[];
  newFindings: Finding[];
}

const label = (scan: Scan, id: string) => {
  const n = scan.graph.nodes.get(id);
  return n ? `${n.name}@${n.version}` : id;
};

export function drift(head: Scan, base: Scan, baseLabel: string): Drift {
  const changes: DriftChange[] = [];
  const baseVendors = new Set([...(base.attributions?.values() ?? [])].map((a) => a.vendor?.id).filter(Boolean));
  const baseCountries = Object.fromEntries(DIMENSIONS.map((d) => [d, new Set([...(base.attributions?.values() ?? [])].flatMap((a) => a.dimensions[d].filter((c) => !c.indication).map((c) => c.country)))]));
  // A version that replaces the only other one is a change of that package; one added beside another is new.
  const versions = compareVersions(base, head);
  const added = new Set(versions.added);
  const newFindings: Finding[] = [];
  for (const node of head.graph.nodes.values()) {
    const id = node.id;
    const what = label(head, id);
    const previousId = versions.counterpart.get(id);
    if (added.has(id)) changes.push({ package: id, kind: 'added', detail: `${what} is new` });
    const attribution = head.attributions?.get(id);
    if (attribution?.vendor && !baseVendors.has(attribution.vendor.id)) changes.push({ package: id, kind: 'new-vendor', detail: `${what} brings a new vendor: ${attribution.vendor.name} (${attribution.vendor.country})` });
    for (const d of DIMENSIONS) {
      for (const c of attribution?.dimensions[d] ?? []) {
        // An indication (one personal hint alone) is no new country for a gate to act on.
        if (!c.indication && !baseCountries[d]!.has(c.country)) changes.push({ package: id, kind: 'new-country', detail: `${what} brings ${c.country} into the ${d} dimension` });
      }
    }
    const facts = head.facts.get(id);
    const before = previousId ? base.facts.get(previousId) : undefined;
    if (facts && before) {
      const known = new Set((before.maintainers ?? []).map((m) => (m.name ?? m.email ?? '').toLowerCase()));
      for (const m of facts.maintainers ?? []) if (before.maintainers && !known.has((m.name ?? m.email ?? '').toLowerCase())) changes.push({ package: id, kind: 'new-maintainer', detail: `${what} has a new maintainer account` });
      if (facts.publisher?.name && before.publisher?.name && facts.publisher.name !== before.publisher.name) changes.push({ package: id, kind: 'new-publisher', detail: `${what} was published by another account than ${label(base, previousId!)}` });
      if ((before.provenance.state === 'verified' || before.provenance.state === 'present') && (facts.provenance.state === 'absent' || facts.provenance.state === 'invalid' || facts.provenance.state === 'mismatch')) changes.push({ package: id, kind: 'provenance-lost', detail: `${what} lost its provenance (was ${before.provenance.state}, now ${facts.provenance.state})` });
      if (facts.installScripts && !before.installScripts) changes.push({ package: id, kind: 'install-script-added', detail: `${what} gained an install script (${facts.installScripts.join(', ')})` });
    }
    const mismatched = (facts?.install?.mismatches.length ?? 0) > 0 && (!before || (before.install?.mismatches.length ?? 0) === 0);
    if (mismatched) changes.push({ package: id, kind: 'integrity-mismatch', detail: `${what}: the lockfile no longer installs the registry's tarball` });
    const finding = head.assessment?.findings.get(id);
    const previous = previousId ? base.assessment?.findings.get(previousId) : undefined;
    if (!finding || finding.level === 'none' || finding.level === 'unknown') continue;
    // (a package that stays at the same level is not new, whatever else changed, but for a new mismatch)
    const before2: Level = !previous || previous.level === 'unknown' ? 'none' : previous.level;
    const rose = !previous || rank(finding.level) > rank(before2);
    if (rose || (mismatched && finding.reasons.some((r) => r.startsWith(MISMATCH_REASON)))) {
      newFindings.push(finding);
      if (previous) changes.push({ package: id, kind: 'risk-raised', detail: `${what}: risk ${previous.level} → ${finding.level}` });
    }
  }
  return { base: baseLabel, added: versions.added, removed: versions.removed, changes: changes.sort((a, b) => a.package.localeCompare(b.package) || a.kind.localeCompare(b.kind)), newFindings };
}
