import { expect, it } from 'vitest';
import { RetryBudget } from '../../src/enrich/retry-budget.js';

it('counts waits per host; once one does not fit, that host stays spent and the others are untouched', () => {
  const budget = new RetryBudget(1_000);
  expect(budget.take('a.test', 600, 'HTTP 429 #1')).toBe(true);
  expect(budget.take('a.test', 400, 'HTTP 429 #2')).toBe(true);
  expect(budget.spent('a.test')).toBeUndefined();
  expect(budget.take('a.test', 1, 'HTTP 429 #3')).toBe(false);
  expect(budget.spent('a.test')).toBe('HTTP 429 #3');
  // Even a wait of nothing is refused once the host is spent: its remaining requests fail at once.
  expect(budget.take('a.test', 0, 'HTTP 503')).toBe(false);
  expect(budget.spent('a.test')).toBe('HTTP 429 #3');
  expect(budget.take('b.test', 1_000, 'HTTP 429')).toBe(true);
  expect(budget.label).toBe('1 s');
});
