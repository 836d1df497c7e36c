/** Write sovscan's answers back into the vendor SBOM they came from, in its own format. */
import type { Scan } from '../../model.js';
import type { VendorSbom } from '../../resolve/sbom/types.js';
import type { XmlElement } from '../../resolve/sbom/xml-dom.js';
import { annotateCycloneDxJson } from './cyclonedx-json.js';
import { annotateCycloneDxXml } from './cyclonedx-xml.js';
import { annotateSpdxJson } from './spdx-json.js';

export function annotateSbom(sbom: VendorSbom, scan: Scan, options: { redact: boolean; reproducible: boolean }): string {
  switch (sbom.format) {
    case 'cyclonedx-json':
      return annotateCycloneDxJson(sbom, scan, options);
    case 'cyclonedx-xml':
      return annotateCycloneDxXml(sbom, scan, (sbom.doc as { root(): { node: unknown } }).root().node as XmlElement, options);
    case 'spdx-json':
      return annotateSpdxJson(sbom, scan, options);
  }
}
