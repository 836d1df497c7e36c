/**
 * Registry facts on a component (DESIGN.md §4 and docs/taxonomy.md): external references from
 * repository / homepage / bugs / funding, the publisher, install scripts, provenance and history.
 * Every value is registry text: it goes into properties and URLs that the serialiser escapes, never into
 * markup.
 */
import * as Enums from '@cyclonedx/cyclonedx-library/Enums';
import * as Models from '@cyclonedx/cyclonedx-library/Models';
import type { PackageFacts } from '../../enrich/facts.js';

function ref(component: Models.Component, url: string | undefined, type: Enums.ExternalReferenceType, comment?: string): void {
  if (!url) return;
  const known = [...component.externalReferences].some((r) => r.type === type && String(r.url) === url);
  if (!known) component.externalReferences.add(new Models.ExternalReference(url, type, { comment }));
}

function prop(component: Models.Component, name: string, value: string | undefined): void {
  if (value !== undefined && value !== '') component.properties.add(new Models.Property(name, value));
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
    prop(component, 'sovscan:provenance', 'unknown');
    prop(component, 'sovscan:registry-signature', 'unknown');
    return;
  }
  ref(component, vcsUrl(facts.repository), Enums.ExternalReferenceType.VCS, facts.repository?.directory ? `directory: ${facts.repository.directory}` : undefined);
  ref(component, facts.homepage, Enums.ExternalReferenceType.Website);
  ref(component, facts.bugs, Enums.ExternalReferenceType.IssueTracker);
  for (const funding of facts.funding ?? []) ref(component, funding.url, Enums.ExternalReferenceType.Other, `funding${funding.type ? ` (${funding.type})` : ''}`);
  if (facts.publisher?.name && !redact) component.publisher = facts.publisher.name;

  const { provenance } = facts;
  prop(component, 'sovscan:provenance', provenance.state);
  prop(component, 'sovscan:registry-signature', provenance.signature);
  const build = provenance.attested;
  if (build) {
    prop(component, 'sovscan:provenance:repository', build.repository);
    prop(component, 'sovscan:provenance:commit', build.commit);
    prop(component, 'sovscan:provenance:workflow', build.workflow);
    prop(component, 'sovscan:provenance:builder', build.builder);
    prop(component, 'sovscan:provenance:runner', build.runner);
  }
  if (provenance.repositoryMismatch) prop(component, 'sovscan:provenance:repository-mismatch', 'true');
  if (provenance.reason && (provenance.state === 'invalid' || provenance.state === 'present')) prop(component, 'sovscan:provenance:reason', provenance.reason);
  prop(component, 'sovscan:trusted-publisher', facts.publisher?.trustedPublisher?.id);
  if (facts.installScripts) {
    prop(component, 'sovscan:install-script', 'true');
    for (const script of facts.installScripts) prop(component, 'sovscan:install-script:kind', script);
  }
  prop(component, 'sovscan:deprecated', facts.deprecated);
  prop(component, 'sovscan:registry', facts.registry);
  prop(component, 'sovscan:tarball-host', facts.tarballHost);
  if (facts.history) {
    prop(component, 'sovscan:history:published', facts.history.publishedAt);
    prop(component, 'sovscan:history:previous-version', facts.history.previousVersion);
    for (const change of facts.history.changes) {
      // The detail often names a person: kept out under --redact.
      prop(component, 'sovscan:history:change', redact || !change.detail ? change.kind : `${change.kind}: ${change.detail}`);
    }
  }
}
