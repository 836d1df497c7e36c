/**
 * Fusion per dimension. Each claim rests on one underlying fact, named by its independence key
 * (`class:fact`: `personal-domain:doe.de`, `employer:microsoft`, `npm-scope:@aws-sdk`, `repo-host:github`);
 * claims for one country with the same key are one group and count once, at the strongest claim's
 * confidence (the same domain as author and maintainer, a vendor and its parents, a signal repeated on
 * one fact). Groups for one country are independent evidence and combine by noisy-or, 1 − Π(1 − c).
 * Claims for different countries are all kept, each with its own confidence. A group whose claims are
 * all personal hints (a person's own domain or website, an e-mail only the author gives) is an
 * indication group; a country that rests on one such group and nothing else is an indication
 * (`indication: true`): shown with its confidence, never rated by a policy (assess), whatever that
 * confidence, until a second, independent group corroborates it. No claim, no country: the dimension
 * is `unknown`. The vendor dimension also names the vendor and its ultimate controller.
 */
import { DIMENSIONS, type Claim, type Dimension, type SignalId } from './claim.js';
import { ancestors, type AttributionData } from './data.js';
import type { Steward } from './steward.js';

export interface CountryResult {
  country: string;
  confidence: number;
  signals: SignalId[];
  /** Rests on one personal hint alone: shown, never rated by a policy. */
  indication?: true;
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

/** Claims for one country that rest on one fact: `counted` is the strongest, `merged` the rest. */
export interface EvidenceGroup {
  key: string;
  counted: Claim;
  merged: Claim[];
  /** Every claim of the group is a personal hint. */
  hint: boolean;
}

const combine = (confidences: number[]) => 1 - confidences.reduce((p, c) => p * (1 - c), 1);
const round = (n: number) => Math.round(n * 1000) / 1000;

/** The independence key of a claim; a claim without one is keyed by its signal and observation. */
export const independenceKey = (claim: Claim): string => claim.independence ?? `${claim.signal}:${claim.observed}`;

/** The claims of one dimension and country, grouped by the fact they rest on, in claim order. */
export function evidenceGroups(claims: readonly Claim[]): EvidenceGroup[] {
  const groups = new Map<string, Claim[]>();
  for (const claim of claims) {
    const key = independenceKey(claim);
    groups.set(key, [...(groups.get(key) ?? []), claim]);
  }
  return [...groups].map(([key, list]) => {
    const counted = list.reduce((best, c) => (c.confidence > best.confidence ? c : best));
    return { key, counted, merged: list.filter((c) => c !== counted), hint: list.every((c) => c.hint) };
  });
}

export function fuse(claims: Claim[], data: AttributionData): Attribution {
  const dimensions = Object.fromEntries(DIMENSIONS.map((d) => [d, [] as CountryResult[]])) as Record<Dimension, CountryResult[]>;
  for (const dimension of DIMENSIONS) {
    const byCountry = new Map<string, Claim[]>();
    for (const claim of claims) {
      if (claim.dimension !== dimension) continue;
      byCountry.set(claim.country, [...(byCountry.get(claim.country) ?? []), claim]);
    }
    dimensions[dimension] = [...byCountry]
      .map(([country, list]) => {
        const groups = evidenceGroups(list);
        const result: CountryResult = { country, confidence: round(combine(groups.map((g) => g.counted.confidence))), signals: [...new Set(list.map((c) => c.signal))].sort() };
        if (groups.length === 1 && groups[0]!.hint) result.indication = true;
        return result;
      })
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
    const confidence = round(combine(evidenceGroups(list).map((g) => g.counted.confidence)));
    if (best && (confidence < best.confidence || (confidence === best.confidence && id > best.id))) continue;
    const chain = ancestors(data, vendor);
    const top = chain[chain.length - 1];
    best = { id, name: vendor.name, country: vendor.country, confidence, ...(top ? { controller: { id: top.id, name: top.name, country: top.country } } : {}) };
  }
  return best;
}
