/**
 * Stewards: a foundation that hosts a community project is named, with what found it, and never becomes
 * a vendor or a country (the labelled set counts lodash and moment as having no vendor).
 */
import { describe, expect, it } from 'vitest';
import { attributePackage } from '../../src/attribute/index.js';
import { loadAttributionData } from '../../src/attribute/data.js';
import { defaultRegistry } from '../../src/enrich/default-registry.js';
import { extractFacts } from '../../src/enrich/facts.js';
import { evalDoc, registryNode } from './helpers.js';

const REGISTRY = defaultRegistry()!;
const data = loadAttributionData();

describe('stewards', () => {
  it.each([
    { name: 'lodash', doc: evalDoc('lodash'), steward: { id: 'openjs', observed: 'repository github.com/lodash' } },
    { name: 'moment', doc: evalDoc('moment'), steward: { id: 'openjs', observed: 'repository github.com/moment' } },
    { name: '@jest/core', doc: { repository: 'https://github.com/jestjs/jest' }, steward: { id: 'openjs', observed: 'npm scope @jest' } },
    { name: 'echarts', doc: { repository: 'https://github.com/apache/echarts' }, steward: { id: 'asf', observed: 'repository github.com/apache' } },
    { name: 'axios', doc: evalDoc('axios'), steward: undefined },
    { name: 'next', doc: evalDoc('next'), steward: undefined },
  ])('$name', ({ name, doc, steward }) => {
    const attribution = attributePackage({ node: registryNode(name), facts: extractFacts(doc, REGISTRY), defaultRegistry: REGISTRY }, data);
    if (steward) {
      expect(attribution.steward).toMatchObject({ ...steward, country: 'US', source: { file: 'vendors', id: steward.id } });
      // A steward is not a vendor and gives no country.
      expect(attribution.vendor).toBeUndefined();
      expect(attribution.dimensions.vendor).toEqual([]);
      expect(attribution.claims.filter((c) => c.dimension === 'vendor')).toEqual([]);
    } else {
      expect(attribution.steward).toBeUndefined();
    }
  });
});
