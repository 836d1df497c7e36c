/**
 * sovscan's answers written into an SPDX 2.3 JSON document, keeping everything that was there: one
 * package annotation (type OTHER, annotator `Tool: sovscan-x.y.z`) per pair, and sovscan among the
 * document's creators.
 */
import type { Scan } from '../../model.js';
import type { VendorSbom } from '../../resolve/sbom/types.js';
import { TOOL_NAME, TOOL_VERSION } from '../../version.js';
import { componentPairs, documentPairs } from './pairs.js';
import { redactSpdx, withoutCredentials } from './redact.js';

type Json = Record<string, unknown>;

export function annotateSpdxJson(sbom: VendorSbom, scan: Scan, options: { redact: boolean; reproducible: boolean }): string {
  const doc = sbom.doc as Json;
  const creation = (typeof doc.creationInfo === 'object' && doc.creationInfo !== null ? doc.creationInfo : (doc.creationInfo = {})) as Json;
  // Reproducible output dates the annotations by the document itself.
  const date = options.reproducible && typeof creation.created === 'string' ? creation.created : new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const annotator = `Tool: ${TOOL_NAME}-${TOOL_VERSION}`;
  const annotate = (target: Json, pairs: readonly (readonly [string, string])[]) => {
    if (pairs.length === 0) return;
    const annotations = Array.isArray(target.annotations) ? (target.annotations as unknown[]) : [];
    for (const [name, value] of pairs) annotations.push({ annotationDate: date, annotationType: 'OTHER', annotator, comment: `${name}=${value}` });
    target.annotations = annotations;
  };
  for (const component of sbom.components) {
    const node = scan.graph.nodes.get(component.key);
    if (node) annotate(component.target as Json, componentPairs(scan, node, options.redact));
  }
  annotate(doc, documentPairs(scan));
  creation.creators = [...(Array.isArray(creation.creators) ? creation.creators : []), annotator];
  withoutCredentials(doc);
  if (options.redact) redactSpdx(doc);
  return `${JSON.stringify(doc, null, 2)}\n`;
}
