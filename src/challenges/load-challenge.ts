import { ClassSet } from '../classes/class-set.js';
import type { ChallengeRow, PhaseRow, UserRow } from '../store/areas/challenge-tables.js';
import { validateChallengeConfig, type ChallengeConfig } from './config/challenge-config.js';
import { METRICS, type MetricDefinition } from './core/metrics.js';
import type { ChallengeEnv } from './challenge-env.js';
import { ChallengeError } from './challenge-error.js';
import { decodeLabels } from './challenge-labels.js';

/** A challenge with its parsed config, phases and hosts. */
export interface LoadedChallenge {
  readonly row: ChallengeRow;
  readonly config: ChallengeConfig;
  readonly metric: MetricDefinition;
  readonly phases: readonly PhaseRow[];
  readonly hostIds: readonly number[];
}

/** Loads a challenge by name; 404 when there is none. */
export async function loadChallenge(env: ChallengeEnv, name: string): Promise<LoadedChallenge> {
  const row = await env.ws.store.findChallenge({ name });
  if (!row) throw new ChallengeError(`no challenge named "${name.slice(0, 80)}"`, 404);
  return loadChallengeRow(env, row);
}

export async function loadChallengeRow(env: ChallengeEnv, row: ChallengeRow): Promise<LoadedChallenge> {
  const config = storedConfig(env, row);
  return {
    row, config, metric: METRICS[config.metric],
    phases: await env.ws.store.listPhases(row.id),
    hostIds: await env.ws.store.challengeHostIds(row.id),
  };
}

function storedConfig(env: ChallengeEnv, row: ChallengeRow): ChallengeConfig {
  const known = env.cache.configs.get(row.id);
  if (known?.json === row.config_json) return known.config;
  const config = validateChallengeConfig(JSON.parse(row.config_json), `challenge ${row.name}`);
  env.cache.configs.set(row.id, { json: row.config_json, config });
  return config;
}

/** Admins host every challenge; hosts the ones that name them. */
export function isHostOf(user: UserRow | undefined, c: LoadedChallenge): boolean {
  return user !== undefined && (user.role === 'admin' || (user.role === 'host' && c.hostIds.includes(user.id)));
}

/** The challenge's image names in label order and its class set (public information: the dataset pages show both). */
export function challengeImages(env: ChallengeEnv, c: LoadedChallenge): Promise<{ imageIds: readonly string[]; classes: ClassSet }> {
  return cached(env.cache.images, c.row.id, async () => {
    const { store } = env.ws;
    const entries = await store.datasetClasses(c.row.dataset_id);
    const dataset = await store.findDataset(c.config.dataset);
    const classes = ClassSet.fromWnids(dataset?.class_set ?? c.config.dataset, entries.map((e) => e.wnid), entries.map((e) => e.name));
    const imageIds = (await store.listItems(c.row.split_id)).map((i) => i.name);
    return { imageIds, classes };
  });
}

/** The cached promise for `key`, made once; a failed load is forgotten so the next call retries. */
function cached<K, V>(map: Map<K, Promise<V>>, key: K, load: () => Promise<V>): Promise<V> {
  let p = map.get(key);
  if (!p) {
    p = load();
    map.set(key, p);
    p.catch(() => map.delete(key));
  }
  return p;
}

/** The hidden labels of a revision (default: the current one). Server-side only. */
export async function challengeLabels(env: ChallengeEnv, c: LoadedChallenge, revision = c.row.revision): Promise<{ labels: Int32Array; hash: string }> {
  const set = await env.ws.store.labelSet(c.row.id, revision);
  if (!set) throw new Error(`challenge ${c.row.name} has no label set for revision ${revision}`);
  const labels = await cached(env.cache.labels, `${c.row.id}:${revision}`, async () => decodeLabels(await env.ws.blobs.get(set.label_hash)));
  return { labels, hash: set.label_hash };
}

/** The phase of that name, or the one open at `now` when no name is given. */
export function findPhase(c: LoadedChallenge, name: string | undefined, now: Date): PhaseRow {
  if (name !== undefined) {
    const p = c.phases.find((x) => x.name === name);
    if (!p) throw new ChallengeError(`challenge ${c.row.name} has no phase "${name.slice(0, 80)}" (phases: ${c.phases.map((x) => x.name).join(', ')})`, 404);
    return p;
  }
  const open = c.phases.find((p) => phaseIsOpen(p, now));
  if (open) return open;
  const last = [...c.phases].reverse().find((p) => Date.parse(p.starts_at) <= now.getTime()) ?? c.phases[0]!;
  return last;
}

/** Open: started, not ended, not closed by the host. */
export function phaseIsOpen(p: PhaseRow, now: Date): boolean {
  return p.closed_at === null && Date.parse(p.starts_at) <= now.getTime() && now.getTime() < Date.parse(p.ends_at);
}
