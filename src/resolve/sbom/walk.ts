/** Lists of items nested in a vendor's document, and the path that locates a list. */
export interface NestedList<T> {
  items: readonly T[];
  path: string;
}

/**
 * Every item of nested lists, depth first in document order, without a stack frame per level: the
 * nesting comes from the vendor's file. `visit` gets an item, its index and its list's path, and returns
 * the lists nested under it.
 */
export function walkNested<T>(top: readonly NestedList<T>[], visit: (item: T, index: number, path: string) => readonly NestedList<T>[]): void {
  const frames: (NestedList<T> & { next: number })[] = [];
  // Lists are pushed last to first, so that the first one is read first.
  const push = (lists: readonly NestedList<T>[]) => {
    for (let l = lists.length - 1; l >= 0; l--) frames.push({ ...lists[l]!, next: 0 });
  };
  push(top);
  while (frames.length > 0) {
    const frame = frames[frames.length - 1]!;
    if (frame.next === frame.items.length) {
      frames.pop();
      continue;
    }
    const index = frame.next++;
    push(visit(frame.items[index]!, index, frame.path));
  }
}
