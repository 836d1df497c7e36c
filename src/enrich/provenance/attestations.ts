/**
 * npm attestations (`GET <registry>/-/npm/v1/attestations/<name>@<version>`): a publish attestation
 * signed with the registry's key and a SLSA provenance statement signed by the CI workload through
 * Sigstore. Verified offline with @sigstore/verify against the bundled trusted root and registry keys;
 * the statement's subject must be this package and its digest must equal `dist.integrity`.
 * The identity of the build is read from the verified certificate (Fulcio OIDs 1.3.6.1.4.1.57264.1.x)
 * and, for what the certificate does not carry, from the verified SLSA predicate.
 */
import type { KeyObject } from 'node:crypto';
import { bundleFromJSON, type Bundle } from '@sigstore/bundle';
import { X509Certificate } from '@sigstore/core';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { toSignedEntity, toTrustMaterial, Verifier } from '@sigstore/verify';
import { PackageURL } from 'packageurl-js';
import { isRecord } from '../../resolve/parse-text.js';
import { splitName } from '../../resolve/purl.js';
import type { AttestedBuild, ProvenanceState } from '../facts.js';
import { findKey, type RegistryKey } from './trust.js';

export const PUBLISH_V01 = 'https://github.com/npm/attestation/tree/main/specs/publish/v0.1';
const SLSA = /^https:\/\/slsa\.dev\/provenance\/v(0\.2|1)$/;

export interface AttestationCheck {
  state: ProvenanceState;
  attested?: AttestedBuild;
  reason?: string;
}

/** Fulcio certificate extensions (https://github.com/sigstore/fulcio/blob/main/docs/oid-info.md). */
const OID = {
  issuer: '1.3.6.1.4.1.57264.1.8',
  buildSignerUri: '1.3.6.1.4.1.57264.1.9',
  runnerEnvironment: '1.3.6.1.4.1.57264.1.11',
  sourceRepositoryUri: '1.3.6.1.4.1.57264.1.12',
  sourceRepositoryDigest: '1.3.6.1.4.1.57264.1.13',
  sourceRepositoryRef: '1.3.6.1.4.1.57264.1.14',
} as const;

export interface TrustContext {
  trustedRoot: unknown;
  keys: readonly RegistryKey[];
}

let verifierCache: { context: TrustContext; verifier: Verifier } | undefined;

function verifierFor(context: TrustContext): Verifier {
  if (verifierCache?.context === context) return verifierCache.verifier;
  const root = TrustedRoot.fromJSON(context.trustedRoot);
  const material = toTrustMaterial(root, (hint: string) => {
    const candidates = context.keys.filter((k) => k.keyid === hint && k.usage.includes('npm:attestations'));
    if (candidates.length === 0) throw new Error(`no registry key ${hint}`);
    return {
      publicKey: candidates[0]!.key as KeyObject,
      validFor: (date: Date) => findKey(candidates, hint, 'npm:attestations', date) !== undefined,
    };
  });
  const verifier = new Verifier(material);
  verifierCache = { context, verifier };
  return verifier;
}

/** The purl npm puts in attestation subjects (npm-package-arg `toPurl`): scope `@` encoded, case kept. */
function subjectPurl(name: string, version: string): string {
  const { scope, bare } = splitName(name);
  return new PackageURL('npm', scope, bare, version).toString();
}

function integrityHex(integrity: string | undefined): string | undefined {
  const sha512 = integrity?.split(/\s+/).find((part) => part.startsWith('sha512-'));
  return sha512 ? Buffer.from(sha512.slice('sha512-'.length), 'base64').toString('hex') : undefined;
}

/** DER UTF8String / IA5String inside an extension value; older OIDs hold the raw bytes. */
function extensionText(cert: X509Certificate, oid: string): string | undefined {
  const value = cert.extension(oid)?.value;
  if (!value) return undefined;
  if ((value[0] === 0x0c || value[0] === 0x16) && value.length > 2) {
    let length = value[1]!;
    let offset = 2;
    if (length & 0x80) {
      const bytes = length & 0x7f;
      length = 0;
      for (let i = 0; i < bytes; i++) length = (length << 8) | value[2 + i]!;
      offset = 2 + bytes;
    }
    return value.subarray(offset, offset + length).toString('utf8');
  }
  return value.toString('utf8');
}

function leafCertificate(bundle: Bundle): X509Certificate | undefined {
  const material = bundle.verificationMaterial.content;
  if (material.$case === 'x509CertificateChain') {
    const raw = material.x509CertificateChain.certificates[0]?.rawBytes;
    return raw ? X509Certificate.parse(Buffer.from(raw)) : undefined;
  }
  if (material.$case === 'certificate') return X509Certificate.parse(Buffer.from(material.certificate.rawBytes));
  return undefined;
}

function buildFromStatement(statement: Record<string, unknown>, cert: X509Certificate | undefined): AttestedBuild {
  const predicate = isRecord(statement.predicate) ? statement.predicate : {};
  const build: AttestedBuild = {};
  // SLSA v1 (GitHub Actions)
  const definition = isRecord(predicate.buildDefinition) ? predicate.buildDefinition : undefined;
  const external = definition && isRecord(definition.externalParameters) ? definition.externalParameters : undefined;
  const workflow = external && isRecord(external.workflow) ? external.workflow : undefined;
  if (workflow) {
    if (typeof workflow.repository === 'string') build.repository = workflow.repository;
    if (typeof workflow.path === 'string') build.workflow = `${workflow.path}${typeof workflow.ref === 'string' ? `@${workflow.ref}` : ''}`;
  }
  const resolved = definition && Array.isArray(definition.resolvedDependencies) ? definition.resolvedDependencies[0] : undefined;
  if (isRecord(resolved) && isRecord(resolved.digest) && typeof resolved.digest.gitCommit === 'string') build.commit = resolved.digest.gitCommit;
  const runDetails = isRecord(predicate.runDetails) ? predicate.runDetails : undefined;
  if (runDetails && isRecord(runDetails.builder) && typeof runDetails.builder.id === 'string') build.builder = runDetails.builder.id;
  // SLSA v0.2 (GitLab CI, older GitHub)
  if (isRecord(predicate.builder) && typeof predicate.builder.id === 'string') build.builder ??= predicate.builder.id;
  const invocation = isRecord(predicate.invocation) ? predicate.invocation : undefined;
  const configSource = invocation && isRecord(invocation.configSource) ? invocation.configSource : undefined;
  if (configSource) {
    if (typeof configSource.uri === 'string') build.repository ??= configSource.uri.replace(/^git\+/, '').replace(/@.*$/, '');
    if (isRecord(configSource.digest) && typeof configSource.digest.sha1 === 'string') build.commit ??= configSource.digest.sha1;
    if (typeof configSource.entryPoint === 'string') build.workflow ??= configSource.entryPoint;
  }
  // The certificate's claims are signed by Fulcio: they win over the predicate.
  if (cert) {
    build.repository = extensionText(cert, OID.sourceRepositoryUri) ?? build.repository;
    build.commit = extensionText(cert, OID.sourceRepositoryDigest) ?? build.commit;
    build.runner = extensionText(cert, OID.runnerEnvironment);
    build.issuer = extensionText(cert, OID.issuer);
    const signer = extensionText(cert, OID.buildSignerUri);
    if (signer && build.repository && signer.startsWith(`${build.repository}/`)) build.workflow = signer.slice(build.repository.length + 1);
  }
  if (!build.runner && build.builder) {
    if (build.builder.endsWith('/github-hosted')) build.runner = 'github-hosted';
    else if (build.builder.endsWith('/self-hosted')) build.runner = 'self-hosted';
  }
  for (const key of Object.keys(build) as (keyof AttestedBuild)[]) if (build[key] === undefined) delete build[key];
  return build;
}

export function verifyAttestations(response: unknown, name: string, version: string, integrity: string | undefined, context: TrustContext): AttestationCheck {
  const attestations = isRecord(response) && Array.isArray(response.attestations) ? response.attestations : undefined;
  if (!attestations || attestations.length === 0) return { state: 'invalid', reason: 'the attestations document lists no attestation' };
  const expectedDigest = integrityHex(integrity);
  if (!expectedDigest) return { state: 'present', reason: 'no sha512 dist.integrity to compare the attested digest with' };
  const purl = subjectPurl(name, version);
  let attested: AttestedBuild | undefined;
  let sawProvenance = false;
  for (const item of attestations) {
    if (!isRecord(item)) return { state: 'invalid', reason: 'an attestation entry is not an object' };
    const predicateType = typeof item.predicateType === 'string' ? item.predicateType : '';
    let bundle: Bundle;
    let statement: Record<string, unknown>;
    try {
      bundle = bundleFromJSON(item.bundle);
      if (bundle.content.$case !== 'dsseEnvelope') return { state: 'invalid', reason: `the ${predicateType} attestation is not a DSSE envelope` };
      const envelope = bundle.content.dsseEnvelope;
      if (envelope.payloadType !== 'application/vnd.in-toto+json') return { state: 'invalid', reason: `unsupported attestation payload type ${envelope.payloadType}` };
      statement = JSON.parse(envelope.payload.toString('utf8')) as Record<string, unknown>;
      // As npm does: a key id on the signature must name a registry key (the id itself is not signed).
      const keyid = envelope.signatures[0]?.keyid;
      if (keyid && !context.keys.some((k) => k.keyid === keyid && k.usage.includes('npm:attestations'))) {
        return { state: 'invalid', reason: `the ${predicateType} attestation is signed with key ${keyid}, which is not a registry key` };
      }
    } catch (error) {
      return { state: 'invalid', reason: `a malformed attestation bundle: ${(error as Error).message}` };
    }
    const subject = Array.isArray(statement.subject) && isRecord(statement.subject[0]) ? statement.subject[0] : undefined;
    const digest = subject && isRecord(subject.digest) ? subject.digest.sha512 : undefined;
    if (!subject || typeof subject.name !== 'string' || typeof digest !== 'string') return { state: 'invalid', reason: `the ${predicateType} attestation names no subject digest` };
    if (decoded(subject.name).toLowerCase() !== decoded(purl).toLowerCase()) {
      return { state: 'invalid', reason: `the attestation is for ${subject.name}, not ${purl}` };
    }
    if (digest.toLowerCase() !== expectedDigest) return { state: 'invalid', reason: 'the attested tarball digest does not match dist.integrity' };
    try {
      verifierFor(context).verify(toSignedEntity(bundle));
    } catch (error) {
      const code = (error as { code?: string }).code;
      return { state: 'invalid', reason: `the ${predicateType === PUBLISH_V01 ? 'publish' : 'provenance'} attestation does not verify${code ? ` (${code})` : ''}: ${(error as Error).message}` };
    }
    if (SLSA.test(predicateType) || SLSA.test(String(statement.predicateType))) {
      sawProvenance = true;
      attested = buildFromStatement(statement, leafCertificate(bundle));
    }
  }
  return sawProvenance ? { state: 'verified', attested } : { state: 'verified', reason: 'only a publish attestation: no build provenance' };
}

/** Does the attested source repository name the same repository as the declared one? */
export function sameRepository(attested: string | undefined, declared: { host?: string; owner?: string; repo?: string } | undefined): boolean | undefined {
  if (!attested || !declared?.host || !declared.repo) return undefined;
  let url: URL;
  try {
    url = new URL(attested.replace(/^git\+/, ''));
  } catch {
    return undefined;
  }
  const path = url.pathname.replace(/^\/+/, '').replace(/\.git$/, '').toLowerCase();
  const wanted = `${declared.owner ? `${declared.owner}/` : ''}${declared.repo}`.toLowerCase();
  return url.host.toLowerCase().replace(/^www\./, '') === declared.host.toLowerCase() && path === wanted;
}

/** Percent-decoded, or as written when its encoding is broken (a name from an attestation is untrusted). */
function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
