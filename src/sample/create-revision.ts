import { UserError } from '../errors.js';
import { ignoreProgress, type ProgressListener } from '../progress.js';
import type { SampleRevisionRow } from '../store/store.js';
import type { Workspace } from '../store/workspace.js';
import { findProjectOrThrow } from '../verify/find-project.js';
import { referenceTargets, sampleRevision, type SampledRevision, type SamplingStrategy } from './core/index.js';
import { findRevisionOrThrow } from './find-revision.js';
import { loadSampleInputs, resolveReference } from './load-sample-inputs.js';
import { materialiseRevision } from './materialise-revision.js';
import type { RevisionNotes } from './revision-notes.js';
import { parseRevisionParams, coreParameters, type RevisionParams } from './revision-params.js';

/** What `heldout sample create` asks for; anything left out comes from the parent revision (`from`), else the defaults. */
export interface CreateRevisionRequest {
  readonly pool?: string;
  readonly reference?: string;
  readonly strategy?: SamplingStrategy;
  readonly perClass?: number;
  readonly threshold?: number;
  readonly thresholdOverrides?: Readonly<Record<string, number>>;
  readonly seed: number;
  readonly from?: string;
  readonly name?: string;
  readonly minAnnotations?: number;
  readonly minReference?: number;
  readonly upward?: boolean;
  readonly skipNearDuplicateCheck?: boolean;
  readonly collectPools?: readonly string[];
}

export interface CreatedRevision {
  readonly revision: SampleRevisionRow;
  readonly params: RevisionParams;
  readonly sampled: SampledRevision;
  readonly notes: RevisionNotes;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * Samples a new revision and stores it, materialised as a dataset `<name>` with one split `test` (labels hidden, the
 * reference's class set, items reusing the candidates' image blobs) so the testbed, challenges and studies use it like
 * any test set. Steps: parameters (the parent's, overridden by the request) → inputs (votes, blacklist, near-duplicate
 * status, reference votes) → the pure core → one store transaction (dataset, split, items, revision, images).
 */
export async function createRevision(ws: Workspace, req: CreateRevisionRequest, o: { onProgress?: ProgressListener; now?: Date } = {}): Promise<CreatedRevision> {
  const { store } = ws;
  const onProgress = o.onProgress ?? ignoreProgress;
  const now = o.now ?? new Date();
  const parent = req.from !== undefined ? await findRevisionOrThrow(store, req.from) : undefined;
  const inherited = parent?.params;
  const pool = req.pool ?? inherited?.pool;
  const strategy = req.strategy ?? inherited?.strategy;
  if (pool === undefined) throw new UserError('sample: --pool is required (or --from a revision)');
  if (strategy === undefined) throw new UserError('sample: --strategy is required (or --from a revision)');
  const loaded = await findProjectOrThrow(store, pool);
  const ref = await resolveReference(store, loaded, req.reference ?? inherited?.reference);
  const pick = <K extends keyof RevisionParams>(k: K, given: RevisionParams[K] | undefined): RevisionParams[K] | undefined => given ?? inherited?.[k];
  const params = parseRevisionParams(Object.fromEntries(Object.entries({
    pool, reference: `${ref.dataset.name}:${ref.split.name}`, strategy, seed: req.seed,
    perClass: pick('perClass', req.perClass), minAnnotations: pick('minAnnotations', req.minAnnotations),
    minReference: pick('minReference', req.minReference), threshold: pick('threshold', req.threshold),
    thresholdOverrides: pick('thresholdOverrides', req.thresholdOverrides as Record<string, number> | undefined),
    upward: pick('upward', req.upward), skipNearDuplicateCheck: pick('skipNearDuplicateCheck', req.skipNearDuplicateCheck),
    collectPools: req.collectPools ? [...req.collectPools] : inherited?.collectPools, from: parent?.revision.name ?? null,
  }).filter(([, v]) => v !== undefined)));
  if (parent && parent.revision.project_id !== loaded.project.id) throw new UserError(`revision ${parent.revision.name} comes from another crowd project than ${pool}`);

  const name = req.name ?? (await defaultName(ws, params));
  if (!NAME.test(name)) throw new UserError(`revision name "${name}" must start with a letter or digit and use only letters, digits, ".", "_" and "-" (at most 100)`);
  if (await store.findSampleRevision({ name })) throw new UserError(`a revision named "${name}" exists already`);
  if (await store.findDataset(name)) throw new UserError(`a dataset named "${name}" exists already (a revision becomes a dataset of its name)`);

  const refClasses = new Set((await store.datasetClasses(ref.dataset.id)).map((c) => c.wnid));
  onProgress({ phase: 'sample: votes', done: 0, total: 1 });
  const inputs = await loadSampleInputs(store, loaded, ref, { collectPools: params.collectPools, now });
  onProgress({ phase: 'sample: votes', done: 1, total: 1 });
  const foreign = inputs.classes.filter((w) => !refClasses.has(w));
  if (foreign.length) throw new UserError(`classes of project ${pool} missing from reference ${params.reference}: ${foreign.slice(0, 10).join(', ')}`);
  const unknownOverrides = Object.keys(params.thresholdOverrides).filter((w) => !inputs.classes.includes(w));
  if (unknownOverrides.length) throw new UserError(`threshold overrides for classes not in project ${pool}: ${unknownOverrides.join(', ')}`);

  let targets: ReadonlyMap<string, readonly number[]> | undefined;
  if (params.strategy === 'matched-frequency') {
    const t = referenceTargets(inputs.reference, inputs.classes, params);
    if (t.short.length) {
      throw new UserError(`MatchedFrequency needs ≥ ${params.minReference} reference images with ≥ ${params.minAnnotations} annotations per class (reference ${params.reference}, positive controls of project ${pool}); short: ${t.short.slice(0, 20).map((s) => `${s.wnid} (${s.images})`).join(', ')}${t.short.length > 20 ? `, … ${t.short.length} classes` : ''}`);
    }
    targets = t.targets;
  }
  const previous = parent ? new Set((await store.sampleImages(parent.revision.id)).map((i) => `${i.wnid}/${i.image_sha256}`)) : undefined;
  const sampled = sampleRevision({ params: coreParameters(params), classes: inputs.classes, candidates: inputs.candidates, ...(previous ? { previous } : {}), ...(targets ? { targets } : {}) });
  onProgress({ phase: 'sample: strategy', done: 1, total: 1 });
  if (sampled.images.length === 0) throw new UserError(`no eligible candidates in project ${pool}: ${eligibilitySummary(sampled)}`);

  const notes: RevisionNotes = { classes: sampled.classes, collectPools: inputs.collectPools, skippedNearDuplicateCheck: params.skipNearDuplicateCheck };
  const revision = await materialiseRevision(ws, {
    name, params, notes, sampled, projectId: loaded.project.id, reference: ref, parentId: parent?.revision.id ?? null,
  }, { now, onProgress });
  return { revision, params, sampled, notes };
}

/** `<pool>-<strategy>-r<n>`, the first n not taken by a revision or dataset. */
async function defaultName(ws: Workspace, p: RevisionParams): Promise<string> {
  for (let n = 1; ; n++) {
    const name = `${p.pool}-${p.strategy}-r${n}`;
    if (!(await ws.store.findSampleRevision({ name })) && !(await ws.store.findDataset(name))) return name;
  }
}

/** `ineligible: 12 few-annotations, 3 not-checked`. */
export function eligibilitySummary(s: SampledRevision): string {
  const totals: Record<string, number> = {};
  for (const c of s.classes) for (const [k, v] of Object.entries(c.ineligible)) totals[k] = (totals[k] ?? 0) + (v ?? 0);
  const parts = Object.entries(totals).map(([k, v]) => `${v} ${k}`);
  return parts.length ? `ineligible: ${parts.join(', ')}` : 'no candidates with votes';
}
