/** Items per chunk: a million rows go out in pieces of a few hundred kB, made as the client reads them. */
const ITEMS_PER_CHUNK = 2048;

/**
 * A JSON array of `count` items, made by `itemAt` only as the client pulls the body (what `c.json` would send, byte for
 * byte). `c.json` first builds the whole text: for a million frequency rows that is hundreds of MB in one string, near
 * V8's limit for a string's length.
 */
export function jsonArrayStream(count: number, itemAt: (k: number) => unknown): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let k = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const parts: string[] = k === 0 ? ['['] : [];
      const end = Math.min(count, k + ITEMS_PER_CHUNK);
      for (; k < end; k++) parts.push(`${k > 0 ? ',' : ''}${JSON.stringify(itemAt(k))}`);
      if (k >= count) parts.push(']');
      controller.enqueue(encoder.encode(parts.join('')));
      if (k >= count) controller.close();
    },
  });
}
