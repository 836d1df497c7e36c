/**
 * Registry facts on a component (DESIGN.md §4 and docs/taxonomy.md): external references from
 * repository / homepage / bugs / funding, the publisher, install scripts, provenance and history.
 * Every value is registry text: it goes into properties and URLs that the serialiser escapes, never into
 * markup.
 */
import * as Enums from '@cyclonedx/cyclonedx-library/Enums';
import * as Models from '@cyclonedx/cyclonedx-library/Models';
import type { PackageFacts } from '../../enrich/facts.js';
import { addProperty } from './property.js';

function ref(component: Models.Component, url: string | undefined, type: Enums.ExternalReferenceType, comment?: string): void {
  if (!url) return;
  const known = [...component.externalReferences].some((r) => r.type === type && String(r.url) === url);
  if (!known) component.externalReferences.add(new Models.ExternalReference(url, type, { comment }));
}

/** Shorthands (`owner/repo`, `github:owner/repo`) become browsable URLs; full URLs stay as declared. */
function vcsUrl(repository: PackageFacts['repository']): string | undefined {
  if (!repository) return undefined;
  if (repository.url.includes('://') || !repository.host || !repository.repo) return repository.url;
  return `https://${repository.host}/${repository.owner ? `${repository.owner}/` : ''}${repository.repo}`;
}

export function addRegistryFacts(component: Models.Component, facts: PackageFacts | undefined, redact: boolean): void {
  if (!facts) {
    // The registry could not be read: say so rather than leave the reader to guess.
    addProperty(component.properties, 'sovscan:provenance', 'unknown');
    addProperty(component.properties, 'sovscan:registry-signature', 'unknown');
    return;
  }
  ref(component, vcsUrl(facts.repository), Enums.ExternalReferenceType.VCS, facts.repository?.directory ? `directory: ${facts.repository.directory}` : undefined);
  ref(component, facts.homepage, Enums.ExternalReferenceType.Website);
  ref(component, facts.bugs, Enums.ExternalReferenceType.IssueTracker);
  for (const funding of facts.funding ?? []) ref(component, funding.url, Enums.ExternalReferenceType.Other, `funding${funding.type ? ` (${funding.type})` : ''}`);
  if (facts.publisher?.name && !redact) component.publisher = facts.publisher.name;

  const { provenance } = facts;
  addProperty(component.properties, 'sovscan:provenance', provenance.state);
  addProperty(component.properties, 'sovscan:registry-signature', provenance.signature);
  const build = provenance.attested;
  if (build) {
    addProperty(component.properties, 'sovscan:provenance:repository', build.repository);
    addProperty(component.properties, 'sovscan:provenance:commit', build.commit);
    addProperty(component.properties, 'sovscan:provenance:workflow', build.workflow);
    addProperty(component.properties, 'sovscan:provenance:builder', build.builder);
    addProperty(component.properties, 'sovscan:provenance:runner', build.runner);
  }
  if (provenance.repositoryMismatch) addProperty(component.properties, 'sovscan:provenance:repository-mismatch', 'true');
  if (provenance.reason && (provenance.state === 'invalid' || provenance.state === 'present')) addProperty(component.properties, 'sovscan:provenance:reason', provenance.reason);
  addProperty(component.properties, 'sovscan:trusted-publisher', facts.publisher?.trustedPublisher?.id);
  if (facts.installScripts) {
    addProperty(component.properties, 'sovscan:install-script', 'true');
    for (const script of facts.installScripts) addProperty(component.properties, 'sovscan:install-script:kind', script);
  }
  addProperty(component.properties, 'sovscan:deprecated', facts.deprecated);
  addProperty(component.properties, 'sovscan:registry', facts.registry);
  addProperty(component.properties, 'sovscan:tarball-host', facts.tarballHost);
  if (facts.history) {
    addProperty(component.properties, 'sovscan:history:published', facts.history.publishedAt);
    addProperty(component.properties, 'sovscan:history:previous-version', facts.history.previousVersion);
    for (const change of facts.history.changes) {
      // The detail often names a person: kept out under --redact.
      addProperty(component.properties, 'sovscan:history:change', redact || !change.detail ? change.kind : `${change.kind}: ${change.detail}`);
    }
  }
}
