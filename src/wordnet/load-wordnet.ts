import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { UserError } from '../errors.js';
import { packageDataPath } from '../paths.js';
import { parseWordNetData } from './parse-wordnet-data.js';
import { WordNet } from './wordnet.js';

/** The shipped WordNet 3.0 noun database (built by tools/wordnet/build.mjs). */
export const WORDNET_DATA_FILE = packageDataPath('wordnet', 'wn30-noun.tsv.gz');

let cached: WordNet | undefined;

/** The shipped WordNet 3.0 nouns, read once per process (~0.3 s) and cached. */
export function loadWordNet(): WordNet {
  cached ??= readWordNet();
  return cached;
}

/** Reads and parses a gzipped noun database without caching; for tools, tests and benchmarks. */
export function readWordNet(file: string = WORDNET_DATA_FILE): WordNet {
  let gz: Buffer;
  try {
    gz = readFileSync(file);
  } catch (err) {
    throw new UserError(`cannot read the WordNet data file ${file} (${(err as Error).message}); the installation is incomplete`, 1);
  }
  // WordNet 3.0 is pure ASCII; latin1 decoding is the cheapest exact one.
  return new WordNet(parseWordNetData(gunzipSync(gz).toString('latin1')));
}
