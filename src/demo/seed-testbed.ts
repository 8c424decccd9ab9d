import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { addModel } from '../evaluate/add-model.js';
import type { ModelCard } from '../evaluate/model-card.js';
import { evaluateOnSplit } from '../evaluate/run-evaluations.js';
import { packageDataPath } from '../paths.js';
import { ignoreProgress, type ProgressListener } from '../progress.js';
import type { Workspace } from '../store/workspace.js';
import { DEMO_SAMPLE_SETS } from './seed-sample.js';

/** The demo dataset and split the zoo is evaluated on (the official Fashion-MNIST test split). */
const DATASET = 'fashion-mnist';
const SPLIT = 'test';

interface ZooCard extends ModelCard {
  readonly name: string;
  readonly preset: string;
  readonly classes: string;
  readonly mapping: 'sorted-index' | 'devkit';
}

export interface TestbedSeedSummary {
  /** Zoo models registered by this call. */
  readonly registered: readonly string[];
  /** Zoo models evaluated on fashion-mnist/test by this call (already finished ones are skipped). */
  readonly evaluated: readonly string[];
  /** `dataset/test` of each sampled demo set (seed-sample.ts) the zoo was evaluated on by this call; absent when none. */
  readonly sampleSets?: readonly string[];
}

/** The zoo's model cards (data/zoo/*.json, written by tools/zoo/train_zoo.py), by name. */
export async function zooCards(): Promise<ZooCard[]> {
  const dir = packageDataPath('zoo');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(files.map(async (f) => JSON.parse(await readFile(path.join(dir, f), 'utf8')) as ZooCard));
}

/**
 * Registers the demo zoo (data/zoo) and evaluates every model on fashion-mnist/test (and on the sampled demo sets'
 * test splits, when seedSample has made them), idempotently: registered models
 * and finished evaluations are skipped, an interrupted evaluation resumes. Needs the demo dataset (seedDemo imports
 * it first). 13 models × 10,000 images take tens of seconds on 2 cores, so this runs inside the demo's background
 * job and reports progress (phases `testbed: …`).
 */
export async function seedTestbed(ws: Workspace, onProgress: ProgressListener = ignoreProgress): Promise<TestbedSeedSummary> {
  const dataset = await ws.store.findDataset(DATASET);
  const split = dataset ? await ws.store.findSplit(dataset.id, SPLIT) : undefined;
  if (!dataset || !split) return { registered: [], evaluated: [] };
  const cards = await zooCards();
  const registered: string[] = [];
  for (const [i, card] of cards.entries()) {
    onProgress({ phase: 'testbed: register zoo', done: i, total: cards.length });
    if (await ws.store.findModel(card.name)) continue;
    await addModel(ws, {
      name: card.name, onnx: packageDataPath('zoo', `${card.name}.onnx`), preset: card.preset, classes: card.classes, mapping: card.mapping, cardData: card,
    });
    registered.push(card.name);
  }
  onProgress({ phase: 'testbed: register zoo', done: cards.length, total: cards.length });
  const todo = await unevaluated(ws, cards, split.id);
  if (todo.length > 0) await evaluateOnSplit(ws, DATASET, SPLIT, todo, { batch: 500, onProgress: (p) => onProgress({ ...p, phase: `testbed: ${p.phase}` }) });
  // The sampled demo sets (~100 images each) exist once seedSample has run: the zoo is evaluated on them too.
  const sampleSets: string[] = [];
  for (const name of Object.keys(DEMO_SAMPLE_SETS)) {
    const d = await ws.store.findDataset(name);
    const s = d && (await ws.store.findSplit(d.id, SPLIT));
    if (!s) continue;
    const missing = await unevaluated(ws, cards, s.id);
    if (missing.length === 0) continue;
    await evaluateOnSplit(ws, name, SPLIT, missing, { batch: 500, onProgress: (p) => onProgress({ ...p, phase: `testbed: ${name}: ${p.phase}` }) });
    sampleSets.push(`${name}/${SPLIT}`);
  }
  return { registered, evaluated: todo, ...(sampleSets.length ? { sampleSets } : {}) };
}

/** Zoo models without a finished evaluation on a split. */
async function unevaluated(ws: Workspace, cards: readonly ZooCard[], splitId: number): Promise<string[]> {
  const done = new Set((await ws.store.listEvaluations({ splitId })).filter((e) => e.status === 'done').map((e) => e.model_name));
  return cards.map((c) => c.name).filter((n) => !done.has(n));
}
