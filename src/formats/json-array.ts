/** Items per chunk: a million rows go out in pieces of a few hundred kB, made as they are written. */
const ITEMS_PER_CHUNK = 2048;

/**
 * `count` items (made by `itemAt` as the chunks are taken) as the text of one JSON array, in chunks whose concatenation
 * is exactly `JSON.stringify(items, null, indent)`. Printing a million rows as one string would need hundreds of MB in
 * one piece, near V8's limit for a string's length.
 */
export function* jsonArrayChunks(count: number, itemAt: (k: number) => unknown, { indent = 0 }: { indent?: number } = {}): Generator<string> {
  if (count === 0) {
    yield '[]';
    return;
  }
  const pad = ' '.repeat(indent);
  const item = (k: number) => (indent === 0 ? JSON.stringify(itemAt(k)) : `\n${pad}${JSON.stringify(itemAt(k), null, indent).replaceAll('\n', `\n${pad}`)}`);
  let parts: string[] = ['['];
  for (let k = 0; k < count; k++) {
    parts.push(`${k > 0 ? ',' : ''}${item(k)}`);
    if (parts.length >= ITEMS_PER_CHUNK) {
      yield parts.join('');
      parts = [];
    }
  }
  parts.push(indent === 0 ? ']' : '\n]');
  yield parts.join('');
}
