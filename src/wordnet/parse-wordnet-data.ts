/**
 * The shipped noun database in columnar form: row i is one noun synset, rows sorted by offset (so by wnid).
 * Hypernyms are stored as row numbers in CSR form: the hypernyms of row i are
 * `hypernymRows[hypernymStart[i] .. hypernymStart[i + 1])`, with the same positions in `hypernymIsInstance`.
 */
export interface WordNetData {
  /** 8-digit byte offsets into WordNet 3.0 data.noun, ascending. */
  readonly offsets: readonly string[];
  /** Raw lemma column: space-separated, underscores for spaces, `#N` suffix when the sense number is not 1. */
  readonly lemmaFields: readonly string[];
  /** Raw gloss: definition, then usually `; "example"` parts. */
  readonly glosses: readonly string[];
  readonly hypernymStart: Int32Array;
  readonly hypernymRows: Int32Array;
  /** 1 where the edge is an instance hypernym (`@i`, e.g. a named city to "city"), else 0. */
  readonly hypernymIsInstance: Uint8Array;
}

/**
 * Parses the text of data/wordnet/wn30-noun.tsv (see data/wordnet/README.md for the format).
 * Throws a plain Error on malformed input: the file ships with the package, so a bad file is a bug, not user input.
 */
export function parseWordNetData(text: string): WordNetData {
  const offsets: string[] = [];
  const lemmaFields: string[] = [];
  const glosses: string[] = [];
  const hypernymFields: string[] = [];
  let pos = 0;
  let lineNo = 0;
  // A hand-rolled scanner instead of split('\n').map(split('\t')): it avoids 400k temporary strings on every load.
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    lineNo++;
    if (end > pos && text.charCodeAt(pos) !== 35 /* # */) {
      const t1 = text.indexOf('\t', pos);
      const t2 = text.indexOf('\t', t1 + 1);
      const t3 = text.indexOf('\t', t2 + 1);
      if (t1 < 0 || t2 < 0 || t3 < 0 || t3 > end) throw new Error(`wordnet data line ${lineNo}: expected 4 tab-separated columns`);
      const offset = text.slice(pos, t1);
      if (offsets.length > 0 && offset <= offsets[offsets.length - 1]!) {
        throw new Error(`wordnet data line ${lineNo}: offsets must be unique and ascending`);
      }
      offsets.push(offset);
      lemmaFields.push(text.slice(t1 + 1, t2));
      hypernymFields.push(text.slice(t2 + 1, t3));
      glosses.push(text.slice(t3 + 1, end));
    }
    pos = end + 1;
  }

  const rowOf = new Map<string, number>();
  offsets.forEach((o, i) => rowOf.set(o, i));
  const hypernymStart = new Int32Array(offsets.length + 1);
  const rows: number[] = [];
  const instance: number[] = [];
  hypernymFields.forEach((field, i) => {
    if (field !== '') {
      for (const token of field.split(' ')) {
        const isInstance = token.startsWith('i');
        const row = rowOf.get(isInstance ? token.slice(1) : token);
        if (row === undefined) throw new Error(`wordnet data: synset ${offsets[i]} has unknown hypernym ${token}`);
        rows.push(row);
        instance.push(isInstance ? 1 : 0);
      }
    }
    hypernymStart[i + 1] = rows.length;
  });
  return {
    offsets,
    lemmaFields,
    glosses,
    hypernymStart,
    hypernymRows: Int32Array.from(rows),
    hypernymIsInstance: Uint8Array.from(instance),
  };
}
