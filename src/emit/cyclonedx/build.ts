/**
 * Scan → CycloneDX models (DESIGN.md §4). Only what the library models can hold is built here; the
 * fields it lacks are added by augment.ts after serialisation.
 */
import * as Contrib from '@cyclonedx/cyclonedx-library/Contrib';
import * as Enums from '@cyclonedx/cyclonedx-library/Enums';
import * as Models from '@cyclonedx/cyclonedx-library/Models';
import parseSpdxExpression from 'spdx-expression-parse';
import type { PackageFacts } from '../../enrich/facts.js';
import { fromRegistry } from '../../enrich/index.js';
import type { PackageNode, Scan } from '../../model.js';
import { splitName } from '../../resolve/purl.js';
import { TOOL_NAME, TOOL_VERSION } from '../../version.js';
import { addJurisdiction, addRisk, type OrganisationCountry } from './jurisdiction.js';
import { addRegistryFacts, referenceUrl } from './registry-facts.js';
import { loadAttributionData } from '../../attribute/data.js';
import { addProperty } from './property.js';

export interface BuildOptions {
  reproducible: boolean;
  /** Leave personal names and e-mail addresses out. */
  redact: boolean;
  /** 1.6 moved people from the `author` string to `authors`. */
  authorsField: 'author' | 'authors';
}

export interface Built {
  bom: Models.Bom;
  /** `authors` per bom-ref, for the augmenter (the library has no `authors` model). */
  authors: Map<string, { name?: string; email?: string }[]>;
  /** Country of each component's supplier, for the augmenter (the library has no `address` model). */
  organisations: Map<string, OrganisationCountry>;
}

const licenseFactory = new Contrib.License.Factories.LicenseFactory((expression: string) => {
  parseSpdxExpression(expression);
});

/** npm `integrity` (SRI, possibly several) → CycloneDX hashes. See npm docs: package-lock-json#packages. */
const SRI_ALGORITHMS: Record<string, Enums.HashAlgorithm> = {
  sha1: Enums.HashAlgorithm['SHA-1'],
  sha256: Enums.HashAlgorithm['SHA-256'],
  sha384: Enums.HashAlgorithm['SHA-384'],
  sha512: Enums.HashAlgorithm['SHA-512'],
};

function hashesOf(integrity: string | undefined): Models.HashDictionary {
  const hashes = new Models.HashDictionary();
  for (const part of (integrity ?? '').split(/\s+/)) {
    const dash = part.indexOf('-');
    const algorithm = SRI_ALGORITHMS[part.slice(0, dash)];
    if (!algorithm || dash < 0) continue;
    const hex = Buffer.from(part.slice(dash + 1), 'base64').toString('hex');
    if (hex.length > 0) hashes.set(algorithm, hex);
  }
  return hashes;
}

function componentOf(node: PackageNode, type: Enums.ComponentType, facts?: PackageFacts): Models.Component {
  const { scope, bare } = splitName(node.name);
  const component = new Models.Component(type, bare, {
    group: scope,
    version: node.version || undefined,
    purl: node.purl,
    bomRef: node.id,
    hashes: hashesOf(node.integrity),
    scope: node.flags.optional || node.flags.devOptional ? Enums.ComponentScope.Optional : undefined,
    // the registry document's own words, as cyclonedx-npm writes them
    description: facts?.description,
  });
  const license = node.license ?? facts?.license;
  if (license) {
    try {
      component.licenses.add(licenseFactory.makeFromString(license));
    } catch {
      component.licenses.add(new Models.NamedLicense(license));
    }
  }
  // Official npm taxonomy: https://github.com/CycloneDX/cyclonedx-property-taxonomy/blob/main/cdx/npm.md
  // The root's path is '' and is written all the same, so this one goes past addProperty.
  for (const path of node.paths) component.properties.add(new Models.Property('cdx:npm:package:path', path));
  if (node.flags.dev || node.flags.devOptional) addProperty(component.properties, 'cdx:npm:package:development', 'true');
  if (node.flags.bundled) addProperty(component.properties, 'cdx:npm:package:bundled', 'true');
  if (node.extraneous) addProperty(component.properties, 'cdx:npm:package:extraneous', 'true');
  // sovscan taxonomy: docs/taxonomy.md
  if (node.source !== 'root') addProperty(component.properties, 'sovscan:source', node.source);
  for (const alias of node.aliases) addProperty(component.properties, 'sovscan:alias', alias);
  if (node.flags.peer) addProperty(component.properties, 'sovscan:peer', 'true');
  const resolved = node.resolved && referenceUrl(node.resolved);
  if (resolved && (node.source === 'registry' || node.source === 'tarball') && /^https?:/.test(resolved)) {
    component.externalReferences.add(new Models.ExternalReference(resolved, Enums.ExternalReferenceType.Distribution));
  }
  if (resolved && node.source === 'git') {
    component.externalReferences.add(new Models.ExternalReference(resolved, Enums.ExternalReferenceType.VCS));
  }
  return component;
}

export function buildBom(scan: Scan, options: BuildOptions): Built {
  const authors = new Map<string, { name?: string; email?: string }[]>();
  const organisations = new Map<string, OrganisationCountry>();
  const data = scan.attributions ? loadAttributionData() : undefined;
  const bom = new Models.Bom();
  if (!options.reproducible) {
    bom.serialNumber = Contrib.Bom.Utils.randomSerialNumber();
    bom.metadata.timestamp = new Date();
  } else {
    addProperty(bom.metadata.properties, 'cdx:reproducible', 'true');
  }
  bom.metadata.lifecycles.add(Enums.LifecyclePhase.PreBuild);
  bom.metadata.tools.components.add(new Models.Component(Enums.ComponentType.Application, TOOL_NAME, { version: TOOL_VERSION, bomRef: `tool:${TOOL_NAME}` }));

  const { graph } = scan;
  const root = componentOf(graph.root, Enums.ComponentType.Application);
  bom.metadata.component = root;

  const components = new Map<string, Models.Component>();
  for (const node of graph.nodes.values()) {
    const facts = scan.facts.get(node.id);
    const component = componentOf(node, Enums.ComponentType.Library, facts);
    if (fromRegistry(node)) {
      addRegistryFacts(component, facts, options.redact);
      const people = facts ? peopleOf(facts, options.redact) : [];
      if (people.length > 0 && options.authorsField === 'authors') authors.set(node.id, people);
      if (people.length > 0 && options.authorsField === 'author') component.author = people.map((p) => p.name ?? p.email).join(', ');
    }
    if (scan.attributions) {
      const organisation = addJurisdiction(component, scan.attributions.get(node.id), data);
      if (organisation) organisations.set(node.id, organisation);
    }
    addRisk(component, scan.assessment?.findings.get(node.id));
    components.set(node.id, component);
    bom.components.add(component);
  }
  if (scan.dataSnapshot) addProperty(bom.metadata.properties, 'sovscan:data', scan.dataSnapshot);
  const policy = scan.assessment?.policy;
  if (policy) addProperty(bom.metadata.properties, 'sovscan:policy', `${policy.id}${policy.asOf ? ` ${policy.asOf}` : ''}`);
  const refOf = (id: string) => (id === graph.root.id ? root.bomRef : components.get(id)?.bomRef);
  for (const [id, component] of [[graph.root.id, root] as const, ...components]) {
    const node = id === graph.root.id ? graph.root : graph.nodes.get(id)!;
    for (const dep of node.dependencies) {
      const ref = refOf(dep);
      if (ref) component.dependencies.add(ref);
    }
  }
  return { bom, authors, organisations };
}

/** Maintainers (the people who can publish), else the author. Nothing personal under --redact. */
function peopleOf(facts: PackageFacts, redact: boolean): { name?: string; email?: string }[] {
  if (redact) return [];
  const people = facts.maintainers && facts.maintainers.length > 0 ? facts.maintainers : facts.author ? [facts.author] : [];
  return people.map((p) => (p.email && isEmail(p.email) ? { name: p.name, email: p.email } : { name: p.name ?? p.email })).filter((p) => p.name || p.email);
}

/** Only addresses the schema's idn-email format accepts are written as emails. */
function isEmail(value: string): boolean {
  return /^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$/.test(value);
}
