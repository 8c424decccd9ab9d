import { createHash } from 'node:crypto';
import { loadBuiltinClassSet } from '../../src/catalog/builtin-class-sets.js';
import { challengeEnv, type ChallengeEnv } from '../../src/challenges/challenge-env.js';
import { createChallenge } from '../../src/challenges/create-challenge.js';
import { validateChallengeConfig } from '../../src/challenges/config/challenge-config.js';
import { addUser } from '../../src/challenges/accounts.js';
import { seededRng } from '../../src/stats/rng.js';
import type { JobQueue } from '../../src/jobs/queue.js';
import type { UserRole } from '../../src/store/store.js';
import type { Workspace } from '../../src/store/workspace.js';

export const CLASSES = loadBuiltinClassSet('fashion-mnist');
export const T0 = new Date('2026-06-01T12:00:00Z');

/** Deterministic labels (class indices) for n images. */
export function makeLabels(n: number, seed = 7): Int32Array {
  const rng = seededRng(seed);
  return Int32Array.from({ length: n }, () => rng.int(CLASSES.size));
}

/** A dataset `fm` with split `test` of n images whose wnids follow `labels` (image rows only, no pixels). */
export async function seedDataset(ws: Workspace, labels: Int32Array, name = 'fm'): Promise<void> {
  const now = new Date('2026-01-01T00:00:00Z');
  const d = await ws.store.createDataset({ name, description: 'test', classSet: 'fashion-mnist', classes: CLASSES.entries }, now);
  const s = await ws.store.createSplit(d.id, { name: 'test', labelsHidden: false, sourceLayout: 'idx', sourcePath: 'x' }, now);
  const images = Array.from(labels, (_, i) => ({ sha256: createHash('sha256').update(`${name}-${i}`).digest('hex'), width: 1, height: 1, format: 'png', bytes: 1, created_at: now.toISOString() }));
  await ws.store.putImages(images);
  await ws.store.addItems(s.id, Array.from(labels, (y, i) => ({
    position: i, name: String(i).padStart(5, '0'), image_sha256: images[i]!.sha256, wnid: CLASSES.byIndex(y).wnid,
    source_path: null, source_url: null, license: null, date_taken: null, date_uploaded: null,
  })));
}

/**
 * ILSVRC-style predictions (devkit IDs, one line per image) that are right with probability `accuracy`, with
 * `guesses` guesses per line; deterministic for a seed.
 */
export function predictions(labels: Int32Array, accuracy: number, seed: number, guesses = 1): string {
  const rng = seededRng(seed);
  const lines: string[] = [];
  for (const y of labels) {
    const right = rng.next() < accuracy;
    const first = right ? y : (y + 1 + rng.int(CLASSES.size - 1)) % CLASSES.size;
    const row = [first];
    for (let j = 1; j < guesses; j++) row.push((first + j) % CLASSES.size);
    lines.push(row.map((i) => CLASSES.byIndex(i).devkitId).join(' '));
  }
  return `${lines.join('\n')}\n`;
}

/** A config object with sensible test defaults; override any field. */
export function config(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: 1, name: 'fm-challenge', title: 'FM challenge', dataset: 'fm', split: 'test', metric: 'top1-accuracy', hosts: ['hana'],
    phases: [{ name: 'dev', start: '2026-05-01T00:00:00Z', end: '2026-12-31T00:00:00Z', quota: { perDay: 5, total: 20 }, splits: { public: 0.5, seed: 3 } }],
    ...over,
  };
}

export interface Arena {
  readonly env: ChallengeEnv;
  readonly labels: Int32Array;
  readonly tokens: Record<string, string>;
  clock: Date;
}

/** A workspace with dataset `fm`, host `hana`, an admin `root`, participants `ann`, `bob`, `cat`, and a challenge. */
export async function arena(ws: Workspace, options: { n?: number; config?: Record<string, unknown>; jobs?: JobQueue; files?: Record<string, string> } = {}): Promise<Arena> {
  const labels = makeLabels(options.n ?? 200);
  await seedDataset(ws, labels);
  const a: Arena = { env: undefined as unknown as ChallengeEnv, labels, tokens: {}, clock: T0 };
  (a as { env: ChallengeEnv }).env = challengeEnv(ws, { now: () => a.clock, ...(options.jobs ? { jobs: options.jobs } : {}) });
  const users: Array<[string, UserRole]> = [['hana', 'host'], ['root', 'admin'], ['ann', 'participant'], ['bob', 'participant'], ['cat', 'participant'], ['dan', 'participant']];
  for (const [name, role] of users) a.tokens[name] = (await addUser(ws.store, { name, role, password: `${name}-password` }, T0)).token;
  const raw = options.config ?? config();
  const files = options.files ?? {};
  await createChallenge(a.env, {
    config: validateChallengeConfig(raw, 'test config'), raw, origin: 'test config',
    readFile: async (rel) => {
      if (!(rel in files)) throw new Error(`no file ${rel}`);
      return new TextEncoder().encode(files[rel]);
    },
  });
  return a;
}
