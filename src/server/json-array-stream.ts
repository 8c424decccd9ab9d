import { jsonArrayChunks } from '../formats/json-array.js';

/**
 * A JSON array of `count` items as a response body, each chunk made only when the client pulls it (what `c.json`
 * would send, byte for byte, without first building the whole text).
 */
export function jsonArrayStream(count: number, itemAt: (k: number) => unknown): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const chunks = jsonArrayChunks(count, itemAt);
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const next = chunks.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
  });
}
