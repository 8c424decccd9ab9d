import type { PackedHashes } from './hash64.js';
import { splitSubstrings, substringRadii, substringValue, type Substring } from './hash-substrings.js';

/** Called once per hash found: its index in the indexed set and its Hamming distance to the query. */
export type HitVisitor = (index: number, distance: number) => void;

export interface MultiIndexHashOptions {
  /** Number of substrings m (2..32); default {@link defaultSubstrings}. */
  readonly substrings?: number;
  /** The largest radius queries will use; only tunes the default `substrings`. Any radius is answered exactly. */
  readonly maxRadius?: number;
}

/** Substrings up to this length get a direct 2^bits offset table; longer ones are binary-searched in sorted keys. */
const DIRECT_MAX_BITS = 24;

interface Table {
  readonly sub: Substring;
  /** Direct tables: bucket k is positions offsets[k] .. offsets[k+1]−1. */
  readonly offsets?: Uint32Array;
  /**
   * Direct tables with more buckets than hashes: bit k set when bucket k is non-empty. Most probes of a sparse table
   * miss; this 2^bits-bit map stays in the CPU cache where the offset table (32× larger) does not.
   */
  readonly occupied?: Int32Array;
  /** Sorted tables: keys[p] is the substring value at position p, ascending. */
  readonly keys?: Uint32Array;
  /** The hashes in this table's bucket order, hi and lo interleaved, so a bucket is verified from one memory run. */
  readonly codes: Int32Array;
  /** Original index of the hash at each position. */
  readonly ids: Uint32Array;
}

/**
 * The substring count used when none is given: 64 / log2(n), rounded (Norouzi et al.'s rule: substrings about
 * log2 n bits long keep about one hash per bucket), at least 2 and at most maxRadius + 1 (more substrings would be
 * searched at radius −1, i.e. not at all). For 1.28 million hashes that is 3 substrings of 22/21/21 bits, the
 * fastest of m = 3…9 in bench/mih-vs-brute.mjs.
 */
export function defaultSubstrings(n: number, maxRadius = 8): number {
  const ideal = Math.round(64 / Math.log2(Math.max(n, 4)));
  return Math.max(2, Math.min(ideal, maxRadius + 1, 32));
}

/**
 * Exact Hamming-radius search over 64-bit hashes by multi-index hashing (Norouzi, Punjani & Fleet, "Fast Exact
 * Search in Hamming Space with Multi-Index Hashing", TPAMI 2014). Hashes are split into m substrings and filed in m
 * tables, one per substring. By the pigeonhole principle a hash within distance r of the query agrees with it on
 * some substring to within ⌊r/m⌋ bits ({@link substringRadii} gives the exact per-table radii), so probing each
 * table with the query's substring and its near variants finds every true hit; each candidate is then verified on
 * all 64 bits. The result is exactly what a full scan returns, for every radius. With m = r + 1 this is plain
 * pigeonhole (exact substring match), the simplest scheme but with ~n/2^(64/m) entries per bucket; the default m is
 * chosen for speed instead (see bench/RESULTS.md for the measured trade-off).
 *
 * @example
 * const index = MultiIndexHash.build(packHashes(references), { maxRadius: 8 });
 * index.query(hi, lo, 8, (i, d) => pairs.push([i, d]));
 */
export class MultiIndexHash {
  private readonly plans = new Map<number, readonly Probe[] | 'scan'>();

  private constructor(private readonly n: number, private readonly tables: readonly Table[]) {}

  /** Indexes `hashes` (copied; later changes to them are not seen). O(m·n) time, 12·m·n bytes. */
  static build(hashes: PackedHashes, options: MultiIndexHashOptions = {}): MultiIndexHash {
    const n = hashes.hi.length;
    if (hashes.lo.length !== n) throw new RangeError('hi and lo must have the same length');
    const m = options.substrings ?? defaultSubstrings(n, options.maxRadius);
    if (!Number.isInteger(m) || m < 2 || m > 32) throw new RangeError(`substrings must be an integer in 2..32, got ${m}`);
    return new MultiIndexHash(n, splitSubstrings(m).map((sub) => buildTable(hashes, sub)));
  }

  /** Number of indexed hashes. */
  get size(): number {
    return this.n;
  }

  /** Number of substrings (tables). */
  get substrings(): number {
    return this.tables.length;
  }

  /** Visits every indexed hash within Hamming distance `radius` of the hash (hi, lo), each exactly once. */
  query(hi: number, lo: number, radius: number, visit: HitVisitor): void {
    const plan = this.planFor(radius);
    const qhi = hi | 0;
    const qlo = lo | 0;
    if (plan === 'scan') {
      scan(this.tables[0]!, qhi, qlo, radius, visit);
      return;
    }
    for (let t = 0; t < plan.length; t++) {
      const { table, masks } = plan[t]!;
      if (masks.length === 0) continue;
      const key = substringValue(qhi, qlo, table.sub);
      const { codes, ids, offsets, occupied } = table;
      for (let k = 0; k < masks.length; k++) {
        const probe = (key ^ masks[k]!) >>> 0;
        let start: number;
        let end: number;
        if (offsets) {
          if (occupied && (occupied[probe >>> 5]! & (1 << (probe & 31))) === 0) continue;
          start = offsets[probe]!;
          end = offsets[probe + 1]!;
        } else [start, end] = sortedRange(table.keys!, probe);
        for (let j = start; j < end; j++) {
          const u = codes[2 * j]! ^ qhi;
          const w = codes[2 * j + 1]! ^ qlo;
          const d = POP16[u & 0xffff]! + POP16[u >>> 16]! + POP16[w & 0xffff]! + POP16[w >>> 16]!;
          // A hit may sit in several tables' probed buckets: report it only from the first table that probes it.
          if (d <= radius && !foundEarlier(plan, t, qhi, qlo, codes[2 * j]!, codes[2 * j + 1]!)) visit(ids[j]!, d);
        }
      }
    }
  }

  /** Every hit of one query, sorted by index: convenient outside hot loops. */
  queryAll(hi: number, lo: number, radius: number): Array<{ index: number; distance: number }> {
    const out: Array<{ index: number; distance: number }> = [];
    this.query(hi, lo, radius, (index, distance) => out.push({ index, distance }));
    return out.sort((a, b) => a.index - b.index);
  }

  /** Runs {@link query} for each of `queries`: visit(queryIndex, indexedIndex, distance). */
  queryMany(queries: PackedHashes, radius: number, visit: (query: number, index: number, distance: number) => void): void {
    for (let q = 0; q < queries.hi.length; q++) this.query(queries.hi[q]!, queries.lo[q]!, radius, (i, d) => visit(q, i, d));
  }

  /**
   * Per table, the XOR masks to probe for `radius` (cached per radius); 'scan' when probing would cost more than
   * verifying every hash once (large radii, or 32-bit substrings), which is just as exact.
   */
  private planFor(radius: number): readonly Probe[] | 'scan' {
    let plan = this.plans.get(radius);
    if (!plan) {
      const radii = substringRadii(radius, this.tables.length);
      // A direct-table probe is one lookup; a sorted-table probe a binary search.
      const probeCost = (table: Table) => (table.offsets ? 1 : Math.log2(this.n + 1) + 1);
      const cost = this.tables.reduce((s, table, t) => s + ballSize(table.sub.bits, radii[t]!) * probeCost(table), 0);
      plan = cost > this.n ? 'scan' : this.tables.map((table, t) => ({ table, radius: radii[t]!, masks: flipMasks(table.sub.bits, radii[t]!) }));
      this.plans.set(radius, plan);
    }
    return plan;
  }
}

/** Number of `bits`-bit patterns within Hamming distance `radius` of a given one (0 for radius < 0). */
function ballSize(bits: number, radius: number): number {
  let total = 0;
  let c = 1;
  for (let k = 0; k <= Math.min(radius, bits); k++) {
    total += c;
    c = (c * (bits - k)) / (k + 1);
  }
  return total;
}

function scan(table: Table, qhi: number, qlo: number, radius: number, visit: HitVisitor): void {
  const { codes, ids } = table;
  for (let j = 0; j < ids.length; j++) {
    const d = popcount(codes[2 * j]! ^ qhi) + popcount(codes[2 * j + 1]! ^ qlo);
    if (d <= radius) visit(ids[j]!, d);
  }
}

interface Probe {
  readonly table: Table;
  /** Search radius of this table's substring; −1 means the table is not probed. */
  readonly radius: number;
  readonly masks: Int32Array;
}

/** XOR masks of every `bits`-bit pattern with at most `radius` set bits, fewest bits first (none for radius < 0). */
function flipMasks(bits: number, radius: number): Int32Array {
  if (radius < 0) return new Int32Array(0);
  const out: number[] = [0];
  const extend = (mask: number, from: number, left: number) => {
    for (let b = from; b < bits; b++) {
      const m = (mask | (2 ** b)) >>> 0;
      out.push(m);
      if (left > 1) extend(m, b + 1, left - 1);
    }
  };
  if (radius > 0) extend(0, 0, Math.min(radius, bits));
  return Int32Array.from(out);
}

/** Set bits of every 16-bit value (see brute-force-hamming.ts for why a table). */
const POP16 = (() => {
  const t = new Uint8Array(65536);
  for (let i = 1; i < 65536; i++) t[i] = t[i >> 1]! + (i & 1);
  return t;
})();

function popcount(x: number): number {
  return POP16[x & 0xffff]! + POP16[x >>> 16]!;
}

function foundEarlier(plan: readonly Probe[], t: number, qhi: number, qlo: number, hi: number, lo: number): boolean {
  for (let s = 0; s < t; s++) {
    const { table, radius } = plan[s]!;
    if (radius >= 0 && popcount(substringValue(qhi, qlo, table.sub) ^ substringValue(hi, lo, table.sub)) <= radius) return true;
  }
  return false;
}

function buildTable(hashes: PackedHashes, sub: Substring): Table {
  const n = hashes.hi.length;
  const keys = new Uint32Array(n);
  for (let i = 0; i < n; i++) keys[i] = substringValue(hashes.hi[i]!, hashes.lo[i]!, sub);
  let order: Uint32Array;
  let offsets: Uint32Array | undefined;
  if (sub.bits <= DIRECT_MAX_BITS) {
    // Counting sort by key: stable, O(n + 2^bits).
    offsets = new Uint32Array(2 ** sub.bits + 1);
    for (let i = 0; i < n; i++) offsets[keys[i]! + 1]!++;
    for (let k = 1; k < offsets.length; k++) offsets[k]! += offsets[k - 1]!;
    const fill = offsets.slice(0, -1);
    order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[fill[keys[i]!]!++] = i;
  } else {
    order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[a]! - keys[b]! || a - b);
  }
  const codes = new Int32Array(2 * n);
  for (let p = 0; p < n; p++) {
    codes[2 * p] = hashes.hi[order[p]!]!;
    codes[2 * p + 1] = hashes.lo[order[p]!]!;
  }
  if (!offsets) return { sub, keys: Uint32Array.from(order, (i) => keys[i]!), codes, ids: order };
  if (2 ** sub.bits <= n) return { sub, offsets, codes, ids: order };
  const occupied = new Int32Array(Math.ceil(2 ** sub.bits / 32));
  for (let i = 0; i < n; i++) occupied[keys[i]! >>> 5]! |= 1 << (keys[i]! & 31);
  return { sub, offsets, occupied, codes, ids: order };
}

/** Positions [start, end) of `key` in ascending `keys`. */
function sortedRange(keys: Uint32Array, key: number): [number, number] {
  const lower = (strict: boolean) => {
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (keys[mid]! < key || (strict && keys[mid] === key)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return [lower(false), lower(true)];
}
