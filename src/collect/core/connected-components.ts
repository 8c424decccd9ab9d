/**
 * Connected components of an undirected graph given by its edges (plus optional isolated nodes), by union–find
 * with path halving and union by size. Each component is sorted; components are ordered by their first member.
 */
export function connectedComponents(edges: ReadonlyArray<readonly [string, string]>, nodes: readonly string[] = []): string[][] {
  const parent = new Map<string, string>();
  const size = new Map<string, number>();
  const find = (x: string): string => {
    if (!parent.has(x)) {
      parent.set(x, x);
      size.set(x, 1);
      return x;
    }
    let r = x;
    while (parent.get(r) !== r) {
      const grand = parent.get(parent.get(r)!)!;
      parent.set(r, grand);
      r = grand;
    }
    return r;
  };
  for (const n of nodes) find(n);
  for (const [a, b] of edges) {
    let ra = find(a);
    let rb = find(b);
    if (ra === rb) continue;
    if (size.get(ra)! < size.get(rb)!) [ra, rb] = [rb, ra];
    parent.set(rb, ra);
    size.set(ra, size.get(ra)! + size.get(rb)!);
  }
  const groups = new Map<string, string[]>();
  for (const x of parent.keys()) {
    const r = find(x);
    const g = groups.get(r);
    if (g) g.push(x);
    else groups.set(r, [x]);
  }
  return [...groups.values()].map((g) => g.sort()).sort((a, b) => (a[0]! < b[0]! ? -1 : a[0]! > b[0]! ? 1 : 0));
}
