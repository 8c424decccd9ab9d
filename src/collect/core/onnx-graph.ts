/**
 * Just enough of ONNX's protobuf encoding (onnx.proto3) to list a model's nodes and to expose an intermediate tensor
 * as a graph output, which is how a classifier's penultimate layer becomes readable as a feature vector (ONNX Runtime
 * returns only declared graph outputs). Pure: bytes in, bytes out.
 */

/** One node of the graph: its operator and the names of the tensors it reads and writes. */
export interface OnnxNode {
  readonly opType: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
}

export interface OnnxGraph {
  readonly nodes: readonly OnnxNode[];
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  /** Names of the initializers (weights), which are not data flowing from the image. */
  readonly initializers: ReadonlySet<string>;
}

// Field numbers from onnx.proto3.
const MODEL_GRAPH = 7;
const GRAPH_NODE = 1;
const GRAPH_INITIALIZER = 5;
const GRAPH_INPUT = 11;
const GRAPH_OUTPUT = 12;
const NODE_INPUT = 1;
const NODE_OUTPUT = 2;
const NODE_OP_TYPE = 4;
const TENSOR_NAME = 8;
const VALUE_INFO_NAME = 1;

interface Field {
  readonly field: number;
  readonly wire: number;
  /** Start of the field's tag, and the [start, end) of a length-delimited payload. */
  readonly tagStart: number;
  readonly start: number;
  readonly end: number;
}

function readVarint(buf: Uint8Array, pos: number): [value: number, next: number] {
  let value = 0;
  let scale = 1;
  for (let i = pos; i < buf.length && i < pos + 10; i++) {
    const b = buf[i]!;
    value += (b & 0x7f) * scale;
    scale *= 128;
    if (b < 0x80) return [value, i + 1];
  }
  throw new Error('not an ONNX model (bad protobuf varint)');
}

function* fields(buf: Uint8Array, from = 0, to = buf.length): Generator<Field> {
  let pos = from;
  while (pos < to) {
    const tagStart = pos;
    const [tag, afterTag] = readVarint(buf, pos);
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    let start = afterTag;
    let end: number;
    if (wire === 0) end = readVarint(buf, afterTag)[1];
    else if (wire === 1) end = afterTag + 8;
    else if (wire === 5) end = afterTag + 4;
    else if (wire === 2) {
      const [len, body] = readVarint(buf, afterTag);
      start = body;
      end = body + len;
    } else throw new Error(`not an ONNX model (protobuf wire type ${wire})`);
    if (end > to || field === 0) throw new Error('not an ONNX model (truncated protobuf)');
    yield { field, wire, tagStart, start, end };
    pos = end;
  }
}

const utf8 = new TextDecoder();
const text = (buf: Uint8Array, f: Field) => utf8.decode(buf.subarray(f.start, f.end));

function graphField(model: Uint8Array): Field {
  for (const f of fields(model)) if (f.field === MODEL_GRAPH && f.wire === 2) return f;
  throw new Error('not an ONNX model (no graph)');
}

function nameOf(buf: Uint8Array, f: Field, nameField: number): string {
  for (const g of fields(buf, f.start, f.end)) if (g.field === nameField && g.wire === 2) return text(buf, g);
  return '';
}

/** The nodes, inputs, outputs and initializer names of an ONNX model's main graph (in file order). */
export function readOnnxGraph(model: Uint8Array): OnnxGraph {
  const g = graphField(model);
  const nodes: OnnxNode[] = [];
  const inputs: string[] = [];
  const outputs: string[] = [];
  const initializers = new Set<string>();
  for (const f of fields(model, g.start, g.end)) {
    if (f.wire !== 2) continue;
    if (f.field === GRAPH_NODE) {
      const node = { opType: '', inputs: [] as string[], outputs: [] as string[] };
      for (const n of fields(model, f.start, f.end)) {
        if (n.wire !== 2) continue;
        if (n.field === NODE_INPUT) node.inputs.push(text(model, n));
        else if (n.field === NODE_OUTPUT) node.outputs.push(text(model, n));
        else if (n.field === NODE_OP_TYPE) node.opType = text(model, n);
      }
      nodes.push(node);
    } else if (f.field === GRAPH_INPUT) inputs.push(nameOf(model, f, VALUE_INFO_NAME));
    else if (f.field === GRAPH_OUTPUT) outputs.push(nameOf(model, f, VALUE_INFO_NAME));
    else if (f.field === GRAPH_INITIALIZER) initializers.add(nameOf(model, f, TENSOR_NAME));
  }
  return { nodes, inputs: inputs.filter((i) => !initializers.has(i)), outputs, initializers };
}

function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 128) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}

function lengthDelimited(field: number, payload: Uint8Array): Uint8Array {
  const head = [...varint(field * 8 + 2), ...varint(payload.length)];
  const out = new Uint8Array(head.length + payload.length);
  out.set(head);
  out.set(payload, head.length);
  return out;
}

/**
 * The model with `names` (intermediate tensors) appended to its graph outputs, types left for ONNX Runtime to infer.
 * Protobuf lets repeated fields be appended anywhere, so only the graph's length prefix changes.
 */
export function withGraphOutputs(model: Uint8Array, names: readonly string[]): Uint8Array {
  const g = graphField(model);
  const added = names.map((n) => lengthDelimited(GRAPH_OUTPUT, lengthDelimited(VALUE_INFO_NAME, new TextEncoder().encode(n))));
  const body = new Uint8Array(g.end - g.start + added.reduce((s, a) => s + a.length, 0));
  body.set(model.subarray(g.start, g.end));
  let at = g.end - g.start;
  for (const a of added) {
    body.set(a, at);
    at += a.length;
  }
  const graph = lengthDelimited(MODEL_GRAPH, body);
  const out = new Uint8Array(g.tagStart + graph.length + model.length - g.end);
  out.set(model.subarray(0, g.tagStart));
  out.set(graph, g.tagStart);
  out.set(model.subarray(g.end), g.tagStart + graph.length);
  return out;
}

/** Operators that carry a classifier's logits to its output without mixing features (walked through backwards). */
const PASS_THROUGH = new Set(['Add', 'Identity', 'Softmax', 'LogSoftmax', 'Reshape', 'Flatten', 'Squeeze', 'Cast']);

/**
 * The input of the classifier's last fully connected layer, i.e. its penultimate features: from the first graph
 * output, walk back through bias adds and reshapes to a `Gemm` or `MatMul` and return its data input. Undefined when
 * the graph does not end that way (pass the tensor name explicitly then).
 */
export function penultimateTensor(graph: OnnxGraph): string | undefined {
  const producer = new Map<string, OnnxNode>();
  for (const n of graph.nodes) for (const o of n.outputs) producer.set(o, n);
  const dataInputs = (n: OnnxNode) => n.inputs.filter((i) => i !== '' && !graph.initializers.has(i));
  let tensor = graph.outputs[0];
  for (let steps = 0; tensor !== undefined && steps < 16; steps++) {
    const node = producer.get(tensor);
    if (!node) return undefined;
    const data = dataInputs(node);
    if (node.opType === 'Gemm' || node.opType === 'MatMul') return data[0];
    if (!PASS_THROUGH.has(node.opType) || data.length !== 1) return undefined;
    tensor = data[0];
  }
  return undefined;
}
