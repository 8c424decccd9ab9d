// An independent reading of Debian's WordNet 3.0 data.noun (package wordnet-base), for checking the shipped file.
// Deliberately shares no code with src/wordnet: it parses the original format with a different method.
import { existsSync, readFileSync } from 'node:fs';

export const DATA_NOUN = '/usr/share/wordnet/data.noun';
export const HAS_DEBIAN_WORDNET = existsSync(DATA_NOUN);
/** Appended to test names that need the Debian file, so a skip explains itself. */
export const NEEDS_DEBIAN = HAS_DEBIAN_WORDNET ? '' : ` (SKIPPED: ${DATA_NOUN} not installed; apt-get install wordnet-base)`;

export interface DebianSynset {
  offset: string;
  lemmas: string[];
  /** `@` and `@i` targets (noun offsets). */
  hypernyms: string[];
  instanceHypernyms: string[];
  gloss: string;
}

let cache: Map<string, DebianSynset> | undefined;

/** All noun synsets by 8-digit offset. Only call when {@link HAS_DEBIAN_WORDNET}. */
export function debianNouns(): Map<string, DebianSynset> {
  if (cache) return cache;
  cache = new Map();
  for (const line of readFileSync(DATA_NOUN, 'latin1').split('\n')) {
    if (!/^\d{8} /.test(line)) continue; // licence header lines start with two spaces
    const [head, ...glossParts] = line.split(' | ');
    const tokens = head!.trim().split(/ +/);
    const count = Number.parseInt(tokens[3]!, 16);
    const lemmas = Array.from({ length: count }, (_, i) => tokens[4 + 2 * i]!);
    const pointerAt = 4 + 2 * count;
    const pointers = Number(tokens[pointerAt]);
    const hypernyms: string[] = [];
    const instanceHypernyms: string[] = [];
    for (let i = 0; i < pointers; i++) {
      const [symbol, target] = tokens.slice(pointerAt + 1 + 4 * i, pointerAt + 3 + 4 * i);
      if (symbol === '@') hypernyms.push(target!);
      if (symbol === '@i') instanceHypernyms.push(target!);
    }
    cache.set(tokens[0]!, { offset: tokens[0]!, lemmas, hypernyms, instanceHypernyms, gloss: glossParts.join(' | ').trim() });
  }
  return cache;
}

/** The raw data.noun line of one synset, for the tests that compare single entries. */
export function debianLine(offset: string): string | undefined {
  return readFileSync(DATA_NOUN, 'latin1')
    .split('\n')
    .find((l) => l.startsWith(`${offset} `));
}

/** NLTK `_shortest_hypernym_paths`: the synset (0) and each ancestor with its shortest distance, by plain BFS. */
export function upward(offset: string): Map<string, number> {
  const nouns = debianNouns();
  const dist = new Map([[offset, 0]]);
  let frontier = [offset];
  for (let d = 1; frontier.length > 0; d++) {
    const next: string[] = [];
    for (const o of frontier) {
      const s = nouns.get(o)!;
      for (const h of [...s.hypernyms, ...s.instanceHypernyms]) {
        if (!dist.has(h)) {
          dist.set(h, d);
          next.push(h);
        }
      }
    }
    frontier = next;
  }
  return dist;
}

/** NLTK `path_similarity` for nouns, computed from the Debian file. */
export function nltkPathSimilarity(a: string, b: string): number {
  const da = upward(a);
  let best = Infinity;
  for (const [x, db] of upward(b)) {
    const d = da.get(x);
    if (d !== undefined) best = Math.min(best, d + db);
  }
  return 1 / (1 + best);
}

/** NLTK `min_depth`: recursive over hypernyms and instance hypernyms, memoised. */
export function nltkMinDepth(offset: string, memo = new Map<string, number>()): number {
  const known = memo.get(offset);
  if (known !== undefined) return known;
  const s = debianNouns().get(offset)!;
  const parents = [...s.hypernyms, ...s.instanceHypernyms];
  const depth = parents.length === 0 ? 0 : 1 + Math.min(...parents.map((p) => nltkMinDepth(p, memo)));
  memo.set(offset, depth);
  return depth;
}
