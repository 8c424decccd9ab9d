import { dedupPool } from '../collect/dedup-pool.js';
import { ingestCandidates } from '../collect/ingest-candidates.js';
import type { IngestEntry } from '../collect/sources/ingest-entry.js';
import { ignoreProgress, type ProgressListener } from '../progress.js';
import { createRevision, type CreateRevisionRequest } from '../sample/create-revision.js';
import type { Workspace } from '../store/workspace.js';
import { createProject } from '../verify/create-project.js';
import { createTasks } from '../verify/create-tasks.js';
import { findProjectOrThrow } from '../verify/find-project.js';
import { serviceTransport } from '../verify/service-transport.js';
import { simulateCrowdWork } from '../verify/simulate-crowd.js';

/** A fully simulated labeling project made for sampling (the visitor-facing fashion-mnist-demo stays as it is). */
export const SAMPLING_PROJECT = 'fashion-mnist-sampling';
/** The collect pool that checks the sampling project's candidates for near-duplicates. */
export const SAMPLING_POOL = 'fashion-mnist-sampling-candidates';
/** The three demo test sets, ImageNetV2's three variants. */
export const DEMO_SAMPLE_SETS = {
  'fashion-mnist-v2-matched-frequency': { strategy: 'matched-frequency', seed: 274721306 },
  'fashion-mnist-v2-threshold-0.7': { strategy: 'threshold', seed: 600717499 },
  'fashion-mnist-v2-top-images': { strategy: 'top', seed: 940573347 },
} as const satisfies Record<string, { strategy: CreateRevisionRequest['strategy']; seed: number }>;

const SEED = 20261207;
const CANDIDATES_PER_CLASS = 40;
/**
 * Two grids per class of 20 candidates + 10 positive + 5 negative controls, 10 workers each: every candidate gets
 * ImageNetV2's 10 annotations, and each class 20 reference images (positive controls from the test split) with 10
 * annotations each, MatchedFrequency's minimum. ImageNetV2's 42 + 3 + 3 grids would need ~7 grids per class for 20.
 */
const COMPOSITION = { candidates: 20, positives: 10, negatives: 5 };
const WORKERS = 10;
/** pHash radius of the demo's near-duplicate search (Fashion-MNIST silhouettes sit close; see seed-collect.ts). */
const MAX_HAMMING = 4;
/**
 * The demo's stand-in for a person reviewing close pairs: "same" when the 256×256 RGB copies are within this squared
 * pixel L2 (Fashion-MNIST has a few re-saved duplicates between train and test), else "different". Recorded as
 * reviewer `demo-simulated-reviewer`.
 */
const SAME_L2 = 2e7;
const REVIEWER = 'demo-simulated-reviewer';

export interface SampleDemoSummary {
  readonly project: string;
  readonly createdProject: boolean;
  readonly reviewedPairs: number;
  readonly created: readonly string[];
}

/**
 * Seeds the sampling stage idempotently: a simulated labeling project over the first 40 pool images per class, its
 * candidates ingested into a collect pool, deduplicated against the test split and reviewed by a simulated reviewer,
 * then the three ImageNetV2-style sets sampled through the same service as `heldout sample`. Each step is skipped
 * once done. Needs the demo dataset (pool and test splits).
 */
export async function seedSample(ws: Workspace, dataset: string, onProgress: ProgressListener = ignoreProgress): Promise<SampleDemoSummary> {
  const { store } = ws;
  const d = await store.findDataset(dataset);
  const pool = d && (await store.findSplit(d.id, 'pool'));
  if (!d || !pool || !(await store.findSplit(d.id, 'test'))) return { project: SAMPLING_PROJECT, createdProject: false, reviewedPairs: 0, created: [] };
  const progress = (p: { phase: string; done: number; total: number }) => onProgress({ ...p, phase: `sample: ${p.phase}` });
  const now = new Date();

  const createdProject = !(await store.findCrowdProject(SAMPLING_PROJECT));
  if (createdProject) {
    await createProject(store, {
      name: SAMPLING_PROJECT, dataset, split: 'pool', controlsFrom: { dataset, split: 'test' },
      settings: { seed: SEED, composition: COMPOSITION, assignmentsPerTask: WORKERS },
    }, now);
    const loaded = await findProjectOrThrow(store, SAMPLING_PROJECT);
    await createTasks(store, loaded, { now, limitPerClass: CANDIDATES_PER_CLASS });
    await simulateCrowdWork(store, loaded, { workers: WORKERS, seed: SEED, spamRate: 0.1, fetch: serviceTransport(store), now, onProgress: progress });
  }
  const reviewedPairs = await checkCandidates(ws, dataset, pool.id, progress);

  const created: string[] = [];
  for (const [name, s] of Object.entries(DEMO_SAMPLE_SETS)) {
    if (await store.findSampleRevision({ name })) continue;
    await createRevision(ws, {
      name, pool: SAMPLING_PROJECT, reference: `${dataset}:test`, strategy: s.strategy, seed: s.seed, collectPools: [SAMPLING_POOL],
    }, { onProgress: progress, now });
    created.push(name);
  }
  return { project: SAMPLING_PROJECT, createdProject, reviewedPairs, created };
}

/** Ingests the project's candidates into the sampling pool, dedups them against test, and reviews pending pairs. */
async function checkCandidates(ws: Workspace, dataset: string, poolSplitId: number, onProgress: ProgressListener): Promise<number> {
  const { store } = ws;
  let collectPool = await store.findPool(SAMPLING_POOL);
  if (!collectPool?.review_thresholds) {
    const project = (await store.findCrowdProject(SAMPLING_PROJECT))!;
    const ids = new Set((await store.crowdTaskImageKeys(project.id)).filter((i) => i.role === 'candidate' && i.item_id !== null).map((i) => i.item_id!));
    const items = (await store.listItems(poolSplitId)).filter((it) => ids.has(it.id));
    const entries: IngestEntry[] = await Promise.all(items.map(async (it) => ({
      where: `${dataset}/pool/${it.name}`, bytes: { kind: 'bytes' as const, bytes: await ws.blobs.get(it.image_sha256) }, sourcePath: it.name,
      sourceName: `${dataset}-sampling`, sourceId: it.name, sourceUrl: null, owner: null, license: 'MIT', dateTaken: null, dateUploaded: null,
      title: null, tags: null, wnid: it.wnid,
    })));
    await ingestCandidates(ws, {
      pool: SAMPLING_POOL, description: `The candidates of crowd project ${SAMPLING_PROJECT}, checked against ${dataset}/test and within the pool.`,
      source: { kind: 'entries', entries },
    }, { onProgress, batchSize: 250 });
    await dedupPool(ws, { pool: SAMPLING_POOL, against: [`${dataset}/test`], maxHamming: MAX_HAMMING, metrics: ['phash'] }, { onProgress });
    collectPool = (await store.findPool(SAMPLING_POOL))!;
  }
  const pending = (await store.listPairs(collectPool.id)).filter((p) => p.decision === null);
  const now = new Date();
  await store.transaction(async (tx) => {
    for (const p of pending) await tx.decidePair(p.id, (p.distances.l2 ?? Infinity) <= SAME_L2 ? 'same' : 'different', REVIEWER, now);
  });
  return pending.length;
}
