/** CycloneDX 1.2–1.7 XML: the same reading as JSON, over the document's elements. */
import { walkNested } from './walk.js';
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
  // <components> lists under an element, each located by the element's path
  const nested = (parent: XmlElement, path: string) => childElements(parent, 'components').map((l) => ({ items: childElements(l, 'component'), path }));
  const rootComponent = childElements(bom, 'metadata').flatMap((m) => childElements(m, 'component'))[0];
  const rootKey = rootComponent ? uniqueKey(used, rootComponent.getAttribute('bom-ref') ?? undefined, '/bom/metadata/component') : undefined;
  walkNested(nested(bom, '/bom'), (item, i, path) => {
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
    return nested(item, at);
  });
  const dependsOn = new Map<string, string[]>();
  // <dependency> elements may nest (1.2 style). Walked depth first in document order without a stack
  // frame per level: each element is pushed with its children last to first, so they pop in order.
  const pending: XmlElement[] = [];
  const push = (parent: XmlElement) => {
    const children = childElements(parent, 'dependency');
    for (let c = children.length - 1; c >= 0; c--) pending.push(children[c]!);
  };
  for (const list of childElements(bom, 'dependencies').reverse()) push(list);
  while (pending.length > 0) {
    const d = pending.pop()!;
    const ref = d.getAttribute('ref');
    if (ref) {
      const targets = dependsOn.get(ref) ?? [];
      for (const c of childElements(d, 'dependency')) {
        const to = c.getAttribute('ref');
        if (to) targets.push(to);
      }
      dependsOn.set(ref, targets);
    }
    push(d);
  }
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
