import type { Workspace } from '../store/workspace.js';
import { ClassSet } from '../classes/class-set.js';
import { seededRng } from '../stats/rng.js';
import { challengeEnv } from '../challenges/challenge-env.js';
import { labelsOfItems } from '../challenges/challenge-labels.js';
import { createChallenge } from '../challenges/create-challenge.js';
import { validateChallengeConfig } from '../challenges/config/challenge-config.js';

export const DEMO_CHALLENGE = 'fashion-mnist-demo';
export const DEMO_HOST = 'demo-host';

/** Baselines of the demo: predictions right with these probabilities (seeded), so the board has spread and ties. */
const BASELINES = [
  { name: 'weak baseline (≈55%)', accuracy: 0.55, seed: 1 },
  { name: 'medium baseline (≈75%)', accuracy: 0.75, seed: 2 },
  { name: 'strong baseline (≈90%)', accuracy: 0.9, seed: 3 },
  { name: 'strong baseline, rerun (≈90%)', accuracy: 0.9, seed: 4 },
] as const;

/**
 * Seeds the demo challenge on Fashion-MNIST's hidden test split (idempotent: does nothing when it exists): a
 * standard phase and a Ladder phase, open for a year from the first seeding, with baselines generated from the true
 * labels with seeded noise (the seeder runs as the host, so it may read them). Needs the demo dataset first.
 */
export async function seedChallenges(ws: Workspace, dataset = 'fashion-mnist', now = new Date()): Promise<{ created: boolean }> {
  const { store } = ws;
  if (await store.findChallenge({ name: DEMO_CHALLENGE })) return { created: false };
  const d = await store.findDataset(dataset);
  const split = d ? await store.findSplit(d.id, 'test') : undefined;
  if (!d || !split) return { created: false };
  if (!(await store.findUser({ name: DEMO_HOST }))) await store.createUser({ name: DEMO_HOST, role: 'host', passwordHash: null }, now);
  const entries = await store.datasetClasses(d.id);
  const classes = ClassSet.fromWnids(d.class_set, entries.map((e) => e.wnid), entries.map((e) => e.name));
  const labels = labelsOfItems(await store.listItems(split.id), classes);
  const files = new Map(BASELINES.map((b) => [`${b.seed}.txt`, noisyPredictions(labels, classes, b.accuracy, b.seed)]));
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())).toISOString();
  const end = new Date(Date.parse(start) + 365 * 24 * 3600 * 1000).toISOString();
  const raw = {
    version: 1,
    name: DEMO_CHALLENGE,
    title: 'Fashion-MNIST demo challenge',
    description: 'Classify the 10,000 Fashion-MNIST test images (labels hidden). Every score carries a 95% interval; ranks a paired test cannot separate from the leader are marked tied.',
    rules: 'Submit one line per test image, in image order (00000 … 09999): up to 5 devkit class IDs (1 = T-shirt/top … 10 = Ankle boot), best first; or CSV image_id,pred1,…; or JSON Lines.',
    dataset, split: 'test', metric: 'top1-accuracy', hosts: [DEMO_HOST], teamSizeLimit: 3, finalSelections: 2,
    phases: [
      { name: 'dev', start, end, quota: { perDay: 10, concurrent: 2 }, splits: { public: 0.3, seed: 1 } },
      { name: 'ladder', start, end, quota: { perDay: 10 }, splits: { public: 0.5, seed: 2 }, leaderboard: 'ladder(0.01)' },
    ],
    baselines: BASELINES.map((b) => ({ name: b.name, file: `${b.seed}.txt` })),
  };
  await createChallenge(challengeEnv(ws, { now: () => now }), {
    config: validateChallengeConfig(raw, 'demo challenge'), raw, origin: 'demo challenge',
    readFile: async (rel) => new TextEncoder().encode(files.get(rel)!),
  });
  return { created: true };
}

/** ILSVRC-style lines (devkit IDs) that name the true class first with probability `accuracy`, else another class. */
function noisyPredictions(labels: Int32Array, classes: ClassSet, accuracy: number, seed: number): string {
  const rng = seededRng(seed);
  let out = '';
  for (const y of labels) {
    const first = rng.next() < accuracy ? y : (y + 1 + rng.int(classes.size - 1)) % classes.size;
    out += `${classes.byIndex(first).devkitId} ${classes.byIndex((first + 1) % classes.size).devkitId}\n`;
  }
  return out;
}
