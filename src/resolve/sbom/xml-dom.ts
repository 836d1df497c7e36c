/** The few DOM operations sovscan performs on an XML SBOM (xmlbuilder2's DOM implements them). */
export interface XmlElement {
  nodeType: number;
  localName: string;
  namespaceURI: string | null;
  childNodes: ArrayLike<XmlElement>;
  textContent: string | null;
  ownerDocument: { createElementNS(ns: string | null, name: string): XmlElement } | null;
  parentNode: XmlElement | null;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  appendChild(child: XmlElement): XmlElement;
  insertBefore(child: XmlElement, before: XmlElement | null): XmlElement;
  removeChild(child: XmlElement): XmlElement;
}

export function childElements(element: XmlElement, name?: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (let i = 0; i < element.childNodes.length; i++) {
    const child = element.childNodes[i]!;
    if (child.nodeType === 1 && (name === undefined || child.localName === name)) out.push(child);
  }
  return out;
}

export function childText(element: XmlElement, name: string): string | undefined {
  const text = childElements(element, name)[0]?.textContent?.trim();
  return text === undefined || text === '' ? undefined : text;
}
