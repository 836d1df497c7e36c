/**
 * On the project's labelled set (eval/labels/, recorded documents): vendor precision ≥ 0.97 and recall ≥ 0.90, a
 * floor that catches regressions. The targets of the measured-confidence work (0.98 / 0.95) are not met yet:
 * `npm run eval` prints where the set stands.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate, readLabelSet, RECORDINGS, report } from '../../src/eval.js';

describe('vendor evaluation on the labelled set', () => {
  it('meets the precision and recall targets, naming every miss', async () => {
    const labels = readLabelSet();
    expect(labels.length).toBeGreaterThan(130);
    const result = await evaluate(labels, async (name) => JSON.parse(readFileSync(join(RECORDINGS, `${name.replace('/', '__')}.json`), 'utf8')) as Record<string, unknown>);
    const text = report(result);
    expect(result.rows.filter((r) => r.outcome === 'no-document')).toEqual([]);
    expect(result.precision, text).toBeGreaterThanOrEqual(0.97);
    expect(result.recall, text).toBeGreaterThanOrEqual(0.9);
    expect(text).toMatch(/vendor precision \d\.\d{3} .* recall \d\.\d{3}/);
  });

  it('counts a claim on a package without a vendor as false, and a missing vendor as a miss', async () => {
    const labels = [
      { name: 'lodash', country: 'none', vendor: '-' },
      { name: '@aws-sdk/client-s3', country: 'US', vendor: 'Amazon' },
      { name: 'no-vendor-data', country: 'DE', vendor: 'Somebody' },
    ];
    const docs: Record<string, Record<string, unknown>> = {
      lodash: { version: '1.0.0', repository: 'github:aws/lodash' },
      '@aws-sdk/client-s3': { version: '3.0.0' },
      'no-vendor-data': { version: '1.0.0' },
    };
    const result = await evaluate(labels, async (name) => docs[name]);
    expect(result.rows.map((r) => r.outcome)).toEqual(['false-claim', 'correct', 'miss']);
    expect(result.precision).toBe(0.5);
    expect(result.recall).toBe(0.5);
  });
});
