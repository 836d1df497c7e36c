/**
 * Trust material for offline verification, shipped in data/trust/ (see data/README.md for origin and
 * refresh): the Sigstore public-good trusted root and the npm registry's public keys with their validity
 * windows. The registry's keys endpoint, when it serves one, takes precedence over the bundled keys.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DATA_DIR } from '../../paths.js';
import { isRecord } from '../../resolve/parse-text.js';

export type KeyUsage = 'npm:signatures' | 'npm:attestations';

export interface RegistryKey {
  keyid: string;
  usage: KeyUsage[];
  key: KeyObject;
  /** Inclusive start and exclusive end of validity; undefined = open. */
  validFrom?: Date;
  validUntil?: Date;
}

function dataFile(name: string): unknown {
  return JSON.parse(readFileSync(join(DATA_DIR, 'trust', name), 'utf8'));
}

let trustedRootCache: unknown;
export function bundledTrustedRoot(): unknown {
  trustedRootCache ??= dataFile('sigstore-trusted-root.json');
  return trustedRootCache;
}

const spki = (base64: string) => createPublicKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'spki' });
const date = (value: unknown) => (typeof value === 'string' && value ? new Date(value) : undefined);

/** The key, or undefined when its bytes are not a public key in DER SPKI (the registry's text is untrusted). */
function spkiOrUndefined(base64: string): KeyObject | undefined {
  try {
    return spki(base64);
  } catch {
    return undefined;
  }
}

/**
 * Parse either shape: the Sigstore TUF target (`keys[].{keyId, keyUsage, publicKey{rawBytes, validFor}}`,
 * one entry per usage) or the registry endpoint `GET /-/npm/v1/keys` (`keys[].{keyid, key, expires}`,
 * which serves both usages). A key that does not load is left out and named to `onSkipped`: signatures
 * made with it stay `unknown` (a malformed key once stopped the whole run).
 */
export function parseRegistryKeys(doc: unknown, onSkipped: (keyid: string) => void = () => {}): RegistryKey[] {
  const keys: RegistryKey[] = [];
  if (!isRecord(doc) || !Array.isArray(doc.keys)) return keys;
  for (const k of doc.keys) {
    if (!isRecord(k)) continue;
    if (typeof k.keyId === 'string' && isRecord(k.publicKey) && typeof k.publicKey.rawBytes === 'string') {
      const validFor = isRecord(k.publicKey.validFor) ? k.publicKey.validFor : {};
      const usage = k.keyUsage === 'npm:attestations' ? 'npm:attestations' : 'npm:signatures';
      const existing = keys.find((e) => e.keyid === k.keyId && e.validFrom?.getTime() === date(validFor.start)?.getTime());
      const key = existing ? undefined : spkiOrUndefined(k.publicKey.rawBytes);
      if (existing) existing.usage.push(usage);
      else if (key) keys.push({ keyid: k.keyId, usage: [usage], key, validFrom: date(validFor.start), validUntil: date(validFor.end) });
      else onSkipped(k.keyId);
    } else if (typeof k.keyid === 'string' && typeof k.key === 'string') {
      const key = spkiOrUndefined(k.key);
      if (key) keys.push({ keyid: k.keyid, usage: ['npm:signatures', 'npm:attestations'], key, validUntil: date(k.expires) });
      else onSkipped(k.keyid);
    }
  }
  return keys;
}

let bundledKeysCache: RegistryKey[] | undefined;
export function bundledRegistryKeys(): RegistryKey[] {
  bundledKeysCache ??= parseRegistryKeys(dataFile('npm-registry-keys.json'));
  return bundledKeysCache;
}

export function findKey(keys: readonly RegistryKey[], keyid: string, usage: KeyUsage, at?: Date): RegistryKey | undefined {
  return keys.find((k) => k.keyid === keyid && k.usage.includes(usage) && (!at || ((!k.validFrom || k.validFrom <= at) && (!k.validUntil || at < k.validUntil))));
}
