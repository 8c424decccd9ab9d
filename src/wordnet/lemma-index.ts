import { parseLemmaField } from './lemma-field.js';

/** How a search text matched a lemma, best first. */
export type LemmaMatchKind = 'exact' | 'word' | 'substring';

/** One synset found by {@link LemmaIndex.search}, with the lemma that matched best. */
export interface LemmaMatch {
  readonly row: number;
  readonly lemma: string;
  readonly kind: LemmaMatchKind;
}

const KIND_RANK: Record<LemmaMatchKind, number> = { exact: 0, word: 1, substring: 2 };

/** Search key: lowercase, underscores and runs of whitespace as one space, so "hot_dog", "Hot  Dog" and "hot dog" agree. */
export function lemmaKey(text: string): string {
  return text.toLowerCase().replace(/[_\s]+/g, ' ').trim();
}

/**
 * Case-insensitive lemma search over all synsets. Built once per WordNet (lazily, on the first search) so loading
 * stays cheap for callers that only show synsets. Entries (one per synset lemma) live in parallel arrays: 146k small
 * objects would cost more to build than the search itself.
 */
export class LemmaIndex {
  private readonly rows: Int32Array;
  private readonly senses: Int32Array;
  private readonly lemmas: string[] = [];
  /** All keys joined by newlines, so a substring scan is a few native indexOf calls instead of 146k includes(). */
  private readonly blob: string;
  /** Start of each entry's key in {@link blob}, ascending, plus one final end position. */
  private readonly starts: Int32Array;

  /** @param lemmaFields the raw lemma column of each row (see {@link parseLemmaField}) */
  constructor(lemmaFields: readonly string[]) {
    const rows: number[] = [];
    const senses: number[] = [];
    const keys: string[] = [];
    lemmaFields.forEach((field, row) => {
      for (const { lemma, sense } of parseLemmaField(field)) {
        rows.push(row);
        senses.push(sense);
        this.lemmas.push(lemma);
        keys.push(lemma.toLowerCase());
      }
    });
    this.rows = Int32Array.from(rows);
    this.senses = Int32Array.from(senses);
    this.blob = keys.join('\n');
    this.starts = new Int32Array(keys.length + 1);
    for (let i = 0; i < keys.length; i++) this.starts[i + 1] = this.starts[i]! + keys[i]!.length + 1;
  }

  /**
   * Synsets with a lemma matching `text`, each once, ranked: exact lemma matches first (by sense number, so "dog"
   * the animal before "dog" the person), then matches on whole words ("hot dog", "dog-iron"), then other substrings
   * ("doghouse"); within those two groups shorter lemmas first, then sense number; ties by row (= wnid order).
   */
  search(text: string): LemmaMatch[] {
    const key = lemmaKey(text);
    if (key === '') return [];
    const wordRe = new RegExp(`(^|[^a-z0-9])${escapeRegExp(key)}($|[^a-z0-9])`);
    const best = new Map<number, Candidate>();
    const last = this.rows.length - 1;
    for (let at = this.blob.indexOf(key); at >= 0; ) {
      const i = this.entryAt(at);
      const entryKey = this.blob.slice(this.starts[i], this.starts[i + 1]! - 1);
      const kind: LemmaMatchKind = entryKey === key ? 'exact' : wordRe.test(entryKey) ? 'word' : 'substring';
      const c: Candidate = { entry: i, row: this.rows[i]!, kind, length: entryKey.length, sense: this.senses[i]! };
      const prev = best.get(c.row);
      if (!prev || compare(c, prev) < 0) best.set(c.row, c);
      // Keys never contain a newline, so a match cannot span two entries; continue with the next entry.
      at = i < last ? this.blob.indexOf(key, this.starts[i + 1]) : -1;
    }
    return [...best.values()].sort(compare).map((c) => ({ row: c.row, lemma: this.lemmas[c.entry]!, kind: c.kind }));
  }

  /** Index of the entry whose key contains blob position `pos` (binary search over starts). */
  private entryAt(pos: number): number {
    let lo = 0;
    let hi = this.rows.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

interface Candidate {
  readonly entry: number;
  readonly row: number;
  readonly kind: LemmaMatchKind;
  readonly length: number;
  readonly sense: number;
}

function compare(a: Candidate, b: Candidate): number {
  return (
    KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
    (a.kind === 'exact' ? 0 : a.length - b.length) ||
    a.sense - b.sense ||
    a.row - b.row
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
