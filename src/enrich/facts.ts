/**
 * What the registry says about one package version (DESIGN.md §2 `PackageFacts`), extracted from its
 * per-version document. Every field is optional: the reduced mirror omits many, old versions lack others.
 * See npm docs: package-json (author, funding, repository, scripts) and the registry's package-metadata
 * notes (maintainers, _npmUser, dist).
 */
import { isRecord } from '../resolve/parse-text.js';
import type { Stored } from './documents.js';
import type { InstallBinding } from './provenance/binding.js';
import { normaliseRepository, type Repository } from './repository.js';

export interface Person {
  name?: string;
  email?: string;
  url?: string;
}

export interface Publisher extends Person {
  /** `_npmUser.trustedPublisher`: published through OIDC trusted publishing (`{ id: "github", … }`). */
  trustedPublisher?: { id: string; oidcConfigId?: string };
  /** `_npmUser.approver`: the human who approved a staged publish. */
  approver?: Person;
}

export interface Funding {
  type?: string;
  url: string;
}

/** `mismatch`: the attestations (or the signature) hold, but for other bytes than the lockfile installs. */
export type ProvenanceState = 'verified' | 'present' | 'invalid' | 'mismatch' | 'absent' | 'unknown';
export type SignatureState = 'verified' | 'invalid' | 'mismatch' | 'absent' | 'unknown';

export interface AttestedBuild {
  /** Source repository from the signing certificate (`https://github.com/owner/repo`). */
  repository?: string;
  commit?: string;
  /** Workflow file and ref (`.github/workflows/publish.yml@refs/tags/v1.0.0`). */
  workflow?: string;
  /** `runDetails.builder.id`, e.g. `https://github.com/actions/runner/github-hosted`. */
  builder?: string;
  /** Runner environment from the certificate: `github-hosted` or `self-hosted`. */
  runner?: string;
  /** OIDC issuer of the signing identity (`https://token.actions.githubusercontent.com`). */
  issuer?: string;
}

export interface Provenance {
  state: ProvenanceState;
  /** Registry signature over `name@version:integrity`. */
  signature: SignatureState;
  attested?: AttestedBuild;
  /** The attested source repository differs from the declared `repository`. */
  repositoryMismatch?: boolean;
  /** Why the state is what it is, when not obvious (`subject digest does not match dist.integrity`). */
  reason?: string;
}

export interface PackageFacts {
  /** Registry base URL the document was read from. */
  registry: string;
  /** Host that serves the tarball (lockfile `resolved`, else `dist.tarball`). */
  tarballHost?: string;
  author?: Person;
  maintainers?: Person[];
  publisher?: Publisher;
  repository?: Repository;
  homepage?: string;
  bugs?: string;
  funding?: Funding[];
  license?: string;
  /** Lifecycle scripts that run at install (`preinstall`, `install`, `postinstall`, and `gypfile`). */
  installScripts?: string[];
  deprecated?: string;
  /** The package's own one-line `description` (bounded: it is written into the SBOM). */
  description?: string;
  gitHead?: string;
  integrity?: string;
  /** `dist.shasum`: the tarball's sha1 in hex, the only digest old versions have. */
  shasum?: string;
  /** Whether the lockfile installs the tarball the registry describes (provenance/binding.ts). */
  install?: InstallBinding;
  signatures?: { keyid: string; sig: string }[];
  attestations?: { url: string; predicateType?: string };
  provenance: Provenance;
  history?: HistoryFacts;
  /**
   * The resolved version names no repository, homepage or author: those of the newest other version that
   * names any (src/enrich/versions.ts). Kept apart, never merged into the resolved version's fields.
   */
  fallback?: FallbackFacts;
  /** The people of the newest version (`dist-tags.latest`, which may be the resolved one), when attribution reads people. */
  newest?: NewestPeople;
}

export interface FallbackFacts {
  version: string;
  repository?: Repository;
  homepage?: string;
  author?: Person;
}

export interface NewestPeople {
  version: string;
  author?: Person;
  maintainers?: Person[];
  publisher?: Publisher;
}

export interface HistoryFacts {
  publishedAt?: string;
  previousVersion?: string;
  changes: HistoryChange[];
}

export type HistoryChangeKind = 'new-maintainer' | 'removed-maintainer' | 'first-time-publisher' | 'publisher-not-maintainer' | 'trust-downgrade' | 'install-script-added';

export interface HistoryChange {
  kind: HistoryChangeKind;
  detail: string;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/** `"Name <email> (url)"` or `{ name, email, url }`. See npm docs: package-json#people-fields-author-contributors. */
export function parsePerson(value: unknown): Person | undefined {
  if (typeof value === 'string') {
    const match = /^([^<(]*?)\s*(?:<([^>]*)>)?\s*(?:\(([^)]*)\))?\s*$/.exec(value.trim());
    if (!match) return { name: value.trim() };
    const person: Person = { name: str(match[1]), email: str(match[2]), url: str(match[3]) };
    return person.name || person.email || person.url ? prune(person) : undefined;
  }
  if (isRecord(value)) {
    const person = prune({ name: str(value.name), email: str(value.email) ?? str(value.mail), url: str(value.url) ?? str(value.web) });
    return person.name || person.email || person.url ? person : undefined;
  }
  return undefined;
}

function prune<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}

/** `funding` is a string, an object, or an array of either. See npm docs: package-json#funding. */
export function parseFunding(value: unknown): Funding[] | undefined {
  const items = Array.isArray(value) ? value : value === undefined ? [] : [value];
  const out: Funding[] = [];
  for (const item of items) {
    if (typeof item === 'string' && str(item)) out.push({ url: item.trim() });
    else if (isRecord(item) && str(item.url)) out.push(prune({ type: str(item.type), url: str(item.url)! }));
  }
  return out.length > 0 ? out : undefined;
}

function parseLicense(value: unknown): string | undefined {
  if (typeof value === 'string') return str(value);
  if (isRecord(value)) return str(value.type); // legacy `{ type, url }`
  if (Array.isArray(value)) {
    const ids = value.map(parseLicense).filter((v): v is string => v !== undefined);
    return ids.length > 0 ? ids.join(' OR ') : undefined; // legacy `licenses: [...]`
  }
  return undefined;
}

const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'] as const;

function parseUrlField(value: unknown): string | undefined {
  if (typeof value === 'string') return str(value);
  if (isRecord(value)) return str(value.url) ?? (str(value.email) ? `mailto:${str(value.email)}` : undefined);
  return undefined;
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).host.toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}

/** The fields of a per-version document that `extractFacts` reads (dependencies, keywords, exports … are not). */
const DOCUMENT_FIELDS = ['_id', 'name', 'version', 'description', 'author', 'maintainers', '_npmUser', 'repository', 'homepage', 'bugs', 'funding', 'license', 'licenses', 'gypfile', 'deprecated', 'gitHead'] as const;
const DIST_FIELDS = ['integrity', 'shasum', 'tarball', 'signatures', 'attestations'] as const;

function pick(record: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (record[key] !== undefined) out[key] = record[key];
  return out;
}

/**
 * What the cache keeps of a per-version document: the part `extractFacts` reads, about a third of it, so
 * a warm scan reads and parses a third as much. Bump the tag whenever `extractFacts` reads a new field.
 */
export const FACTS_DOCUMENT: Stored = {
  tag: 'facts-3',
  trim: (doc) => {
    if (!isRecord(doc)) return doc;
    const kept = pick(doc, DOCUMENT_FIELDS);
    if (isRecord(doc.scripts)) kept.scripts = pick(doc.scripts, INSTALL_SCRIPTS);
    if (isRecord(doc.dist)) kept.dist = pick(doc.dist, DIST_FIELDS);
    return kept;
  },
};

/** Longer descriptions are cut: a README pasted into `description` is not the SBOM's to carry. */
const MAX_DESCRIPTION = 1000;
function descriptionOf(value: unknown): string | undefined {
  const text = str(value)?.trim();
  if (!text) return undefined;
  return text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION - 1)}…` : text;
}

/** Extract facts from a per-version document (`GET <registry>/<name>/<version>`, equal to `versions[v]`). */
export function extractFacts(doc: Record<string, unknown>, registry: string, resolved?: string): PackageFacts {
  const dist = isRecord(doc.dist) ? doc.dist : {};
  const scripts = isRecord(doc.scripts) ? doc.scripts : {};
  const installScripts: string[] = INSTALL_SCRIPTS.filter((s) => str(scripts[s]) !== undefined);
  // npm runs `node-gyp rebuild` for a package with a binding.gyp and no install script.
  if (doc.gypfile === true && installScripts.length === 0) installScripts.push('gypfile');
  const npmUser = isRecord(doc._npmUser) ? doc._npmUser : undefined;
  let publisher: Publisher | undefined = npmUser ? parsePerson(npmUser) : undefined;
  if (publisher && npmUser) {
    const tp = npmUser.trustedPublisher;
    if (isRecord(tp) && str(tp.id)) publisher.trustedPublisher = prune({ id: str(tp.id)!, oidcConfigId: str(tp.oidcConfigId) });
    const approver = parsePerson(npmUser.approver);
    if (approver) publisher.approver = approver;
  }
  if (publisher && Object.keys(publisher).length === 0) publisher = undefined;
  const maintainers = Array.isArray(doc.maintainers) ? doc.maintainers.map(parsePerson).filter((p): p is Person => p !== undefined) : undefined;
  const signatures = Array.isArray(dist.signatures)
    ? dist.signatures.filter((s): s is { keyid: string; sig: string } => isRecord(s) && typeof s.keyid === 'string' && typeof s.sig === 'string').map((s) => ({ keyid: s.keyid, sig: s.sig }))
    : undefined;
  const att = isRecord(dist.attestations) && str(dist.attestations.url) ? dist.attestations : undefined;
  const facts: PackageFacts = {
    registry,
    tarballHost: hostOf(resolved) ?? hostOf(str(dist.tarball)),
    author: parsePerson(doc.author),
    maintainers,
    publisher,
    repository: normaliseRepository(doc.repository),
    homepage: str(doc.homepage),
    bugs: parseUrlField(doc.bugs),
    funding: parseFunding(doc.funding),
    license: parseLicense(doc.license) ?? parseLicense(doc.licenses),
    installScripts: installScripts.length > 0 ? installScripts : undefined,
    deprecated: typeof doc.deprecated === 'string' && doc.deprecated !== '' ? doc.deprecated : undefined,
    description: descriptionOf(doc.description),
    gitHead: str(doc.gitHead),
    integrity: str(dist.integrity),
    shasum: str(dist.shasum),
    signatures: signatures && signatures.length > 0 ? signatures : undefined,
    attestations: att ? prune({ url: str(att.url)!, predicateType: isRecord(att.provenance) ? str(att.provenance.predicateType) : undefined }) : undefined,
    provenance: { state: att ? 'present' : 'absent', signature: signatures && signatures.length > 0 ? 'unknown' : 'absent' },
  };
  return prune(facts);
}

/** The domain of an e-mail address, lower-cased: the only part of an address that evidence keeps. */
export function emailDomain(email: string | undefined): string | undefined {
  if (!email) return undefined;
  const at = email.lastIndexOf('@');
  const domain = at >= 0 ? email.slice(at + 1).trim().toLowerCase().replace(/[>.]+$/, '') : '';
  return domain.includes('.') ? domain : undefined;
}
