import { parse as parseCsv } from 'csv-parse/sync';
import type { NewPhase, SubmissionRow } from '../store/areas/challenge-tables.js';
import { findSplitOrThrow } from '../datasets/find-split.js';
import { ClassSet } from '../classes/class-set.js';
import { seededRng } from '../stats/rng.js';
import { UserError } from '../errors.js';
import type { ChallengeConfig, PhaseConfig } from './config/challenge-config.js';
import { METRICS } from './core/metrics.js';
import { seededAssignment, usageAssignment } from './core/split-assignment.js';
import type { ChallengeEnv } from './challenge-env.js';
import { encodeLabels, labelsFromFile, labelsOfItems } from './challenge-labels.js';
import { loadChallenge, type LoadedChallenge } from './load-challenge.js';
import { parseSubmission } from './parse-submission.js';
import { scoreSubmission } from './score-submission.js';

/** A validated config and where its relative files (usage CSVs, baselines) come from. */
export interface ChallengeSource {
  readonly config: ChallengeConfig;
  /** The config as written; stored as the challenge's config_json and re-validated on every load. */
  readonly raw: unknown;
  /** Name for messages, e.g. the config file's path. */
  readonly origin: string;
  /** Reads a file the config names (relative to the config file). */
  readonly readFile: (relPath: string) => Promise<Uint8Array>;
  /** Hidden labels from this file instead of the split's own labels. */
  readonly labelsFile?: string;
}

/**
 * Creates a challenge: resolves its dataset split and hosts, fixes the hidden label set (the split's labels or a
 * file), draws each phase's public/private split, hides the split's labels from the dataset pages, and scores the
 * baselines. Everything is checked before anything is written; the rows go in one transaction and the blobs this
 * call created are removed again if it fails.
 */
export async function createChallenge(env: ChallengeEnv, src: ChallengeSource): Promise<{ challenge: LoadedChallenge; baselines: SubmissionRow[] }> {
  const { store, blobs } = env.ws;
  const { config } = src;
  const now = env.now();
  if (await store.findChallenge({ name: config.name })) throw new UserError(`a challenge named "${config.name}" already exists`);
  const { dataset, split } = await findSplitOrThrow(store, config.dataset, config.split);
  const hostIds = await resolveHosts(env, config.hosts);
  const entries = await store.datasetClasses(dataset.id);
  const classes = ClassSet.fromWnids(dataset.class_set, entries.map((e) => e.wnid), entries.map((e) => e.name));
  const items = await store.listItems(split.id);
  if (items.length < 2) throw new UserError(`${config.dataset}/${config.split} has ${items.length} image(s); a challenge needs at least 2`);
  const imageIds = items.map((i) => i.name);
  const labels = src.labelsFile ? await labelsFromFile(src.labelsFile, classes, config.labelSpace, imageIds) : labelsOfItems(items, classes);
  const encoded = encodeLabels(labels);

  const phases: NewPhase[] = [];
  for (const [position, p] of config.phases.entries()) phases.push(await phaseRow(p, position, imageIds, src));

  const shape = { imageIds, classes, labelSpace: config.labelSpace, k: METRICS[config.metric].k, formats: config.formats, maxBytes: config.maxUploadBytes };
  const baselines: Array<{ name: string; bytes: Uint8Array; fileName: string; format: string; phases: string[] }> = [];
  for (const b of config.baselines) {
    const bytes = await src.readFile(b.file);
    const fileName = b.file.split(/[\\/]/).pop()!;
    const { format } = parseSubmission(bytes, fileName, shape);
    baselines.push({ name: b.name, bytes, fileName, format, phases: b.phase ? [b.phase] : config.phases.map((p) => p.name) });
  }

  const created: string[] = [];
  const put = async (bytes: Uint8Array) => {
    const r = await blobs.put(bytes);
    if (r.created) created.push(r.sha256);
    return r.sha256;
  };
  let rows: SubmissionRow[];
  try {
    await put(encoded.bytes);
    const shas = await Promise.all(baselines.map((b) => put(b.bytes)));
    rows = await store.transaction(async (tx) => {
      await tx.setLabelsHidden(split.id, true);
      const row = await tx.createChallenge({
        name: config.name, title: config.title, configJson: JSON.stringify(src.raw), datasetId: dataset.id, splitId: split.id, hostIds,
        labelSet: { labelHash: encoded.hash, n: labels.length, source: src.labelsFile ? src.labelsFile.split(/[\\/]/).pop()! : 'dataset' }, phases,
      }, now);
      const phaseRows = await tx.listPhases(row.id);
      const out: SubmissionRow[] = [];
      for (const [i, b] of baselines.entries()) {
        for (const name of b.phases) {
          out.push(await tx.insertSubmission({
            challenge_id: row.id, phase_id: phaseRows.find((p) => p.name === name)!.id, team_id: null, user_id: null, sha256: shas[i]!,
            file_name: b.fileName, bytes: b.bytes.byteLength, format: b.format, state: 'submitted', duplicate_of: null, charged: 0,
            is_baseline: 1, baseline_name: b.name, selected: 0, message: `baseline ${b.name}`, error: null, attempts: 0,
            created_at: now.toISOString(), started_at: null, finished_at: null,
          }));
        }
      }
      return out;
    });
  } catch (err) {
    for (const sha of created) await blobs.delete(sha);
    throw err;
  }
  // Baselines are scored here, not queued: they are few, and the challenge should open with its reference rows.
  for (const r of rows) await scoreSubmission(env, r.id);
  const challenge = await loadChallenge(env, config.name);
  return { challenge, baselines: await Promise.all(rows.map(async (r) => (await store.findSubmission(r.id))!)) };
}

async function resolveHosts(env: ChallengeEnv, names: readonly string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const name of names) {
    const u = await env.ws.store.findUser({ name });
    if (!u) throw new UserError(`host "${name}" has no account (create it with heldout user add ${name} --role host)`);
    if (u.role === 'participant') throw new UserError(`user "${name}" is a participant; hosts need the role host or admin`);
    ids.push(u.id);
  }
  return ids;
}

async function phaseRow(p: PhaseConfig, position: number, imageIds: readonly string[], src: ChallengeSource): Promise<NewPhase> {
  const n = imageIds.length;
  let assignment: string;
  if ('usage' in p.splits) {
    assignment = usageAssignment(imageIds, await readUsage(src, p.splits.usage), p.splits.usage);
  } else {
    const size = 'publicSize' in p.splits ? p.splits.publicSize : Math.round(p.splits.public * n);
    assignment = seededAssignment(n, Math.min(Math.max(size, 1), n - 1), seededRng(p.splits.seed));
  }
  const mode = p.leaderboard;
  return {
    name: p.name, position, starts_at: new Date(p.start).toISOString(), ends_at: new Date(p.end).toISOString(),
    mode: mode.kind, eta: mode.kind === 'ladder' ? mode.eta : null,
    quota_per_day: p.quota.perDay ?? null, quota_total: p.quota.total ?? null, quota_concurrent: p.quota.concurrent ?? null,
    assignment,
  };
}

/** A Kaggle-style solution CSV: an image id column (`image_id`, `id`) and a `Usage` column. */
async function readUsage(src: ChallengeSource, file: string): Promise<Map<string, string>> {
  const text = new TextDecoder().decode(await src.readFile(file));
  let rows: string[][];
  try {
    rows = parseCsv(text, { skip_empty_lines: true, bom: true });
  } catch (err) {
    throw new UserError(`${file}: not a valid CSV: ${err instanceof Error ? err.message : String(err)}`);
  }
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const idCol = header.findIndex((h) => h === 'image_id' || h === 'id');
  const usageCol = header.indexOf('usage');
  if (idCol < 0 || usageCol < 0) throw new UserError(`${file}: needs a header with image_id (or id) and Usage columns`);
  const out = new Map<string, string>();
  rows.slice(1).forEach((r, i) => {
    const id = r[idCol] ?? '';
    if (out.has(id)) throw new UserError(`${file}:${i + 2}: image ${JSON.stringify(id)} appears twice`);
    out.set(id, r[usageCol] ?? '');
  });
  return out;
}

