/**
 * sovscan's answers written into a vendor's CycloneDX XML, keeping everything that was there: the same
 * additions as for JSON, each element put where the schema's sequence wants it.
 */
import type { Scan } from '../../model.js';
import type { VendorSbom } from '../../resolve/sbom/types.js';
import { childElements, type XmlElement } from '../../resolve/sbom/xml-dom.js';
import { TOOL_NAME, TOOL_VERSION } from '../../version.js';
import type { Pair } from '../annotations.js';
import { componentPairs, documentPairs } from './pairs.js';
import { knownOrganisation, ORGANISATION_KEYS, PERSON_KEYS, redactText } from './redact.js';
import { withoutUserinfo } from '../url.js';
import { xmlSafe } from '../text.js';

/** Elements that follow `properties` in a component's sequence (1.3–1.7). */
const AFTER_COMPONENT_PROPERTIES = new Set(['components', 'evidence', 'releaseNotes', 'modelCard', 'data', 'cryptoProperties', 'tags', 'omniborId', 'swhid', 'signature']);
/** Elements that come before `tools` in metadata. */
const BEFORE_TOOLS = new Set(['timestamp', 'lifecycles']);

function element(parent: XmlElement, name: string, text?: string): XmlElement {
  const child = parent.ownerDocument!.createElementNS(parent.namespaceURI, name);
  if (text !== undefined) child.textContent = text;
  return child;
}

/** The child `name` of `parent`, created before the first sibling that must follow it when absent. */
function ensureChild(parent: XmlElement, name: string, isAfter: (sibling: XmlElement) => boolean): XmlElement {
  const existing = childElements(parent, name)[0];
  if (existing) return existing;
  const created = element(parent, name);
  parent.insertBefore(created, childElements(parent).find(isAfter) ?? null);
  return created;
}

function appendProperties(target: XmlElement, pairs: Pair[], isAfter: (sibling: XmlElement) => boolean): void {
  if (pairs.length === 0) return;
  const properties = ensureChild(target, 'properties', isAfter);
  for (const [name, value] of pairs) {
    const property = element(properties, 'property', value);
    property.setAttribute('name', name);
    properties.appendChild(property);
  }
}

function addTool(metadata: XmlElement): void {
  const tools = ensureChild(metadata, 'tools', (s) => !BEFORE_TOOLS.has(s.localName));
  const components = childElements(tools, 'components')[0];
  if (components) {
    const tool = element(components, 'component');
    tool.setAttribute('type', 'application');
    tool.appendChild(element(tool, 'name', TOOL_NAME));
    tool.appendChild(element(tool, 'version', TOOL_VERSION));
    components.appendChild(tool);
    return;
  }
  const tool = element(tools, 'tool');
  for (const [name, text] of [['vendor', TOOL_NAME], ['name', TOOL_NAME], ['version', TOOL_VERSION]] as const) tool.appendChild(element(tool, name, text));
  tools.appendChild(tool);
}

/** Text everywhere under `node`, rewritten: URL user info always (../url.ts), personal data under --redact. */
function rewrite(node: XmlElement, redacting: boolean): void {
  for (const child of childElements(node)) {
    if (redacting && PERSON_KEYS.has(child.localName)) {
      node.removeChild(child);
      continue;
    }
    if (redacting && ORGANISATION_KEYS.has(child.localName)) {
      for (const name of childElements(child, 'name')) if (!knownOrganisation(name.textContent ?? '')) child.removeChild(name);
    }
    rewrite(child, redacting);
  }
  for (let i = 0; i < node.childNodes.length; i++) {
    const text = node.childNodes[i]!;
    if (text.nodeType === 3 && text.textContent) text.textContent = redacting ? redactText(text.textContent) : withoutUserinfo(text.textContent);
  }
}

export function annotateCycloneDxXml(sbom: VendorSbom, scan: Scan, bom: XmlElement, options: { redact: boolean }): string {
  for (const component of sbom.components) {
    const node = scan.graph.nodes.get(component.key);
    if (node) appendProperties(component.target as XmlElement, componentPairs(scan, node, options.redact), (s) => AFTER_COMPONENT_PROPERTIES.has(s.localName));
  }
  const metadata = ensureChild(bom, 'metadata', () => true);
  addTool(metadata);
  appendProperties(metadata, documentPairs(scan), () => false);
  bom.setAttribute('version', String((Number(bom.getAttribute('version')) || 0) + 1));
  rewrite(bom, options.redact);
  // The added values carry registry text, which may hold characters XML cannot carry.
  const text = xmlSafe((sbom.doc as { end(options: object): string }).end({ prettyPrint: true }));
  // 1.2 has no properties: written as 1.3, which holds all of 1.2.
  return `${sbom.specVersion === '1.2' ? text.replace('http://cyclonedx.org/schema/bom/1.2', 'http://cyclonedx.org/schema/bom/1.3') : text}\n`;
}
