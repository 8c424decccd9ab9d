/**
 * Exact nearest neighbours under cosine distance (1 − cos θ) by blocked dot products: embeddings are rows of one
 * Float32Array (row-major, `dim` values each), L2-normalised first, so a tile of queries × a tile of references is a
 * small matrix product whose entries are cosine similarities. Tiles keep a block of reference rows in cache while
 * every query of the tile streams over it. Each dot product sums its `dim` terms in index order in a double, exactly
 * as {@link bruteForceCosine} does, so the results are identical, not merely close.
 */

/** Rows of a matrix: `count` vectors of `dim` float32 values, back to back. */
export interface EmbeddingRows {
  readonly data: Float32Array;
  readonly dim: number;
}

export const rowCount = (m: EmbeddingRows): number => (m.dim === 0 ? 0 : m.data.length / m.dim);

/**
 * Scales every row to unit L2 norm in place (a zero row stays zero: its distance to anything is 1) and returns it.
 *
 * @example l2Normalise({ data: Float32Array.of(3, 4), dim: 2 }).data // → [0.6, 0.8]
 */
export function l2Normalise(m: EmbeddingRows): EmbeddingRows {
  const { data, dim } = m;
  for (let o = 0; o < data.length; o += dim) {
    let s = 0;
    for (let k = 0; k < dim; k++) s += data[o + k]! * data[o + k]!;
    if (s === 0) continue;
    const inv = 1 / Math.sqrt(s);
    for (let k = 0; k < dim; k++) data[o + k] = data[o + k]! * inv;
  }
  return m;
}

/** Cosine distance of row `i` of `a` and row `j` of `b` (both normalised): 1 − their dot product. */
export function cosineDistance(a: EmbeddingRows, i: number, b: EmbeddingRows, j: number): number {
  const x = a.data;
  const y = b.data;
  const oa = i * a.dim;
  const ob = j * b.dim;
  let s = 0;
  for (let k = 0; k < a.dim; k++) s += x[oa + k]! * y[ob + k]!;
  return 1 - s;
}

export type CosineVisitor = (query: number, reference: number, distance: number) => void;

export interface BlockOptions {
  /** Query rows per tile (default 32). */
  readonly queryBlock?: number;
  /** Reference rows per tile (default 256: 256 rows × 512 dims × 4 bytes = 512 KB, an L2 cache). */
  readonly referenceBlock?: number;
}

function checkShapes(q: EmbeddingRows, r: EmbeddingRows): void {
  if (q.dim !== r.dim) throw new Error(`embedding sizes differ: ${q.dim} vs ${r.dim}`);
  if (q.dim <= 0 || q.data.length % q.dim !== 0 || r.data.length % r.dim !== 0) throw new Error('embedding rows are not whole vectors');
}

/**
 * Visits every (query, reference) cell tile by tile. Inside a tile a 2 × 4 register block computes eight dot products
 * at once (each query value is loaded once for four references, each reference value once for two queries), which
 * halves the memory traffic of a plain loop; every one of the eight sums still runs over k in order in its own double.
 */
function forEachTile(q: EmbeddingRows, r: EmbeddingRows, o: BlockOptions, visit: (qi: number, ri: number, sim: number) => void): void {
  checkShapes(q, r);
  const dim = q.dim;
  const nq = rowCount(q);
  const nr = rowCount(r);
  const qb = o.queryBlock ?? 32;
  const rb = o.referenceBlock ?? 256;
  const x = q.data;
  const y = r.data;
  const one = (i: number, j: number) => {
    const oa = i * dim;
    const ob = j * dim;
    let s = 0;
    for (let k = 0; k < dim; k++) s += x[oa + k]! * y[ob + k]!;
    visit(i, j, s);
  };
  for (let r0 = 0; r0 < nr; r0 += rb) {
    const r1 = Math.min(nr, r0 + rb);
    const r4 = r0 + Math.floor((r1 - r0) / 4) * 4;
    for (let q0 = 0; q0 < nq; q0 += qb) {
      const q1 = Math.min(nq, q0 + qb);
      let i = q0;
      for (; i + 1 < q1; i += 2) {
        const a0 = i * dim;
        const a1 = a0 + dim;
        for (let j = r0; j < r4; j += 4) {
          const b0 = j * dim;
          const b1 = b0 + dim;
          const b2 = b1 + dim;
          const b3 = b2 + dim;
          let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
          for (let k = 0; k < dim; k++) {
            const x0 = x[a0 + k]!;
            const x1 = x[a1 + k]!;
            const y0 = y[b0 + k]!;
            const y1 = y[b1 + k]!;
            const y2 = y[b2 + k]!;
            const y3 = y[b3 + k]!;
            s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
            s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
          }
          visit(i, j, s00); visit(i, j + 1, s01); visit(i, j + 2, s02); visit(i, j + 3, s03);
          visit(i + 1, j, s10); visit(i + 1, j + 1, s11); visit(i + 1, j + 2, s12); visit(i + 1, j + 3, s13);
        }
        for (let j = r4; j < r1; j++) {
          one(i, j);
          one(i + 1, j);
        }
      }
      for (; i < q1; i++) for (let j = r0; j < r1; j++) one(i, j);
    }
  }
}

/**
 * Every (query, reference) pair with cosine distance ≤ `maxDistance`, reported in tile order (sort if order matters).
 * Rows must be L2-normalised ({@link l2Normalise}).
 */
export function cosineWithin(queries: EmbeddingRows, references: EmbeddingRows, maxDistance: number, visit: CosineVisitor, options: BlockOptions = {}): void {
  forEachTile(queries, references, options, (i, j, s) => {
    if (1 - s <= maxDistance) visit(i, j, 1 - s);
  });
}

/** One neighbour of a query. */
export interface CosineNeighbour {
  readonly reference: number;
  readonly distance: number;
}

/**
 * The `k` nearest references of every query by cosine distance, nearest first; ties go to the lower reference index.
 * Rows must be L2-normalised.
 */
export function cosineTopK(queries: EmbeddingRows, references: EmbeddingRows, k: number, options: BlockOptions = {}): CosineNeighbour[][] {
  const nq = rowCount(queries);
  const lists: CosineNeighbour[][] = Array.from({ length: nq }, () => []);
  if (k <= 0) {
    checkShapes(queries, references);
    return lists;
  }
  const worse = (a: CosineNeighbour, b: CosineNeighbour) => a.distance > b.distance || (a.distance === b.distance && a.reference > b.reference);
  forEachTile(queries, references, options, (i, j, s) => {
    const list = lists[i]!;
    const cand = { reference: j, distance: 1 - s };
    if (list.length === k && !worse(list[k - 1]!, cand)) return;
    // Insertion into a sorted list of at most k: k is small (a handful of neighbours).
    let at = list.length === k ? k - 1 : list.length;
    if (list.length === k) list.pop();
    while (at > 0 && worse(list[at - 1]!, cand)) at--;
    list.splice(at, 0, cand);
  });
  return lists;
}

/** The definition the blocked search must equal: every pair, one dot product each, in row order. */
export function bruteForceCosine(queries: EmbeddingRows, references: EmbeddingRows, maxDistance: number): Array<[query: number, reference: number, distance: number]> {
  checkShapes(queries, references);
  const out: Array<[number, number, number]> = [];
  for (let i = 0; i < rowCount(queries); i++) {
    for (let j = 0; j < rowCount(references); j++) {
      const d = cosineDistance(queries, i, references, j);
      if (d <= maxDistance) out.push([i, j, d]);
    }
  }
  return out;
}
