import type { Store } from '../store/store.js';
import { findProjectOrThrow } from '../verify/find-project.js';
import { BIN_LABELS, frequencySummary, overlapCount, type ClassNote, type FrequencySummary } from './core/index.js';
import { findRevisionOrThrow } from './find-revision.js';
import { loadSampleInputs } from './load-sample-inputs.js';
import { readRevisionNotes } from './revision-notes.js';
import type { RevisionParams } from './revision-params.js';
import { splitVoteReport, type SplitVoteReport } from './split-vote-report.js';

export interface RevisionReport {
  readonly name: string;
  readonly strategy: string;
  readonly seed: number;
  readonly parent: string | null;
  readonly params: RevisionParams;
  readonly createdAt: string;
  /** The materialised dataset (`name/test`), null if it was deleted. */
  readonly dataset: string | null;
  readonly images: number;
  readonly classes: number;
  readonly carried: number;
  /** The revision's images (votes at sampling time). */
  readonly frequency: FrequencySummary;
  /** The reference images with enough annotations (current votes). */
  readonly reference: FrequencySummary;
  readonly bins: ReadonlyArray<{ readonly bin: string; readonly revision: number; readonly reference: number }>;
  /** Classes with empty slots or bins filled from higher bins. */
  readonly shortClasses: ReadonlyArray<ClassNote & { readonly name: string }>;
  readonly classNotes: ReadonlyArray<ClassNote & { readonly name: string }>;
  readonly ineligible: Readonly<Record<string, number>>;
  readonly nearDuplicates: { readonly pools: readonly string[]; readonly skippedCheck: boolean };
  /** Images shared with every other revision of the same crowd project. */
  readonly overlaps: ReadonlyArray<{ readonly revision: string; readonly shared: number; readonly of: number }>;
  readonly splitVote?: SplitVoteReport;
}

/** Everything `heldout sample report` and the `/sample/:name` page show; aggregate counts only, no per-image labels. */
export async function revisionReport(store: Store, name: string, o: { readonly diagnostic?: boolean; readonly exitCode?: 1 | 2; readonly now?: Date } = {}): Promise<RevisionReport> {
  const { revision, params } = await findRevisionOrThrow(store, name, o.exitCode ?? 2);
  const notes = readRevisionNotes(revision.notes_json);
  const images = await store.sampleImages(revision.id);
  const project = (await store.listCrowdProjects()).find((p) => p.id === revision.project_id)!;
  const loaded = await findProjectOrThrow(store, project.name);
  const datasets = await store.listDatasets();
  const refDataset = datasets.find((d) => d.splits.some((s) => s.id === revision.reference_split_id));
  const refSplit = refDataset?.splits.find((s) => s.id === revision.reference_split_id);
  const names = new Map(refDataset ? (await store.datasetClasses(refDataset.id)).map((c) => [c.wnid, c.name]) : []);
  let reference: FrequencySummary = frequencySummary([]);
  if (refDataset && refSplit) {
    const inputs = await loadSampleInputs(store, loaded, { dataset: refDataset, split: refSplit }, { collectPools: notes.collectPools.length ? notes.collectPools : null, now: o.now ?? new Date() });
    reference = frequencySummary([...inputs.reference.values()].flat().filter((r) => r.shown >= params.minAnnotations));
  }
  const frequency = frequencySummary(images);
  const keys = new Set(images.map((i) => `${i.wnid}/${i.image_sha256}`));
  const overlaps = [];
  for (const other of await store.listSampleRevisions({ projectId: revision.project_id })) {
    if (other.id === revision.id) continue;
    const shared = overlapCount((await store.sampleImages(other.id)).map((i) => `${i.wnid}/${i.image_sha256}`), keys);
    overlaps.push({ revision: other.name, shared, of: other.images });
  }
  const classNotes = notes.classes.map((c) => ({ ...c, name: names.get(c.wnid) ?? c.wnid }));
  const ineligible: Record<string, number> = {};
  for (const c of notes.classes) for (const [k, v] of Object.entries(c.ineligible)) ineligible[k] = (ineligible[k] ?? 0) + (v ?? 0);
  const dataset = revision.dataset_id === null ? null : (datasets.find((d) => d.id === revision.dataset_id)?.name ?? null);
  return {
    name: revision.name, strategy: revision.strategy, seed: revision.seed, parent: params.from, params, createdAt: revision.created_at,
    dataset, images: images.length, classes: notes.classes.length, carried: images.filter((i) => i.carried === 1).length,
    frequency, reference,
    bins: BIN_LABELS.map((bin, b) => ({ bin, revision: frequency.bins[b]!, reference: reference.bins[b]! })),
    shortClasses: classNotes.filter((c) => c.short > 0 || (c.deficits ?? []).length > 0),
    classNotes, ineligible, nearDuplicates: { pools: notes.collectPools, skippedCheck: notes.skippedNearDuplicateCheck },
    overlaps,
    ...(o.diagnostic === false || !refSplit ? {} : {
      splitVote: await splitVoteReport(store, loaded, { referenceSplitId: refSplit.id, minAnnotations: params.minAnnotations, seed: revision.seed }),
    }),
  };
}
