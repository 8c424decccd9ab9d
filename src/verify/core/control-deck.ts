import type { Rng } from '../../stats/index.js';
import { shuffled } from './shuffle.js';

/**
 * Deals control images so that they are used evenly: the pool is shuffled and dealt in order, and reshuffled when it
 * runs out. Even use matters because MatchedFrequency needs every class to have ≥ 20 reference images with ≥ 10
 * annotations each, which random draws with replacement reach much later.
 */
export class ControlDeck<K> {
  private deck: K[] = [];
  private next = 0;

  constructor(private readonly pool: readonly K[], private readonly rng: Rng) {}

  /** Up to `count` distinct keys, none of them in `exclude` (fewer only when the pool is too small). */
  deal(count: number, exclude: ReadonlySet<K> = new Set()): K[] {
    const out: K[] = [];
    const taken = new Set<K>();
    const want = Math.min(count, new Set(this.pool.filter((k) => !exclude.has(k))).size);
    // The rest of the current deck plus one fresh deck offer every usable key at least once, so 2·|pool| draws suffice.
    let offered = 0;
    while (out.length < want && offered < 2 * this.pool.length) {
      if (this.next >= this.deck.length) {
        this.deck = shuffled(this.pool, this.rng);
        this.next = 0;
      }
      const k = this.deck[this.next++]!;
      offered++;
      if (exclude.has(k) || taken.has(k)) continue;
      taken.add(k);
      out.push(k);
    }
    return out;
  }
}
