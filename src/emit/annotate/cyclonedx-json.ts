/**
 * sovscan's answers written into a vendor's CycloneDX JSON, keeping everything that was there: pairs are
 * appended to each component's `properties` and the document's `metadata.properties`, sovscan joins
 * `metadata.tools`, and the BOM `version` goes up by one as the specification asks of a modified BOM.
 * 1.2 has no properties: such a document is written as 1.3, which holds all of 1.2.
 */
import type { Scan } from '../../model.js';
import type { VendorSbom } from '../../resolve/sbom/types.js';
import { TOOL_NAME, TOOL_VERSION } from '../../version.js';
import type { Pair } from '../annotations.js';
import { componentPairs, documentPairs } from './pairs.js';
import { redactCycloneDx, withoutCredentials } from './redact.js';

type Json = Record<string, unknown>;

function appendProperties(target: Json, pairs: Pair[]): void {
  if (pairs.length === 0) return;
  const properties = Array.isArray(target.properties) ? (target.properties as unknown[]) : [];
  for (const [name, value] of pairs) properties.push({ name, value });
  target.properties = properties;
}

function addTool(metadata: Json, specVersion: string): void {
  const tools = metadata.tools;
  if (Array.isArray(tools)) {
    tools.push({ vendor: TOOL_NAME, name: TOOL_NAME, version: TOOL_VERSION });
  } else if (typeof tools === 'object' && tools !== null) {
    const shaped = tools as Json;
    shaped.components = [...(Array.isArray(shaped.components) ? shaped.components : []), { type: 'application', name: TOOL_NAME, version: TOOL_VERSION }];
  } else {
    metadata.tools = Number(specVersion.split('.')[1]) >= 5 ? { components: [{ type: 'application', name: TOOL_NAME, version: TOOL_VERSION }] } : [{ vendor: TOOL_NAME, name: TOOL_NAME, version: TOOL_VERSION }];
  }
}

export function annotateCycloneDxJson(sbom: VendorSbom, scan: Scan, options: { redact: boolean }): string {
  const doc = sbom.doc as Json;
  if (doc.specVersion === '1.2') doc.specVersion = '1.3';
  for (const component of sbom.components) {
    const node = scan.graph.nodes.get(component.key);
    if (node) appendProperties(component.target as Json, componentPairs(scan, node, options.redact));
  }
  const metadata = (typeof doc.metadata === 'object' && doc.metadata !== null ? doc.metadata : (doc.metadata = {})) as Json;
  addTool(metadata, String(doc.specVersion));
  appendProperties(metadata, documentPairs(scan));
  doc.version = (typeof doc.version === 'number' ? doc.version : 0) + 1;
  withoutCredentials(doc);
  if (options.redact) redactCycloneDx(doc);
  return `${JSON.stringify(doc, null, 2)}\n`;
}
