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

/**
 * Parse either shape: the Sigstore TUF target (`keys[].{keyId, keyUsage, publicKey{rawBytes, validFor}}`,
 * one entry per usage) or the registry endpoint `GET /-/npm/v1/keys` (`keys[].{keyid, key, expires}`,
 * which serves both usages).
 */
export function parseRegistryKeys(doc: unknown): RegistryKey[] {
  const keys: RegistryKey[] = [];
  if (!isRecord(doc) || !Array.isArray(doc.keys)) return keys;
  for (const k of doc.keys) {
    if (!isRecord(k)) continue;
    if (typeof k.keyId === 'string' && isRecord(k.publicKey) && typeof k.publicKey.rawBytes === 'string') {
      const validFor = isRecord(k.publicKey.validFor) ? k.publicKey.validFor : {};
      const usage = k.keyUsage === 'npm:attestations' ? 'npm:attestations' : 'npm:signatures';
      const existing = keys.find((e) => e.keyid === k.keyId && e.validFrom?.getTime() === date(validFor.start)?.getTime());
      if (existing) existing.usage.push(usage);
      else keys.push({ keyid: k.keyId, usage: [usage], key: spki(k.publicKey.rawBytes), validFrom: date(validFor.start), validUntil: date(validFor.end) });
    } else if (typeof k.keyid === 'string' && typeof k.key === 'string') {
      keys.push({ keyid: k.keyid, usage: ['npm:signatures', 'npm:attestations'], key: spki(k.key), validUntil: date(k.expires) });
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
