/**
 * Provenance of one package: its registry signature and its attestations, checked offline, and whether
 * the attested source repository is the one the package declares.
 */
import type { PackageNode } from '../../model.js';
import { fetchDocument, type DocumentSource } from '../documents.js';
import type { PackageFacts, Provenance } from '../facts.js';
import { withSlash } from '../registry-config.js';
import { sameRepository, verifyAttestations, type TrustContext } from './attestations.js';
import { describeMismatch } from './binding.js';
import { verifySignatures } from './signatures.js';
import { bundledRegistryKeys, bundledTrustedRoot, parseRegistryKeys } from './trust.js';

const KEYS_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Registry keys from `<registry>/-/npm/v1/keys` when it serves them, else the bundled copy. Either answer
 * is cached for a day, so a warm scan of a registry without the endpoint makes no request for it. A served
 * key that does not load is skipped and reported through `onSkipped`.
 */
export async function loadTrust(source: DocumentSource, registry: string, onSkipped?: (message: string) => void): Promise<TrustContext> {
  const url = `${withSlash(registry)}-/npm/v1/keys`;
  const served = await fetchDocument(source, url, { maxAgeMs: KEYS_TTL_MS, rememberNotFound: true });
  let skipped = 0;
  const skip = (keyid: string) => {
    skipped++;
    onSkipped?.(`The registry key ${JSON.stringify(keyid.slice(0, 80))} served at ${url} is not a valid public key; it was skipped, and signatures made with it are unknown`);
  };
  const keys = served.ok ? parseRegistryKeys(served.body, skip) : [];
  // Keys the registry served but that do not load are not replaced by the bundled ones: its signatures stay unknown.
  return { trustedRoot: bundledTrustedRoot(), keys: keys.length > 0 || skipped > 0 ? keys : bundledRegistryKeys() };
}

/**
 * pacote's rule: the attestations document is always fetched from the configured registry. Undefined when
 * the document names them at something that is not a URL (registry text is untrusted).
 */
export function attestationsUrl(declared: string, registry: string): string | undefined {
  let path: string;
  try {
    path = new URL(declared, withSlash(registry)).pathname;
  } catch {
    return undefined;
  }
  const at = path.indexOf('/-/npm/v1/attestations/');
  return `${withSlash(registry).replace(/\/$/, '')}${at >= 0 ? path.slice(at) : path}`;
}

export interface ProvenanceContext {
  source: DocumentSource;
  trust: TrustContext;
  registry: string;
}

/**
 * The signature and the attestations vouch for the registry's tarball. When the lockfile installs other
 * bytes or fetches them from elsewhere (`facts.install`, binding.ts), neither is reported as covering this
 * package: the states become `mismatch` and the attested build is not kept as if it described this tarball.
 */
export async function checkProvenance(node: PackageNode, facts: PackageFacts, context: ProvenanceContext): Promise<Provenance> {
  const provenance = await checkRegistryTarball(node, facts, context);
  const mismatches = facts.install?.mismatches ?? [];
  if (mismatches.length === 0) return provenance;
  const bound: Provenance = { state: provenance.state, signature: provenance.signature === 'verified' ? 'mismatch' : provenance.signature };
  if (provenance.state === 'verified' || provenance.state === 'present') {
    bound.state = 'mismatch';
    bound.reason = `the attestations are for the registry's tarball, but ${mismatches.map(describeMismatch).join('; and ')}`;
  } else if (provenance.reason) bound.reason = provenance.reason;
  return bound;
}

async function checkRegistryTarball(node: PackageNode, facts: PackageFacts, context: ProvenanceContext): Promise<Provenance> {
  const signature = verifySignatures(node.name, node.version, facts.integrity, facts.signatures, context.trust.keys);
  const provenance: Provenance = { state: 'absent', signature: signature.state };
  if (signature.reason) provenance.reason = signature.reason;
  if (!facts.attestations) return provenance;
  const url = attestationsUrl(facts.attestations.url, context.registry);
  if (!url) return { ...provenance, state: 'present', reason: `attestations could not be fetched: the document names them at "${facts.attestations.url.slice(0, 200)}", which is not a URL` };
  const fetched = await fetchDocument(context.source, url);
  if (!fetched.ok) {
    return { ...provenance, state: 'present', reason: `attestations could not be fetched: ${fetched.failure.message}` };
  }
  const check = verifyAttestations(fetched.body, node.name, node.version, facts.integrity, context.trust);
  const result: Provenance = { ...provenance, state: check.state };
  if (check.reason) result.reason = check.reason;
  if (check.attested) {
    result.attested = check.attested;
    if (sameRepository(check.attested.repository, facts.repository) === false) result.repositoryMismatch = true;
  }
  return result;
}
