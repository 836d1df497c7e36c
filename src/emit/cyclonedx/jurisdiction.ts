/**
 * Attribution on a component (DESIGN.md §4): the vendor as `supplier` / `manufacturer` (with its country
 * added by the augmenter), and the `sovscan:jurisdiction:*`, `sovscan:vendor` and `sovscan:evidence`
 * properties. `unknown` is written out: missing evidence is never silently "no country".
 */
import * as Models from '@cyclonedx/cyclonedx-library/Models';
import { DIMENSIONS } from '../../attribute/claim.js';
import type { AttributionData } from '../../attribute/data.js';
import type { Finding } from '../../assess/index.js';
import type { Attribution } from '../../attribute/fuse.js';
import { addProperty } from './property.js';

export interface OrganisationCountry {
  /** Country for the supplier and manufacturer of a component, by its bom-ref. */
  country: string;
}

/** `sovscan:risk`, one `sovscan:risk:reason` per reason, and `sovscan:waiver` (DESIGN.md §4). */
export function addRisk(component: Models.Component, finding: Finding | undefined): void {
  if (!finding) return;
  addProperty(component.properties, 'sovscan:risk', finding.level);
  for (const reason of finding.reasons) addProperty(component.properties, 'sovscan:risk:reason', reason);
  if (finding.waiver) addProperty(component.properties, 'sovscan:waiver', finding.waiver.id);
}

export function addJurisdiction(component: Models.Component, attribution: Attribution | undefined, data: AttributionData | undefined): OrganisationCountry | undefined {
  for (const dimension of DIMENSIONS) {
    const countries = attribution?.dimensions[dimension] ?? [];
    if (countries.length === 0) addProperty(component.properties, `sovscan:jurisdiction:${dimension}`, 'unknown');
    for (const c of countries) addProperty(component.properties, `sovscan:jurisdiction:${dimension}`, c.country);
  }
  if (!attribution) return undefined;
  for (const claim of attribution.claims) {
    addProperty(component.properties, 'sovscan:evidence', `${claim.dimension}=${claim.country} ${claim.confidence.toFixed(2)} ${claim.signal}: ${claim.observed} [${claim.source.file}:${claim.source.id} ${claim.source.source}]`);
  }
  const vendor = attribution.vendor;
  if (!vendor) return undefined;
  addProperty(component.properties, 'sovscan:vendor', vendor.name);
  if (vendor.controller) addProperty(component.properties, 'sovscan:vendor:controller', vendor.controller.name);
  const entry = data?.vendors.get(vendor.id);
  const url = entry?.identifiers.webDomains?.[0];
  const organisation = new Models.OrganizationalEntity({ name: vendor.name, url: url ? new Set([`https://${url}/`]) : undefined });
  component.supplier = organisation;
  return { country: vendor.country };
}
