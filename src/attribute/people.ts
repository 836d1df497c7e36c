/**
 * Current and former person evidence. The signals that read people's e-mail domains and websites see the
 * resolved version's people in up to three groups, each read on its own:
 * * current: what they say is the resolved version's evidence, as it is;
 * * former: a person whose every domain the newest version no longer names, while it names another in the
 *   same role (an old employer's address in `author`, an old personal domain), or whose domain the tree
 *   knows as former from another package: weaker, worded "in version X only";
 * * newest: the newest version's people in the roles where the resolved version's are former, the
 *   current evidence, saying which version it comes from.
 * And, when the resolved version names no author, the fallback version's author (weaker, `fromVersion`).
 * Only registrable domains are compared: never an address, never a name.
 */
import type { PackageFacts, Person } from '../enrich/facts.js';
import type { Claim } from './claim.js';
import type { AttributionData } from './data.js';
import { registeredDomain, type Signal, type SignalInput } from './signals/shared.js';
import { former, fromOtherVersion } from './versions.js';

/** Domains known as former across the tree, each with the package version that shows it (`nanoid@6.0.2`). */
export type FormerDomains = ReadonlyMap<string, string>;

type Role = 'maintainer' | 'publisher' | 'approver' | 'author';

function roles(facts: Pick<PackageFacts, 'author' | 'maintainers' | 'publisher'>): [Role, Person][] {
  const out: [Role, Person][] = (facts.maintainers ?? []).map((m) => ['maintainer', m]);
  if (facts.publisher) out.push(['publisher', facts.publisher]);
  if (facts.publisher?.approver) out.push(['approver', facts.publisher.approver]);
  if (facts.author) out.push(['author', facts.author]);
  return out;
}

/** The registrable domains of a person's e-mail address and website. */
export function domainsOf(person: Person): string[] {
  const out: string[] = [];
  const at = person.email?.lastIndexOf('@') ?? -1;
  if (person.email && at >= 0) out.push(person.email.slice(at + 1).trim().toLowerCase());
  if (person.url) {
    try {
      out.push(new URL(/^[a-z][a-z0-9+.-]*:/i.test(person.url) ? person.url : `http://${person.url}`).hostname.toLowerCase());
    } catch {
      // not a URL: no domain
    }
  }
  return [...new Set(out.filter((d) => d.includes('.')).map((d) => registeredDomain(d) ?? d))];
}

export interface PeopleSplit {
  current: PackageFacts;
  former?: { facts: PackageFacts; why: string };
  newest?: { facts: PackageFacts; version: string };
  fallbackAuthor?: { facts: PackageFacts; version: string };
}

const only = (facts: PackageFacts, people: [Role, Person][]): PackageFacts => {
  const out: PackageFacts = { registry: facts.registry, provenance: facts.provenance };
  for (const [role, person] of people) {
    if (role === 'maintainer') (out.maintainers ??= []).push(person);
    else if (role === 'author') out.author = person;
    else if (role === 'publisher') out.publisher = { ...out.publisher, ...person, approver: undefined };
    else out.publisher = { ...out.publisher, approver: person };
  }
  return out;
};

/** Pure: the groups above; undefined when the resolved version's people are all current and nothing else applies. */
export function splitPeople(facts: PackageFacts | undefined, version: string, tree: FormerDomains = new Map()): PeopleSplit | undefined {
  if (!facts) return undefined;
  const fallbackAuthor = !facts.author && facts.fallback?.author ? { facts: only(facts, [['author', facts.fallback.author]]), version: facts.fallback.version } : undefined;
  const newest = facts.newest && facts.newest.version !== version ? facts.newest : undefined;
  const newestPeople = newest ? roles(newest) : [];
  const newestDomains = new Set(newestPeople.flatMap(([, p]) => domainsOf(p)));
  const namesAnother = (role: Role) => newestPeople.some(([r, p]) => r === role && domainsOf(p).length > 0);
  const current: [Role, Person][] = [];
  const old: [Role, Person][] = [];
  let why = '';
  for (const [role, person] of roles(facts)) {
    const domains = domainsOf(person);
    // The package's own newest version naming the domain outweighs what the tree knows.
    const known = domains.find((d) => tree.has(d) && !newestDomains.has(d));
    if (newest && domains.length > 0 && namesAnother(role) && !domains.some((d) => newestDomains.has(d))) {
      old.push([role, person]);
      why ||= `in version ${version} only; the newest version ${newest.version} names another`;
    } else if (known) {
      old.push([role, person]);
      why ||= `former: ${tree.get(known)} names another`;
    } else current.push([role, person]);
  }
  if (old.length === 0 && !fallbackAuthor) return undefined;
  const split: PeopleSplit = { current: { ...only(facts, current), ...withoutPeople(facts) } };
  if (fallbackAuthor) split.fallbackAuthor = fallbackAuthor;
  if (old.length === 0) return split;
  split.former = { facts: only(facts, old), why };
  const replaced = new Set(old.map(([role]) => role));
  const seen = new Set([...current, ...old].flatMap(([, p]) => domainsOf(p)));
  const successors = newestPeople.filter(([role, p]) => replaced.has(role) && domainsOf(p).length > 0 && !domainsOf(p).some((d) => seen.has(d)));
  if (newest && successors.length > 0) split.newest = { facts: only(facts, successors), version: newest.version };
  return split;
}

/** Everything but the people, so that a signal reading other fields sees them once, in `current`. */
function withoutPeople(facts: PackageFacts): PackageFacts {
  const { author: _a, maintainers: _m, publisher: _p, ...rest } = facts;
  return rest;
}

/** A person signal's claims over the groups: current as they are, former weaker, the newest and fallback versions' saying so. */
export function personClaims(signal: Signal, input: SignalInput, data: AttributionData, tree?: FormerDomains): Claim[] {
  const split = splitPeople(input.facts, input.node.version, tree);
  if (!split) return signal(input, data);
  const claims = signal({ ...input, facts: split.current }, data);
  if (split.former) claims.push(...signal({ ...input, facts: split.former.facts }, data).map((c) => former(c, split.former!.why)));
  if (split.newest) claims.push(...signal({ ...input, facts: split.newest.facts }, data).map((c) => ({ ...c, observed: `${c.observed} (from the newest version ${split.newest!.version})`, fromVersion: split.newest!.version })));
  if (split.fallbackAuthor) claims.push(...signal({ ...input, facts: split.fallbackAuthor.facts }, data).map((c) => fromOtherVersion(c, split.fallbackAuthor!.version)));
  return claims;
}

/** The domains a package's resolved version shows as former (for the tree-level pass), each with the version that shows it. */
export function formerDomainsOf(name: string, facts: PackageFacts | undefined, version: string): [string, string][] {
  const split = splitPeople(facts, version);
  if (!split?.former || !facts?.newest) return [];
  return roles(split.former.facts).flatMap(([, p]) => domainsOf(p).map((d): [string, string] => [d, `${name}@${facts.newest!.version}`]));
}

/** The domains a package's newest version names (read only where attribution reads people): current in the tree. */
export function currentDomainsOf(facts: PackageFacts | undefined): string[] {
  return facts?.newest ? roles(facts.newest).flatMap(([, p]) => domainsOf(p)) : [];
}

/** The registrable domains of the resolved version's people. */
export function peopleDomains(facts: PackageFacts | undefined): Set<string> {
  return new Set(facts ? roles(facts).flatMap(([, p]) => domainsOf(p)) : []);
}
