/** A lemma of a synset with its WordNet sense number (1 = the most frequent meaning of that word). */
export interface LemmaSense {
  /** Spaces for underscores, original case: "Carassius auratus". */
  readonly lemma: string;
  readonly sense: number;
}

/**
 * Parses the lemma column of the shipped data: space-separated tokens, underscores for spaces, and a `#N` suffix
 * when the sense number N is not 1 (so `dog#3` is the third sense of "dog"). Sense 1 is implicit because it is by far
 * the most common and leaving it out keeps the file small.
 */
export function parseLemmaField(field: string): LemmaSense[] {
  const out: LemmaSense[] = [];
  let pos = 0;
  while (pos <= field.length) {
    let end = field.indexOf(' ', pos);
    if (end < 0) end = field.length;
    const hash = field.indexOf('#', pos);
    const nameEnd = hash >= 0 && hash < end ? hash : end;
    out.push({
      lemma: field.slice(pos, nameEnd).replaceAll('_', ' '),
      sense: nameEnd === end ? 1 : Number(field.slice(nameEnd + 1, end)),
    });
    pos = end + 1;
  }
  return out;
}
