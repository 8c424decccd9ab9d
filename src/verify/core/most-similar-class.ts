/**
 * The class whose images serve as negative controls for `wnid`: the most similar other class by WordNet path
 * similarity (ImageNetV2's `wnid_to_most_similar_wnids[wnid][1]`). Ties go to the smaller wnid so the choice is
 * stable. `similarity` is injected (WordNet.pathSimilarity) to keep this function pure; undefined for < 2 classes.
 */
export function mostSimilarClass(wnid: string, classes: readonly string[], similarity: (a: string, b: string) => number): string | undefined {
  let best: string | undefined;
  let bestSim = -Infinity;
  for (const other of [...classes].sort()) {
    if (other === wnid) continue;
    const s = similarity(wnid, other);
    if (s > bestSim) {
      best = other;
      bestSim = s;
    }
  }
  return best;
}
