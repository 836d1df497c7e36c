/**
 * Attribution on a component (DESIGN.md §4): the vendor as `supplier` / `manufacturer` (with its country
 * added by the augmenter), and the `sovscan:jurisdiction:*`, `sovscan:vendor` and `sovscan:evidence`
 * properties. `unknown` is written out: missing evidence is never silently "no country".
 */
import * as Models from '@cyclonedx/cyclonedx-library/Models';
import type { AttributionData } from '../../attribute/data.js';
import type { Finding } from '../../assess/index.js';
import type { Attribution } from '../../attribute/fuse.js';
import { jurisdictionPairs, riskPairs } from '../annotations.js';
import { addProperty } from './property.js';

export interface OrganisationCountry {
  /** Country for the supplier and manufacturer of a component, by its bom-ref. */
  country: string;
}

/** `sovscan:risk`, one `sovscan:risk:reason` per reason, and `sovscan:waiver` (DESIGN.md §4). */
export function addRisk(component: Models.Component, finding: Finding | undefined): void {
  for (const [name, value] of riskPairs(finding)) addProperty(component.properties, name, value);
}

export function addJurisdiction(component: Models.Component, attribution: Attribution | undefined, data: AttributionData | undefined): OrganisationCountry | undefined {
  for (const [name, value] of jurisdictionPairs(attribution)) addProperty(component.properties, name, value);
  if (!attribution) return undefined;
  const vendor = attribution.vendor;
  if (!vendor) return undefined;
  const entry = data?.vendors.get(vendor.id);
  const url = entry?.identifiers.webDomains?.[0];
  const organisation = new Models.OrganizationalEntity({ name: vendor.name, url: url ? new Set([`https://${url}/`]) : undefined });
  component.supplier = organisation;
  // npm packages declare no supplier: this one is sovscan's attribution, and readers are told so.
  addProperty(component.properties, 'sovscan:supplier', 'inferred');
  return { country: vendor.country };
}
