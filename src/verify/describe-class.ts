import { loadWordNet } from '../wordnet/load-wordnet.js';
import { taskQuestion } from './core/index.js';

export interface ClassDescription {
  readonly wnid: string;
  readonly lemmas: readonly string[];
  readonly definition: string;
  readonly question: string;
}

/** What a worker reads about a class: WordNet 3.0 lemmas and gloss, and the ImageNetV2 question built from them. */
export function describeClass(wnid: string): ClassDescription {
  const s = loadWordNet().show(wnid);
  return { wnid, lemmas: s.lemmas, definition: s.definition, question: taskQuestion(s.lemmas) };
}
