import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { addModel } from '../evaluate/add-model.js';
import type { ModelCard } from '../evaluate/model-card.js';
import { evaluateOnSplit } from '../evaluate/run-evaluations.js';
import { packageDataPath } from '../paths.js';
import { ignoreProgress, type ProgressListener } from '../progress.js';
import type { Workspace } from '../store/workspace.js';

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
}

/** The zoo's model cards (data/zoo/*.json, written by tools/zoo/train_zoo.py), by name. */
export async function zooCards(): Promise<ZooCard[]> {
  const dir = packageDataPath('zoo');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(files.map(async (f) => JSON.parse(await readFile(path.join(dir, f), 'utf8')) as ZooCard));
}

/**
 * Registers the demo zoo (data/zoo) and evaluates every model on fashion-mnist/test, idempotently: registered models
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
  const done = new Set((await ws.store.listEvaluations({ splitId: split.id })).filter((e) => e.status === 'done').map((e) => e.model_name));
  const todo = cards.map((c) => c.name).filter((n) => !done.has(n));
  if (todo.length === 0) return { registered, evaluated: [] };
  await evaluateOnSplit(ws, DATASET, SPLIT, todo, { batch: 500, onProgress: (p) => onProgress({ ...p, phase: `testbed: ${p.phase}` }) });
  return { registered, evaluated: todo };
}
