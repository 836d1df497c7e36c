/**
 * Registry signatures: ECDSA P-256 / SHA-256 over the UTF-8 string `${name}@${version}:${integrity}`
 * (see npm docs: about-registry-signatures). The registry vouches for name, version and tarball
 * integrity; it does not identify the publisher.
 */
import { verify } from 'node:crypto';
import type { SignatureState } from '../facts.js';
import { findKey, type RegistryKey } from './trust.js';

export interface SignatureCheck {
  state: SignatureState;
  reason?: string;
}

/**
 * A key with an end date still verifies signatures made before it: without a publish time (per-version
 * documents carry none) the key is accepted whatever its dates, as npm's own check does for old versions.
 */
export function verifySignatures(
  name: string,
  version: string,
  integrity: string | undefined,
  signatures: readonly { keyid: string; sig: string }[] | undefined,
  keys: readonly RegistryKey[],
  publishedAt?: Date,
): SignatureCheck {
  if (!signatures || signatures.length === 0) return { state: 'absent' };
  if (!integrity) return { state: 'unknown', reason: 'no dist.integrity to check the signature against' };
  const message = Buffer.from(`${name}@${version}:${integrity}`, 'utf8');
  let unknownKey: string | undefined;
  for (const signature of signatures) {
    const key = findKey(keys, signature.keyid, 'npm:signatures', publishedAt);
    if (!key) {
      unknownKey = signature.keyid;
      continue;
    }
    let ok = false;
    try {
      ok = verify('sha256', message, key.key, Buffer.from(signature.sig, 'base64'));
    } catch {
      ok = false;
    }
    if (!ok) return { state: 'invalid', reason: `the registry signature with key ${signature.keyid} does not match ${name}@${version}:${integrity.slice(0, 20)}…` };
    return { state: 'verified' };
  }
  return { state: 'unknown', reason: `no registry key ${unknownKey} is known` };
}
