/** One row per package, shared by the tabular reports. */
import { DIMENSIONS, type Dimension } from '../../attribute/claim.js';
import { bySeverity, type RiskLevel } from '../../assess/levels.js';
import type { PackageNode, Scan } from '../../model.js';

export interface Row {
  node: PackageNode;
  risk: RiskLevel | '';
  reasons: string[];
  vendor: string;
  controller: string;
  /** With no vendor: the foundation that hosts the project. */
  steward: string;
  countries: Record<Dimension, string[]>;
  provenance: string;
  installScript: boolean;
  path: string[];
  waiver: string;
}


export function rows(scan: Scan): Row[] {
  const out: Row[] = [];
  for (const node of scan.graph.nodes.values()) {
    const finding = scan.assessment?.findings.get(node.id);
    const attribution = scan.attributions?.get(node.id);
    const facts = scan.facts.get(node.id);
    out.push({
      node,
      risk: finding?.level ?? '',
      reasons: finding?.reasons ?? [],
      vendor: attribution?.vendor?.name ?? '',
      controller: attribution?.vendor?.controller?.name ?? '',
      steward: attribution?.steward?.name ?? '',
      // As in the SBOM's sovscan:jurisdiction:*, an indication is not an answer (the JSON report and explain show it).
      countries: Object.fromEntries(DIMENSIONS.map((d) => [d, (attribution?.dimensions[d] ?? []).filter((c) => !c.indication).map((c) => c.country)])) as Record<Dimension, string[]>,
      provenance: facts?.provenance.state ?? (node.source === 'registry' ? 'unknown' : ''),
      installScript: facts?.installScripts !== undefined,
      // Read through: a path is built when a report prints it (most print few), not for every row.
      get path() {
        return finding?.path ?? [];
      },
      waiver: finding?.waiver?.id ?? '',
    });
  }
  return out.sort((a, b) => bySeverity(a.risk || 'none', b.risk || 'none') || a.node.id.localeCompare(b.node.id));
}
