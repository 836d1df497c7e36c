/**
 * `sovscan explain`: the evidence chain for one package, for a reader who is not an engineer: where the
 * package sits in the tree, what the registry says, every observation with the data entry it matched
 * and that entry's public source, and the result per dimension. Registry text is untrusted: it is made
 * safe for a terminal before it is printed.
 */
import type { Dimension } from '../attribute/claim.js';
import { emailDomains, personSites } from '../attribute/signals/shared.js';
import type { PackageFacts } from '../enrich/facts.js';
import { describeMismatch } from '../enrich/provenance/binding.js';
import { pathFromRoot, type parentsFromRoot } from '../graph-paths.js';
import type { PackageNode, Scan } from '../model.js';
import { BAND, renderDimensions } from './explain-dimensions.js';
import { terminalSafe as safe } from './text.js';
import { outputUrl } from './url.js';

/** A URL as every output writes it (./url.ts), or why it is not shown. */
const shownUrl = (url: string) => outputUrl(url) ?? '(left out: not a web or git URL)';

const label = (n: PackageNode) => `${safe(n.name || '(project)')}${n.version ? `@${safe(n.version)}` : ''}`;

/** `parents` (from `parentsFromRoot`) saves recomputing the tree walk when many packages are explained. */
export function renderExplanation(scan: Scan, node: PackageNode, parents?: ReturnType<typeof parentsFromRoot>): string {
  const out: string[] = [];
  const facts = scan.facts.get(node.id);
  const attribution = scan.attributions?.get(node.id);
  out.push(`${label(node)}`, '');
  const path = pathFromRoot(scan.graph, node.id, parents);
  out.push(`How it gets into ${label(scan.graph.root)}: ${path ? path.map(label).join(' → ') : 'not reachable from the project root'}`);
  if (node.paths.length > 0) out.push(`Installed at: ${node.paths.map(safe).join(', ')}`);
  if (node.aliases.length > 0) out.push(`Installed under the alias: ${node.aliases.map(safe).join(', ')}`);
  out.push(`Source: ${node.source}${node.resolved ? ` (${safe(shownUrl(node.resolved))})` : ''}`, '');

  out.push('What the registry says:');
  if (!facts) {
    out.push(node.source === 'registry' ? '  nothing: the registry document could not be read (see the scan issues), so what follows may be incomplete' : '  nothing: this package does not come from a registry');
  } else {
    const line = (k: string, v: string | undefined) => v && out.push(`  ${k}: ${safe(v)}`);
    line('registry', facts.registry);
    line('repository', facts.repository ? [facts.repository.host, facts.repository.owner, facts.repository.repo].filter(Boolean).join('/') || shownUrl(facts.repository.url) : undefined);
    line('homepage', facts.homepage && shownUrl(facts.homepage));
    const other = facts.fallback;
    const otherLinks = other && [other.repository && [other.repository.host, other.repository.owner, other.repository.repo].filter(Boolean).join('/'), other.homepage && shownUrl(other.homepage)].filter(Boolean).join(', ');
    line('another version', other && `${other.version} names ${otherLinks || 'an author'} (this version names no repository, homepage or author)`);
    line('funding', facts.funding?.map((f) => shownUrl(f.url)).join(', '));
    line('licence', facts.license);
    line('publisher', facts.publisher?.trustedPublisher ? `trusted publishing (${facts.publisher.trustedPublisher.id})` : facts.publisher ? 'an account (name withheld here)' : undefined);
    line('provenance', `${facts.provenance.state}${facts.provenance.attested?.repository ? `, built from ${facts.provenance.attested.repository}` : ''}${facts.provenance.reason ? ` (${facts.provenance.reason})` : ''}`);
    line('registry signature', facts.provenance.signature);
    const install = facts.install;
    line('lockfile', install && (install.mismatches.length > 0 ? `does not install the registry's tarball: ${install.mismatches.map(describeMismatch).join('; and ')}` : install.algorithm ? `installs the registry's tarball (${install.algorithm} compared)` : 'names no integrity to compare'));
    line('install scripts', facts.installScripts?.join(', ') ?? 'none');
    line('deprecated', facts.deprecated);
  }
  out.push('');

  const claims = attribution?.claims ?? [];
  out.push(claims.length === 0 ? 'Evidence: none. sovscan claims no country without evidence.' : 'Evidence:');
  claims.forEach((claim, i) => {
    out.push(`  ${i + 1}. ${claim.dimension}: ${claim.country}, ${BAND(claim.confidence)} (${claim.confidence.toFixed(2)}), from ${claim.signal}: ${safe(claim.observed)}`);
    out.push(`     matched ${claim.source.file}.json entry "${claim.source.id}"${claim.vendor ? ` (${safe(claim.vendor.name)}${claim.vendor.via ? `, which controls ${safe(claim.vendor.via)}` : ''})` : ''}; source ${claim.source.source}, as of ${claim.source.asOf}`);
  });
  out.push('', 'Result:', ...renderDimensions(attribution, (dimension) => whyUnknown(dimension, facts)));
  const vendor = attribution?.vendor;
  if (vendor) out.push(`  Named vendor: ${safe(vendor.name)}, ${vendor.country}${vendor.controller ? `; ultimately controlled by ${safe(vendor.controller.name)}, ${vendor.controller.country}` : ''}`);
  const steward = attribution?.steward;
  if (steward) {
    out.push(
      `  Steward (no vendor): ${safe(steward.name)}, a foundation in ${steward.country}, hosts this community project without controlling it, so no vendor country is claimed`,
      `     found from ${safe(steward.observed)}; matched ${steward.source.file}.json entry "${steward.source.id}"; source ${steward.source.source}, as of ${steward.source.asOf}`,
    );
  }
  return `${out.join('\n')}\n`;
}

/** Why a dimension has no country, in words: the reader's next question is whether anything was there to read. */
function whyUnknown(dimension: Dimension, facts: PackageFacts | undefined): string {
  if (dimension !== 'maintainer') return 'no evidence';
  if (!facts) return 'no evidence: no registry document was read';
  if (emailDomains(facts).size === 0 && personSites(facts).size === 0) return 'no evidence: the registry document names no maintainer, publisher or author e-mail or website';
  return 'no evidence: the e-mail domains and websites of its maintainers, publisher and author belong to global providers or name no country';
}
