/**
 * Retry waits (Retry-After and backoff) summed per host over a run. A registry answering
 * `Retry-After: 999999` to everything made a 178-package scan wait 12 minutes, each wait capped but
 * every package waiting its own; once a host's budget is spent, its remaining requests fail at once.
 */
export class RetryBudget {
  private readonly waited = new Map<string, number>();
  private readonly spentBy = new Map<string, string>();

  constructor(readonly budgetMs: number) {}

  /** Counts a wait of `ms` for `host` and returns true, or returns false when it does not fit (and from then on). */
  take(host: string, ms: number, answer: string): boolean {
    const waited = this.waited.get(host) ?? 0;
    if (this.spentBy.has(host) || waited + ms > this.budgetMs) {
      if (!this.spentBy.has(host)) this.spentBy.set(host, answer);
      return false;
    }
    this.waited.set(host, waited + ms);
    return true;
  }

  /** The answer whose wait did not fit, once `host`'s budget is spent. */
  spent(host: string): string | undefined {
    return this.spentBy.get(host);
  }

  /** `60 s`, as messages name the budget. */
  get label(): string {
    return `${this.budgetMs / 1000} s`;
  }
}
