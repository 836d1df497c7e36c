/**
 * The steward of a community project: a foundation that holds its name and assets and hosts its
 * governance without controlling it (the OpenJS Foundation for Node.js, Jest, Express …). A steward is
 * not a vendor: it gives no country in any dimension (the labelled set counts such packages as having no
 * vendor). It is what a reader of an `unknown` vendor wants to know next, so it is recorded with the
 * observation that found it: the package's npm scope or the owner of its declared repository.
 */
import { vendorRef, type AttributionData, type DataRef, type Vendor } from './data.js';
import { forgeOrgOwner, scopeOf, type SignalInput } from './signals/shared.js';
import { linksOf } from './versions.js';

export interface Steward {
  id: string;
  name: string;
  country: string;
  /** What matched: `npm scope @jest`, `repository github.com/nodejs`. */
  observed: string;
  source: DataRef;
}

export function stewardOf({ node, facts }: SignalInput, data: AttributionData): Steward | undefined {
  const scope = scopeOf(node.name);
  const byScope = scope ? data.byScope.get(scope) : undefined;
  if (byScope?.kind === 'foundation') return steward(byScope, `npm scope ${scope}`);
  const repository = linksOf(facts).repository;
  const byOwner = forgeOrgOwner(data, repository?.host, repository?.owner);
  if (byOwner?.kind === 'foundation') return steward(byOwner, `repository ${repository!.host}/${repository!.owner}`);
  return undefined;
}

function steward(entry: Vendor, observed: string): Steward {
  return { id: entry.id, name: entry.name, country: entry.country, observed, source: vendorRef(entry) };
}
