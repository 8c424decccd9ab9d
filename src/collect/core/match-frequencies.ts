/** A candidate as the frequency match sees it: its id, class and the sha256s of its stored copies. */
export interface FrequencyCandidate {
  readonly id: string;
  readonly wnid: string;
  /** sha256 of the original, the scaled and the 256×256 copy (whichever exist). */
  readonly shas: readonly string[];
}

/** One (image, class) row of a crowd project's frequency table (src/verify/frequency-rows.ts). */
export interface FrequencyEvidence {
  /** The image's sha256. */
  readonly image: string;
  readonly wnid: string;
  readonly selected: number;
  readonly shown: number;
  /** `dataset/split/name` of the dataset items showing the image (only the last path segment is matched). */
  readonly items: readonly string[];
}

export interface CandidateFrequency {
  readonly selected: number;
  readonly shown: number;
  /** selected / shown (shown > 0 always: unseen rows are not matches). */
  readonly frequency: number;
}

/**
 * Selection frequencies of candidates from crowd rows of the candidate's own class: a row belongs to a candidate when
 * its image is one of the candidate's stored copies (by sha256) or when an item showing it is named after the
 * candidate id (last path segment `<id>` or `<id>.<ext>`). Several rows of one candidate (e.g. its original and its scaled copy were
 * both labelled) are pooled: selections and showings add up. Rows nobody has seen yet give no frequency.
 *
 * @example matchFrequencies([{ id: 'c1', wnid: 'n1', shas: ['ab…'] }], rows).get('c1')?.frequency
 */
export function matchFrequencies(candidates: readonly FrequencyCandidate[], rows: readonly FrequencyEvidence[]): Map<string, CandidateFrequency> {
  const bySha = new Map<string, string[]>();
  const byName = new Map<string, string>();
  const wnidOf = new Map<string, string>();
  for (const c of candidates) {
    wnidOf.set(c.id, c.wnid);
    byName.set(c.id, c.id);
    for (const sha of new Set(c.shas)) {
      const list = bySha.get(sha);
      if (list) list.push(c.id);
      else bySha.set(sha, [c.id]);
    }
  }
  const totals = new Map<string, { selected: number; shown: number }>();
  for (const row of rows) {
    if (row.shown <= 0) continue;
    const owners = new Set(bySha.get(row.image) ?? []);
    for (const ref of row.items) {
      const name = ref.slice(ref.lastIndexOf('/') + 1);
      const id = byName.get(name) ?? byName.get(name.replace(/\.[A-Za-z0-9]+$/, ''));
      if (id !== undefined) owners.add(id);
    }
    for (const id of owners) {
      if (wnidOf.get(id) !== row.wnid) continue;
      const t = totals.get(id) ?? { selected: 0, shown: 0 };
      t.selected += row.selected;
      t.shown += row.shown;
      totals.set(id, t);
    }
  }
  return new Map([...totals].map(([id, t]) => [id, { ...t, frequency: t.selected / t.shown }]));
}
