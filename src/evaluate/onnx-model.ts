import * as ort from 'onnxruntime-node';
import { UserError } from '../errors.js';
import { viewLength, viewsOf, type PresetSpec } from './core/preset-spec.js';

/** An ONNX model loaded for inference, with the one input and output Heldout uses. */
export interface OnnxModel {
  readonly what: string;
  readonly inputName: string;
  readonly outputName: string;
  /** The batch dimension when the model fixes it (e.g. exported with batch 1), else undefined (dynamic). */
  readonly fixedBatch: number | undefined;
  /** Runs `rows` input rows (images × views) of the preset's shape; returns rows × outputs float32 values. */
  run(input: Float32Array, rows: number): Promise<Float32Array>;
  close(): Promise<void>;
}

export interface OnnxOptions {
  /** Intra-op threads of ONNX Runtime's CPU provider; default: ONNX Runtime's own choice (all cores). */
  readonly threads?: number;
}

/**
 * Loads an ONNX model on ONNX Runtime's CPU provider and checks it against a preset and a class count: one float32
 * input of shape [N, C, H, W] matching the preset, one output of N × `classes` values. `what` names the model in
 * every error, e.g. `model lenet5 (lenet5.onnx)`.
 */
export async function loadOnnxModel(bytes: Uint8Array, what: string, spec: PresetSpec, presetName: string, classes: number, options: OnnxOptions = {}): Promise<OnnxModel> {
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(bytes, {
      ...(options.threads !== undefined ? { intraOpNumThreads: options.threads } : {}),
      interOpNumThreads: 1,
      executionMode: 'sequential',
      graphOptimizationLevel: 'all',
      // Decoding workers share the cores: a spinning thread pool would take their time while it waits.
      extra: { session: { intra_op: { allow_spinning: '0' } } },
    });
  } catch (err) {
    throw new UserError(`${what}: not a loadable ONNX model (${firstLine(err)})`);
  }
  try {
    return await checked(session, what, spec, presetName, classes);
  } catch (err) {
    await session.release();
    throw err;
  }
}

async function checked(session: ort.InferenceSession, what: string, spec: PresetSpec, presetName: string, classes: number): Promise<OnnxModel> {
  if (session.inputNames.length !== 1) throw new UserError(`${what}: has ${session.inputNames.length} inputs (${session.inputNames.join(', ')}); Heldout feeds exactly one image tensor`);
  const inputName = session.inputNames[0]!;
  const outputName = session.outputNames[0];
  if (outputName === undefined) throw new UserError(`${what}: has no outputs`);
  const { channels, height, width } = spec.input;
  const want = [channels, height, width];
  const meta = session.inputMetadata[0];
  let fixedBatch: number | undefined;
  if (meta?.isTensor) {
    if (meta.type !== 'float32') throw new UserError(`${what}: input "${inputName}" is ${meta.type}; presets produce float32`);
    const shape = meta.shape;
    const mismatch = shape.length !== 4 || want.some((d, i) => typeof shape[i + 1] === 'number' && shape[i + 1] !== d);
    if (mismatch) {
      throw new UserError(`${what}: input "${inputName}" has shape [${shape.join(', ')}] but preset ${presetName} gives [N, ${want.join(', ')}]`);
    }
    if (typeof shape[0] === 'number' && shape[0] > 0) fixedBatch = shape[0];
  }
  const views = viewsOf(spec);
  if (fixedBatch !== undefined && fixedBatch % views !== 0) {
    throw new UserError(`${what}: its batch dimension is fixed to ${fixedBatch}, not a multiple of the ${views} views per image of preset ${presetName}`);
  }
  const model: OnnxModel = {
    what,
    inputName,
    outputName,
    fixedBatch,
    async run(input: Float32Array, rows: number): Promise<Float32Array> {
      let result: ort.InferenceSession.ReturnType;
      try {
        result = await session.run({ [inputName]: new ort.Tensor('float32', input, [rows, channels, height, width]) }, [outputName]);
      } catch (err) {
        throw new UserError(`${what}: inference failed for input [${rows}, ${want.join(', ')}] (${firstLine(err)})`);
      }
      const out = result[outputName]!;
      const dims = out.dims;
      const perRow = dims.slice(1).reduce((a, b) => a * b, 1);
      if (out.type !== 'float32' || dims[0] !== rows || perRow !== classes) {
        throw new UserError(`${what}: output "${outputName}" is ${out.type} [${dims.join(', ')}] for ${rows} input rows; expected float32 [${rows}, ${classes}] (one score per class of the class set)`);
      }
      return out.data as Float32Array;
    },
    close: () => session.release(),
  };
  // One dry run checks the output size and catches shape errors that metadata cannot show.
  await model.run(new Float32Array((fixedBatch ?? views) * viewLength(spec)), fixedBatch ?? views);
  return model;
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n').map((l) => l.trim()).filter(Boolean).join(' ').slice(0, 300);
}
