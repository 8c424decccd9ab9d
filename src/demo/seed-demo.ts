import type { JobQueue } from '../jobs/queue.js';
import type { Workspace } from '../store/workspace.js';
import { importDataset } from '../datasets/import-dataset.js';
import { packageDataPath } from '../paths.js';
import { ignoreProgress, type ProgressListener } from '../progress.js';
import { seedTestbed } from './seed-testbed.js';
import { seedStudy } from './seed-study.js';
import { seedChallenges } from './seed-challenges.js';
import { seedCollect } from './seed-collect.js';
import { seedCrowdDemo } from './seed-crowd.js';
import { seedSample } from './seed-sample.js';

export const DEMO_DATASET = 'fashion-mnist';

/** The demo's splits, from files bundled in data/demo/fashion-mnist (see its README for provenance). */
const DEMO_SPLITS = [
  { split: 'test', hidden: true, images: 't10k-images-idx3-ubyte.gz', labels: 't10k-labels-idx1-ubyte.gz' },
  { split: 'pool', hidden: false, images: 'pool-images-idx3-ubyte.gz', labels: 'pool-labels-idx1-ubyte.gz' },
] as const;

export interface DemoSummary {
  readonly dataset: string;
  /** Splits imported by this call; empty when the demo was already complete. */
  readonly imported: readonly string[];
}

/**
 * Seeds the demo workspace idempotently: each split that is missing is imported, existing ones are left alone, so
 * an interrupted seed completes on the next start. Every later stage adds its demo data here.
 */
export async function seedDemo(ws: Workspace, onProgress: ProgressListener = ignoreProgress): Promise<DemoSummary> {
  const imported: string[] = [];
  for (const s of DEMO_SPLITS) {
    const dataset = await ws.store.findDataset(DEMO_DATASET);
    if (dataset && (await ws.store.findSplit(dataset.id, s.split))) continue;
    await importDataset(ws, {
      layout: 'idx',
      dataset: DEMO_DATASET,
      split: s.split,
      classes: 'fashion-mnist',
      hidden: s.hidden,
      description: 'Fashion-MNIST (Zalando, MIT): 10 garment classes mapped to WordNet 3.0; test labels hidden, 10,000 training images as a candidate pool.',
      images: packageDataPath('demo', 'fashion-mnist', s.images),
      labels: packageDataPath('demo', 'fashion-mnist', s.labels),
    }, { onProgress: (p) => onProgress({ ...p, phase: `${s.split}: ${p.phase}` }) });
    imported.push(s.split);
  }
  await seedChallenges(ws, DEMO_DATASET);
  await seedCollect(ws, DEMO_DATASET, onProgress);
  await seedCrowdDemo(ws, onProgress, DEMO_DATASET);
  // The three sampled test sets (ImageNetV2's variants); before the testbed, which also evaluates the zoo on them.
  await seedSample(ws, DEMO_DATASET, onProgress);
  // The model zoo's evaluations take tens of seconds: they run here, inside the background demo job, with progress.
  await seedTestbed(ws, onProgress);
  await seedStudy(ws);
  return { dataset: DEMO_DATASET, imported };
}

/** Runs the seeding as a job so the server answers at once and shows progress on its pages. */
export async function registerDemoSeeding(jobs: JobQueue, ws: Workspace): Promise<string> {
  jobs.register('demo-seed', (_payload, ctx) => seedDemo(ws, (p) => ctx.progress(p)));
  return jobs.enqueue('demo-seed', {}, { title: 'Seeding the Fashion-MNIST demo' });
}
