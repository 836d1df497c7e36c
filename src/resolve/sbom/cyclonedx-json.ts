/** CycloneDX 1.2–1.7 JSON: components (nested ones too), their declared people and links, dependencies. */
import { isRecord } from '../parse-text.js';
import { emailIn, list, str, uniqueKey, type SbomComponent, type VendorSbom } from './types.js';

function people(component: Record<string, unknown>): { email?: string }[] {
  const out: { email?: string }[] = [];
  const add = (email: string | undefined) => email && out.push({ email });
  add(emailIn(str(component.author)));
  add(emailIn(str(component.publisher)));
  for (const a of list(component.authors)) if (isRecord(a)) add(str(a.email));
  for (const party of [component.supplier, component.manufacturer]) {
    if (isRecord(party)) for (const c of list(party.contact)) if (isRecord(c)) add(str(c.email));
  }
  return out;
}

function reference(component: Record<string, unknown>, type: string): string | undefined {
  for (const r of list(component.externalReferences)) if (isRecord(r) && r.type === type && typeof r.url === 'string') return r.url;
  return undefined;
}

export function readCycloneDxJson(file: string, doc: Record<string, unknown>): VendorSbom {
  const used = new Set<string>();
  const components: SbomComponent[] = [];
  // Nested components depth first in document order, without a stack frame per level (the nesting
  // comes from the vendor's file).
  const frames: { items: unknown[]; next: number; pointer: string }[] = [];
  const visit = () => {
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      if (frame.next === frame.items.length) {
        frames.pop();
        continue;
      }
      const i = frame.next++;
      const item = frame.items[i];
      if (!isRecord(item)) continue;
      const at = `${frame.pointer}/${i}`;
      components.push({
        key: uniqueKey(used, str(item['bom-ref']), at),
        name: str(item.name) ?? '',
        group: str(item.group),
        version: str(item.version) ?? '',
        purl: str(item.purl),
        optional: item.scope === 'optional' || item.scope === 'excluded',
        people: people(item),
        vcs: reference(item, 'vcs'),
        website: reference(item, 'website'),
        distribution: reference(item, 'distribution'),
        target: item,
      });
      frames.push({ items: list(item.components), next: 0, pointer: `${at}/components` });
    }
  };
  const metadata = isRecord(doc.metadata) ? doc.metadata : {};
  const rootComponent = isRecord(metadata.component) ? metadata.component : undefined;
  const rootKey = rootComponent ? uniqueKey(used, str(rootComponent['bom-ref']), '/metadata/component') : undefined;
  frames.push({ items: list(doc.components), next: 0, pointer: '/components' });
  visit();
  const dependsOn = new Map<string, string[]>();
  for (const d of list(doc.dependencies)) {
    if (isRecord(d) && typeof d.ref === 'string') dependsOn.set(d.ref, list(d.dependsOn).filter((r): r is string => typeof r === 'string'));
  }
  return {
    file,
    format: 'cyclonedx-json',
    specVersion: str(doc.specVersion) ?? '',
    doc,
    root: { key: rootKey, name: (rootComponent && str(rootComponent.name)) ?? file, version: (rootComponent && str(rootComponent.version)) ?? '', target: rootComponent },
    components,
    dependsOn,
  };
}
