/**
 * Registry facts on a component (DESIGN.md §4 and docs/taxonomy.md): external references from
 * repository / homepage / bugs / funding, the publisher, and the registry pairs (provenance, install
 * scripts, history) that annotated vendor SBOMs carry too.
 * Every value is registry text: it goes into properties and URLs that the serialiser escapes, never into
 * markup.
 */
import * as Enums from '@cyclonedx/cyclonedx-library/Enums';
import * as Models from '@cyclonedx/cyclonedx-library/Models';
import type { PackageFacts } from '../../enrich/facts.js';
import { registryPairs } from '../annotations.js';
import { outputUrl } from '../url.js';
import { addProperty } from './property.js';

/**
 * Registry and lockfile text as a reference URL, which XML's anyURI must accept: a `%` that starts no
 * escape (`%E0%A4%A`) is written `%25`; a value with a scheme that is no URL (`git+ssh://git@:x`) is left
 * out (the JSON report keeps the declared text), and so is one with a scheme that is not web or git
 * (`javascript:`, `data:`, `file:`; see ../url.ts). User info (`user:password@`) is removed. Nothing else
 * of the URL changes.
 */
export function referenceUrl(declared: string): string | undefined {
  const url = outputUrl(declared);
  if (url === undefined || (url.includes('://') && !URL.canParse(url))) return undefined;
  return url.replace(/%(?![0-9A-Fa-f]{2})/g, '%25');
}

function ref(component: Models.Component, declared: string | undefined, type: Enums.ExternalReferenceType, comment?: string): void {
  const url = declared && referenceUrl(declared);
  if (!url) return;
  const known = [...component.externalReferences].some((r) => r.type === type && String(r.url) === url);
  if (!known) component.externalReferences.add(new Models.ExternalReference(url, type, { comment }));
}

/** Shorthands (`owner/repo`, `github:owner/repo`) and unparsable URLs become browsable URLs; full URLs stay as declared. */
function vcsUrl(repository: PackageFacts['repository']): string | undefined {
  if (!repository) return undefined;
  if ((repository.url.includes('://') && URL.canParse(repository.url)) || !repository.host || !repository.repo) return repository.url;
  return `https://${repository.host}/${repository.owner ? `${repository.owner}/` : ''}${repository.repo}`;
}

export function addRegistryFacts(component: Models.Component, facts: PackageFacts | undefined, redact: boolean): void {
  if (facts) {
    ref(component, vcsUrl(facts.repository), Enums.ExternalReferenceType.VCS, facts.repository?.directory ? `directory: ${facts.repository.directory}` : undefined);
    ref(component, facts.homepage, Enums.ExternalReferenceType.Website);
    ref(component, facts.bugs, Enums.ExternalReferenceType.IssueTracker);
    for (const funding of facts.funding ?? []) ref(component, funding.url, Enums.ExternalReferenceType.Other, `funding${funding.type ? ` (${funding.type})` : ''}`);
    if (facts.publisher?.name && !redact) component.publisher = facts.publisher.name;
  }
  for (const [name, value] of registryPairs(facts, redact)) addProperty(component.properties, name, value);
}
