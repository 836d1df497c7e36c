/**
 * The scan model as JSON for other tools (schema: docs/report-json.md). Under --redact, people's names
 * and e-mail addresses are left out; evidence only ever holds domains (of e-mail and of websites).
 */
import type { RiskLevel } from '../../assess/levels.js';
import type { Scan } from '../../model.js';
import { TOOL_VERSION } from '../../version.js';
import { outputUrl } from '../url.js';

export const JSON_REPORT_VERSION = 1;

export function emitJsonReport(scan: Scan, options: { redact: boolean; failOn: RiskLevel }): string {
  const person = (p: { name?: string; email?: string } | undefined) => (p && !options.redact ? { name: p.name, email: p.email } : undefined);
  const packages = [...scan.graph.nodes.values()]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((node) => {
      const facts = scan.facts.get(node.id);
      const attribution = scan.attributions?.get(node.id);
      const finding = scan.assessment?.findings.get(node.id);
      return {
        id: node.id,
        name: node.name,
        version: node.version,
        purl: node.purl,
        source: node.source,
        aliases: node.aliases,
        paths: node.paths,
        flags: node.flags,
        dependencies: [...node.dependencies].sort(),
        facts: facts
          ? {
              registry: facts.registry,
              tarballHost: facts.tarballHost,
              // URLs as every output writes them: web and git schemes only, no user info (../url.ts).
              repository: facts.repository && { ...facts.repository, url: outputUrl(facts.repository.url) },
              homepage: outputUrl(facts.homepage),
              license: facts.license,
              funding: facts.funding?.flatMap((f) => (outputUrl(f.url) ? [{ ...f, url: outputUrl(f.url)! }] : [])),
              installScripts: facts.installScripts,
              deprecated: facts.deprecated,
              publisher: facts.publisher ? { ...person(facts.publisher), trustedPublisher: facts.publisher.trustedPublisher } : undefined,
              maintainers: options.redact ? undefined : facts.maintainers?.map(person),
              author: person(facts.author),
              install: facts.install,
              provenance: facts.provenance,
              history: facts.history && (options.redact ? { ...facts.history, changes: facts.history.changes.map((c) => ({ kind: c.kind })) } : facts.history),
            }
          : null,
        claims: attribution?.claims ?? [],
        jurisdictions: attribution?.dimensions ?? { vendor: [], maintainer: [], hosting: [] },
        vendor: attribution?.vendor ?? null,
        steward: attribution?.steward ?? null,
        finding: finding ?? null,
      };
    });
  const report = {
    reportVersion: JSON_REPORT_VERSION,
    tool: { name: 'sovscan', version: TOOL_VERSION },
    project: { name: scan.graph.root.name, version: scan.graph.root.version, lockfile: scan.graph.lockfile ? { path: scan.graph.lockfile.path, format: scan.graph.lockfile.format, version: scan.graph.lockfile.version } : null },
    policy: scan.assessment?.policy ?? null,
    failOn: options.failOn,
    dataSnapshot: scan.dataSnapshot ?? null,
    complete: scan.complete,
    totals: scan.assessment?.totals ?? null,
    countries: scan.assessment?.countries ?? null,
    direct: scan.assessment?.direct ?? [],
    issues: scan.issues,
    // with --base: what the change adds, and the findings the gate decides on
    drift: scan.drift ? { base: scan.drift.base, added: scan.drift.added, removed: scan.drift.removed, changes: scan.drift.changes, newFindings: scan.drift.newFindings.map((f) => f.package) } : null,
    packages,
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
