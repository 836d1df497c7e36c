/**
 * Fusion per dimension: claims for the same country strengthen each other (noisy-or: 1 − Π(1 − c));
 * claims for different countries are all kept, each with its confidence. No claim, no country: the
 * dimension is `unknown`. The vendor dimension also names the vendor and its ultimate controller.
 */
import { DIMENSIONS, type Claim, type Dimension, type SignalId } from './claim.js';
import { ancestors, type AttributionData } from './data.js';
import type { Steward } from './steward.js';

export interface CountryResult {
  country: string;
  confidence: number;
  signals: SignalId[];
}

export interface VendorResult {
  id: string;
  name: string;
  country: string;
  confidence: number;
  /** The ultimate parent, when there is one. */
  controller?: { id: string; name: string; country: string };
}

export interface Attribution {
  claims: Claim[];
  /** Countries per dimension, strongest first; empty = unknown. */
  dimensions: Record<Dimension, CountryResult[]>;
  vendor?: VendorResult;
  /** With no vendor: the foundation that hosts the project without controlling it (no country claimed). */
  steward?: Steward;
}

const combine = (confidences: number[]) => 1 - confidences.reduce((p, c) => p * (1 - c), 1);
const round = (n: number) => Math.round(n * 1000) / 1000;

export function fuse(claims: Claim[], data: AttributionData): Attribution {
  const dimensions = Object.fromEntries(DIMENSIONS.map((d) => [d, [] as CountryResult[]])) as Record<Dimension, CountryResult[]>;
  for (const dimension of DIMENSIONS) {
    const byCountry = new Map<string, Claim[]>();
    for (const claim of claims) {
      if (claim.dimension !== dimension) continue;
      const list = byCountry.get(claim.country) ?? [];
      list.push(claim);
      byCountry.set(claim.country, list);
    }
    dimensions[dimension] = [...byCountry]
      .map(([country, list]) => ({
        country,
        // One piece of evidence counted once, however many claims repeat it (a vendor and its parent).
        confidence: round(combine([...new Map(list.map((c) => [`${c.signal}|${c.observed}`, c.confidence])).values()])),
        signals: [...new Set(list.map((c) => c.signal))].sort(),
      }))
      .sort((a, b) => b.confidence - a.confidence || a.country.localeCompare(b.country));
  }
  return { claims, dimensions, vendor: pickVendor(claims, data) };
}

function pickVendor(claims: Claim[], data: AttributionData): VendorResult | undefined {
  const direct = new Map<string, Claim[]>();
  for (const claim of claims) {
    if (claim.dimension !== 'vendor' || !claim.vendor || claim.vendor.via) continue;
    const list = direct.get(claim.vendor.id) ?? [];
    list.push(claim);
    direct.set(claim.vendor.id, list);
  }
  let best: VendorResult | undefined;
  for (const [id, list] of direct) {
    const vendor = data.vendors.get(id)!;
    const confidence = round(combine(list.map((c) => c.confidence)));
    if (best && (confidence < best.confidence || (confidence === best.confidence && id > best.id))) continue;
    const chain = ancestors(data, vendor);
    const top = chain[chain.length - 1];
    best = { id, name: vendor.name, country: vendor.country, confidence, ...(top ? { controller: { id: top.id, name: top.name, country: top.country } } : {}) };
  }
  return best;
}
