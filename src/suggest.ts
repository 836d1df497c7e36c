/** "Did you mean …?" for a mistyped name: the known names within a few edits of it, closest first. */

/** Edit distance (insertions, deletions, substitutions), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[y.length]!;
}

/** Names at most a third of the typed name's length away (at least 2 edits), closest first; none for very short input (`1.4` is near every version). */
export function closest(typed: string, known: readonly string[]): string[] {
  if (typed.length < 4) return [];
  const limit = Math.max(2, Math.floor(typed.length / 3));
  return known
    .map((name) => ({ name, d: editDistance(typed, name) }))
    .filter(({ d }) => d <= limit)
    .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))
    .map(({ name }) => name);
}

/** `Did you mean us-ictsc? ` or nothing. */
export function didYouMean(typed: string, known: readonly string[]): string {
  const near = closest(typed, known).slice(0, 3);
  return near.length > 0 ? `Did you mean ${near.join(' or ')}? ` : '';
}
