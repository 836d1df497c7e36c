/**
 * Subresource-integrity strings (`sha512-<base64> sha1-<base64>`, see the W3C SRI spec and npm's ssri) as
 * lockfiles and registries write them. Two of them are compared on the strongest algorithm both carry, as
 * npm's installer checks a tarball against the strongest algorithm its lockfile names; a sha1-only match
 * is weaker (sha1 collisions are practical) but still tells two tarballs apart.
 */

/** Weakest first; anything else (md5, unknown names) is ignored. */
const ALGORITHMS = ['sha1', 'sha256', 'sha384', 'sha512'] as const;
export type Algorithm = (typeof ALGORITHMS)[number];

/** Algorithm → digest bytes as lower-case hex. Options after `?` are dropped, as ssri does. */
export function parseIntegrity(integrity: string | undefined): Map<Algorithm, string> {
  const out = new Map<Algorithm, string>();
  for (const part of (integrity ?? '').trim().split(/\s+/)) {
    const dash = part.indexOf('-');
    const algorithm = part.slice(0, dash) as Algorithm;
    if (dash < 0 || !ALGORITHMS.includes(algorithm) || out.has(algorithm)) continue;
    const hex = Buffer.from(part.slice(dash + 1).replace(/\?.*$/, ''), 'base64').toString('hex');
    if (hex.length > 0) out.set(algorithm, hex);
  }
  return out;
}

/** `sha512-<base64>` for a digest given in hex (the registry's `dist.shasum`, yarn's `#<sha1>` suffix). */
function integrityOfHex(algorithm: Algorithm, hex: string): string {
  return `${algorithm}-${Buffer.from(hex, 'hex').toString('base64')}`;
}

export interface IntegrityComparison {
  algorithm: Algorithm;
  equal: boolean;
  /** Each side's digest on that algorithm, written as SRI. */
  left: string;
  right: string;
}

/** Undefined when the two share no algorithm: nothing can be said about whether they name the same bytes. */
export function compareIntegrity(left: Map<Algorithm, string>, right: Map<Algorithm, string>): IntegrityComparison | undefined {
  for (const algorithm of [...ALGORITHMS].reverse()) {
    const a = left.get(algorithm);
    const b = right.get(algorithm);
    if (a === undefined || b === undefined) continue;
    return { algorithm, equal: a === b, left: integrityOfHex(algorithm, a), right: integrityOfHex(algorithm, b) };
  }
  return undefined;
}
