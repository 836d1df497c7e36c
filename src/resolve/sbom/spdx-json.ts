/** SPDX 2.2–2.3 JSON: packages, their purls, declared supplier/originator e-mails, links and relationships. */
import { isRecord } from '../parse-text.js';
import { emailIn, list, str as anyStr, uniqueKey, type SbomComponent, type VendorSbom } from './types.js';

/** SPDX says NOASSERTION or NONE where it has no value. */
const str = (value: unknown): string | undefined => {
  const text = anyStr(value);
  return text === 'NOASSERTION' || text === 'NONE' ? undefined : text;
};

function purlOf(pkg: Record<string, unknown>): string | undefined {
  for (const ref of list(pkg.externalRefs)) {
    if (isRecord(ref) && ref.referenceType === 'purl' && typeof ref.referenceLocator === 'string') return ref.referenceLocator;
  }
  return undefined;
}

/** `downloadLocation` is a URL, a VCS locator (`git+https://…`), or NOASSERTION. */
function locations(pkg: Record<string, unknown>): { vcs?: string; distribution?: string } {
  const download = str(pkg.downloadLocation);
  if (!download) return {};
  return /^(git|hg|svn|bzr)\+/.test(download) ? { vcs: download } : { distribution: download };
}

export function readSpdxJson(file: string, doc: Record<string, unknown>): VendorSbom {
  const used = new Set<string>();
  const components: SbomComponent[] = [];
  list(doc.packages).forEach((pkg, i) => {
    if (!isRecord(pkg)) return;
    const people = [pkg.supplier, pkg.originator].map((p) => emailIn(str(p))).filter((e): e is string => e !== undefined).map((email) => ({ email }));
    components.push({
      key: uniqueKey(used, str(pkg.SPDXID), `/packages/${i}`),
      name: str(pkg.name) ?? '',
      version: str(pkg.versionInfo) ?? '',
      purl: purlOf(pkg),
      optional: false,
      people,
      website: str(pkg.homepage),
      ...locations(pkg),
      target: pkg,
    });
  });
  const dependsOn = new Map<string, string[]>();
  const edge = (from: string, to: string) => {
    const targets = dependsOn.get(from);
    if (targets) targets.push(to);
    else dependsOn.set(from, [to]);
  };
  const described = new Set(list(doc.documentDescribes).filter((d): d is string => typeof d === 'string'));
  const documentId = str(doc.SPDXID) ?? 'SPDXRef-DOCUMENT';
  for (const r of list(doc.relationships)) {
    if (!isRecord(r) || typeof r.spdxElementId !== 'string' || typeof r.relatedSpdxElement !== 'string') continue;
    const type = r.relationshipType;
    if (type === 'DESCRIBES' && r.spdxElementId === documentId) described.add(r.relatedSpdxElement);
    else if (type === 'DESCRIBED_BY' && r.relatedSpdxElement === documentId) described.add(r.spdxElementId);
    else if (type === 'DEPENDS_ON' || type === 'CONTAINS' || type === 'DYNAMIC_LINK' || type === 'STATIC_LINK') edge(r.spdxElementId, r.relatedSpdxElement);
    else if (type === 'DEPENDENCY_OF' || type === 'CONTAINED_BY') edge(r.relatedSpdxElement, r.spdxElementId);
  }
  // The document is the root; what it describes are its direct dependencies.
  dependsOn.set(documentId, [...described]);
  return {
    file,
    format: 'spdx-json',
    specVersion: str(doc.spdxVersion) ?? '',
    doc,
    root: { key: documentId, name: str(doc.name) ?? file, version: '' },
    components,
    dependsOn,
  };
}
