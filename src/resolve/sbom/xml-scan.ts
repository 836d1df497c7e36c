/**
 * One pass over an XML SBOM's text before any parser sees it: a CycloneDX document never needs a
 * DOCTYPE, and one is refused (entity declarations, external DTDs, and with them entities that an
 * annotated copy would carry out undeclared); elements nested deeper than MAX_DEPTH are refused too,
 * as the parsers, the validator and the serialiser all recurse per level.
 */
import { MAX_DEPTH } from '../depth.js';

export interface XmlScanProblem {
  kind: 'doctype' | 'depth';
  offset: number;
}

export function scanXml(text: string, max = MAX_DEPTH): XmlScanProblem | undefined {
  let depth = 0;
  for (let i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i + 1)) {
    const skipTo = (end: string) => {
      const at = text.indexOf(end, i);
      return at < 0 ? text.length : at + end.length - 1;
    };
    if (text.startsWith('<!--', i)) i = skipTo('-->');
    else if (text.startsWith('<![CDATA[', i)) i = skipTo(']]>');
    else if (text.startsWith('<?', i)) i = skipTo('?>');
    // Outside comments and CDATA, `<!` can only open a DOCTYPE or a declaration belonging in one.
    else if (text.startsWith('<!', i)) return { kind: 'doctype', offset: i };
    else if (text.startsWith('</', i)) {
      depth--;
      i = skipTo('>');
    } else {
      const end = tagEnd(text, i + 1);
      if (text.charCodeAt(end - 1) !== 0x2f && ++depth > max) return { kind: 'depth', offset: i };
      i = end;
    }
  }
  return undefined;
}

/** The `>` that closes a start tag, past `>` inside quoted attribute values. */
function tagEnd(text: string, from: number): number {
  let quote = 0;
  for (let j = from; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) {
      quote = c;
    } else if (c === 0x3e) {
      return j;
    }
  }
  return text.length;
}
