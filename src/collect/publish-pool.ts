import { resolveClassSet } from '../catalog/builtin-class-sets.js';
import type { ClassEntry } from '../classes/class-set.js';
import { UserError } from '../errors.js';
import { extensionForFormat } from '../formats/dataset/image-names.js';
import type { CollectCandidateRow } from '../store/store.js';
import type { Workspace } from '../store/workspace.js';
import { findPoolOrThrow } from './find-pool.js';
import { resolvePool } from './resolve-pool.js';

export interface PublishRequest {
  readonly pool: string;
  /** Dataset to add the split to (created when new, which needs `classes`). */
  readonly dataset: string;
  readonly split: string;
  /** Class set of a new dataset: a built-in name or a class-table file. */
  readonly classes?: string;
  /** Also publish candidates whose close pairs nobody has decided yet (ImageNetV2 labelled only reviewed ones). */
  readonly includeUnreviewed?: boolean;
}

export interface PublishSummary {
  readonly pool: string;
  readonly dataset: string;
  readonly split: string;
  readonly createdDataset: boolean;
  readonly published: number;
  readonly perClass: Readonly<Record<string, number>>;
  /** Confirmed near-duplicates left out (of reference images, or the non-kept members of a candidate group). */
  readonly excluded: number;
  /** Candidates left out because a close pair is still undecided (0 with includeUnreviewed). */
  readonly unreviewed: number;
}

/**
 * Publishes a pool's usable candidates as a dataset split, the hand-over from collection to crowd verification:
 * `heldout crowd project create --dataset D --split S` labels it, and `heldout sample` finds each image's
 * near-duplicate status again through the pool (the items are the candidates' stored 500 px copies).
 * Items are named `<candidate id>.<ext>` in candidate-id order and labelled with the class they were collected for;
 * labels are visible (they are search terms, not ground truth). One transaction; no new blobs.
 */
export async function publishPool(ws: Workspace, req: PublishRequest, now: Date = new Date()): Promise<PublishSummary> {
  const { store } = ws;
  const pool = await findPoolOrThrow(store, req.pool);
  const resolution = await resolvePool(store, pool.name);
  const excluded = new Set(resolution.excluded.map((e) => e.candidate));
  const unreviewed = new Set(resolution.unreviewed);
  const accepted = await store.listCandidates(pool.id, { status: 'accepted' });
  const chosen = accepted
    .filter((c) => !excluded.has(c.id) && (req.includeUnreviewed || !unreviewed.has(c.id)))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (chosen.length === 0) {
    throw new UserError(`pool ${pool.name} has no candidate to publish (${accepted.length} accepted, ${excluded.size} excluded as near-duplicates, ${unreviewed.size} with undecided pairs: review them with heldout collect review, or pass --include-unreviewed)`);
  }

  const existing = await store.findDataset(req.dataset);
  const classes: readonly ClassEntry[] = existing ? await store.datasetClasses(existing.id) : newDatasetClasses(req);
  const known = new Set(classes.map((c) => c.wnid));
  const foreign = [...new Set(chosen.map((c) => c.wnid).filter((w) => !known.has(w)))];
  if (foreign.length > 0) throw new UserError(`dataset ${req.dataset} has no class ${foreign.slice(0, 5).join(', ')}${foreign.length > 5 ? ` (and ${foreign.length - 5} more)` : ''}`);

  const images = await Promise.all(chosen.map((c) => imageOf(ws, c)));
  const perClass: Record<string, number> = {};
  for (const c of chosen) perClass[c.wnid] = (perClass[c.wnid] ?? 0) + 1;
  await store.transaction(async (tx) => {
    const dataset = (await tx.findDataset(req.dataset)) ?? (await tx.createDataset({
      name: req.dataset, description: `Candidates of collect pool ${pool.name}, published for crowd verification.`,
      classSet: req.classes!, classes,
    }, now));
    if (await tx.findSplit(dataset.id, req.split)) throw new UserError(`dataset ${dataset.name} already has a split "${req.split}"`);
    const split = await tx.createSplit(dataset.id, { name: req.split, labelsHidden: false, sourceLayout: 'collect', sourcePath: `collect:${pool.name}` }, now);
    await tx.putImages(images.map((img) => ({ ...img, created_at: now.toISOString() })));
    await tx.addItems(split.id, chosen.map((c, position) => ({
      position, name: `${c.id}.${extensionForFormat(images[position]!.format)}`, image_sha256: images[position]!.sha256, wnid: c.wnid,
      source_path: c.source_path ?? c.source_url ?? `collect:${pool.name}/${c.id}`,
    })));
  });
  return {
    pool: pool.name, dataset: req.dataset, split: req.split, createdDataset: existing === undefined, published: chosen.length, perClass,
    excluded: accepted.filter((c) => excluded.has(c.id)).length, unreviewed: req.includeUnreviewed ? 0 : accepted.filter((c) => unreviewed.has(c.id) && !excluded.has(c.id)).length,
  };
}

function newDatasetClasses(req: PublishRequest): readonly ClassEntry[] {
  if (!req.classes) throw new UserError(`dataset ${req.dataset} does not exist: pass --classes (e.g. ilsvrc2012, fashion-mnist or a class-table file) to create it`);
  return resolveClassSet(req.classes).entries;
}

/** The candidate's 500 px copy as an image row (the copy crowd workers see and a published test set would ship). */
async function imageOf(ws: Workspace, c: CollectCandidateRow): Promise<{ sha256: string; width: number; height: number; format: string; bytes: number }> {
  const sha256 = c.scaled_sha256 ?? c.original_sha256;
  if (!sha256) throw new Error(`accepted candidate ${c.id} has no stored image`);
  const known = await ws.store.findImage(sha256);
  if (known) return { sha256, width: known.width, height: known.height, format: known.format, bytes: known.bytes };
  const bytes = await ws.blobs.get(sha256);
  const { default: sharp } = await import('sharp');
  const meta = await sharp(bytes).metadata();
  if (!meta.width || !meta.height || !meta.format) throw new Error(`stored copy ${sha256} of candidate ${c.id} cannot be read`);
  return { sha256, width: meta.width, height: meta.height, format: meta.format, bytes: bytes.length };
}
