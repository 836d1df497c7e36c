/** CycloneDX 1.2–1.7 XML: the same reading as JSON, over the document's elements. */
import { childElements, childText, type XmlElement } from './xml-dom.js';
import { emailIn, uniqueKey, type SbomComponent, type VendorSbom } from './types.js';

function people(component: XmlElement): { email?: string }[] {
  const out: { email?: string }[] = [];
  const add = (email: string | undefined) => email && out.push({ email });
  add(emailIn(childText(component, 'author')));
  add(emailIn(childText(component, 'publisher')));
  for (const authors of childElements(component, 'authors')) for (const a of childElements(authors, 'author')) add(childText(a, 'email'));
  for (const party of [...childElements(component, 'supplier'), ...childElements(component, 'manufacturer')]) {
    for (const c of childElements(party, 'contact')) add(childText(c, 'email'));
  }
  return out;
}

function reference(component: XmlElement, type: string): string | undefined {
  for (const refs of childElements(component, 'externalReferences')) {
    for (const r of childElements(refs, 'reference')) if (r.getAttribute('type') === type) return childText(r, 'url');
  }
  return undefined;
}

export function readCycloneDxXml(file: string, doc: unknown, bom: XmlElement, specVersion: string): VendorSbom {
  const used = new Set<string>();
  const components: SbomComponent[] = [];
  const visit = (parent: XmlElement, path: string) => {
    for (const list of childElements(parent, 'components')) {
      childElements(list, 'component').forEach((item, i) => {
        const at = `${path}/components/component[${i + 1}]`;
        const scope = childText(item, 'scope');
        components.push({
          key: uniqueKey(used, item.getAttribute('bom-ref') ?? undefined, at),
          name: childText(item, 'name') ?? '',
          group: childText(item, 'group'),
          version: childText(item, 'version') ?? '',
          purl: childText(item, 'purl'),
          optional: scope === 'optional' || scope === 'excluded',
          people: people(item),
          vcs: reference(item, 'vcs'),
          website: reference(item, 'website'),
          distribution: reference(item, 'distribution'),
          target: item,
        });
        visit(item, at);
      });
    }
  };
  const rootComponent = childElements(bom, 'metadata').flatMap((m) => childElements(m, 'component'))[0];
  const rootKey = rootComponent ? uniqueKey(used, rootComponent.getAttribute('bom-ref') ?? undefined, '/bom/metadata/component') : undefined;
  visit(bom, '/bom');
  const dependsOn = new Map<string, string[]>();
  const walk = (parent: XmlElement) => {
    for (const d of childElements(parent, 'dependency')) {
      const ref = d.getAttribute('ref');
      if (ref) dependsOn.set(ref, [...(dependsOn.get(ref) ?? []), ...childElements(d, 'dependency').map((c) => c.getAttribute('ref')).filter((r): r is string => !!r)]);
      walk(d);
    }
  };
  for (const list of childElements(bom, 'dependencies')) walk(list);
  return {
    file,
    format: 'cyclonedx-xml',
    specVersion,
    doc,
    root: { key: rootKey, name: (rootComponent && childText(rootComponent, 'name')) ?? file, version: (rootComponent && childText(rootComponent, 'version')) ?? '', target: rootComponent },
    components,
    dependsOn,
  };
}
