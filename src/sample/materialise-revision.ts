import type { ProgressListener } from '../progress.js';
import type { SampleRevisionRow } from '../store/store.js';
import type { Workspace } from '../store/workspace.js';
import { extensionForFormat } from '../formats/dataset/image-names.js';
import type { SampledRevision } from './core/index.js';
import type { ReferenceSplit } from './load-sample-inputs.js';
import type { RevisionNotes } from './revision-notes.js';
import type { RevisionParams } from './revision-params.js';

/** The split a revision is materialised as. */
export const REVISION_SPLIT = 'test';

export interface MaterialiseRequest {
  readonly name: string;
  readonly params: RevisionParams;
  readonly notes: RevisionNotes;
  readonly sampled: SampledRevision;
  readonly projectId: number;
  readonly reference: ReferenceSplit;
  readonly parentId: number | null;
}

/**
 * Writes a revision in ONE transaction: dataset `<name>` (the reference dataset's classes, so class indices agree),
 * split `test` with hidden labels whose items are the revision's images in row order (named `<sha256>.<ext>`, the
 * images already stored as candidates: no new blobs), then the revision row and its image rows.
 */
export async function materialiseRevision(ws: Workspace, r: MaterialiseRequest, o: { now: Date; onProgress: ProgressListener }): Promise<SampleRevisionRow> {
  const { store } = ws;
  const formats = new Map<string, string>();
  for (const img of r.sampled.images) formats.set(img.id, (await store.findImage(img.id))?.format ?? 'jpeg');
  o.onProgress({ phase: 'sample: store', done: 0, total: 1 });
  const row = await store.transaction(async (tx) => {
    const dataset = await tx.createDataset({
      name: r.name,
      description: `Sampled by heldout sample (${r.params.strategy}, ${r.params.perClass} per class, seed ${r.params.seed}) from crowd project ${r.params.pool}; reference ${r.params.reference}${r.params.from ? `; from revision ${r.params.from}` : ''}.`,
      classSet: r.reference.dataset.class_set,
      classes: await tx.datasetClasses(r.reference.dataset.id),
    }, o.now);
    const split = await tx.createSplit(dataset.id, { name: REVISION_SPLIT, labelsHidden: true, sourceLayout: 'sample', sourcePath: `sample:${r.name}` }, o.now);
    await tx.addItems(split.id, r.sampled.images.map((img, position) => ({
      position, name: `${img.id}.${extensionForFormat(formats.get(img.id)!)}`, image_sha256: img.id, wnid: img.wnid, source_path: `sample:${r.name}`,
    })));
    return tx.createSampleRevision({
      name: r.name, project_id: r.projectId, reference_split_id: r.reference.split.id, strategy: r.params.strategy, seed: r.params.seed,
      params_json: JSON.stringify(r.params), parent_id: r.parentId, dataset_id: dataset.id, notes_json: JSON.stringify(r.notes),
    }, r.sampled.images.map((img, row) => ({
      row, image_sha256: img.id, wnid: img.wnid, selected: img.selected, shown: img.shown, carried: img.carried ? 1 : 0,
    })), o.now);
  });
  o.onProgress({ phase: 'sample: store', done: 1, total: 1 });
  return row;
}
