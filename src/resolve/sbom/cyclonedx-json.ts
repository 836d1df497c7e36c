/** CycloneDX 1.2–1.7 JSON: components (nested ones too), their declared people and links, dependencies. */
import { walkNested } from './walk.js';
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
  const metadata = isRecord(doc.metadata) ? doc.metadata : {};
  const rootComponent = isRecord(metadata.component) ? metadata.component : undefined;
  const rootKey = rootComponent ? uniqueKey(used, str(rootComponent['bom-ref']), '/metadata/component') : undefined;
  walkNested<unknown>([{ items: list(doc.components), path: '/components' }], (item, i, pointer) => {
    if (!isRecord(item)) return [];
    const at = `${pointer}/${i}`;
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
    return [{ items: list(item.components), path: `${at}/components` }];
  });
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
