/** Where a planned query came from. */
export type QueryKind = 'lemma' | 'disambiguated' | 'override';

/** One search to run against an image-search API. */
export interface PlannedQuery {
  readonly wnid: string;
  readonly query: string;
  readonly kind: QueryKind;
  /** How many results to collect for this query; null when no quota was asked for. */
  readonly quota: number | null;
}

/** The WordNet facts one class needs: its lemmas and `WordNet.queries(wnid)` (lemmas first, then variants). */
export interface ClassQueries {
  readonly wnid: string;
  readonly lemmas: readonly string[];
  readonly queries: readonly string[];
}

/** Hand edits for one class (ImageNetV2's `--hand_selected_synset` is `replace`). */
export interface QueryOverride {
  /** Use exactly these queries instead of WordNet's. */
  readonly replace?: readonly string[];
  /** Add these after WordNet's (or after `replace`). */
  readonly add?: readonly string[];
  /** Remove these (case-insensitive) from WordNet's. */
  readonly drop?: readonly string[];
}

export interface QueryPlanOptions {
  /** Keep the lemma + hypernym-term variants (default true; ImageNetV2's `--use_additional_search_terms`). */
  readonly disambiguate?: boolean;
  readonly overrides?: Readonly<Record<string, QueryOverride>>;
  /**
   * Results wanted per class, split over its queries: ImageNetV2 gave each of a synset's k queries max_images/k;
   * here the remainder goes one each to the first queries, so the quotas add up to the class total exactly.
   */
  readonly perClass?: number;
  /** A fixed quota per query instead (ignored when perClass is set). */
  readonly perQuery?: number;
}

/**
 * The search plan for a set of classes: per class, one query per WordNet lemma, the disambiguated variants, then
 * hand overrides, with quotas. Duplicates within a class (case-insensitive) keep their first occurrence.
 */
export function buildQueryPlan(classes: readonly ClassQueries[], options: QueryPlanOptions = {}): PlannedQuery[] {
  const { disambiguate = true, overrides = {}, perClass, perQuery } = options;
  for (const [name, v] of [['perClass', perClass], ['perQuery', perQuery]] as const) {
    if (v !== undefined && !(Number.isInteger(v) && v >= 0)) throw new RangeError(`${name} must be a non-negative integer, got ${v}`);
  }
  const plan: PlannedQuery[] = [];
  for (const cls of classes) {
    const o = overrides[cls.wnid];
    const lemmaKeys = new Set(cls.lemmas.map((l) => l.toLowerCase()));
    const dropped = new Set((o?.drop ?? []).map((q) => q.toLowerCase()));
    const rows: Array<{ query: string; kind: QueryKind }> = [];
    const seen = new Set<string>();
    const add = (query: string, kind: QueryKind) => {
      const q = query.trim().replace(/\s+/g, ' ');
      const key = q.toLowerCase();
      if (q === '' || seen.has(key) || (kind !== 'override' && dropped.has(key))) return;
      seen.add(key);
      rows.push({ query: q, kind });
    };
    if (o?.replace) o.replace.forEach((q) => add(q, 'override'));
    else {
      for (const q of cls.queries) {
        const isLemma = lemmaKeys.has(q.toLowerCase());
        if (isLemma || disambiguate) add(q, isLemma ? 'lemma' : 'disambiguated');
      }
    }
    (o?.add ?? []).forEach((q) => add(q, 'override'));
    const quotas = splitQuota(rows.length, perClass, perQuery);
    rows.forEach((r, i) => plan.push({ wnid: cls.wnid, query: r.query, kind: r.kind, quota: quotas[i] ?? null }));
  }
  return plan;
}

function splitQuota(k: number, perClass: number | undefined, perQuery: number | undefined): Array<number | null> {
  if (perClass !== undefined) {
    const base = Math.floor(perClass / Math.max(k, 1));
    const extra = perClass - base * k;
    return Array.from({ length: k }, (_, i) => base + (i < extra ? 1 : 0));
  }
  return Array.from({ length: k }, () => perQuery ?? null);
}
