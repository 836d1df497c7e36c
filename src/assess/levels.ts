/** Risk levels (DESIGN.md §2): `none < low < medium < high < critical`, and `unknown` beside them. */
export type Level = 'none' | 'low' | 'medium' | 'high' | 'critical';
export type RiskLevel = Level | 'unknown';

export const LEVELS: readonly Level[] = ['none', 'low', 'medium', 'high', 'critical'];
export const RISK_LEVELS: readonly RiskLevel[] = [...LEVELS, 'unknown'];

/** Worst first: the order in which every output lists levels and findings. */
export const BY_SEVERITY: readonly RiskLevel[] = ['critical', 'high', 'medium', 'low', 'unknown', 'none'];
export const bySeverity = (a: RiskLevel, b: RiskLevel): number => BY_SEVERITY.indexOf(a) - BY_SEVERITY.indexOf(b);

export const rank = (level: Level): number => LEVELS.indexOf(level);
export const maxLevel = (a: Level, b: Level): Level => (rank(a) >= rank(b) ? a : b);
export const minLevel = (a: Level, b: Level): Level => (rank(a) <= rank(b) ? a : b);

/** `--fail-on`: does a finding at `level` fail a run that fails on `threshold`? `none` fails nothing. */
export function fails(level: RiskLevel, threshold: RiskLevel): boolean {
  if (threshold === 'none') return false;
  if (threshold === 'unknown') return level === 'unknown';
  return level !== 'unknown' && rank(level) >= rank(threshold);
}
