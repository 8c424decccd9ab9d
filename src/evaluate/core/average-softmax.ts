/**
 * Turns a model's output rows into one score row per image. With `views` = 1 the logits are the scores. With
 * several views of each image (the 10-crop protocol) the scores are the mean of the views' softmax probabilities, as
 * in Krizhevsky et al. 2012 ("averaging the predictions made by the network's softmax layer on the ten patches").
 * Rows of image i are `output[(i·views + v)·classes …]`. Softmax subtracts the row maximum first (stable for any
 * finite logits); a non-finite logit propagates as NaN so callers' checks catch it.
 */
export function scoresFromOutputs(output: Float32Array, images: number, views: number, classes: number): Float32Array {
  if (output.length !== images * views * classes) throw new RangeError(`expected ${images * views * classes} outputs, got ${output.length}`);
  if (views === 1) return output;
  const out = new Float32Array(images * classes);
  const acc = new Float64Array(classes);
  for (let i = 0; i < images; i++) {
    acc.fill(0);
    for (let v = 0; v < views; v++) {
      const base = (i * views + v) * classes;
      let max = -Infinity;
      for (let j = 0; j < classes; j++) max = Math.max(max, output[base + j]!);
      let sum = 0;
      for (let j = 0; j < classes; j++) sum += Math.exp(output[base + j]! - max);
      for (let j = 0; j < classes; j++) acc[j]! += Math.exp(output[base + j]! - max) / sum;
    }
    for (let j = 0; j < classes; j++) out[i * classes + j] = acc[j]! / views;
  }
  return out;
}
