/**
 * The hypernym/hyponym graph over synset rows (0..size-1), with instance edges treated like class edges,
 * as NLTK does for depth and path similarity. Hyponyms are derived here rather than shipped: they are just the
 * reversed hypernym edges.
 */
export class NounGraph {
  readonly size: number;
  private readonly hyponymStart: Int32Array;
  private readonly hyponymRows: Int32Array;
  private depthCache: Int32Array | undefined;

  constructor(
    private readonly hypernymStart: Int32Array,
    private readonly hypernymRows: Int32Array,
  ) {
    this.size = hypernymStart.length - 1;
    // Counting sort of the reversed edges into CSR form: two linear passes, no per-node arrays.
    const counts = new Int32Array(this.size + 1);
    for (const parent of hypernymRows) counts[parent + 1]!++;
    for (let i = 0; i < this.size; i++) counts[i + 1]! += counts[i]!;
    this.hyponymStart = counts.slice();
    this.hyponymRows = new Int32Array(hypernymRows.length);
    const fill = counts.slice(0, this.size);
    for (let child = 0; child < this.size; child++) {
      for (let k = hypernymStart[child]!; k < hypernymStart[child + 1]!; k++) {
        const parent = hypernymRows[k]!;
        this.hyponymRows[fill[parent]!++] = child;
      }
    }
  }

  /** Direct hypernyms (class and instance) of a row, in WordNet order. */
  hypernymsOf(row: number): Int32Array {
    return this.hypernymRows.subarray(this.hypernymStart[row], this.hypernymStart[row + 1]);
  }

  /** Direct hyponyms (class and instance) of a row, ascending. */
  hyponymsOf(row: number): Int32Array {
    return this.hyponymRows.subarray(this.hyponymStart[row], this.hyponymStart[row + 1]);
  }

  /**
   * The row itself (distance 0) and every ancestor with its shortest upward distance, in BFS order
   * (nearest first; at equal distance, in the order WordNet lists the hypernyms). NLTK's `_shortest_hypernym_paths`.
   */
  upwardDistances(row: number): Map<number, number> {
    const dist = new Map<number, number>([[row, 0]]);
    const queue = [row];
    for (let q = 0; q < queue.length; q++) {
      const node = queue[q]!;
      const d = dist.get(node)! + 1;
      for (const parent of this.hypernymsOf(node)) {
        if (!dist.has(parent)) {
          dist.set(parent, d);
          queue.push(parent);
        }
      }
    }
    return dist;
  }

  /** Minimum number of hypernym edges from a row up to a root (entity has depth 0); NLTK's `min_depth`. */
  depth(row: number): number {
    this.depthCache ??= this.computeDepths();
    return this.depthCache[row]!;
  }

  /** One BFS down from every root gives all minimum depths at once, instead of one upward search per query. */
  private computeDepths(): Int32Array {
    const depth = new Int32Array(this.size).fill(-1);
    const queue: number[] = [];
    for (let row = 0; row < this.size; row++) {
      if (this.hypernymsOf(row).length === 0) {
        depth[row] = 0;
        queue.push(row);
      }
    }
    for (let q = 0; q < queue.length; q++) {
      const node = queue[q]!;
      for (const child of this.hyponymsOf(node)) {
        if (depth[child] === -1) {
          depth[child] = depth[node]! + 1;
          queue.push(child);
        }
      }
    }
    return depth;
  }
}
