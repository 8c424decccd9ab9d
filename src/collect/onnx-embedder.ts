import * as ort from 'onnxruntime-node';
import { UserError } from '../errors.js';
import { viewLength, viewsOf } from '../evaluate/core/preset-spec.js';
import { createDecodePool, type DecodePool } from '../evaluate/decode-pool.js';
import type { EncodedImage } from '../evaluate/preprocess-batch.js';
import { PRESETS, isPresetName, type PresetName } from '../evaluate/presets/index.js';
import type { Workspace } from '../store/workspace.js';
import { l2Normalise, penultimateTensor, readOnnxGraph, withGraphOutputs } from './core/index.js';

/** A registered testbed model used as a feature extractor for the embedding near-duplicate metric. */
export interface Embedder {
  /** `<ONNX sha256>/<preset>/<output>`: what stored embeddings are keyed by (same file, preset and tensor = same vectors). */
  readonly key: string;
  readonly model: string;
  readonly output: string;
  /** How the output was chosen. */
  readonly outputFrom: 'option' | 'card' | 'penultimate' | 'last-output';
  readonly preset: PresetName;
  /** Values per embedding (learnt from a dry run). */
  readonly dim: number;
  /** L2-normalised embeddings of a batch, `images.length × dim` values (multi-view presets average their views first). */
  embed(images: readonly EncodedImage[]): Promise<Float32Array>;
  close(): Promise<void>;
}

export interface EmbedderOptions {
  /** Tensor to read (`--embedding-output`); default: the card's `feature_output`, else the penultimate layer, else the last output. */
  readonly output?: string;
  /** ONNX Runtime intra-op threads (default: its own choice). */
  readonly threads?: number;
  /** Decode worker threads (default 0: decode in this thread; the batches here are small). */
  readonly workers?: number;
}

/**
 * Loads a model of the testbed zoo (`heldout model add`) as an embedder: its stored ONNX file and preprocessing preset,
 * the decode pool of src/evaluate, and one tensor of the graph as the feature vector. A tensor that is not a graph output
 * (e.g. the input of the final fully connected layer) is exposed by appending it to the graph's outputs.
 */
export async function loadEmbedder(ws: Workspace, modelName: string, options: EmbedderOptions = {}): Promise<Embedder> {
  const row = await ws.store.findModel(modelName);
  if (!row) {
    const known = (await ws.store.listModels()).filter((m) => m.onnx_sha256).map((m) => m.name);
    throw new UserError(`no testbed model named "${modelName}"${known.length ? ` (ONNX models: ${known.join(', ')})` : ' (register one with heldout model add)'}`);
  }
  if (!row.onnx_sha256 || !row.preset || !isPresetName(row.preset)) throw new UserError(`model ${modelName} has no ONNX file (imported predictions cannot embed images)`);
  const preset = row.preset;
  const what = `embedder ${modelName}`;
  let bytes: Uint8Array = await ws.blobs.get(row.onnx_sha256);
  const graph = readOnnxGraph(bytes);
  const tensors = new Set([...graph.outputs, ...graph.nodes.flatMap((n) => n.outputs)]);
  const card = JSON.parse(row.card_json) as Record<string, unknown>;
  const declared = typeof card.feature_output === 'string' ? card.feature_output : undefined;
  const penultimate = penultimateTensor(graph);
  const [output, outputFrom]: [string | undefined, Embedder['outputFrom']] = options.output !== undefined ? [options.output, 'option']
    : declared !== undefined ? [declared, 'card']
      : penultimate !== undefined ? [penultimate, 'penultimate'] : [graph.outputs.at(-1), 'last-output'];
  if (output === undefined || !tensors.has(output)) {
    const hint = [...graph.outputs, ...(penultimate ? [penultimate] : [])].map((t) => `"${t}"`).join(', ');
    throw new UserError(`${what}: no tensor named "${output ?? ''}" in the graph (outputs and the penultimate layer: ${hint})`);
  }
  if (!graph.outputs.includes(output)) bytes = withGraphOutputs(bytes, [output]);

  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes, {
      ...(options.threads !== undefined ? { intraOpNumThreads: options.threads } : {}),
      interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all',
      extra: { session: { intra_op: { allow_spinning: '0' } } },
    });
  } catch (err) {
    throw new UserError(`${what}: not a loadable ONNX model (${(err as Error).message.split('\n')[0]})`);
  }
  const spec = PRESETS[preset];
  const views = viewsOf(spec);
  const per = viewLength(spec);
  const { channels, height, width } = spec.input;
  const inputName = graph.inputs[0] ?? session.inputNames[0]!;
  const meta = session.inputMetadata[0];
  const fixed = meta?.isTensor && typeof meta.shape[0] === 'number' && meta.shape[0] > 0 ? meta.shape[0] : undefined;
  const runRows = async (input: Float32Array, rows: number): Promise<Float32Array> => {
    const res = await session.run({ [inputName]: new ort.Tensor('float32', input, [rows, channels, height, width]) }, [output]);
    const t = res[output]!;
    if (t.type !== 'float32' || t.dims[0] !== rows) throw new UserError(`${what}: tensor "${output}" is ${t.type} [${t.dims.join(', ')}] for ${rows} rows; expected float32 [${rows}, …]`);
    return t.data as Float32Array;
  };
  /** Runs rows in batches of the model's fixed batch size (padded with zeros), or all at once. */
  const run = async (input: Float32Array, rows: number): Promise<Float32Array> => {
    if (fixed === undefined) return runRows(input, rows);
    const parts: Float32Array[] = [];
    for (let r0 = 0; r0 < rows; r0 += fixed) {
      const chunk = new Float32Array(fixed * per);
      chunk.set(input.subarray(r0 * per, Math.min(rows, r0 + fixed) * per));
      const out = await runRows(chunk, fixed);
      parts.push(out.subarray(0, (Math.min(rows, r0 + fixed) - r0) * (out.length / fixed)));
    }
    const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };
  let dim: number;
  try {
    dim = (await run(new Float32Array(views * per), views)).length / views;
  } catch (err) {
    await session.release();
    throw err instanceof UserError ? err : new UserError(`${what}: dry run failed (${(err as Error).message.split('\n')[0]})`);
  }
  const pool: DecodePool = createDecodePool(options.workers ?? 0);
  return {
    key: `${row.onnx_sha256}/${preset}/${output}`, model: modelName, output, outputFrom, preset, dim,
    async embed(images) {
      if (images.length === 0) return new Float32Array(0);
      const tensor = await pool.preprocess(preset, images);
      const raw = await run(tensor, images.length * views);
      const out = new Float32Array(images.length * dim);
      for (let i = 0; i < images.length; i++) {
        for (let v = 0; v < views; v++) {
          const o = (i * views + v) * dim;
          for (let k = 0; k < dim; k++) out[i * dim + k] = out[i * dim + k]! + raw[o + k]! / views;
        }
      }
      return l2Normalise({ data: out, dim }).data;
    },
    async close() {
      await pool.close();
      await session.release();
    },
  };
}
