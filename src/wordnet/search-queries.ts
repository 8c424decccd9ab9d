/** Ancestors above this depth (entity 0, physical entity 1, object 2, whole 3) name nothing specific enough. */
export const MIN_ANCESTOR_DEPTH = 4;

/** In "chair of state" or "instrument of execution" the last word is not the head noun. */
const PREPOSITIONS = new Set(['of', 'for', 'in', 'on', 'to', 'with', 'from', 'by', 'at']);

/**
 * Image-search queries for a synset, the way ImageNet collected candidates: each lemma on its own, plus each lemma
 * followed by a word from an ancestor synset when that word also appears in the synset's definition (Deng et al.
 * 2009: "we append the word from parent synsets, if the same word appears in the gloss of the target synset").
 * This disambiguates lemmas like "Japanese spaniel" → "Japanese spaniel dog". The exact rule is in docs/wordnet.md:
 *
 * 1. Terms are, for every ancestor (nearest first, instance hypernyms included) of depth 4 or more, each of its
 *    lemmas and, for a multi-word lemma without a preposition, its last word (the head noun: "toy dog" → "dog", but
 *    nothing for "chair of state"). Depths 0–3 (entity, object, whole, unit, matter, ...) are too general to help.
 * 2. A term matches when its words occur consecutively in the definition as whole words, case-insensitively, the
 *    last word also in a plural form (+s, +es, y→ies, f/fe→ves, man→men): "toy dog" matches "breed of toy dogs".
 * 3. A match lying inside a longer match without ending where it ends is a modifier and is dropped ("toy" in
 *    "toy dogs"); the head ("dog") and the whole phrase ("toy dog") stay.
 * 4. Output: every lemma in WordNet order, then for each lemma (WordNet order) `lemma + " " + term` for each
 *    matched term (in step-1 order), skipping terms the lemma already contains as whole words ("hunting dog" + "dog").
 *    Duplicates (case-insensitive) keep their first occurrence.
 *
 * @param lemmas the synset's lemmas with spaces, in WordNet order
 * @param definition the gloss without its examples
 * @param ancestors lemmas (with spaces) and depth of each ancestor, nearest ancestor first
 */
export function searchQueries(
  lemmas: readonly string[],
  definition: string,
  ancestors: ReadonlyArray<{ readonly lemmas: readonly string[]; readonly depth: number }>,
): string[] {
  const defWords = words(definition);
  const terms: string[] = [];
  for (const ancestor of ancestors) {
    if (ancestor.depth < MIN_ANCESTOR_DEPTH) continue;
    for (const lemma of ancestor.lemmas) {
      terms.push(lemma);
      const parts = lemma.split(' ');
      if (parts.length > 1 && !parts.some((p) => PREPOSITIONS.has(p.toLowerCase()))) terms.push(parts[parts.length - 1]!);
    }
  }

  const spans: Array<{ term: string; start: number; end: number }> = [];
  const seenTerms = new Set<string>();
  for (const term of terms) {
    const key = term.toLowerCase();
    if (seenTerms.has(key)) continue;
    seenTerms.add(key);
    const termWords = words(term);
    if (termWords.length === 0) continue;
    for (const start of findPhrase(defWords, termWords)) spans.push({ term, start, end: start + termWords.length });
  }
  const matched: string[] = [];
  for (const s of spans) {
    const modifier = spans.some((o) => o.start <= s.start && o.end > s.end);
    if (!modifier && !matched.includes(s.term)) matched.push(s.term);
  }

  const out: string[] = [];
  const seen = new Set<string>();
  const add = (q: string) => {
    const key = q.toLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      out.push(q);
    }
  };
  for (const lemma of lemmas) add(lemma);
  for (const lemma of lemmas) {
    const lemmaWords = words(lemma);
    for (const term of matched) {
      if (containsPhrase(lemmaWords, words(term))) continue;
      add(`${lemma} ${term}`);
    }
  }
  return out;
}

/** Lowercase words: maximal runs of letters and digits, so hyphens and apostrophes separate words like `\b` does. */
function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

/** Start positions where `phrase` occurs in `text`, the last word allowed in a plural form. */
function findPhrase(text: readonly string[], phrase: readonly string[]): number[] {
  const starts: number[] = [];
  const last = phrase.length - 1;
  for (let i = 0; i + last < text.length; i++) {
    let ok = true;
    for (let k = 0; k < last && ok; k++) ok = text[i + k] === phrase[k];
    if (ok && isFormOf(text[i + last]!, phrase[last]!)) starts.push(i);
  }
  return starts;
}

function containsPhrase(text: readonly string[], phrase: readonly string[]): boolean {
  for (let i = 0; i + phrase.length <= text.length; i++) {
    if (phrase.every((w, k) => text[i + k] === w)) return true;
  }
  return false;
}

/** The word itself or a regular (or man→men) plural of it: enough for the nouns WordNet glosses use. */
function isFormOf(word: string, base: string): boolean {
  if (word === base || word === `${base}s` || word === `${base}es`) return true;
  if (base.endsWith('y') && word === `${base.slice(0, -1)}ies`) return true;
  if (base.endsWith('f') && word === `${base.slice(0, -1)}ves`) return true;
  if (base.endsWith('fe') && word === `${base.slice(0, -2)}ves`) return true;
  return base.endsWith('man') && word === `${base.slice(0, -3)}men`;
}
