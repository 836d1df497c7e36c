/**
 * What an earlier sovscan run recorded in an SBOM's metadata: the policy its `sovscan:risk` values were
 * assessed under (`sovscan:policy`, "id asOf", docs/taxonomy.md). `sovscan diff` judges two deliveries
 * under that policy when the user names none, so that it compares the risk already written in them.
 */
import { isRecord } from '../parse-text.js';
import type { VendorSbom } from './types.js';
import { str, list } from './types.js';
import { childElements, type XmlElement } from './xml-dom.js';

export interface RecordedPolicy {
  id: string;
  asOf?: string;
}

function metadataProperties(sbom: VendorSbom): { name?: string; value?: string }[] {
  if (sbom.format === 'cyclonedx-json') {
    const doc = isRecord(sbom.doc) ? sbom.doc : {};
    const metadata = isRecord(doc.metadata) ? doc.metadata : {};
    return list(metadata.properties).filter(isRecord).map((p) => ({ name: str(p.name), value: str(p.value) }));
  }
  if (sbom.format === 'cyclonedx-xml') {
    // the document builder the XML reader kept (xmlbuilder2): its root is the <bom> element
    const bom = (sbom.doc as { root(): { node: unknown } }).root().node as XmlElement;
    return childElements(bom, 'metadata')
      .flatMap((m) => childElements(m, 'properties'))
      .flatMap((ps) => childElements(ps, 'property'))
      .map((p) => ({ name: p.getAttribute('name') ?? undefined, value: p.textContent?.trim() }));
  }
  return [];
}

export function recordedPolicy(sbom: VendorSbom): RecordedPolicy | undefined {
  const value = metadataProperties(sbom).find((p) => p.name === 'sovscan:policy')?.value?.trim();
  if (!value) return undefined;
  const [id, asOf] = value.split(/\s+/, 2);
  return id ? { id, ...(asOf ? { asOf } : {}) } : undefined;
}

