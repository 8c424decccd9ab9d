import type { NounGraph } from './noun-graph.js';

/**
 * Shortest path length between two synsets as NLTK's `shortest_path_distance` defines it: the minimum over common
 * ancestors X (each synset counts as its own ancestor) of dist(a→X) + dist(b→X), climbing hypernym and instance
 * hypernym edges. Every WordNet 3.0 noun reaches entity, so a path always exists; -1 is returned only for a graph
 * without a common root.
 */
export function pathDistance(graph: NounGraph, a: number, b: number): number {
  if (a === b) return 0;
  const up = graph.upwardDistances(a);
  let best = -1;
  for (const [ancestor, db] of graph.upwardDistances(b)) {
    const da = up.get(ancestor);
    if (da !== undefined && (best < 0 || da + db < best)) best = da + db;
  }
  return best;
}

/** NLTK's `path_similarity`: 1 / (1 + pathDistance); 0 when there is no path (never for WordNet 3.0 nouns). */
export function pathSimilarity(graph: NounGraph, a: number, b: number): number {
  return similarityOfDistance(pathDistance(graph, a, b));
}

/** Path similarity of a path length: 1 / (1 + distance), or 0 for -1 (no path). */
export function similarityOfDistance(distance: number): number {
  return distance < 0 ? 0 : 1 / (1 + distance);
}

/**
 * {@link pathDistance} from `a` to every row at once (-1 where there is none), in O(rows + edges).
 * Seeds every ancestor X of `a` with dist(a→X) and relaxes down hyponym edges in distance order (Dial's algorithm):
 * the shortest downward path X→b is the shortest upward path b→X, so the result at b is exactly NLTK's minimum over
 * common ancestors, without climbing from each of the 82k candidates.
 */
export function pathDistancesFrom(graph: NounGraph, a: number): Int32Array {
  const dist = new Int32Array(graph.size).fill(-1);
  const buckets: number[][] = [];
  for (const [ancestor, d] of graph.upwardDistances(a)) (buckets[d] ??= []).push(ancestor);
  for (let d = 0; d < buckets.length; d++) {
    for (const node of buckets[d] ?? []) {
      if (dist[node] !== -1) continue; // already reached at a smaller distance
      dist[node] = d;
      for (const child of graph.hyponymsOf(node)) {
        if (dist[child] === -1) (buckets[d + 1] ??= []).push(child);
      }
    }
  }
  return dist;
}
